import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { shortHash } from "../common/hash";

const DEFAULT_ACCESS: KubernetesAccess = { kind: "oci-cli" };

/**
 * The one way a stack reaches one cluster's Kubernetes API: the Kubernetes and Helm providers,
 * configured from the cluster's kubeconfig read in this stack (reference §12: a cluster in a
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
      ...this.cluster.kubernetesProviderConfig(this.stack, this.access),
      alias: this.alias("kubernetes"),
    });
    return this.kubernetes;
  }

  /** The Helm provider for the cluster in this stack. */
  public get helmProvider(): HelmProvider {
    this.helm ??= new HelmProvider(this.stack, `helm-${shortHash(this.cluster.node.path)}`, {
      ...this.cluster.helmProviderConfig(this.stack, this.access),
      alias: this.alias("helm"),
    });
    return this.helm;
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
