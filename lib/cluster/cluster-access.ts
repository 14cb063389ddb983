import { HelmProvider, HelmProviderConfig } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider, KubernetesProviderConfig } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct, IConstruct } from "constructs";
import { DataOciContainerengineClusterKubeConfig } from "../../.gen/providers/oci/data-oci-containerengine-cluster-kube-config";
import { Fn, TerraformStack, Token } from "../cdktf";
import { shortHash } from "../common/hash";
import type { IVirtualNodeCluster, KubernetesAccess } from "./virtual-node-cluster";

const DEFAULT_ACCESS: KubernetesAccess = { kind: "oci-cli" };

/**
 * The one way a stack reaches one cluster's Kubernetes API: it reads the cluster's kubeconfig
 * (`oci_containerengine_cluster_kube_config`) in this stack and configures the Kubernetes and Helm
 * providers from it (reference §12: a cluster in a
 * platform stack never configures providers for the stacks after it).
 *
 * Terraform gives a stack one provider configuration per alias, so everything in a stack that
 * talks to a cluster shares its access. `ClusterAccess.of` makes it on the first request and
 * hands the same one out for the same settings; a request with different settings is a synth
 * error naming both requesters, rather than the second one silently getting the first one's
 * provider. Use separate stacks (or pass `provider` explicitly) for different credentials.
 */
export class ClusterAccess extends Construct {
  /**
   * The access to `cluster` in the stack of `requester`, created on first use.
   * @param requester the construct that needs it; named in the conflict error
   * @param access how to reach and authenticate; @default `{ kind: "oci-cli" }`
   */
  public static of(requester: IConstruct, cluster: IVirtualNodeCluster, access: KubernetesAccess = DEFAULT_ACCESS): ClusterAccess {
    const stack = TerraformStack.of(requester);
    const id = `cluster-access-${shortHash(cluster.node.path)}`;
    const existing = stack.node.tryFindChild(id);
    if (existing instanceof ClusterAccess) {
      existing.checkSameAccess(requester, access);
      return existing;
    }
    if (existing) throw new Error(`${stack.node.path}: the id ${id} is taken by ${existing.node.path}; it is reserved for the ClusterAccess of ${cluster.node.path}`);
    return new ClusterAccess(stack, id, cluster, access, requester);
  }

  /** The cluster reached. */
  public readonly cluster: IVirtualNodeCluster;
  /** How it is reached. */
  public readonly access: KubernetesAccess;
  /** The path of the construct whose request created this access. */
  public readonly requestedBy: string;
  private kubernetes?: KubernetesProvider;
  private helm?: HelmProvider;
  private readonly stack: TerraformStack;

  private constructor(stack: TerraformStack, id: string, cluster: IVirtualNodeCluster, access: KubernetesAccess, requester: IConstruct) {
    super(stack, id);
    this.stack = stack;
    this.cluster = cluster;
    this.access = access;
    this.requestedBy = requester.node.path;
  }

  /** The Kubernetes provider for the cluster in this stack. */
  public get kubernetesProvider(): KubernetesProvider {
    // Providers sit on the stack, as before this construct existed, so their addresses stay put.
    this.kubernetes ??= new KubernetesProvider(this.stack, `kubernetes-${shortHash(this.cluster.node.path)}`, {
      ...this.kubernetesProviderConfig,
      alias: this.alias("kubernetes"),
    });
    return this.kubernetes;
  }

  /** The Helm provider for the cluster in this stack. */
  public get helmProvider(): HelmProvider {
    this.helm ??= new HelmProvider(this.stack, `helm-${shortHash(this.cluster.node.path)}`, {
      ...this.helmProviderConfig,
      alias: this.alias("helm"),
    });
    return this.helm;
  }

  /** Kubernetes provider settings, for a provider of your own (prefer `kubernetesProvider`). */
  public get kubernetesProviderConfig(): KubernetesProviderConfig {
    const access = this.access;
    if (access.kind === "kubeconfig") return { configPath: access.path, configContext: access.context };
    const { host, clusterCaCertificate, tlsServerName, proxyUrl } = this.endpoint();
    if (access.kind === "token") return { host, clusterCaCertificate, tlsServerName, token: access.token, proxyUrl };
    return { host, clusterCaCertificate, tlsServerName, exec: [this.tokenCommand()], proxyUrl };
  }

  /** Helm provider settings, for a provider of your own (prefer `helmProvider`). */
  public get helmProviderConfig(): HelmProviderConfig {
    const access = this.access;
    if (access.kind === "kubeconfig") return { kubernetes: { configPath: access.path, configContext: access.context } };
    const { host, clusterCaCertificate, tlsServerName, proxyUrl } = this.endpoint();
    if (access.kind === "token") return { kubernetes: { host, clusterCaCertificate, tlsServerName, token: access.token, proxyUrl } };
    return { kubernetes: { host, clusterCaCertificate, tlsServerName, exec: this.tokenCommand(), proxyUrl } };
  }

  /** Where the providers connect, and the certificate name to expect when that is not the endpoint itself. */
  private endpoint() {
    const access = this.access as Exclude<KubernetesAccess, { kind: "kubeconfig" }>;
    const { host: kubeconfigHost, clusterCaCertificate } = this.readKubeconfig();
    // https://<ip or name>:6443 → <ip or name>
    const endpointName = Fn.element(Fn.split(":", Fn.trimprefix(kubeconfigHost, "https://")), 0);
    const tlsServerName = access.tlsServerName ?? (access.host === undefined ? undefined : endpointName);
    return { host: access.host ?? kubeconfigHost, clusterCaCertificate, tlsServerName, proxyUrl: access.proxyUrl };
  }

  /**
   * Host and CA from `oci_containerengine_cluster_kube_config`, read in this stack (the stack that
   * configures the providers), so a cluster in a platform stack is never asked to configure
   * providers for the stacks after it. The data source sits on the stack, where it always has.
   */
  private readKubeconfig(): { host: string; clusterCaCertificate: string } {
    const id = `kube-config-${shortHash(this.cluster.node.path)}`;
    const kubeConfig =
      (this.stack.node.tryFindChild(id) as DataOciContainerengineClusterKubeConfig | undefined) ??
      new DataOciContainerengineClusterKubeConfig(this.stack, id, {
        clusterId: this.cluster.clusterId,
        tokenVersion: "2.0.0",
        endpoint: this.cluster.publicEndpoint ? "PUBLIC_ENDPOINT" : "PRIVATE_ENDPOINT",
      });
    const cluster = ["clusters", 0, "cluster"];
    const kubeconfig = Fn.yamldecode(kubeConfig.content);
    return {
      host: Token.asString(Fn.lookupNested(kubeconfig, [...cluster, "server"])),
      clusterCaCertificate: Fn.base64decode(Token.asString(Fn.lookupNested(kubeconfig, [...cluster, "certificate-authority-data"]))),
    };
  }

  /** `oci ce cluster generate-token`, run by the providers on the machine running Terraform. */
  private tokenCommand() {
    return {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "oci",
      args: ["ce", "cluster", "generate-token", "--cluster-id", this.cluster.clusterId, "--region", this.cluster.region],
    };
  }

  /** The first cluster of a stack gets the default provider; another cluster an alias. */
  private alias(kind: "kubernetes" | "helm"): string | undefined {
    const others = this.stack.node.children.some(
      (c) => c !== this && c instanceof ClusterAccess && (kind === "kubernetes" ? c.kubernetes : c.helm) !== undefined,
    );
    return others ? `cluster-${shortHash(this.cluster.node.path)}` : undefined;
  }

  private checkSameAccess(requester: IConstruct, access: KubernetesAccess): void {
    if (canonical(access) === canonical(this.access)) return;
    throw new Error(
      `${requester.node.path}: asks for Kubernetes access to cluster ${this.cluster.node.path} as ${describeAccess(access, this.access)}, ` +
        `but ${this.requestedBy} already set up that cluster's access in stack ${this.stack.node.path} as ${describeAccess(this.access, access)}. ` +
        `A stack has one Kubernetes/Helm access per cluster: give both the same kubernetesAccess, move one to another stack, or pass provider explicitly`,
    );
  }
}

function canonical(access: KubernetesAccess): string {
  const entries = Object.entries(access).filter(([, v]) => v !== undefined);
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** The settings, for an error message; a token is never printed, only whether it differs. */
function describeAccess(access: KubernetesAccess, other: KubernetesAccess): string {
  const fields = Object.entries(access)
    .filter(([k, v]) => k !== "kind" && v !== undefined)
    .map(([k, v]) => {
      if (k !== "token") return `${k}: ${JSON.stringify(v)}`;
      const same = other.kind === "token" && other.token === v;
      return `token: <${same ? "the same token" : "a different token"}>`;
    });
  return `{ kind: "${access.kind}"${fields.length ? ", " + fields.join(", ") : ""} }`;
}
