import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import type { KubernetesAccess } from "../cluster/virtual-node-cluster";
import { ClusterServices, ClusterServicesProps } from "../workloads/cluster-services";
import { OciStack, OciStackProps } from "./oci-stack";
import type { PlatformRefs } from "./platform";

export interface ClusterServicesStackProps extends OciStackProps {
  /**
   * The platform: a `PlatformStack` of the same app, or, for one made elsewhere,
   * `(stack) => importPlatform(stack, "platform", outputs)` (made inside this stack).
   */
  readonly platform: PlatformRefs | ((stack: OciStack) => PlatformRefs);
  /**
   * External Secrets and metrics-server settings.
   * @default both installed with their pinned charts
   */
  readonly services?: Omit<ClusterServicesProps, "cluster" | "network" | "kubernetesAccess" | "provider">;
  /**
   * How the Helm provider reaches the cluster.
   * @default the OCI CLI's token, endpoint from the kubeconfig
   */
  readonly kubernetesAccess?: KubernetesAccess;
}

/**
 * The cluster services, in a stack after the platform's: the Helm provider is configured from the
 * platform's cluster (read through its outputs) and External Secrets installs the CRDs the app
 * stack's custom resources need at plan time (reference §12).
 */
export class ClusterServicesStack extends OciStack {
  public readonly services: ClusterServices;

  public constructor(scope: Construct, id: string, props: ClusterServicesStackProps) {
    super(scope, id, props);
    const source = props.platform;
    // An import's missing outputs name this stack.
    const platform = typeof source === "function" ? checkedAt(this, () => source(this)) : source;
    this.services = new ClusterServices(this, "services", {
      ...props.services,
      cluster: platform.cluster,
      network: platform.network,
      kubernetesAccess: props.kubernetesAccess,
    });
  }
}
