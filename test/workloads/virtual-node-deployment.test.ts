import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { VirtualNodeDeployment, VirtualNodeDeploymentProps } from "../../lib/workloads/virtual-node-deployment";
import { manifestOf, manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "../support/synth";

function build(props: Partial<VirtualNodeDeploymentProps> = {}, use?: (d: VirtualNodeDeployment) => void): { tf: TfJson; deployment: VirtualNodeDeployment } {
  let deployment!: VirtualNodeDeployment;
  const { tf } = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    deployment = new VirtualNodeDeployment(scope, "worker", { cluster, namespace: "batch", name: "worker", image: "registry.example.com/batch/worker:2.0.1", ...props });
    use?.(deployment);
  });
  return { tf, deployment };
}

describe("VirtualNodeDeployment used alone", () => {
  // GIVEN a deployment with an env var, a secret env var and defaults otherwise
  const { tf, deployment } = build({ env: { MODE: "batch" } }, (d) => d.addSecretEnv("TOKEN", "worker-secrets"));
  const pod = manifestOf(tf, "Deployment").spec.template.spec;

  test("THEN a Deployment, Service, HPA and PDB, each valid", () => {
    expect(manifestsOf(tf).map((m) => `${m.kind}:${validateKubernetesObject(m)}`).sort()).toEqual([
      "Deployment:kubernetes-models",
      "HorizontalPodAutoscaler:kubernetes-models",
      "PodDisruptionBudget:kubernetes-models",
      "Service:kubernetes-models",
    ]);
  });

  test("THEN the documented defaults: port 8080, 500m/1Gi, 2–10 pods at 70 %, 25 % surge, UID/GID 10001, the default service account", () => {
    const [app] = pod.containers;
    expect(app.ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect(app.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } });
    expect(pod.securityContext).toMatchObject({ runAsUser: 10001, runAsGroup: 10001, runAsNonRoot: true });
    expect(pod.serviceAccountName).toBe("default");
    expect(manifestOf(tf, "Deployment").spec.strategy.rollingUpdate.maxSurge).toBe("25%");
    const hpa = manifestOf(tf, "HorizontalPodAutoscaler").spec;
    expect([hpa.minReplicas, hpa.maxReplicas, hpa.metrics[0].resource.target.averageUtilization]).toEqual([2, 10, 70]);
    expect([deployment.minReplicas, deployment.maxReplicas, deployment.surgePercent]).toEqual([2, 10, 25]);
  });

  test("THEN env in order: plain, then from the Secret", () => {
    expect(pod.containers[0].env).toEqual([
      { name: "MODE", value: "batch" },
      { name: "TOKEN", valueFrom: { secretKeyRef: { name: "worker-secrets", key: "TOKEN" } } },
    ]);
  });

  test("THEN the HPA waits for the Deployment", () => {
    const hpa = Object.values(resourcesOf(tf, "kubernetes_manifest")).find((r: any) => r.manifest.kind === "HorizontalPodAutoscaler") as any;
    expect(hpa.depends_on).toEqual([expect.stringMatching(/^kubernetes_manifest\.worker_deployment_/)]);
  });
});

describe("VirtualNodeDeployment and the pod subnet", () => {
  test("GIVEN maxReplicas 8 at 25 % surge THEN 10 peak pods join the network's capacity check", () => {
    let network!: Network;
    synthOci((scope) => {
      network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
      const before = podsRequired(network);
      new VirtualNodeDeployment(scope, "worker", { cluster, namespace: "batch", name: "worker", image: "registry.example.com/batch/worker:2.0.1", autoscaling: { maxReplicas: 8 } });
      expect(podsRequired(network) - before).toBe(10);
    });
  });
});

function podsRequired(network: Network): number {
  return network.capacityReport().reduce((sum, c) => sum + c.required.workloadPods, 0);
}

describe("VirtualNodeDeployment checks", () => {
  test("GIVEN a patch adding a hostPath volume THEN synth fails with the virtual-node rule", () => {
    expect(() =>
      build({}, (d) =>
        d.patchPodTemplate((t) => {
          t.spec!.volumes = [{ name: "host", hostPath: { path: "/var" } }];
        }),
      ),
    ).toThrow(/Deployment batch\/worker/);
  });

  test.each([
    [{ containerPort: 30080 }, /worker: containerPort: 30080 is in 30000-32767/],
    [{ name: "Worker" }, /worker: name: "Worker" is not a valid Kubernetes Service name/],
    [{ autoscaling: { minReplicas: 1 } }, /worker: autoscaling.minReplicas: 1 is too few/],
    [{ imagePullSecrets: ["Bad_Name"] }, /worker: imagePullSecrets/],
    [{ env: { "1X": "y" } }, /worker: env: "1X" is not an environment variable name/],
  ])("GIVEN %j THEN an error naming the construct path and the value", (props, message) => {
    expect(() => build(props as Partial<VirtualNodeDeploymentProps>)).toThrow(message);
  });

  test("GIVEN an env var set twice or a taken container name THEN errors with the path", () => {
    expect(() => build({ env: { A: "1" } }, (d) => d.addEnv("A", "2"))).toThrow(/worker: env: A is set twice/);
    expect(() => build({}, (d) => d.addContainer({ name: "app", image: "x.example.com/a:1" }))).toThrow(/worker: container name "app" is taken/);
  });
});
