import {
  APP_CONTAINER,
  DeploymentInput,
  MANAGED_BY,
  NIC_ANNOTATION,
  SERVICE_PORT,
  appLabels,
  deploymentManifest,
  horizontalPodAutoscalerManifest,
  ingressManifest,
  namespaceManifest,
  podDisruptionBudgetManifest,
  serviceAccountManifest,
  serviceManifest,
} from "../../lib/workloads/app-manifests";
import { DEFAULT_TOPOLOGY_KEYS } from "../../lib/workloads/app-workload-plan";
import { podSpecViolations } from "../../lib/workloads/virtual-node-pod-rules";
import { validateKubernetesObject } from "../support/kubernetes-schemas";

const input: DeploymentInput = {
  name: "api",
  namespace: "shop",
  image: "registry.example.com/shop/api:1.0.0",
  containerPort: 8080,
  cpu: "500m",
  memory: "1Gi",
  livenessPath: "/healthz",
  readinessPath: "/readyz",
  runAsUser: 10001,
  runAsGroup: 10002,
  env: [{ name: "A", value: "1" }],
  serviceAccountName: "api",
  surgePercent: 25,
  whenUnsatisfiable: "ScheduleAnyway",
  topologyKeys: DEFAULT_TOPOLOGY_KEYS,
  tmpVolume: true,
  extraContainers: [],
};
const valid = (o: object) => validateKubernetesObject(o as { apiVersion: string; kind: string });

describe("deploymentManifest", () => {
  const deployment = deploymentManifest(input);
  const pod = deployment.spec!.template.spec!;
  const [app] = pod.containers;

  test("THEN a valid Deployment whose pod passes the virtual-node rules", () => {
    expect(valid(deployment)).toBe("kubernetes-models");
    expect(podSpecViolations(pod, "spec.template.spec")).toEqual([]);
  });

  test("THEN requests = limits, probes on the named port, hardened container, no token, UID/GID on the pod", () => {
    expect(app.name).toBe(APP_CONTAINER);
    expect(app.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } });
    expect(app.readinessProbe!.httpGet).toEqual({ path: "/readyz", port: "http", scheme: "HTTP" });
    expect(app.livenessProbe!.httpGet!.path).toBe("/healthz");
    expect(app.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10002 });
  });

  test("THEN one spread constraint per topology key, surge as a percentage, none unavailable", () => {
    expect(pod.topologySpreadConstraints!.map((c) => c.topologyKey)).toEqual(DEFAULT_TOPOLOGY_KEYS);
    expect(deployment.spec!.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
    expect(deployment.spec!.replicas).toBeUndefined(); // the HPA's
  });

  test("GIVEN no tmp volume and pull secrets THEN no emptyDir, the secrets listed", () => {
    const d = deploymentManifest({ ...input, tmpVolume: false, imagePullSecrets: ["pull"] });
    expect(d.spec!.template.spec!.volumes).toBeUndefined();
    expect(d.spec!.template.spec!.containers[0].volumeMounts).toBeUndefined();
    expect(d.spec!.template.spec!.imagePullSecrets).toEqual([{ name: "pull" }]);
  });
});

describe("the other app objects", () => {
  test("THEN Namespace, ServiceAccount, Service, HPA and PDB are valid and carry the app's labels", () => {
    const objects = [
      namespaceManifest("shop", { team: "a" }),
      serviceAccountManifest("api", "shop", false),
      serviceManifest("api", "shop"),
      horizontalPodAutoscalerManifest("api", "shop", { minReplicas: 2, maxReplicas: 10, targetCpuUtilization: 70 }),
      podDisruptionBudgetManifest("api", "shop"),
    ];
    for (const o of objects) {
      expect(valid(o)).toBe("kubernetes-models");
      expect(o.metadata!.labels!["app.kubernetes.io/managed-by"]).toBe(MANAGED_BY);
    }
    expect(namespaceManifest("shop").metadata!.namespace).toBeUndefined();
  });

  test("THEN the Service selects the app's pods on port 80 → the named container port", () => {
    const svc = serviceManifest("api", "shop");
    expect(svc.spec).toEqual({ type: "ClusterIP", selector: appLabels("api"), ports: [{ name: "http", port: SERVICE_PORT, targetPort: "http", protocol: "TCP" }] });
  });

  test("THEN the HPA scales the Deployment on CPU, the PDB allows one pod down", () => {
    const hpa = horizontalPodAutoscalerManifest("api", "shop", { minReplicas: 3, maxReplicas: 9, targetCpuUtilization: 60 });
    expect(hpa.spec).toMatchObject({ scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" }, minReplicas: 3, maxReplicas: 9 });
    expect(hpa.spec!.metrics![0].resource!.target.averageUtilization).toBe(60);
    expect(podDisruptionBudgetManifest("api", "shop").spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: appLabels("api") } });
  });
});

describe("ingressManifest", () => {
  const base = { name: "api", namespace: "shop", ingressClassName: "pub", path: "/", pathType: "Prefix" as const, backendTls: false };

  test("GIVEN no host and no TLS THEN a valid Ingress for any host, backend TLS off", () => {
    const ing = ingressManifest(base);
    expect(valid(ing)).toBe("kubernetes-models");
    expect(ing.metadata!.annotations).toEqual({ [`${NIC_ANNOTATION}/backend-tls-enabled`]: "false" });
    expect(ing.spec!.rules![0].host).toBeUndefined();
    expect(ing.spec!.tls).toBeUndefined();
  });

  test("GIVEN a TLS secret and a host THEN spec.tls names both", () => {
    const ing = ingressManifest({ ...base, host: "shop.example.com", tls: { secretName: "shop-tls" } });
    expect(ing.spec!.tls).toEqual([{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
  });

  test("GIVEN an OCI certificate and backend TLS THEN annotations, no spec.tls", () => {
    const ing = ingressManifest({ ...base, backendTls: true, tls: { certificateId: "ocid1.certificate.oc1..c" } });
    expect(ing.metadata!.annotations).toEqual({ [`${NIC_ANNOTATION}/backend-tls-enabled`]: "true", [`${NIC_ANNOTATION}/certificate-ocid`]: "ocid1.certificate.oc1..c" });
    expect(ing.spec!.tls).toBeUndefined();
  });
});
