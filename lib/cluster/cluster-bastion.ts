import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import type { BastionBastion } from "../../.gen/providers/oci/bastion-bastion";
import { Fn } from "../cdktf";
import { parseCidr } from "../network/network-cidr-plan";
import type { INetwork } from "../network/network";
import { PORTS, Port } from "../network/network-security-rules";
import { Peer } from "../network/connections";
import type { IVirtualNodeCluster } from "./virtual-node-cluster";

export interface ClusterBastionProps {
  /** The cluster, created here or imported with `VirtualNodeCluster.fromExisting` (which needs `network` and `apiEndpoint`). */
  readonly cluster: IVirtualNodeCluster;
  /** CIDRs allowed to open sessions (your laptop's or runner's public address). */
  readonly clientCidrs: string[];
  /**
   * Bastion name (letters and digits).
   * @default "<cluster name without separators>bastion"
   */
  readonly name?: string;
  /**
   * Longest session, seconds (1800–10800).
   * @default 10800
   */
  readonly maxSessionTtlSeconds?: number;
  /**
   * Local port of the SSH tunnel (`tunnelCommand`), where the providers connect.
   * @default 6443
   */
  readonly localPort?: number;
}

const BASTION_NAME = /^[A-Za-z0-9]{1,255}$/;

/**
 * An OCI Bastion for a private Kubernetes API endpoint (Oracle, "Setting Up a Bastion for Cluster
 * Access"): the bastion sits in the API subnet, the API NSG admits its private endpoint on 6443,
 * and a port-forwarding session to the endpoint's private IP lets kubectl, Terraform and the
 * providers reach https://127.0.0.1:<localPort> from outside the VCN.
 *
 * The path bastion → API endpoint: `oci_bastion_bastion` takes no NSG; its private endpoint gets
 * an address in the target subnet (`private_endpoint_ip_address`). Oracle ("Connecting to Sessions
 * in Bastion", Allowing Network Access From the Bastion) asks the target's network to admit that
 * address; here the API NSG does, on 6443 from that /32 only. The API subnet's default security
 * list (ICMP 3/4 only, no egress) does not block it: security lists and NSGs hold allow rules
 * only, and a packet passes when any rule of any list or NSG of the VNIC allows it (Oracle,
 * "Comparison of Security Lists and Network Security Groups").
 */
export class ClusterBastion extends Construct {
  public readonly bastion: BastionBastion;
  public readonly bastionId: string;
  /** The bastion's address in the API subnet, which the API NSG admits on 6443. */
  public readonly privateEndpointIp: string;
  /** Creates a port-forwarding session to the API endpoint (give your SSH public key). */
  public readonly sessionCommand: string;
  /** Opens the tunnel of that session: `ssh … -L 6443:<endpoint>:6443 …`. */
  public readonly tunnelCommand: string;

  public constructor(scope: Construct, id: string, props: ClusterBastionProps) {
    super(scope, id);
    const { cluster } = props;
    const network: INetwork | undefined = cluster.network;
    const apiEndpoint = cluster.apiEndpoint;
    if (!network || apiEndpoint === undefined) {
      throw new Error(
        `${this.node.path}: cluster ${cluster.node.path} has no ${network ? "apiEndpoint" : "network"}; ` +
          `pass network and apiEndpoint to VirtualNodeCluster.fromExisting (the bastion sits in the API subnet and tunnels to the endpoint)`,
      );
    }
    const { clientCidrs, ttl, name, localPort } = checkedAt(this, () => checkBastionProps(props, cluster.name));
    const apiSubnet = network.subnet("api");

    // Loaded here, in bastion mode only: other synths do not pay for its binding.
    const { BastionBastion } = require("../../.gen/providers/oci/bastion-bastion") as typeof import("../../.gen/providers/oci/bastion-bastion");
    this.bastion = new BastionBastion(this, "bastion", {
      bastionType: "STANDARD",
      compartmentId: cluster.compartmentId,
      name,
      targetSubnetId: apiSubnet.subnetId,
      clientCidrBlockAllowList: clientCidrs,
      maxSessionTtlInSeconds: ttl,
    });
    this.bastionId = this.bastion.id;
    this.privateEndpointIp = this.bastion.privateEndpointIpAddress;
    // Bastions take no NSG: admit the bastion's own private endpoint address, not the whole subnet.
    network
      .connections("api")
      .allowFrom(
        Peer.ipv4(`${this.privateEndpointIp}/32`, "bastion-endpoint"),
        Port.tcp(PORTS.kubernetesApi),
        `The bastion's private endpoint reaches the API endpoint on ${PORTS.kubernetesApi}`,
        this,
      );
    const endpointIp = Fn.element(Fn.split(":", apiEndpoint), 0);
    this.sessionCommand =
      `oci bastion session create-port-forwarding --bastion-id ${this.bastionId} --ssh-public-key-file ~/.ssh/id_rsa.pub ` +
      `--target-private-ip ${endpointIp} --target-port ${PORTS.kubernetesApi}`;
    this.tunnelCommand = `ssh -i ~/.ssh/id_rsa -N -L ${localPort}:${endpointIp}:${PORTS.kubernetesApi} -p 22 <session OCID>@host.bastion.${cluster.region}.oci.oraclecloud.com`;
  }
}

/** The bastion's props, checked (pure; the constructor prefixes errors with its path). */
function checkBastionProps(props: ClusterBastionProps, clusterName: string) {
  if (props.clientCidrs.length === 0) {
    throw new Error("bastion clientCidrs is empty; list the CIDRs allowed to open sessions, e.g. your public IP as a /32");
  }
  const clientCidrs = props.clientCidrs.map((c) => parseCidr(c, "bastion clientCidrs").cidr);
  const ttl = props.maxSessionTtlSeconds ?? 10800;
  if (!Number.isInteger(ttl) || ttl < 1800 || ttl > 10800) {
    throw new Error(`bastion maxSessionTtlSeconds: ${ttl} is not allowed; use 1800–10800`);
  }
  const name = props.name ?? `${clusterName.replace(/[^A-Za-z0-9]/g, "")}bastion`;
  if (!BASTION_NAME.test(name)) throw new Error(`bastion name: "${name}" is not valid; use letters and digits only`);
  const localPort = props.localPort ?? PORTS.kubernetesApi;
  if (!Number.isInteger(localPort) || localPort < 1024 || localPort > 65535) {
    throw new Error(`bastion localPort: ${localPort} is not allowed; use 1024–65535`);
  }
  return { clientCidrs, ttl, name, localPort };
}
