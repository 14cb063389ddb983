/**
 * What pods on OKE virtual nodes may not use (reference §4; Oracle, "Comparing Virtual Nodes with
 * Managed Nodes": contengcomparingvirtualwithmanagednodes_topic.htm), checked on every pod spec the
 * library emits and on every patch a user applies, so a pod virtual nodes would refuse fails at
 * synth instead of staying Pending after apply. Fields Oracle does not mention (container-level
 * runAsUser or seccompProfile, tcpSocket probes aside) are let through.
 * Pure: no cdktf imports; objects are plain Kubernetes JSON (kubernetes-models types).
 */
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IProbe } from "kubernetes-models/v1/Probe";
import { parseQuantity } from "./quantity";

/** One thing virtual nodes reject: the field, its value and why. */
export interface PodViolation {
  /** JSON path of the field, e.g. `spec.template.spec.containers[0].resources`. */
  readonly field: string;
  /** The offending value, as JSON. */
  readonly value: string;
  readonly reason: string;
}

export const NODE_PORT_RANGE = { min: 30000, max: 32767 } as const;
/** The only pod-level securityContext fields virtual nodes take. */
export const POD_SECURITY_CONTEXT_FIELDS = ["runAsNonRoot", "runAsUser", "runAsGroup"] as const;
/** Volume types virtual nodes mount (emptyDir at most once). */
export const VOLUME_TYPES = ["emptyDir", "configMap", "secret", "projected"] as const;
/** Pod fields Oracle lists as not supported on virtual nodes. */
const UNSUPPORTED_POD_FIELDS = ["hostname", "shareProcessNamespace", "setHostnameAsFQDN", "os", "overhead", "terminationGracePeriodSeconds", "ephemeralContainers"] as const;
/** The only file mode virtual nodes take for configMap, secret and projected volumes (0644). */
const VOLUME_MODE = 0o644;
const REQUIRED_RESOURCES = ["cpu", "memory"] as const;
const PROBES = ["livenessProbe", "readinessProbe", "startupProbe"] as const;

const show = (value: unknown) => JSON.stringify(value) ?? "undefined";

/** Checks one pod spec; `path` is where it sits in its object, e.g. `spec.template.spec`. */
export function podSpecViolations(spec: IPodSpec, path: string): PodViolation[] {
  const found: PodViolation[] = [];
  const add = (field: string, value: unknown, reason: string) => found.push({ field: `${path}.${field}`, value: show(value), reason });

  for (const flag of ["hostNetwork", "hostPID", "hostIPC"] as const) {
    if (spec[flag]) add(flag, spec[flag], "virtual nodes give pods no access to the host's network, process or IPC namespaces");
  }
  for (const [key, value] of Object.entries(spec.securityContext ?? {})) {
    if (value === undefined || (POD_SECURITY_CONTEXT_FIELDS as readonly string[]).includes(key)) continue;
    add(
      `securityContext.${key}`,
      value,
      `virtual nodes take only ${POD_SECURITY_CONTEXT_FIELDS.join(", ")} in a pod securityContext (no fsGroup, supplementalGroups, seccompProfile or sysctls)`,
    );
  }
  for (const field of UNSUPPORTED_POD_FIELDS) {
    if (spec[field] !== undefined) add(field, spec[field], `virtual nodes do not support ${field} in a pod spec`);
  }
  (spec.initContainers ?? []).forEach((c, i) =>
    add(`initContainers[${i}]`, c.name, "virtual nodes do not run init containers; do the work in the app's start-up or a Job"),
  );
  let emptyDirs = 0;
  (spec.volumes ?? []).forEach((volume, i) => {
    const types = Object.keys(volume).filter((k) => k !== "name" && volume[k as keyof typeof volume] !== undefined);
    for (const type of types) {
      if (type === "emptyDir" && ++emptyDirs > 1) {
        add(`volumes[${i}].emptyDir`, volume.name, "virtual nodes allow one emptyDir volume per pod");
      } else if (type === "emptyDir" && volume.emptyDir?.sizeLimit !== undefined) {
        add(`volumes[${i}].emptyDir.sizeLimit`, volume.emptyDir.sizeLimit, "virtual nodes do not support an emptyDir sizeLimit");
      } else if (type === "emptyDir" && !["", "Memory", undefined].includes(volume.emptyDir?.medium)) {
        add(`volumes[${i}].emptyDir.medium`, volume.emptyDir?.medium, 'virtual nodes take an emptyDir medium of "" or "Memory" only');
      } else if (!(VOLUME_TYPES as readonly string[]).includes(type)) {
        add(
          `volumes[${i}].${type}`,
          volume.name,
          `virtual nodes mount only ${VOLUME_TYPES.join(", ")} volumes (no persistentVolumeClaim or hostPath)`,
        );
      } else if (type !== "emptyDir") {
        const mode = (volume as unknown as Record<string, { defaultMode?: number } | undefined>)[type]?.defaultMode;
        if (mode !== undefined && mode !== VOLUME_MODE) {
          add(`volumes[${i}].${type}.defaultMode`, mode, "virtual nodes mount configMap, secret and projected volumes with mode 0644 (420) only");
        }
      }
    }
  });
  (spec.containers ?? []).forEach((container, i) => found.push(...containerViolations(container, `${path}.containers[${i}]`)));
  return found;
}

function containerViolations(container: IContainer, path: string): PodViolation[] {
  const found: PodViolation[] = [];
  const add = (field: string, value: unknown, reason: string) => found.push({ field: `${path}.${field}`, value: show(value), reason });

  const { requests = {}, limits = {} } = container.resources ?? {};
  for (const resource of REQUIRED_RESOURCES) {
    const request = requests[resource];
    const limit = limits[resource];
    if (request === undefined || limit === undefined) {
      add(
        `resources.${request === undefined ? "requests" : "limits"}.${resource}`,
        request ?? limit,
        `virtual nodes size each pod from its resources: set ${resource} in both requests and limits, to the same value`,
      );
    } else if (parseQuantity(request, `${path}.resources.requests.${resource}`) !== parseQuantity(limit, `${path}.resources.limits.${resource}`)) {
      add(`resources.requests.${resource}`, { requests: request, limits: limit }, `virtual nodes require requests to equal limits (${resource})`);
    }
  }
  for (const resource of new Set([...Object.keys(requests), ...Object.keys(limits)])) {
    if ((REQUIRED_RESOURCES as readonly string[]).includes(resource)) continue;
    const [request, limit] = [requests[resource], limits[resource]];
    if (request === undefined || limit === undefined || parseQuantity(request, resource) !== parseQuantity(limit, resource)) {
      add(`resources.requests.${resource}`, { requests: request, limits: limit }, `virtual nodes require requests to equal limits (${resource})`);
    }
  }

  const sc = container.securityContext ?? {};
  if (sc.privileged) add("securityContext.privileged", sc.privileged, "virtual nodes do not run privileged containers");
  if (sc.allowPrivilegeEscalation === true) {
    add("securityContext.allowPrivilegeEscalation", true, "virtual nodes do not allow privilege escalation; set it to false");
  }
  if (sc.procMount !== undefined) add("securityContext.procMount", sc.procMount, "virtual nodes do not support procMount");
  (container.volumeMounts ?? []).forEach((mount, j) => {
    if (mount.subPathExpr !== undefined) add(`volumeMounts[${j}].subPathExpr`, mount.subPathExpr, "virtual nodes do not support subPathExpr");
    if (mount.mountPropagation !== undefined) add(`volumeMounts[${j}].mountPropagation`, mount.mountPropagation, "virtual nodes do not support mountPropagation");
  });
  if (container.volumeDevices?.length) add("volumeDevices", container.volumeDevices, "virtual nodes do not support volumeDevices");
  (container.ports ?? []).forEach((port, j) => {
    if (port.hostPort !== undefined) add(`ports[${j}].hostPort`, port.hostPort, "virtual nodes do not support hostPort");
    if (port.containerPort >= NODE_PORT_RANGE.min && port.containerPort <= NODE_PORT_RANGE.max) {
      add(
        `ports[${j}].containerPort`,
        port.containerPort,
        `virtual nodes reserve ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max} (the NodePort range); listen on another port`,
      );
    }
  });
  for (const name of PROBES) {
    const probe: IProbe | undefined = container[name];
    if (!probe) continue;
    if (probe.grpc) add(`${name}.grpc`, probe.grpc, "virtual nodes do not run gRPC probes; use an httpGet or exec probe");
    if (probe.tcpSocket) add(`${name}.tcpSocket`, probe.tcpSocket, "virtual nodes do not list TCP probes as supported; use an httpGet or exec probe");
    if (probe.terminationGracePeriodSeconds !== undefined) {
      add(`${name}.terminationGracePeriodSeconds`, probe.terminationGracePeriodSeconds, "virtual nodes do not support a probe-level terminationGracePeriodSeconds");
    }
  }
  return found;
}

/** A workload object as Kubernetes JSON: a Pod, or a controller with a pod template. */
export interface WorkloadManifest {
  readonly kind: string;
  readonly spec?: { readonly template?: { readonly spec?: IPodSpec }; readonly jobTemplate?: { spec?: { template?: { spec?: IPodSpec } } } } & IPodSpec;
}

/** Checks a workload object: its kind, and the pod spec it carries. */
export function workloadViolations(manifest: WorkloadManifest): PodViolation[] {
  if (manifest.kind === "DaemonSet") {
    return [{ field: "kind", value: show(manifest.kind), reason: "virtual nodes do not run DaemonSets; use a Deployment" }];
  }
  if (manifest.kind === "Pod") return podSpecViolations(manifest.spec ?? { containers: [] }, "spec");
  if (manifest.kind === "CronJob") {
    return podSpecViolations(manifest.spec?.jobTemplate?.spec?.template?.spec ?? { containers: [] }, "spec.jobTemplate.spec.template.spec");
  }
  return podSpecViolations(manifest.spec?.template?.spec ?? { containers: [] }, "spec.template.spec");
}

/** One error message listing every violation: field, value and why. */
export function describeViolations(where: string, violations: readonly PodViolation[]): string {
  return [
    `${where}: virtual nodes would reject this pod spec:`,
    ...violations.map((v) => `  - ${v.field} = ${v.value}: ${v.reason}`),
  ].join("\n");
}
