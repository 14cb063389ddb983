/**
 * The Kubernetes objects of one app on virtual nodes, as plain Kubernetes JSON typed with
 * kubernetes-models (and checked against the Kubernetes OpenAPI schema in the tests). Pure: no
 * cdktf imports; values may be Terraform references (`${...}`) where Kubernetes takes strings.
 */
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IProbe } from "kubernetes-models/v1/Probe";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { ITopologySpreadConstraint } from "kubernetes-models/v1/TopologySpreadConstraint";

/** @internal */
export const MANAGED_BY = "oke-virtual-nodes";
/**
 * Label that makes the native ingress controller inject pod readiness gates (zero-downtime rollouts).
 * @internal
 */
export const POD_READINESS_GATE_LABEL = "podreadiness.ingress.oraclecloud.com/pod-readiness-gate-inject";
/**
 * Ingress annotation prefix of the OCI native ingress controller (reference §10).
 * @internal
 */
export const NIC_ANNOTATION = "oci-native-ingress.oraclecloud.com";
/** @internal */
export const APP_CONTAINER = "app";
/** @internal */
export const TMP_VOLUME = "tmp";
/** @internal */
export const SERVICE_PORT = 80;

/**
 * The selector labels of an app.
 * @internal
 */
export function appLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": name };
}

function meta(name: string, namespace: string | undefined, labels: Record<string, string>, annotations?: Record<string, string>) {
  return {
    name,
    ...(namespace === undefined ? {} : { namespace }),
    labels: { ...labels, "app.kubernetes.io/managed-by": MANAGED_BY },
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** @internal */
export function namespaceManifest(name: string, labels: Record<string, string> = {}): INamespace {
  return { apiVersion: "v1", kind: "Namespace", metadata: meta(name, undefined, labels) };
}

/** @internal */
export function serviceAccountManifest(name: string, namespace: string, automountToken: boolean): IServiceAccount {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: meta(name, namespace, {}),
    automountServiceAccountToken: automountToken,
  };
}

/** @internal */
export interface DeploymentInput {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly containerPort: number;
  readonly cpu: string;
  readonly memory: string;
  readonly livenessPath: string;
  readonly readinessPath: string;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly env: readonly IEnvVar[];
  readonly serviceAccountName: string;
  /** Rolling-update surge, percent. */
  readonly surgePercent: number;
  /** ScheduleAnyway keeps scaling when a zone or node is short; DoNotSchedule enforces the spread. */
  readonly whenUnsatisfiable: "ScheduleAnyway" | "DoNotSchedule";
  /** Topology keys to spread over. */
  readonly topologyKeys: readonly string[];
  /** A writable /tmp (the one emptyDir virtual nodes allow) next to the read-only root filesystem. */
  readonly tmpVolume: boolean;
  readonly extraContainers: readonly IContainer[];
  /**
   * Secrets of type kubernetes.io/dockerconfigjson the pods pull with.
   * @default none
   */
  readonly imagePullSecrets?: readonly string[];
}

/**
 * A Deployment fit for virtual nodes and hardened as kube-score and Polaris ask: requests equal
 * limits, HTTP probes, non-root UID/GID above 10000, read-only root filesystem, no privilege
 * escalation, all capabilities dropped, no service-account token (the app does not call the API),
 * spread over zones, fault domains and nodes. Replicas are left to the HorizontalPodAutoscaler.
 * @internal
 */
export function deploymentManifest(input: DeploymentInput): IDeployment {
  const labels = appLabels(input.name);
  const resources = { cpu: input.cpu, memory: input.memory };
  const httpProbe = (path: string, initialDelaySeconds: number): IProbe => ({
    httpGet: { path, port: "http", scheme: "HTTP" },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  const spread: ITopologySpreadConstraint[] = input.topologyKeys.map((topologyKey) => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: input.whenUnsatisfiable,
    labelSelector: { matchLabels: labels },
  }));
  const app: IContainer = {
    name: APP_CONTAINER,
    image: input.image,
    ports: [{ name: "http", containerPort: input.containerPort, protocol: "TCP" }],
    env: [...input.env],
    resources: { requests: resources, limits: resources },
    readinessProbe: httpProbe(input.readinessPath, 5),
    livenessProbe: httpProbe(input.livenessPath, 15),
    // Only the container fields Oracle lists as supported on virtual nodes; the user and group
    // are set on the pod, where virtual nodes take them.
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    },
    ...(input.tmpVolume ? { volumeMounts: [{ name: TMP_VOLUME, mountPath: "/tmp" }] } : {}),
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(input.name, input.namespace, labels),
    spec: {
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: `${input.surgePercent}%`, maxUnavailable: 0 } },
      revisionHistoryLimit: 5,
      template: {
        metadata: { labels: { ...labels, "app.kubernetes.io/managed-by": MANAGED_BY } },
        spec: {
          serviceAccountName: input.serviceAccountName,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: input.runAsUser, runAsGroup: input.runAsGroup },
          ...(input.imagePullSecrets?.length ? { imagePullSecrets: input.imagePullSecrets.map((name) => ({ name })) } : {}),
          containers: [app, ...input.extraContainers],
          topologySpreadConstraints: spread,
          ...(input.tmpVolume ? { volumes: [{ name: TMP_VOLUME, emptyDir: {} }] } : {}),
        },
      },
    },
  };
}

/** @internal */
export function serviceManifest(name: string, namespace: string): IService {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(name, namespace, appLabels(name)),
    spec: {
      type: "ClusterIP",
      selector: appLabels(name),
      ports: [{ name: "http", port: SERVICE_PORT, targetPort: "http", protocol: "TCP" }],
    },
  };
}

/** @internal */
export interface AutoscalingInput {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
}

/** @internal */
export function horizontalPodAutoscalerManifest(name: string, namespace: string, scaling: AutoscalingInput): IHorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta(name, namespace, appLabels(name)),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: scaling.targetCpuUtilization } } }],
    },
  };
}

/**
 * At most one pod down in voluntary disruptions (node replacement, upgrades).
 * @internal
 */
export function podDisruptionBudgetManifest(name: string, namespace: string): IPodDisruptionBudget {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta(name, namespace, appLabels(name)),
    spec: { maxUnavailable: 1, selector: { matchLabels: appLabels(name) } },
  };
}

/** How an ingress terminates TLS (AppIngressOptions.tls). */
export type IngressTls =
  /** A Kubernetes TLS secret in the app's namespace; the controller imports it. */
  | { readonly secretName: string }
  /** A certificate of the OCI Certificates service. */
  | { readonly certificateId: string };

/** @internal */
export interface IngressInput {
  readonly name: string;
  readonly namespace: string;
  readonly ingressClassName: string;
  /** Host name; without it the rule matches any host. */
  readonly host?: string;
  readonly path: string;
  readonly pathType: "Prefix" | "Exact";
  readonly tls?: IngressTls;
  /** The app itself speaks TLS on its container port. */
  readonly backendTls: boolean;
}

/** @internal */
export function ingressManifest(input: IngressInput): IIngress {
  const annotations: Record<string, string> = { [`${NIC_ANNOTATION}/backend-tls-enabled`]: String(input.backendTls) };
  if (input.tls && "certificateId" in input.tls) annotations[`${NIC_ANNOTATION}/certificate-ocid`] = input.tls.certificateId;
  const tlsSecret = input.tls && "secretName" in input.tls ? input.tls.secretName : undefined;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: meta(input.name, input.namespace, appLabels(input.name), annotations),
    spec: {
      ingressClassName: input.ingressClassName,
      ...(tlsSecret ? { tls: [{ ...(input.host ? { hosts: [input.host] } : {}), secretName: tlsSecret }] } : {}),
      rules: [
        {
          ...(input.host ? { host: input.host } : {}),
          http: {
            paths: [{ path: input.path, pathType: input.pathType, backend: { service: { name: input.name, port: { number: SERVICE_PORT } } } }],
          },
        },
      ],
    },
  };
}
