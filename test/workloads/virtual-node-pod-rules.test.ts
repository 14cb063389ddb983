/**
 * Every pod-spec feature virtual nodes reject (reference §4), each with the message a user sees:
 * the field, the value and why.
 */
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import { describeViolations, podSpecViolations, workloadViolations } from "../../lib/workloads/virtual-node-pod-rules";

const resources = { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } };
const container = { name: "app", image: "shop:1.0.0", resources, ports: [{ containerPort: 8080 }] };
const valid: IPodSpec = {
  securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 },
  containers: [container],
  volumes: [
    { name: "tmp", emptyDir: { medium: "Memory" } },
    { name: "config", configMap: { name: "c", defaultMode: 0o644 } },
    { name: "s", secret: { secretName: "s" } },
    { name: "p", projected: { sources: [] } },
  ],
};
const withContainer = (patch: object): IPodSpec => ({ ...valid, containers: [{ ...container, ...patch }] });

describe("podSpecViolations", () => {
  test("GIVEN a spec virtual nodes run THEN no violation", () => {
    expect(podSpecViolations(valid, "spec")).toEqual([]);
  });

  test("GIVEN requests written differently but equal THEN no violation", () => {
    expect(podSpecViolations(withContainer({ resources: { requests: { cpu: "1", memory: "1024Mi" }, limits: { cpu: "1000m", memory: "1Gi" } } }), "spec")).toEqual([]);
  });

  test.each<[string, IPodSpec, string, string, string]>([
    ["requests ≠ limits (cpu)", withContainer({ resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } } }), "spec.containers[0].resources.requests.cpu", '{"requests":"250m","limits":"500m"}', "virtual nodes require requests to equal limits (cpu)"],
    ["requests ≠ limits (memory)", withContainer({ resources: { requests: { cpu: "1", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } } }), "spec.containers[0].resources.requests.memory", '{"requests":"512Mi","limits":"1Gi"}', "virtual nodes require requests to equal limits (memory)"],
    ["missing resources", withContainer({ resources: undefined }), "spec.containers[0].resources.requests.cpu", "undefined", "set cpu in both requests and limits, to the same value"],
    ["limits without requests", withContainer({ resources: { limits: { cpu: "1", memory: "1Gi" } } }), "spec.containers[0].resources.requests.memory", '"1Gi"', "set memory in both requests and limits"],
    ["an extra resource only requested", withContainer({ resources: { requests: { ...resources.requests, "ephemeral-storage": "1Gi" }, limits: resources.limits } }), "spec.containers[0].resources.requests.ephemeral-storage", '{"requests":"1Gi"}', "requests to equal limits (ephemeral-storage)"],
    ["hostNetwork", { ...valid, hostNetwork: true }, "spec.hostNetwork", "true", "no access to the host's network, process or IPC namespaces"],
    ["hostPID", { ...valid, hostPID: true }, "spec.hostPID", "true", "no access to the host's network, process or IPC namespaces"],
    ["hostIPC", { ...valid, hostIPC: true }, "spec.hostIPC", "true", "no access to the host's network, process or IPC namespaces"],
    ["hostPort", withContainer({ ports: [{ containerPort: 8080, hostPort: 80 }] }), "spec.containers[0].ports[0].hostPort", "80", "virtual nodes do not support hostPort"],
    ["privileged", withContainer({ securityContext: { privileged: true } }), "spec.containers[0].securityContext.privileged", "true", "virtual nodes do not run privileged containers"],
    ["allowPrivilegeEscalation", withContainer({ securityContext: { allowPrivilegeEscalation: true } }), "spec.containers[0].securityContext.allowPrivilegeEscalation", "true", "virtual nodes do not allow privilege escalation; set it to false"],
    ["an init container", { ...valid, initContainers: [{ name: "migrate", image: "m:1" }] }, "spec.initContainers[0]", '"migrate"', "virtual nodes do not run init containers"],
    ["a second emptyDir", { ...valid, volumes: [{ name: "a", emptyDir: {} }, { name: "b", emptyDir: {} }] }, "spec.volumes[1].emptyDir", '"b"', "virtual nodes allow one emptyDir volume per pod"],
    ["a second emptyDir with a medium", { ...valid, volumes: [{ name: "a", emptyDir: { medium: "HugePages" } }] }, "spec.volumes[0].emptyDir.medium", '"HugePages"', 'an emptyDir medium of "" or "Memory" only'],
    ["a PVC", { ...valid, volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data" } }] }, "spec.volumes[0].persistentVolumeClaim", '"data"', "no persistentVolumeClaim or hostPath"],
    ["hostPath", { ...valid, volumes: [{ name: "logs", hostPath: { path: "/var/log" } }] }, "spec.volumes[0].hostPath", '"logs"', "no persistentVolumeClaim or hostPath"],
    ["fsGroup", { ...valid, securityContext: { fsGroup: 2000 } }, "spec.securityContext.fsGroup", "2000", "virtual nodes take only runAsNonRoot, runAsUser, runAsGroup in a pod securityContext"],
    ["supplementalGroups", { ...valid, securityContext: { supplementalGroups: [3000] } }, "spec.securityContext.supplementalGroups", "[3000]", "only runAsNonRoot, runAsUser, runAsGroup"],
    ["sysctls", { ...valid, securityContext: { sysctls: [{ name: "net.core.somaxconn", value: "1024" }] } }, "spec.securityContext.sysctls", '[{"name":"net.core.somaxconn","value":"1024"}]', "only runAsNonRoot, runAsUser, runAsGroup"],
    ["a pod seccompProfile", { ...valid, securityContext: { seccompProfile: { type: "RuntimeDefault" } } }, "spec.securityContext.seccompProfile", '{"type":"RuntimeDefault"}', "(no fsGroup, supplementalGroups, seccompProfile or sysctls)"],
    ["a gRPC probe", withContainer({ livenessProbe: { grpc: { port: 9000 } } }), "spec.containers[0].livenessProbe.grpc", '{"port":9000}', "virtual nodes do not run gRPC probes"],
    ["a TCP probe", withContainer({ readinessProbe: { tcpSocket: { port: 8080 } } }), "spec.containers[0].readinessProbe.tcpSocket", '{"port":8080}', "virtual nodes do not list TCP probes as supported"],
    ["a probe-level grace period", withContainer({ livenessProbe: { httpGet: { path: "/", port: 8080 }, terminationGracePeriodSeconds: 5 } }), "spec.containers[0].livenessProbe.terminationGracePeriodSeconds", "5", "probe-level terminationGracePeriodSeconds"],
    ["a container port in the NodePort range", withContainer({ ports: [{ containerPort: 30080 }] }), "spec.containers[0].ports[0].containerPort", "30080", "virtual nodes reserve 30000-32767 (the NodePort range)"],
    ["a pod terminationGracePeriodSeconds", { ...valid, terminationGracePeriodSeconds: 30 }, "spec.terminationGracePeriodSeconds", "30", "virtual nodes do not support terminationGracePeriodSeconds in a pod spec"],
    ["shareProcessNamespace", { ...valid, shareProcessNamespace: true }, "spec.shareProcessNamespace", "true", "virtual nodes do not support shareProcessNamespace in a pod spec"],
    ["an emptyDir sizeLimit", { ...valid, volumes: [{ name: "tmp", emptyDir: { sizeLimit: "1Gi" } }] }, "spec.volumes[0].emptyDir.sizeLimit", '"1Gi"', "virtual nodes do not support an emptyDir sizeLimit"],
    ["a secret volume mode other than 0644", { ...valid, volumes: [{ name: "s", secret: { secretName: "s", defaultMode: 0o400 } }] }, "spec.volumes[0].secret.defaultMode", "256", "mode 0644 (420) only"],
    ["procMount", withContainer({ securityContext: { procMount: "Unmasked" } }), "spec.containers[0].securityContext.procMount", '"Unmasked"', "virtual nodes do not support procMount"],
    ["a subPathExpr mount", withContainer({ volumeMounts: [{ name: "tmp", mountPath: "/tmp", subPathExpr: "$(POD)" }] }), "spec.containers[0].volumeMounts[0].subPathExpr", '"$(POD)"', "virtual nodes do not support subPathExpr"],
    ["a sidecar with requests ≠ limits", { ...valid, containers: [container, { name: "proxy", image: "p:1", resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "64Mi" } } }] }, "spec.containers[1].resources.requests.cpu", '{"requests":"100m","limits":"200m"}', "requests to equal limits (cpu)"],
  ])("GIVEN %s THEN the field, its value and why", (_what, spec, field, value, reason) => {
    const violations = podSpecViolations(spec, "spec");
    expect(violations).toContainEqual({ field, value, reason: expect.stringContaining(reason) });
  });

  test("GIVEN a DaemonSet THEN it is rejected by kind", () => {
    expect(workloadViolations({ kind: "DaemonSet", spec: { template: { spec: valid } } } as never)).toEqual([
      { field: "kind", value: '"DaemonSet"', reason: "virtual nodes do not run DaemonSets; use a Deployment" },
    ]);
  });

  test("GIVEN a Deployment, a CronJob or a Pod THEN their pod specs are checked at their paths", () => {
    const bad = { ...valid, hostNetwork: true };
    expect(workloadViolations({ kind: "Deployment", spec: { template: { spec: bad } } } as never)[0].field).toBe("spec.template.spec.hostNetwork");
    expect(workloadViolations({ kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec: bad } } } } } as never)[0].field).toBe(
      "spec.jobTemplate.spec.template.spec.hostNetwork",
    );
    expect(workloadViolations({ kind: "Pod", spec: bad } as never)[0].field).toBe("spec.hostNetwork");
  });

  test("GIVEN a bad quantity THEN the error names the field", () => {
    expect(() => podSpecViolations(withContainer({ resources: { requests: { cpu: "lots", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } }), "spec")).toThrow(
      'spec.containers[0].resources.requests.cpu: "lots" is not a Kubernetes quantity',
    );
  });

  test("THEN the message lists every violation under the object's name", () => {
    const message = describeViolations("Deployment shop/api", podSpecViolations({ ...valid, hostPID: true, initContainers: [{ name: "i", image: "i:1" }] }, "spec.template.spec"));
    expect(message).toBe(
      [
        "Deployment shop/api: virtual nodes would reject this pod spec:",
        "  - spec.template.spec.hostPID = true: virtual nodes give pods no access to the host's network, process or IPC namespaces",
        '  - spec.template.spec.initContainers[0] = "i": virtual nodes do not run init containers; do the work in the app\'s start-up or a Job',
      ].join("\n"),
    );
  });
});
