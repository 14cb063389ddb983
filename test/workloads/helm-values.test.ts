import { externalSecretsValues, metricsServerValues } from "../../lib/workloads/helm-values";

const size = { cpu: "250m", memory: "512Mi" };
const equal = { requests: size, limits: size };

describe("externalSecretsValues", () => {
  const values = externalSecretsValues({ controller: size, webhook: size, certController: { cpu: "500m", memory: "1Gi" } }) as any;

  test("THEN CRDs are installed with the chart", () => {
    expect(values.installCRDs).toBe(true);
  });

  test("THEN controller, webhook and cert-controller have requests = limits, one replica, no host network", () => {
    for (const pod of [values, values.webhook, values.certController]) {
      expect(pod.resources.requests).toEqual(pod.resources.limits);
      expect(pod.replicaCount).toBe(1);
      expect(pod.hostNetwork).toBe(false);
    }
    expect(values.resources).toEqual(equal);
    expect(values.certController.resources.limits).toEqual({ cpu: "500m", memory: "1Gi" });
    expect(values.webhook.create).toBe(true);
    expect(values.certController.create).toBe(true);
  });

  test("THEN no pod securityContext (no fsGroup, no pod seccompProfile) and the container seccompProfile deleted with null", () => {
    for (const pod of [values, values.webhook, values.certController]) {
      expect(pod.podSecurityContext).toEqual({ enabled: false });
      expect(pod.securityContext).toEqual({ seccompProfile: null });
    }
    // null survives JSON, which Helm reads as YAML and uses to delete the chart's default.
    expect(JSON.parse(JSON.stringify(values)).securityContext).toEqual({ seccompProfile: null });
  });

  test("GIVEN a bad size THEN a clear error", () => {
    expect(() => externalSecretsValues({ controller: { cpu: "fast", memory: "1Gi" }, webhook: size, certController: size })).toThrow(
      'externalSecrets.controller.cpu: "fast" is not a Kubernetes quantity',
    );
  });
});

describe("metricsServerValues", () => {
  const values = metricsServerValues(size) as any;

  test("THEN 60 s metric resolution replaces the chart's 15 s, with the other default args kept", () => {
    expect(values.defaultArgs).toEqual([
      "--cert-dir=/tmp",
      "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
      "--kubelet-use-node-status-port",
      "--metric-resolution=60s",
    ]);
  });

  test("THEN probes are off (null, which the chart's `with` skips), requests = limits, one container", () => {
    expect(values.livenessProbe).toBeNull();
    expect(values.readinessProbe).toBeNull();
    expect(values.resources).toEqual(equal);
    expect(values.addonResizer).toEqual({ enabled: false });
    expect(values.hostNetwork).toEqual({ enabled: false });
    expect(values.securityContext).toEqual({ seccompProfile: null });
  });
});
