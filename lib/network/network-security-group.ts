import { Construct } from "constructs";
import { TerraformStack } from "../cdktf";
import { shortHash } from "../common/hash";
import { CoreNetworkSecurityGroup } from "../../.gen/providers/oci/core-network-security-group";
import {
  CoreNetworkSecurityGroupSecurityRule,
  CoreNetworkSecurityGroupSecurityRuleConfig,
} from "../../.gen/providers/oci/core-network-security-group-security-rule";
import { OcidType, checkOcid } from "../common/ocid";
import { isReference } from "../common/references";
import { parseCidr } from "./network-cidr-plan";
import { ADMIN_PORTS, MAX_DESCRIPTION_LENGTH, Traffic, opensAdminPortToInternet } from "./network-security-rules";

/**
 * Where a rule's traffic comes from or goes to: another NSG, a CIDR, or the Oracle Services
 * Network through the service gateway.
 */
export type SecurityPeer =
  | NetworkSecurityGroup
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "oracle-services"; readonly cidrLabel: string };

export const SecurityPeers = {
  /** A CIDR block, checked as the Network's CIDR props are. */
  cidr: (cidr: string): SecurityPeer => ({ kind: "cidr", cidr: isReference(cidr) ? cidr : parseCidr(cidr, "SecurityPeers.cidr").cidr }),
  anyIpv4: (): SecurityPeer => ({ kind: "cidr", cidr: "0.0.0.0/0" }),
};

/** A rule as the NSG holds it; `rules` exposes these for inspection. */
export interface SecurityRule {
  readonly description: string;
  readonly direction: "ingress" | "egress";
  readonly peer: SecurityPeer;
  readonly traffic: Traffic;
}

export interface NetworkSecurityGroupProps {
  readonly compartmentId: string;
  readonly vcnId: string;
  readonly displayName: string;
  /**
   * Free-form tags.
   * @default {}
   */
  readonly freeformTags?: Record<string, string>;
}

const PROTOCOL_NUMBERS: Record<Traffic["protocol"], string> = { tcp: "6", udp: "17", icmp: "1", all: "all" };

/**
 * An OCI network security group, created here or referenced by OCID, whose rules are added
 * with `allowFrom` / `allowTo`. Rules between two NSGs (or an NSG and itself) are written on
 * both sides, as stateful NSGs need egress on the sender and ingress on the receiver.
 */
export class NetworkSecurityGroup extends Construct {
  /** Wraps an NSG made elsewhere; rules added to it become resources of this stack. */
  public static fromExisting(scope: Construct, id: string, nsgId: string): NetworkSecurityGroup {
    return new NetworkSecurityGroup(scope, id, nsgId);
  }

  public static isNetworkSecurityGroup(x: unknown): x is NetworkSecurityGroup {
    return x instanceof NetworkSecurityGroup;
  }

  /** The NSG's OCID (a Terraform reference when created here). */
  public readonly nsgId: string;
  private readonly ruleList: (SecurityRule & { stack: TerraformStack })[] = [];

  public constructor(scope: Construct, id: string, props: NetworkSecurityGroupProps | string) {
    super(scope, id);
    if (typeof props === "string") {
      this.nsgId = checkOcid(props, `${id} nsgId`, OcidType.nsg);
    } else {
      this.nsgId = new CoreNetworkSecurityGroup(this, "nsg", {
        compartmentId: props.compartmentId,
        vcnId: props.vcnId,
        displayName: props.displayName,
        freeformTags: props.freeformTags,
      }).id;
    }
  }

  /** The rules added so far, in order (a rule written in several stacks once). */
  public get rules(): readonly SecurityRule[] {
    const seen = new Set<string>();
    return this.ruleList
      .filter((r) => !seen.has(`${r.direction} ${r.description}`) && seen.add(`${r.direction} ${r.description}`))
      .map(({ stack: _stack, ...rule }) => rule);
  }

  /**
   * Lets `peer` reach this NSG's members with `traffic`.
   * @param scope the construct that needs the rule. In the NSG's own stack the rule is written on
   * the NSG; in another stack it is written in that stack (under `nsg-rules`), so the NSG's stack
   * never depends on the stacks after it. The same rule asked for twice in a stack is one.
   * @default scope the NSG itself
   */
  public allowFrom(peer: SecurityPeer, traffic: Traffic, description: string, scope?: Construct): void {
    if (NetworkSecurityGroup.isNetworkSecurityGroup(peer)) {
      peer.addRule({ description, direction: "egress", peer: this, traffic }, scope);
    }
    this.addRule({ description, direction: "ingress", peer, traffic }, scope);
  }

  /**
   * Lets this NSG's members reach `peer` with `traffic`.
   * @param scope the construct that needs the rule (see `allowFrom`)
   * @default scope the NSG itself
   */
  public allowTo(peer: SecurityPeer, traffic: Traffic, description: string, scope?: Construct): void {
    this.addRule({ description, direction: "egress", peer, traffic }, scope);
    if (NetworkSecurityGroup.isNetworkSecurityGroup(peer)) {
      peer.addRule({ description, direction: "ingress", peer: this, traffic }, scope);
    }
  }

  /** Adds exactly one rule on this NSG. Prefer `allowFrom` / `allowTo`. */
  public addRule(rule: SecurityRule, scope: Construct = this): void {
    const { description, direction } = rule;
    if (description.length === 0 || description.length > MAX_DESCRIPTION_LENGTH) {
      throw new Error(
        `${this.node.path}: rule description must be 1–${MAX_DESCRIPTION_LENGTH} characters, got "${description}"`,
      );
    }
    const ownStack = TerraformStack.of(this);
    const stack = TerraformStack.of(scope);
    const same = this.ruleList.filter((r) => r.description === description && r.direction === direction);
    for (const existing of same) {
      if (!sameRule(existing, rule)) {
        throw new Error(`${this.node.path}: a different ${direction} rule described "${description}" exists already`);
      }
      // The NSG's own stack is applied before any stack that uses it, so its rules serve them all.
      if (existing.stack === stack || existing.stack === ownStack) return;
    }
    const peer = rule.peer;
    if (!NetworkSecurityGroup.isNetworkSecurityGroup(peer) && peer.kind === "cidr") {
      if (opensAdminPortToInternet({ direction, peer, traffic: rule.traffic })) {
        throw new Error(
          `${this.node.path}: rule "${description}" would open ${ADMIN_PORTS.join("/")} to 0.0.0.0/0 (CIS OCI 2.3/2.4); restrict its source CIDR or ports`,
        );
      }
    }
    this.ruleList.push({ ...rule, stack });
    const [owner, id] =
      stack === ownStack ? [this as Construct, ruleId(direction, description)] : [rulesHolder(stack), `${shortHash(this.node.path)}-${ruleId(direction, description)}`];
    new CoreNetworkSecurityGroupSecurityRule(owner, id, {
      networkSecurityGroupId: this.nsgId,
      description,
      direction: direction.toUpperCase(),
      stateless: false,
      ...peerAttributes(direction, rule.peer),
      ...trafficAttributes(rule.traffic),
    });
  }
}

/** One construct per stack holds the rules that stack adds to NSGs of earlier stacks. */
function rulesHolder(stack: TerraformStack): Construct {
  return (stack.node.tryFindChild("nsg-rules") as Construct | undefined) ?? new Construct(stack, "nsg-rules");
}

function sameRule(a: SecurityRule, b: SecurityRule): boolean {
  const peerKey = (p: SecurityPeer) => (NetworkSecurityGroup.isNetworkSecurityGroup(p) ? p : JSON.stringify(p));
  return peerKey(a.peer) === peerKey(b.peer) && JSON.stringify(a.traffic) === JSON.stringify(b.traffic);
}

function ruleId(direction: string, description: string): string {
  const slug = description
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${direction}-${slug}`;
}

function peerAttributes(
  direction: "ingress" | "egress",
  peer: SecurityPeer,
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
