/**
 * Helm values that make the cluster services' pods valid on virtual nodes (reference §4, §5), for
 * the pinned chart versions. Pure: no cdktf imports. Read from the charts' templates at the pinned
 * tags (external-secrets `helm-chart-2.9.0`, metrics-server `metrics-server-helm-chart-3.13.0`):
 * - a `null` value deletes a chart default key (Helm's coalescing); `{}` would merge the default back;
 * - external-secrets renders a pod securityContext only when `enabled` and other keys are set, and
 *   sets `seccompProfile: RuntimeDefault` on the containers, which is removed here as a precaution
 *   (Oracle lists runAsNonRoot, runAsUser, runAsGroup, readOnlyRootFilesystem and
 *   allowPrivilegeEscalation for virtual nodes; capabilities add/drop are allowed and kept);
 * - metrics-server's probes are wrapped in `with`, so `null` turns them off; its default args are
 *   replaced whole (lists are not merged) to set `--metric-resolution=60s`.
 */
import { parseQuantity } from "./quantity";

export interface PodResources {
  /** CPU, e.g. "250m"; requests and limits both. */
  readonly cpu: string;
  /** Memory, e.g. "512Mi"; requests and limits both. */
  readonly memory: string;
}

/**
 * Virtual nodes bill at least 0.125 OCPU and 0.5 GB per pod and round up to whole OCPUs and GB
 * (reference §4), so smaller sizes save nothing.
 */
export const DEFAULT_SERVICE_POD_RESOURCES: PodResources = { cpu: "250m", memory: "512Mi" };

export const EXTERNAL_SECRETS_CHART = {
  repository: "https://charts.external-secrets.io",
  chart: "external-secrets",
  version: "2.9.0",
} as const;

export const METRICS_SERVER_CHART = {
  repository: "https://kubernetes-sigs.github.io/metrics-server/",
  chart: "metrics-server",
  version: "3.13.0",
} as const;

/**
 * Checks and expands pod resources into a requests = limits block.
 * @internal
 */
export function equalRequestsAndLimits(resources: PodResources, what: string) {
  parseQuantity(resources.cpu, `${what}.cpu`);
  parseQuantity(resources.memory, `${what}.memory`);
  const both = { cpu: resources.cpu, memory: resources.memory };
  return { requests: both, limits: both };
}

/** @internal */
export interface ExternalSecretsValuesInput {
  readonly controller: PodResources;
  readonly webhook: PodResources;
  readonly certController: PodResources;
}

/**
 * The three pods of External Secrets: controller, webhook and cert-controller, one replica each.
 * @internal
 */
export function externalSecretsValues(input: ExternalSecretsValuesInput): Record<string, unknown> {
  const pod = (resources: PodResources, what: string) => ({
    replicaCount: 1,
    hostNetwork: false,
    podSecurityContext: { enabled: false },
    securityContext: { seccompProfile: null },
    resources: equalRequestsAndLimits(resources, what),
  });
  return {
    installCRDs: true,
    ...pod(input.controller, "externalSecrets.controller"),
    webhook: { create: true, ...pod(input.webhook, "externalSecrets.webhook") },
    certController: { create: true, ...pod(input.certController, "externalSecrets.certController") },
  };
}

/**
 * Pods External Secrets runs with `externalSecretsValues`.
 * @internal
 */
export const EXTERNAL_SECRETS_PODS = 3;

/** @internal */
export const METRICS_SERVER_DEFAULT_ARGS = [
  "--cert-dir=/tmp",
  "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
  "--kubelet-use-node-status-port",
  // Virtual-node kubelet metrics are 60 s granular (reference §4).
  "--metric-resolution=60s",
] as const;

/**
 * metrics-server for the HPA on virtual nodes: 60 s resolution, probes off, requests = limits.
 * @internal
 */
export function metricsServerValues(resources: PodResources): Record<string, unknown> {
  return {
    replicas: 1,
    hostNetwork: { enabled: false },
    defaultArgs: [...METRICS_SERVER_DEFAULT_ARGS],
    livenessProbe: null,
    readinessProbe: null,
    securityContext: { seccompProfile: null },
    resources: equalRequestsAndLimits(resources, "metricsServer"),
    addonResizer: { enabled: false },
  };
}

/** @internal */
export const METRICS_SERVER_PODS = 1;
