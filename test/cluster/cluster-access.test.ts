import { Construct } from "constructs";
import { KubernetesAccess, VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { ClusterAccess } from "../../lib/cluster/cluster-access";
import { AppWorkload } from "../../lib/workloads/app-workload";
import { ClusterServices } from "../../lib/workloads/cluster-services";
import { TEST_COMPARTMENT, TEST_REGION, synthOci } from "../support/synth";

function existingCluster(scope: Construct, id = "cluster", suffix = "aaaaaaaacluster") {
  const network = new Network(scope, `${id}-network`, { compartmentId: TEST_COMPARTMENT });
  return VirtualNodeCluster.fromExisting(scope, id, {
    clusterId: `ocid1.cluster.oc1.eu-frankfurt-1.${suffix}`,
    compartmentId: TEST_COMPARTMENT,
    region: TEST_REGION,
    network,
  });
}

describe("ClusterAccess", () => {
  test("GIVEN two requests with the same settings THEN one access, one provider of each kind, one kubeconfig read", () => {
    let a!: ClusterAccess;
    let b!: ClusterAccess;
    const { tf } = synthOci((scope) => {
      const cluster = existingCluster(scope);
      a = ClusterAccess.of(new Construct(scope, "first"), cluster, { kind: "oci-cli" });
      b = ClusterAccess.of(new Construct(scope, "second"), cluster);
      expect(a.kubernetesProvider).toBe(b.kubernetesProvider);
      expect(a.helmProvider).toBe(b.helmProvider);
    });
    expect(a).toBe(b);
    expect(a.requestedBy).toMatch(/first$/);
    expect((tf as any).provider.kubernetes).toHaveLength(1);
    expect((tf as any).provider.helm).toHaveLength(1);
    expect(Object.keys(tf.data!.oci_containerengine_cluster_kube_config)).toHaveLength(1);
  });

  test("GIVEN a second, different request for the same cluster in the same stack THEN a synth error naming both requesters and both settings", () => {
    expect(() =>
      synthOci((scope) => {
        const cluster = existingCluster(scope);
        new ClusterServices(scope, "services", { cluster });
        new ClusterServices(scope, "tunnelled", { cluster, kubernetesAccess: { kind: "oci-cli", host: "https://127.0.0.1:6443" } });
      }),
    ).toThrow(
      /\/tunnelled: asks for Kubernetes access to cluster .*\/cluster as \{ kind: "oci-cli", host: "https:\/\/127.0.0.1:6443" \}, but .*\/services already set up that cluster's access in stack .* as \{ kind: "oci-cli" \}/,
    );
  });

  test("GIVEN two AppWorkloads in one stack, the second through a bastion tunnel THEN the second fails, naming the first", () => {
    const app = (scope: Construct, id: string, cluster: ReturnType<typeof existingCluster>, kubernetesAccess?: { kind: "oci-cli"; host: string }) =>
      new AppWorkload(scope, id, { cluster, namespace: id, image: "registry.example.com/shop/api:1.0.0", secrets: [], clusterServicesInstalledElsewhere: true, kubernetesAccess });
    expect(() =>
      synthOci((scope) => {
        const cluster = existingCluster(scope);
        app(scope, "shop", cluster);
        app(scope, "billing", cluster, { kind: "oci-cli", host: "https://127.0.0.1:6443" });
      }),
    ).toThrow(/\/billing: asks for Kubernetes access to cluster .*\/cluster as \{ kind: "oci-cli", host: .*, but .*\/shop already set up/);
  });

  test("GIVEN two different tokens THEN the error says they differ without printing them", () => {
    let message = "";
    try {
      synthOci((scope) => {
        const cluster = existingCluster(scope);
        ClusterAccess.of(new Construct(scope, "a"), cluster, { kind: "token", token: "secret-one" });
        ClusterAccess.of(new Construct(scope, "b"), cluster, { kind: "token", token: "secret-two" });
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("token: <a different token>");
    expect(message).not.toContain("secret-");
  });

  test("GIVEN different settings for different clusters THEN no conflict; the second cluster gets an alias", () => {
    const { tf } = synthOci((scope) => {
      const one = existingCluster(scope, "one", "aaaaaaaaone");
      const two = existingCluster(scope, "two", "aaaaaaaatwo");
      ClusterAccess.of(new Construct(scope, "a"), one).kubernetesProvider;
      ClusterAccess.of(new Construct(scope, "b"), two, { kind: "kubeconfig", path: "~/.kube/config" }).kubernetesProvider;
    });
    const providers = (tf as any).provider.kubernetes;
    expect(providers).toHaveLength(2);
    expect(providers[0].alias).toBeUndefined();
    expect(providers[1]).toMatchObject({ alias: expect.stringMatching(/^cluster-/), config_path: "~/.kube/config" });
  });
});

function synthCluster(after: (cluster: VirtualNodeCluster) => void) {
  return synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    after(new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION }));
  });
}

describe("ClusterAccess provider settings", () => {
  test("GIVEN the OCI CLI THEN host and CA from the kubeconfig data source and an exec token", () => {
    const { tf } = synthCluster((cluster) => {
      const access = ClusterAccess.of(cluster, cluster);
      expect([access.kubernetesProvider, access.helmProvider]).toHaveLength(2);
    });
    // One data source for both providers.
    expect(Object.keys(tf.data!.oci_containerengine_cluster_kube_config)).toHaveLength(1);
    const [kubeConfig] = Object.values(tf.data!.oci_containerengine_cluster_kube_config);
    expect(kubeConfig).toMatchObject({ token_version: "2.0.0", endpoint: "PRIVATE_ENDPOINT" });
    const providers = (tf as any).provider;
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "oci",
      args: ["ce", "cluster", "generate-token", "--cluster-id", expect.stringMatching(/oci_containerengine_cluster\.\w+\.id/), "--region", TEST_REGION],
    };
    expect(providers.kubernetes[0]).toEqual({
      host: expect.stringMatching(/^\$\{yamldecode\(data\.oci_containerengine_cluster_kube_config\.[\w-]+\.content\)\.clusters\.0\.cluster\.server\}$/),
      cluster_ca_certificate: expect.stringContaining('cluster["certificate-authority-data"]'),
      exec: [exec],
    });
    expect(providers.helm[0].kubernetes).toEqual({ host: providers.kubernetes[0].host, cluster_ca_certificate: expect.any(String), exec });
  });

  test("GIVEN a token or a kubeconfig path THEN no exec; GIVEN a proxy THEN the providers use it", () => {
    // One access per stack and cluster: each setting in a stack of its own.
    const configOf = (access: KubernetesAccess, kind: "kubernetes" | "helm") => {
      let config: any;
      synthCluster((cluster) => {
        const clusterAccess = ClusterAccess.of(cluster, cluster, access);
        config = kind === "kubernetes" ? clusterAccess.kubernetesProviderConfig : clusterAccess.helmProviderConfig;
      });
      return config;
    };
    const configs = [
      configOf({ kind: "token", token: "${var.kube_token}" }, "kubernetes"),
      configOf({ kind: "kubeconfig", path: "~/.kube/config", context: "oke" }, "kubernetes"),
      configOf({ kind: "kubeconfig", path: "~/.kube/config" }, "helm"),
      configOf({ kind: "oci-cli", proxyUrl: "socks5://127.0.0.1:1080" }, "helm"),
    ];
    expect(configs[0]).toEqual({ host: expect.any(String), clusterCaCertificate: expect.any(String), token: "${var.kube_token}", proxyUrl: undefined });
    expect(configs[3].kubernetes).toMatchObject({ proxyUrl: "socks5://127.0.0.1:1080", exec: expect.objectContaining({ command: "oci" }) });
    expect(configs[1]).toEqual({ configPath: "~/.kube/config", configContext: "oke" });
    expect(configs[2]).toEqual({ kubernetes: { configPath: "~/.kube/config", configContext: undefined } });
  });
});
