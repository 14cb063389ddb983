import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct, IConstruct } from "constructs";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { OcidType, checkOcid } from "../common/ocid";
import type { Connections, IConnectable } from "../network/connections";
import type { INetwork } from "../network/network";
import { ClusterAccess } from "../cluster/cluster-access";
import { pinAddresses } from "./part-addresses";
import { NATIVE_INGRESS_CONTROLLER_CLASS, ingressClassManifest, ingressClassParametersManifest } from "./custom-resources";

export const MIN_LB_BANDWIDTH_MBPS = 10;
export const MAX_LB_BANDWIDTH_MBPS = 8000;

export interface NativeIngressClassOptions {
  /** The cluster whose native ingress controller serves the class. */
  readonly cluster: IVirtualNodeCluster;
  /**
   * The network: the load balancer goes into its LB subnet and LB NSG.
   * @default the cluster's network
   */
  readonly network?: INetwork;
  /** Namespace of the IngressClassParameters (it must exist). */
  readonly namespace: string;
  /** Name of the IngressClass (and of its parameters). */
  readonly name: string;
  /**
   * A private load balancer (no public IP).
   * @default true when the network's LB subnet is private
   */
  readonly isPrivate?: boolean;
  /**
   * Flexible shape bandwidth, 10–8000 Mbps.
   * @default 10
   */
  readonly minBandwidthMbps?: number;
  /**
   * Flexible shape bandwidth, 10–8000 Mbps, at least the minimum.
   * @default 100
   */
  readonly maxBandwidthMbps?: number;
  /**
   * Display name of the load balancer.
   * @default "<cluster name>-<name>"
   */
  readonly loadBalancerName?: string;
  /**
   * Compartment of the load balancer.
   * @default the network's compartment
   */
  readonly compartmentId?: string;
  /**
   * Make it the cluster's default IngressClass.
   * @default false
   */
  readonly isDefault?: boolean;
  /**
   * The controller class the native ingress controller was installed with.
   * @default "oci.oraclecloud.com/native-ingress-controller"
   */
  readonly controllerClass?: string;
  /**
   * How the Kubernetes provider reaches the cluster.
   * @default the OCI CLI's token
   */
  readonly kubernetesAccess?: KubernetesAccess;
  /**
   * The Kubernetes provider.
   * @default one per stack and cluster
   */
  readonly provider?: KubernetesProvider;
  /**
   * Objects to create first (the parameters' namespace).
   * @default none
   */
  readonly dependsOn?: Manifest[];
  /**
   * Leave this construct's parent out of its resources' Terraform addresses (AppWorkload's).
   * @internal
   */
  readonly addressesWithout?: IConstruct;
}

/**
 * An IngressClass of the OCI native ingress controller with its IngressClassParameters: one
 * flexible load balancer in the network's LB subnet, attached to the LB NSG (the only way a load
 * balancer gets rules on virtual nodes). Apps share it through `AppWorkload`'s `ingress.ingressClass`.
 */
export class NativeIngressClass extends Construct implements IConnectable {
  /** The IngressClass name Ingresses refer to. */
  public readonly name: string;
  /** The traffic rules of the load balancer: the network's LB NSG, which the class attaches to it. */
  public readonly connections: Connections;
  public readonly ingressClassManifest: Manifest;
  public readonly parametersManifest: Manifest;

  public constructor(scope: Construct, id: string, options: NativeIngressClassOptions) {
    super(scope, id);
    const network = options.network ?? options.cluster.network;
    if (!network) throw new Error(`${this.node.path}: the cluster has no network attached; pass network`);
    this.name = checkedAt(this, () => checkDns1123Subdomain(options.name, "ingress class name"));
    const namespace = checkedAt(this, () => checkDns1123Label(options.namespace, "ingress class namespace"));
    const lbSubnet = network.subnet("lb");
    this.connections = network.connections("lb");
    const minBandwidthMbps = checkedAt(this, () => checkBandwidth(options.minBandwidthMbps ?? MIN_LB_BANDWIDTH_MBPS, "minBandwidthMbps"));
    const maxBandwidthMbps = checkedAt(this, () => checkBandwidth(options.maxBandwidthMbps ?? 100, "maxBandwidthMbps"));
    if (minBandwidthMbps > maxBandwidthMbps) {
      throw new Error(`${this.node.path}: maxBandwidthMbps: ${maxBandwidthMbps} is below minBandwidthMbps ${minBandwidthMbps}`);
    }
    const isPrivate = options.isPrivate ?? !lbSubnet.isPublic;
    if (!isPrivate && !lbSubnet.isPublic) {
      throw new Error(`${this.node.path}: isPrivate is false but the network's LB subnet is private; a public load balancer needs a public LB subnet`);
    }
    const loadBalancerName = options.loadBalancerName ?? `${options.cluster.name}-${this.name}`;
    if (!/^[A-Za-z0-9._ -]{1,255}$/.test(loadBalancerName)) {
      throw new Error(`${this.node.path}: loadBalancerName: "${loadBalancerName}" is not a load balancer display name; use 1–255 letters, digits, ' ', '-', '_' and '.'`);
    }
    const provider = options.provider ?? ClusterAccess.of(this, options.cluster, options.kubernetesAccess).kubernetesProvider;
    this.parametersManifest = new Manifest(this, "parameters", {
      provider,
      manifest: ingressClassParametersManifest(this.name, namespace, {
        compartmentId: checkedAt(this, () => checkOcid(options.compartmentId ?? network.compartmentId, "compartmentId", OcidType.compartment)),
        subnetId: lbSubnet.subnetId,
        loadBalancerName,
        isPrivate,
        minBandwidthMbps,
        maxBandwidthMbps,
      }) as unknown as Record<string, unknown>,
      dependsOn: options.dependsOn,
    });
    if (options.addressesWithout) pinAddresses(this.parametersManifest, options.addressesWithout);
    this.ingressClassManifest = new Manifest(this, "class", {
      provider,
      manifest: ingressClassManifest({
        name: this.name,
        parametersName: this.name,
        parametersNamespace: namespace,
        controller: options.controllerClass ?? NATIVE_INGRESS_CONTROLLER_CLASS,
        nsgIds: this.connections.securityGroups.map((nsg) => nsg.nsgId),
        isDefault: options.isDefault ?? false,
      }) as unknown as Record<string, unknown>,
      dependsOn: [this.parametersManifest],
    });
    if (options.addressesWithout) pinAddresses(this.ingressClassManifest, options.addressesWithout);
  }
}

function checkBandwidth(mbps: number, what: string): number {
  if (!Number.isInteger(mbps) || mbps < MIN_LB_BANDWIDTH_MBPS || mbps > MAX_LB_BANDWIDTH_MBPS) {
    throw new Error(`${what}: ${mbps} is not allowed; the flexible load balancer takes ${MIN_LB_BANDWIDTH_MBPS}–${MAX_LB_BANDWIDTH_MBPS} Mbps`);
  }
  return mbps;
}
