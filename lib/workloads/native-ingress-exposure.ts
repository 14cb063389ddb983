import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import type { INetwork } from "../network/network";
import { Port } from "../network/network-security-rules";
import { IngressTls, ingressManifest } from "./app-manifests";
import { ExposurePlan, planExposure } from "./app-workload-plan";
import { ClusterAccess } from "../cluster/cluster-access";
import { NativeIngressClass, NativeIngressClassOptions } from "./native-ingress-class";
import { pinAddresses } from "./part-addresses";

/** The Ingress rule and load balancer of an app: what AppWorkload's `ingress` and NativeIngressExposure share. */
export interface IngressRuleOptions {
  /**
   * Host name of the rule; without it any host matches.
   * @default any host
   */
  readonly host?: string;
  /**
   * Path prefix routed to the service.
   * @default "/"
   */
  readonly path?: string;
  /**
   * TLS: a Kubernetes TLS secret in the namespace, or an OCI Certificates certificate OCID.
   * @default plain HTTP on the listener
   */
  readonly tls?: IngressTls;
  /**
   * The pods speak TLS on the container port.
   * @default false (the load balancer talks plain HTTP to the pods)
   */
  readonly backendTls?: boolean;
  /**
   * Share an ingress class (one load balancer) with other apps.
   * @default a class and load balancer of its own, named `<namespace>-<serviceName>`, with `loadBalancer`'s settings
   */
  readonly ingressClass?: NativeIngressClass;
  /**
   * Load balancer settings of the own ingress class.
   * @default flexible 10–100 Mbps, public when the network's LB subnet is public
   */
  readonly loadBalancer?: Omit<NativeIngressClassOptions, "cluster" | "network" | "namespace" | "name" | "provider" | "kubernetesAccess">;
}

export interface NativeIngressExposureProps extends IngressRuleOptions {
  /** The cluster running the OCI native ingress controller (its add-on). */
  readonly cluster: IVirtualNodeCluster;
  /**
   * The cluster's network: its LB NSG gets the rule to the pods.
   * @default the cluster's network
   */
  readonly network?: INetwork;
  /** Namespace of the Service (and of the ingress class's parameters). */
  readonly namespace: string;
  /** The Service the Ingress routes to (its port 80, named "http"). */
  readonly serviceName: string;
  /**
   * The port the pods listen on: the load balancer reaches pod IP : this port (VCN-native pods).
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * Name of the Ingress.
   * @default the service name
   */
  readonly name?: string;
  /**
   * Objects the Ingress and the own ingress class wait for (the namespace, the Service).
   * @default []
   */
  readonly dependsOn?: Manifest[];
  /**
   * How the Kubernetes provider reaches the cluster.
   * @default the OCI CLI's token (`oci ce cluster generate-token`)
   */
  readonly kubernetesAccess?: KubernetesAccess;
  /**
   * The Kubernetes provider to use.
   * @default one per stack and cluster, configured from the cluster's kubeconfig
   */
  readonly provider?: KubernetesProvider;
  /**
   * Give the resources the Terraform addresses they had before this part was split out of
   * AppWorkload (this construct's id left out), so existing state keeps them.
   * @internal
   */
  readonly addressesOfParent?: boolean;
  /**
   * Objects only the own ingress class waits for (AppWorkload: the namespace alone).
   * @internal
   */
  readonly ingressClassDependsOn?: Manifest[];
}

/**
 * A Service exposed through the OCI native ingress controller: an Ingress on an ingress class
 * (its own flexible load balancer in the LB NSG, or a shared class), and the LB → pod rule on the
 * container port that virtual nodes need (OKE manages no LB rules for them).
 */
export class NativeIngressExposure extends Construct {
  /** The ingress class the Ingress uses. */
  public readonly ingressClass: NativeIngressClass;
  public readonly ingress: Manifest;
  public readonly network: INetwork;
  private readonly plan: ExposurePlan;

  public constructor(scope: Construct, id: string, props: NativeIngressExposureProps) {
    super(scope, id);
    this.plan = checkedAt(this, () => planExposure(props));
    const network = props.network ?? props.cluster.network;
    if (!network) throw new Error(`${this.node.path}: the cluster has no network attached; pass network`);
    this.network = network;
    const provider = props.provider ?? ClusterAccess.of(this, props.cluster, props.kubernetesAccess).kubernetesProvider;
    const { namespace, serviceName, containerPort } = this.plan;
    this.ingressClass =
      props.ingressClass ??
      new NativeIngressClass(this, "ingress-class", {
        ...props.loadBalancer,
        cluster: props.cluster,
        network,
        namespace,
        name: `${namespace}-${serviceName}`,
        provider,
        dependsOn: props.ingressClassDependsOn ?? props.dependsOn,
        addressesWithout: props.addressesOfParent ? this : undefined,
      });
    this.ingress = new Manifest(this, "ingress", {
      provider,
      manifest: ingressManifest({
        name: this.plan.name,
        namespace,
        ingressClassName: this.ingressClass.name,
        host: this.plan.host,
        path: this.plan.path,
        pathType: "Prefix",
        tls: this.plan.tls,
        backendTls: this.plan.backendTls,
      }) as unknown as Record<string, unknown>,
      dependsOn: [...(props.dependsOn ?? []), this.ingressClass.ingressClassManifest],
    });
    if (props.addressesOfParent) pinAddresses(this.ingress, this);
    // The native ingress controller targets pod IP : container port (VCN-native pods), so the
    // LB NSG must reach the pods on exactly that port; OKE manages no LB rules on virtual nodes.
    this.ingressClass.connections.allowTo(
      network.connections("pods"),
      Port.tcp(containerPort),
      `The load balancer reaches pods on ${containerPort} (ingress backends)`,
      this,
    );
  }
}
