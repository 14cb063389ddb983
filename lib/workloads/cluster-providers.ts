import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import { TerraformStack } from "../cdktf";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { shortHash } from "../common/hash";

/**
 * The Kubernetes provider of `cluster` in the stack of `scope`, made once per stack and cluster
 * from the cluster's kubeconfig (read in that stack, reference §12). The first cluster of a stack
 * gets the default provider; another cluster in the same stack an alias.
 * @internal
 */
export function kubernetesProviderFor(scope: Construct, cluster: IVirtualNodeCluster, access?: KubernetesAccess): KubernetesProvider {
  return providerFor(scope, cluster, "kubernetes", (stack, id, alias) => new KubernetesProvider(stack, id, { ...cluster.kubernetesProviderConfig(stack, access), alias }));
}

/**
 * The Helm provider of `cluster` in the stack of `scope` (see `kubernetesProviderFor`).
 * @internal
 */
export function helmProviderFor(scope: Construct, cluster: IVirtualNodeCluster, access?: KubernetesAccess): HelmProvider {
  return providerFor(scope, cluster, "helm", (stack, id, alias) => new HelmProvider(stack, id, { ...cluster.helmProviderConfig(stack, access), alias }));
}

function providerFor<T extends KubernetesProvider | HelmProvider>(
  scope: Construct,
  cluster: IVirtualNodeCluster,
  kind: "kubernetes" | "helm",
  create: (stack: TerraformStack, id: string, alias: string | undefined) => T,
): T {
  const stack = TerraformStack.of(scope);
  const id = `${kind}-${shortHash(cluster.node.path)}`;
  const existing = stack.node.tryFindChild(id) as T | undefined;
  if (existing) return existing;
  const others = stack.node.children.some((c) => c.node.id.startsWith(`${kind}-`) && (c instanceof KubernetesProvider || c instanceof HelmProvider));
  return create(stack, id, others ? `cluster-${shortHash(cluster.node.path)}` : undefined);
}
