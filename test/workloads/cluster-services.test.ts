import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { ClusterServices, ClusterServicesProps } from "../../lib/workloads/cluster-services";
import { TEST_COMPARTMENT, TEST_REGION, resourcesOf, synthOci } from "../support/synth";

function synthServices(props: Partial<ClusterServicesProps> = {}) {
  let network!: Network;
  const out = synthOci((scope) => {
    network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", {
      clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaacluster",
      compartmentId: TEST_COMPARTMENT,
      region: TEST_REGION,
      network,
    });
    new ClusterServices(scope, "services", { cluster, ...props });
  });
  return { ...out, network, releases: resourcesOf(out.tf, "helm_release") };
}

describe("ClusterServices", () => {
  const { tf, releases, network } = synthServices();
  const release = (name: string) => Object.values(releases).find((r) => r.name === name);

  test("THEN External Secrets from its chart repository, version pinned exactly, CRDs installed, values for virtual nodes", () => {
    const eso = release("external-secrets");
    expect(eso).toMatchObject({
      repository: "https://charts.external-secrets.io",
      chart: "external-secrets",
      version: "2.9.0",
      namespace: "external-secrets",
      create_namespace: true,
      atomic: true,
      wait: true,
    });
    const values = JSON.parse(eso.values[0]);
    expect(values.installCRDs).toBe(true);
    expect(values.webhook.resources).toEqual({ requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "250m", memory: "512Mi" } });
    expect(values.podSecurityContext).toEqual({ enabled: false });
  });

  test("THEN metrics-server in kube-system with 60 s resolution and no probes", () => {
    const metrics = release("metrics-server");
    expect(metrics).toMatchObject({
      repository: "https://kubernetes-sigs.github.io/metrics-server/",
      chart: "metrics-server",
      version: "3.13.0",
      namespace: "kube-system",
    });
    const values = JSON.parse(metrics.values[0]);
    expect(values.defaultArgs).toContain("--metric-resolution=60s");
    expect(values.livenessProbe).toBeNull();
  });

  test("THEN the Helm provider is configured from the cluster's kubeconfig read in this stack", () => {
    const [kubeConfig] = Object.values(tf.data!.oci_containerengine_cluster_kube_config);
    expect(kubeConfig).toMatchObject({ cluster_id: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaacluster", endpoint: "PRIVATE_ENDPOINT" });
    expect((tf as any).provider.helm[0].kubernetes.exec.command).toBe("oci");
    expect(Object.values(releases).map((r) => r.name).sort()).toEqual(["external-secrets", "metrics-server"]);
    for (const r of Object.values(releases)) expect(r.provider).toBe("helm");
  });

  test("THEN their four pods join the pod subnet's capacity plan", () => {
    expect(network.capacityReport()[0].required.systemPods).toBe(4 + 3 + 1);
  });

  test("GIVEN metrics-server off and another namespace THEN only External Secrets, there", () => {
    const out = synthServices({ metricsServer: { enabled: false }, externalSecrets: { namespace: "eso" } });
    expect(Object.values(out.releases).map((r) => [r.name, r.namespace])).toEqual([["external-secrets", "eso"]]);
    expect(out.network.capacityReport()[0].required.systemPods).toBe(4 + 3);
  });

  test.each<[Partial<ClusterServicesProps>, string]>([
    [{ externalSecrets: { version: "^2.9.0" } }, 'externalSecrets.version: "^2.9.0" is not an exact chart version'],
    [{ metricsServer: { version: "latest" } }, 'metricsServer.version: "latest" is not an exact chart version'],
    [{ externalSecrets: { namespace: "External" } }, 'externalSecrets.namespace: "External" is not a valid Kubernetes name'],
    [{ externalSecrets: { resources: { cpu: "1", memory: "lots" } } }, 'externalSecrets.controller.memory: "lots" is not a Kubernetes quantity'],
  ])("GIVEN %j THEN a clear error naming the construct path", (props, message) => {
    expect(() => synthServices(props)).toThrow(message);
    expect(() => synthServices(props)).toThrow(/^[\w/-]*services: /);
  });
});
