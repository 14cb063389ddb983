import { Construct } from "constructs";
import { TerraformStack } from "../cdktf";
import { shortHash } from "../common/hash";
import { CoreNetworkSecurityGroup } from "../../.gen/providers/oci/core-network-security-group";
import {
  CoreNetworkSecurityGroupSecurityRule,
  CoreNetworkSecurityGroupSecurityRuleConfig,
} from "../../.gen/providers/oci/core-network-security-group-security-rule";
import { OcidType, checkOcid } from "../common/ocid";
import { CidrPeer, Connections, IConnectable, OracleServicesPeer, Peer } from "./connections";
import { RuleDirection, Traffic, cidrKey, defaultDescription, describeTraffic, ruleProblems, trafficKey } from "./network-security-rules";

/** A rule as the NSG holds it; `rules` exposes these for inspection. */
export interface SecurityRule {
  readonly direction: RuleDirection;
  /** The other side: an NSG, a CIDR or the Oracle Services Network. */
  readonly peer: NetworkSecurityGroup | CidrPeer | OracleServicesPeer;
  readonly traffic: Traffic;
  /** Shown in the OCI console. Metadata: not part of the rule's identity or address. */
  readonly description: string;
}

/** What `addRule` takes: the peer may be anything connectable with exactly one NSG; the description is optional. */
export interface SecurityRuleRequest {
  readonly direction: RuleDirection;
  readonly peer: Peer;
  readonly traffic: Traffic;
  /**
   * Shown in the OCI console.
   * @default generated from the rule, e.g. "ingress from NSG pods on TCP 3306"
   */
  readonly description?: string;
}

export interface NetworkSecurityGroupProps {
  readonly compartmentId: string;
  readonly vcnId: string;
  readonly displayName: string;
}

const PROTOCOL_NUMBERS: Record<Traffic["protocol"], string> = { tcp: "6", udp: "17", icmp: "1", all: "all" };

/**
 * An OCI network security group, created here or referenced by OCID. Its rules are added through
 * `connections` (`nsg.connections.allowFrom(peer, Port.tcp(443))`). A rule's identity is
 * (direction, peer, traffic); its Terraform address is made from that identity, so editing its
 * description changes nothing but the description.
 */
export class NetworkSecurityGroup extends Construct implements IConnectable {
  /** Wraps an NSG made elsewhere; rules added to it become resources of this stack. */
  public static fromExisting(scope: Construct, id: string, nsgId: string): NetworkSecurityGroup {
    return new NetworkSecurityGroup(scope, id, nsgId);
  }

  public static isNetworkSecurityGroup(x: unknown): x is NetworkSecurityGroup {
    return x instanceof NetworkSecurityGroup;
  }

  /** The NSG's OCID (a Terraform reference when created here). */
  public readonly nsgId: string;
  /** This NSG's traffic rules, after aws-cdk's `Connections`. */
  public readonly connections: Connections;
  private readonly ruleList: (SecurityRule & { key: string; stack: TerraformStack })[] = [];
  /** Terraform address part → identity, to refuse two identities that would share an address. */
  private readonly addresses = new Map<string, string>();

  public constructor(scope: Construct, id: string, props: NetworkSecurityGroupProps | string) {
    super(scope, id);
    if (typeof props === "string") {
      this.nsgId = checkOcid(props, `${id} nsgId`, OcidType.nsg);
    } else {
      this.nsgId = new CoreNetworkSecurityGroup(this, "nsg", {
        compartmentId: props.compartmentId,
        vcnId: props.vcnId,
        displayName: props.displayName,
      }).id;
    }
    this.connections = new Connections({ securityGroups: [this] });
  }

  /** The rules added so far, in order (a rule written in several stacks once). */
  public get rules(): readonly SecurityRule[] {
    const seen = new Set<string>();
    return this.ruleList
      .filter((r) => !seen.has(r.key) && seen.add(r.key))
      .map(({ stack: _stack, key: _key, ...rule }) => rule);
  }

  /**
   * Adds exactly one rule on this NSG: the one place every rule is validated and written. Prefer
   * `connections.allowFrom` / `allowTo`, which write both sides between two NSGs.
   * @param scope the construct that needs the rule: in another stack than the NSG's, the rule is
   * written in that stack (under `nsg-rules`). The same (direction, peer, traffic) asked for again
   * in a stack that already has it, or in the NSG's own stack, is a no-op whatever its description.
   * @default scope the NSG itself
   */
  public addRule(request: SecurityRuleRequest, scope: Construct = this): void {
    const { direction, traffic } = request;
    const peer = this.resolvePeer(request.peer);
    const identity = ruleIdentity(this, direction, peer, traffic);
    const description = request.description ?? defaultDescription(direction, identity.peerLabel, traffic);
    const problems = ruleProblems({
      direction,
      sourceCidr: !NetworkSecurityGroup.isNetworkSecurityGroup(peer) && peer.kind === "cidr" ? peer.cidr : undefined,
      traffic,
      description,
    });
    if (problems.length) throw new Error(`${this.node.path}: ${problems.join("; ")}`);
    const claimed = this.addresses.get(identity.address);
    if (claimed !== undefined && claimed !== identity.key) {
      throw new Error(
        `${this.node.path}: ${direction} rules to "${identity.peerLabel}" on ${describeTraffic(traffic)} and an earlier one share the address "${identity.address}"; give reference CIDRs distinct Peer.ipv4 names`,
      );
    }
    this.addresses.set(identity.address, identity.key);

    const ownStack = TerraformStack.of(this);
    const stack = TerraformStack.of(scope);
    // The NSG's own stack is applied before any stack that uses it, so its rules serve them all.
    if (this.ruleList.some((r) => r.key === identity.key && (r.stack === stack || r.stack === ownStack))) return;
    this.ruleList.push({ direction, peer, traffic, description, key: identity.key, stack });
    const [owner, id] =
      stack === ownStack ? [this as Construct, identity.address] : [rulesHolder(stack), `${shortHash(this.node.path)}-${identity.address}`];
    new CoreNetworkSecurityGroupSecurityRule(owner, id, {
      networkSecurityGroupId: this.nsgId,
      description,
      direction: direction.toUpperCase(),
      stateless: false,
      ...peerAttributes(direction, peer),
      ...trafficAttributes(traffic),
    });
  }

  private resolvePeer(peer: Peer): SecurityRule["peer"] {
    if (!Peer.isConnectable(peer)) return peer;
    const groups = peer.connections.securityGroups;
    if (groups.length !== 1) {
      throw new Error(
        `${this.node.path}: addRule needs a peer with exactly one NSG, got ${groups.length}; use connections.allowFrom/allowTo for several`,
      );
    }
    return groups[0];
  }
}

/**
 * A rule's identity and the Terraform address made from it:
 * `<direction>-<peer>-<traffic>`, e.g. `ingress-pods-nsg-tcp-3306`, `egress-osn-tcp-all`,
 * `ingress-cidr-0-0-0-0-0-tcp-443`. A peer NSG beside this one is named by its construct id,
 * this NSG itself `self`, any other NSG by its id and a hash of its path.
 */
function ruleIdentity(
  self: NetworkSecurityGroup,
  direction: RuleDirection,
  peer: SecurityRule["peer"],
  traffic: Traffic,
): { key: string; address: string; peerLabel: string } {
  let peerKey: string;
  let peerAddress: string;
  let peerLabel: string;
  if (NetworkSecurityGroup.isNetworkSecurityGroup(peer)) {
    peerKey = `nsg:${peer.node.path}`;
    peerAddress = peer === self ? "self" : peer.node.scope === self.node.scope ? peer.node.id : `${peer.node.id}-${shortHash(peer.node.path)}`;
    peerLabel = `NSG ${peer.node.id}`;
  } else if (peer.kind === "cidr") {
    peerKey = `cidr:${peer.cidr}`;
    peerAddress = peer.name === undefined ? cidrKey(peer.cidr) : `cidr-${peer.name}`;
    peerLabel = peer.name ?? peer.cidr;
  } else {
    peerKey = "osn";
    peerAddress = "osn";
    peerLabel = "Oracle Services Network";
  }
  return {
    key: `${direction}|${peerKey}|${trafficKey(traffic)}`,
    address: `${direction}-${peerAddress}-${trafficKey(traffic)}`,
    peerLabel,
  };
}

/** One construct per stack holds the rules that stack adds to NSGs of earlier stacks. */
function rulesHolder(stack: TerraformStack): Construct {
  return (stack.node.tryFindChild("nsg-rules") as Construct | undefined) ?? new Construct(stack, "nsg-rules");
}

function peerAttributes(
  direction: "ingress" | "egress",
  peer: SecurityRule["peer"],
): Pick<CoreNetworkSecurityGroupSecurityRuleConfig, "source" | "sourceType" | "destination" | "destinationType"> {
  const [value, type] = NetworkSecurityGroup.isNetworkSecurityGroup(peer)
    ? [peer.nsgId, "NETWORK_SECURITY_GROUP"]
    : peer.kind === "cidr"
      ? [peer.cidr, "CIDR_BLOCK"]
      : [peer.cidrLabel, "SERVICE_CIDR_BLOCK"];
  return direction === "ingress" ? { source: value, sourceType: type } : { destination: value, destinationType: type };
}

function trafficAttributes(
  traffic: Traffic,
): Pick<CoreNetworkSecurityGroupSecurityRuleConfig, "protocol" | "tcpOptions" | "udpOptions" | "icmpOptions"> {
  const protocol = PROTOCOL_NUMBERS[traffic.protocol];
  switch (traffic.protocol) {
    case "all":
      return { protocol };
    case "icmp":
      return { protocol, icmpOptions: { type: traffic.type, code: traffic.code } };
    case "tcp":
    case "udp": {
      if (traffic.fromPort === undefined) return { protocol };
      const options = { destinationPortRange: { min: traffic.fromPort, max: traffic.toPort ?? traffic.fromPort } };
      return traffic.protocol === "tcp" ? { protocol, tcpOptions: options } : { protocol, udpOptions: options };
    }
  }
}
