import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { SecretSync } from "../../lib/workloads/secret-sync";
import { manifestOf, manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "../support/synth";

function build(use: (sync: SecretSync, vault: SecretsVault) => void, props: { storeName?: string; refreshInterval?: string } = {}): { tf: TfJson; sync: SecretSync } {
  let sync!: SecretSync;
  const { tf } = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    sync = new SecretSync(scope, "reports-secrets", {
      cluster,
      vault,
      namespace: "reports",
      storeName: props.storeName ?? "reports-vault",
      serviceAccountName: "reports-secrets",
      refreshInterval: props.refreshInterval,
    });
    use(sync, vault);
  });
  return { tf, sync };
}

describe("SecretSync used alone", () => {
  // GIVEN a sync of two Vault secrets into one Kubernetes Secret and a registry credential
  const { tf } = build((sync, vault) => {
    const token = vault.addSecret("api-token", { secretName: "reports-api-token", description: "API token of the reports job" });
    const key = vault.addSecret("signing-key", { secretName: "reports-signing-key", description: "Signing key of the reports job" });
    const registry = vault.addSecret("registry", { secretName: "reports-registry", description: "OCIR credentials" });
    sync.syncSecrets("tokens", { name: "reports", targetName: "reports-env", data: [{ key: "API_TOKEN", secret: token }, { key: "SIGNING_KEY", secret: key }], waitMinutes: 5 });
    sync.syncDockerConfig("registry", { name: "reports-registry", targetName: "reports-pull", registryHost: "fra.ocir.io", credentials: registry });
  });

  test("THEN it emits a service account, a SecretStore and one ExternalSecret per sync, all valid", () => {
    expect(manifestsOf(tf).map((m) => `${m.kind}:${validateKubernetesObject(m)}`).sort()).toEqual([
      "ExternalSecret:crd",
      "ExternalSecret:crd",
      "SecretStore:crd",
      "ServiceAccount:kubernetes-models",
    ]);
    expect(manifestOf(tf, "ServiceAccount").automountServiceAccountToken).toBe(false);
  });

  test("THEN the store authenticates as exactly its own service account, in the cluster's region", () => {
    const store = manifestOf(tf, "SecretStore");
    expect(store.metadata).toMatchObject({ name: "reports-vault", namespace: "reports" });
    expect(store.spec.provider.oracle).toMatchObject({ principalType: "Workload", region: TEST_REGION, serviceAccountRef: { name: "reports-secrets" } });
  });

  test("THEN each synced secret has one grant, naming only the sync's service account", () => {
    const statements = Object.values(resourcesOf(tf, "oci_identity_policy")).flatMap((p: any) => p.statements as string[]);
    const secretReads = statements.filter((st) => /read secret-bundles/.test(st));
    expect(secretReads).toHaveLength(3);
    for (const st of statements) expect(st).toContain("request.principal.service_account = 'reports-secrets'");
  });

  test("THEN the ExternalSecret maps the keys, waits when asked, and the docker config one waits 10 minutes by default", () => {
    const tokens = Object.values(resourcesOf(tf, "kubernetes_manifest")).find((r: any) => r.manifest.metadata.name === "reports" && r.manifest.kind === "ExternalSecret") as any;
    expect(tokens.manifest.spec.data.map((d: any) => d.secretKey)).toEqual(["API_TOKEN", "SIGNING_KEY"]);
    expect(tokens.manifest.spec.refreshInterval).toBe("1h");
    expect(tokens.timeouts).toEqual({ create: "5m", update: "5m" });
    const pull = Object.values(resourcesOf(tf, "kubernetes_manifest")).find((r: any) => r.manifest.metadata.name === "reports-registry") as any;
    expect(pull.manifest.spec.target.template.type).toBe("kubernetes.io/dockerconfigjson");
    expect(pull.wait).toEqual({ condition: [{ type: "Ready", status: "True" }] });
    expect(pull.timeouts).toEqual({ create: "10m", update: "10m" });
  });

  test("THEN the ExternalSecrets and the store depend on the objects before them", () => {
    const byName = (name: string, kind: string) =>
      Object.entries(resourcesOf(tf, "kubernetes_manifest")).find(([, r]: [string, any]) => r.manifest.metadata.name === name && r.manifest.kind === kind)!;
    const [accountId] = byName("reports-secrets", "ServiceAccount");
    const [storeId, store] = byName("reports-vault", "SecretStore");
    expect(store.depends_on).toEqual([`kubernetes_manifest.${accountId}`]);
    expect(byName("reports", "ExternalSecret")[1].depends_on).toEqual([`kubernetes_manifest.${storeId}`]);
  });
});

describe("SecretSync with bad input", () => {
  test.each([
    [{ storeName: "Reports_Vault" }, /reports-secrets: storeName: "Reports_Vault"/],
    [{ refreshInterval: "hourly" }, /reports-secrets: refreshInterval: "hourly" is not a duration/],
  ])("GIVEN %j THEN an error naming the construct and the value", (props, message) => {
    expect(() => build(() => undefined, props)).toThrow(message);
  });

  test("GIVEN a key mapped twice THEN an error naming it", () => {
    expect(() =>
      build((sync, vault) => {
        const a = vault.addSecret("a", { secretName: "a-secret", description: "a" });
        sync.syncSecrets("x", { name: "x", targetName: "x", data: [{ key: "K", secret: a }, { key: "K", secret: a }] });
      }),
    ).toThrow(/reports-secrets: key K is mapped twice/);
  });

  test("GIVEN no secrets THEN an error", () => {
    expect(() => build((sync) => sync.syncSecrets("x", { name: "x", targetName: "x", data: [] }))).toThrow(/syncSecrets\("x"\) lists no secrets/);
  });

  test("GIVEN a registry host that is not literal THEN an error naming it", () => {
    expect(() =>
      build((sync, vault) => {
        const r = vault.addSecret("r", { secretName: "r-secret", description: "r" });
        sync.syncDockerConfig("r", { name: "r", targetName: "r", registryHost: "https://fra.ocir.io", credentials: r });
      }),
    ).toThrow(/registryHost "https:\/\/fra.ocir.io" is not a literal registry host/);
  });
});
