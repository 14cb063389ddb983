import { Construct } from "constructs";
import { isReference } from "../common/references";
import { parseCidr } from "./network-cidr-plan";
import type { NetworkSecurityGroup } from "./network-security-group";
import { Traffic } from "./network-security-rules";

/**
 * Something with network security groups whose traffic can be allowed, after aws-cdk's
 * `ec2.IConnectable`: a `NetworkSecurityGroup`, a `Network` role (`network.connections("pods")`),
 * a `MySqlDatabase`, a `NativeIngressClass` (its load balancer).
 */
export interface IConnectable {
  readonly connections: Connections;
}

/** A CIDR block; build it with `Peer.ipv4`. */
export interface CidrPeer {
  readonly kind: "cidr";
  readonly cidr: string;
  /**
   * Names the CIDR in Terraform addresses when it is a Terraform reference (known only at apply).
   * @default the CIDR itself
   */
  readonly name?: string;
}

/** "All <region> Services in Oracle Services Network" through the service gateway; build it with `Peer.oracleServices`. */
export interface OracleServicesPeer {
  readonly kind: "oracle-services";
  /** The service's `cidr_block` label, e.g. `network.oracleServicesCidrLabel`. */
  readonly cidrLabel: string;
}

/**
 * Where a rule's traffic comes from or goes to: anything with NSGs (`IConnectable`, including a
 * `NetworkSecurityGroup`), a CIDR (`Peer.ipv4`) or the Oracle Services Network
 * (`Peer.oracleServices`).
 */
export type Peer = IConnectable | CidrPeer | OracleServicesPeer;

export const Peer = {
  /**
   * An IPv4 CIDR block, checked as the Network's CIDR props are.
   * @param name names the peer in Terraform addresses; required when `cidr` is a Terraform reference
   */
  ipv4(cidr: string, name?: string): CidrPeer {
    if (isReference(cidr)) {
      if (name === undefined || !/^[a-z][a-z0-9-]{0,62}$/.test(name)) {
        throw new Error(
          `Peer.ipv4: "${cidr}" is a Terraform reference, so give it a name for its rules' addresses (lower-case letters, digits and '-', e.g. "bastion-endpoint"), got ${name === undefined ? "none" : `"${name}"`}`,
        );
      }
      return { kind: "cidr", cidr, name };
    }
    return { kind: "cidr", cidr: parseCidr(cidr, "Peer.ipv4").cidr };
  },
  /** 0.0.0.0/0: the whole internet. */
  anyIpv4(): CidrPeer {
    return { kind: "cidr", cidr: "0.0.0.0/0" };
  },
  /** The Oracle Services Network of the region, e.g. `Peer.oracleServices(network.oracleServicesCidrLabel)`. */
  oracleServices(cidrLabel: string): OracleServicesPeer {
    return { kind: "oracle-services", cidrLabel };
  },
  /** True for anything with NSGs. */
  isConnectable(peer: unknown): peer is IConnectable {
    return typeof peer === "object" && peer !== null && "connections" in peer;
  },
};

export interface ConnectionsProps {
  /** The NSGs whose members these connections are about. */
  readonly securityGroups: readonly NetworkSecurityGroup[];
  /**
   * The port `allowDefaultPortFrom` / `allowDefaultPortTo` open, e.g. 3306 on a database.
   * @default none — the `…DefaultPort…` methods throw
   */
  readonly defaultPort?: Traffic;
}

/**
 * The traffic rules of one or more NSGs, after aws-cdk's `ec2.Connections`. Between two NSGs both
 * sides are written (egress on the sender, ingress on the receiver), as stateful NSGs need.
 *
 * Every method takes an optional `scope`: the construct that needs the rule. In the NSG's own stack
 * the rule is written on the NSG; in another stack it is written in that stack, so the NSG's stack
 * never depends on the stacks after it. A rule is identified by (direction, peer, traffic): asking
 * for it again, with any description, is a no-op.
 */
export class Connections implements IConnectable {
  public readonly securityGroups: readonly NetworkSecurityGroup[];
  public readonly defaultPort?: Traffic;

  public constructor(props: ConnectionsProps) {
    this.securityGroups = [...props.securityGroups];
    this.defaultPort = props.defaultPort;
  }

  public get connections(): Connections {
    return this;
  }

  /**
   * Lets `other` reach these NSGs' members on `port`.
   * @param description shown in the OCI console; metadata only, not part of the rule's identity
   * @default description generated from the rule, e.g. "ingress from NSG pods on TCP 3306"
   * @param scope the construct that needs the rule
   * @default scope the NSG itself
   */
  public allowFrom(other: Peer, port: Traffic, description?: string, scope?: Construct): void {
    for (const nsg of this.securityGroups) {
      if (Peer.isConnectable(other)) {
        for (const peerNsg of other.connections.securityGroups) {
          peerNsg.addRule({ direction: "egress", peer: nsg, traffic: port, description }, scope);
          nsg.addRule({ direction: "ingress", peer: peerNsg, traffic: port, description }, scope);
        }
      } else {
        nsg.addRule({ direction: "ingress", peer: other, traffic: port, description }, scope);
      }
    }
  }

  /**
   * Lets these NSGs' members reach `other` on `port` (see `allowFrom`).
   * @default description generated from the rule
   * @default scope the NSG itself
   */
  public allowTo(other: Peer, port: Traffic, description?: string, scope?: Construct): void {
    for (const nsg of this.securityGroups) {
      if (Peer.isConnectable(other)) {
        for (const peerNsg of other.connections.securityGroups) {
          nsg.addRule({ direction: "egress", peer: peerNsg, traffic: port, description }, scope);
          peerNsg.addRule({ direction: "ingress", peer: nsg, traffic: port, description }, scope);
        }
      } else {
        nsg.addRule({ direction: "egress", peer: other, traffic: port, description }, scope);
      }
    }
  }

  /**
   * Lets `other` reach these NSGs' members on their default port (e.g. a database's 3306).
   * @default description generated from the rule
   * @default scope the NSG itself
   */
  public allowDefaultPortFrom(other: Peer, description?: string, scope?: Construct): void {
    this.allowFrom(other, this.requireDefaultPort("allowDefaultPortFrom"), description, scope);
  }

  /**
   * Lets these NSGs' members reach `other` on `other`'s default port.
   * @default description generated from the rule
   * @default scope the NSG itself
   */
  public allowDefaultPortTo(other: IConnectable, description?: string, scope?: Construct): void {
    this.allowTo(other, other.connections.requireDefaultPort("allowDefaultPortTo"), description, scope);
  }

  private requireDefaultPort(method: string): Traffic {
    if (!this.defaultPort) {
      const names = this.securityGroups.map((nsg) => nsg.node.path).join(", ");
      throw new Error(`${method}: the connections of ${names} have no default port; use allowFrom/allowTo with a Port`);
    }
    return this.defaultPort;
  }
}
