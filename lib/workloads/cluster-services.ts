import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { Release } from "@cdktf/provider-helm/lib/release";
import { Construct } from "constructs";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import { checkDns1123Label } from "../common/kubernetes-names";
import type { INetwork } from "../network/network";
import { ClusterAccess } from "../cluster/cluster-access";
import {
  DEFAULT_SERVICE_POD_RESOURCES,
  EXTERNAL_SECRETS_CHART,
  EXTERNAL_SECRETS_PODS,
  METRICS_SERVER_CHART,
  METRICS_SERVER_PODS,
  PodResources,
  externalSecretsValues,
  metricsServerValues,
} from "./helm-values";

export interface ExternalSecretsOptions {
  /**
   * Install External Secrets Operator.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Chart version (exact).
   * @default "2.9.0"
   */
  readonly version?: string;
  /**
   * Namespace of the operator.
   * @default "external-secrets"
   */
  readonly namespace?: string;
  /**
   * Resources of each of its pods (requests = limits).
   * @default 250m CPU, 512Mi memory
   */
  readonly resources?: PodResources;
}

export interface MetricsServerOptions {
  /**
   * Install metrics-server (the HPA's CPU metrics).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Chart version (exact).
   * @default "3.13.0"
   */
  readonly version?: string;
  /**
   * Resources of its pod (requests = limits).
   * @default 250m CPU, 512Mi memory
   */
  readonly resources?: PodResources;
}

export interface ClusterServicesProps {
  /** The cluster (created in an earlier stack, or `VirtualNodeCluster.fromExisting`). */
  readonly cluster: IVirtualNodeCluster;
  /**
   * The network whose pod-capacity check counts the services' pods.
   * @default the cluster's network
   */
  readonly network?: INetwork;
  /**
   * External Secrets Operator, with its CRDs.
   * @default installed, chart 2.9.0
   */
  readonly externalSecrets?: ExternalSecretsOptions;
  /**
   * metrics-server.
   * @default installed, chart 3.13.0, in kube-system
   */
  readonly metricsServer?: MetricsServerOptions;
  /**
   * How the Helm provider reaches the cluster.
   * @default the OCI CLI's token
   */
  readonly kubernetesAccess?: KubernetesAccess;
  /**
   * The Helm provider.
   * @default one per stack and cluster, configured from the cluster's kubeconfig
   */
  readonly provider?: HelmProvider;
}

const CHART_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * The cluster services apps on virtual nodes rely on, as Helm releases with values fit for virtual
 * nodes: External Secrets Operator (installing its CRDs) and metrics-server (for the HPA). It goes
 * in a stack of its own, after the cluster's and before the apps': apps hold External Secrets'
 * custom resources, whose CRDs must exist when their stack is planned (reference §12).
 */
export class ClusterServices extends Construct {
  public readonly externalSecrets?: Release;
  public readonly metricsServer?: Release;
  /** Namespace of External Secrets Operator. */
  public readonly externalSecretsNamespace: string;

  public constructor(scope: Construct, id: string, props: ClusterServicesProps) {
    super(scope, id);
    const provider = props.provider ?? ClusterAccess.of(this, props.cluster, props.kubernetesAccess).helmProvider;
    const network = props.network ?? props.cluster.network;
    const eso = props.externalSecrets ?? {};
    this.externalSecretsNamespace = checkedAt(this, () => checkDns1123Label(eso.namespace ?? "external-secrets", "externalSecrets.namespace"));
    const systemPods: { name: string; pods: number }[] = [];

    if (eso.enabled ?? true) {
      const resources = eso.resources ?? DEFAULT_SERVICE_POD_RESOURCES;
      this.externalSecrets = new Release(this, "external-secrets", {
        provider,
        name: "external-secrets",
        namespace: this.externalSecretsNamespace,
        createNamespace: true,
        repository: EXTERNAL_SECRETS_CHART.repository,
        chart: EXTERNAL_SECRETS_CHART.chart,
        version: checkedAt(this, () => checkChartVersion(eso.version ?? EXTERNAL_SECRETS_CHART.version, "externalSecrets.version")),
        // JSON is YAML: null deletes a chart default (see helm-values).
        values: [JSON.stringify(checkedAt(this, () => externalSecretsValues({ controller: resources, webhook: resources, certController: resources })))],
        atomic: true,
        wait: true,
      });
      systemPods.push({ name: "external-secrets", pods: EXTERNAL_SECRETS_PODS });
    }
    const metrics = props.metricsServer ?? {};
    if (metrics.enabled ?? true) {
      this.metricsServer = new Release(this, "metrics-server", {
        provider,
        name: "metrics-server",
        // Its pods carry priorityClassName system-cluster-critical, which Kubernetes admits in kube-system.
        namespace: "kube-system",
        repository: METRICS_SERVER_CHART.repository,
        chart: METRICS_SERVER_CHART.chart,
        version: checkedAt(this, () => checkChartVersion(metrics.version ?? METRICS_SERVER_CHART.version, "metricsServer.version")),
        values: [JSON.stringify(checkedAt(this, () => metricsServerValues(metrics.resources ?? DEFAULT_SERVICE_POD_RESOURCES)))],
        atomic: true,
        wait: true,
      });
      systemPods.push({ name: "metrics-server", pods: METRICS_SERVER_PODS });
    }
    network?.addPodDemand({ systemComponents: systemPods }, this);
  }
}

function checkChartVersion(version: string, what: string): string {
  if (!CHART_VERSION.test(version)) {
    throw new Error(`${what}: "${version}" is not an exact chart version such as 2.9.0; ranges would let an unreviewed chart in`);
  }
  return version;
}
