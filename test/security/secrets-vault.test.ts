import { Construct } from "constructs";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { Fn, TerraformOutput } from "../../lib/cdktf";
import { ISecretsVault, SecretsVault, SecretsVaultProps, VaultSecret } from "../../lib/security/secrets-vault";
import { IVirtualNodeCluster, VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { IWorkloadIdentity } from "../../lib/security/workload-identity";
import { TEST_COMPARTMENT, TEST_REGION, refName, resourcesOf, synthOci } from "../support/synth";

function synthVault(props: Partial<SecretsVaultProps> = {}, after?: (vault: SecretsVault, scope: Construct) => void) {
  let vault!: SecretsVault;
  const out = synthOci((scope) => {
    vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT, ...props });
    after?.(vault, scope);
  });
  return { ...out, vault };
}

function warningsOf(construct: Construct): string[] {
  return construct.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
}

const CLUSTER = "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaatestcluster";

/** A workload of an existing cluster, made in `scope` (grants are written under it). */
function principal(
  scope: Construct,
  { namespace = "shop", serviceAccount = "external-secrets", clusterId = CLUSTER, compartmentId = TEST_COMPARTMENT } = {},
): IWorkloadIdentity {
  const id = `cluster-${clusterId.slice(-12)}`;
  const cluster =
    (scope.node.tryFindChild(id) as IVirtualNodeCluster | undefined) ??
    VirtualNodeCluster.fromExisting(scope, id, { clusterId, compartmentId, region: TEST_REGION });
  return cluster.workloadIdentity(namespace, serviceAccount);
}

describe("SecretsVault with defaults", () => {
  const { tf, vault } = synthVault({}, (v, scope) => {
    const secret = v.addSecret("db-password");
    new TerraformOutput(scope, "vault_id", { value: v.vaultId });
    new TerraformOutput(scope, "key_id", { value: v.keyId });
    new TerraformOutput(scope, "secret_value", { value: secret.value, sensitive: true });
  });
  const [[vaultName, kmsVault]] = Object.entries(resourcesOf(tf, "oci_kms_vault"));
  const [[keyName, key]] = Object.entries(resourcesOf(tf, "oci_kms_key"));

  test("THEN one DEFAULT vault in the compartment", () => {
    expect(kmsVault).toMatchObject({ compartment_id: TEST_COMPARTMENT, display_name: "oke-vn-vault", vault_type: "DEFAULT" });
  });

  test("THEN the master key is AES-256 in the HSM and, in a DEFAULT vault, carries no auto-rotation field", () => {
    expect(key.key_shape).toEqual({ algorithm: "AES", length: 32 });
    expect(key.protection_mode).toBe("HSM");
    expect(key).not.toHaveProperty("is_auto_rotation_enabled");
    expect(key).not.toHaveProperty("auto_key_rotation_details");
    expect(key.management_endpoint).toBe(`\${oci_kms_vault.${vaultName}.management_endpoint}`);
    expect(key.compartment_id).toBe(TEST_COMPARTMENT);
    expect(vault.rotationMode).toBe("key-versions");
  });

  test("THEN the key rotates every 90 days by added key versions that are never destroyed (CIS OCI 4.16, reference §13)", () => {
    const [[epochName, epoch]] = Object.entries(resourcesOf(tf, "terraform_data"));
    expect(epoch).toEqual({ input: "${plantimestamp()}", lifecycle: { ignore_changes: ["input"] } });
    const [version] = Object.values(resourcesOf(tf, "oci_kms_key_version"));
    expect(version).toEqual({
      key_id: `\${oci_kms_key.${keyName}.id}`,
      management_endpoint: `\${oci_kms_vault.${vaultName}.management_endpoint}`,
      lifecycle: { prevent_destroy: true },
      for_each:
        `\${toset([for n in range(1, 103) : format("%04d", n) if timecmp(timeadd(terraform_data.${epochName}.input, ` +
        `format("%dh", n * 2160)), plantimestamp()) <= 0])}`,
    });
  });

  test("THEN the construct exposes the vault, the key and the compartment, and the secret its value by reference", () => {
    expect(vault.compartmentId).toBe(TEST_COMPARTMENT);
    expect(tf.output!.vault_id.value).toBe(`\${oci_kms_vault.${vaultName}.id}`);
    expect(tf.output!.key_id.value).toBe(`\${oci_kms_key.${keyName}.id}`);
    expect(tf.output!.secret_value.value).toMatch(/^\$\{random_password\.[^.]+\.result\}$/);
  });

  test("THEN synth has no warning", () => {
    expect(warningsOf(vault)).toEqual([]);
  });

  test("THEN the generated secret is encrypted with the vault key and holds a base64 reference to a random_password", () => {
    const [[passwordName, password]] = Object.entries(resourcesOf(tf, "random_password"));
    const [secret] = Object.values(resourcesOf(tf, "oci_vault_secret"));
    expect(secret).toMatchObject({
      compartment_id: TEST_COMPARTMENT,
      secret_name: "db-password",
      vault_id: `\${oci_kms_vault.${vaultName}.id}`,
      key_id: `\${oci_kms_key.${keyName}.id}`,
      secret_content: { content_type: "BASE64", content: `\${base64encode(random_password.${passwordName}.result)}` },
    });
    expect(password).toMatchObject({
      length: 24,
      lower: true,
      upper: true,
      numeric: true,
      special: true,
      min_lower: 1,
      min_upper: 1,
      min_numeric: 1,
      min_special: 1,
      override_special: "-_.~()*,=:",
      lifecycle: { ignore_changes: "all" },
    });
  });

  test("THEN the random provider is configured once, without the user asking", () => {
    expect(tf.terraform.required_providers.random).toMatchObject({ source: "hashicorp/random" });
    expect((tf as any).provider.random).toEqual([{}]);
  });
});

describe("SecretsVault options", () => {
  test("GIVEN a virtual private vault and a yearly rotation THEN OCI rotates the key automatically, no key versions, no warning", () => {
    const { tf, vault } = synthVault({ vaultType: "VIRTUAL_PRIVATE", keyRotation: { intervalDays: 365 }, name: "shop" });
    const [kmsVault] = Object.values(resourcesOf(tf, "oci_kms_vault"));
    const [key] = Object.values(resourcesOf(tf, "oci_kms_key"));
    expect(kmsVault).toMatchObject({ vault_type: "VIRTUAL_PRIVATE", display_name: "shop-vault" });
    expect(key).toMatchObject({
      display_name: "shop-key",
      is_auto_rotation_enabled: true,
      auto_key_rotation_details: { rotation_interval_in_days: 365 },
    });
    expect(resourcesOf(tf, "oci_kms_key_version")).toEqual({});
    expect(resourcesOf(tf, "terraform_data")).toEqual({});
    expect(vault.rotationMode).toBe("automatic");
    expect(warningsOf(vault)).toEqual([]);
  });

  test("GIVEN a DEFAULT vault rotated every 365 days THEN the schedule steps 8760 hours over 25 years", () => {
    const { tf } = synthVault({ keyRotation: { intervalDays: 365 } });
    const [version] = Object.values(resourcesOf(tf, "oci_kms_key_version"));
    expect(version.for_each).toContain("range(1, 26)");
    expect(version.for_each).toContain('format("%dh", n * 8760)');
  });

  test.each(["DEFAULT", "VIRTUAL_PRIVATE"] as const)(
    "GIVEN rotation turned off on a %s vault THEN no rotation at all and a warning naming CIS OCI 4.16",
    (vaultType) => {
      const { tf, vault } = synthVault({ vaultType, keyRotation: { enabled: false } });
      const [key] = Object.values(resourcesOf(tf, "oci_kms_key"));
      expect(key).not.toHaveProperty("is_auto_rotation_enabled");
      expect(resourcesOf(tf, "oci_kms_key_version")).toEqual({});
      expect(vault.rotationMode).toBe("none");
      expect(warningsOf(vault)).toEqual([
        "keyRotation.enabled is false: the master encryption key is never rotated; CIS OCI 4.16 asks for customer-managed keys to be rotated at least every 365 days",
      ]);
    },
  );

  test.each([
    [366, "keyRotation.intervalDays: 366 is not allowed; use a whole number of days from 60 to 365 (OCI's rotation limits; CIS OCI 4.16 asks for at most 365)"],
    [59, "keyRotation.intervalDays: 59 is not allowed"],
    [90.5, "keyRotation.intervalDays: 90.5 is not allowed"],
  ])("GIVEN a rotation of %p days THEN a clear error", (days, message) => {
    expect(() => synthVault({ keyRotation: { intervalDays: days } })).toThrow(message);
  });

  test("GIVEN an unknown vault type THEN a clear error", () => {
    expect(() => synthVault({ vaultType: "PRIVATE" as never })).toThrow('vaultType "PRIVATE" is not one of DEFAULT, VIRTUAL_PRIVATE');
  });
});

describe("SecretsVault.addSecret", () => {
  test("GIVEN two generated secrets and password rules THEN each has its generator, and every secret uses the vault key", () => {
    let a!: VaultSecret;
    const { tf, json } = synthVault({}, (vault) => {
      a = vault.addSecret("app-password", { secretName: "shop.app_password-1", description: "App", password: { length: 16, minSpecial: 2 } });
      vault.addSecret("other-password");
    });
    const passwords = resourcesOf(tf, "random_password");
    expect(Object.values(passwords).map((p) => [p.length, p.min_special])).toEqual([
      [16, 2],
      [24, 1],
    ]);
    const [keyName] = Object.keys(resourcesOf(tf, "oci_kms_key"));
    const secrets = Object.values(resourcesOf(tf, "oci_vault_secret"));
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) expect(secret.key_id).toBe(`\${oci_kms_key.${keyName}.id}`);
    expect(secrets[0]).toMatchObject({ secret_name: "shop.app_password-1", description: "App" });
    expect((tf as any).provider.random).toHaveLength(1);
    // THEN no password value is in the configuration: only references to random_password.result
    expect(json).not.toMatch(/"result"\s*:/);
    expect(a.isGenerated).toBe(true);
    expect(a.password).toBeDefined();
    expect(a).toMatchObject({ secretName: "shop.app_password-1", compartmentId: TEST_COMPARTMENT });
  });

  test("GIVEN a stack that configures the random provider itself THEN no second one is added", () => {
    const { tf } = synthVault({}, (vault, scope) => {
      new RandomProvider(scope, "my-random", { alias: "mine" });
      vault.addSecret("db-password");
    });
    expect((tf as any).provider.random).toEqual([{ alias: "mine" }]);
  });

  test("GIVEN content from a file read at plan time THEN it is stored by reference, with a state warning", () => {
    let secret!: VaultSecret;
    const { tf, json } = synthVault({}, (vault) => {
      secret = vault.addSecret("api-token", { content: Fn.sensitive(Fn.file("api-token.txt")) });
    });
    const [stored] = Object.values(resourcesOf(tf, "oci_vault_secret"));
    expect(stored.secret_content).toEqual({ content_type: "BASE64", content: '${base64encode(sensitive(file("api-token.txt")))}' });
    expect(resourcesOf(tf, "random_password")).toEqual({});
    expect((tf as any).provider.random).toBeUndefined();
    expect(json).not.toContain("random_password");
    expect(secret.isGenerated).toBe(false);
    expect(warningsOf(secret)).toEqual([
      'secret "api-token": its given content is stored in the Terraform state and plan; keep the state backend encrypted and access-controlled',
    ]);
  });

  test("GIVEN literal content THEN synth warns that it is in the synthesized JSON", () => {
    let secret!: VaultSecret;
    const { json } = synthVault({}, (vault) => {
      secret = vault.addSecret("webhook", { content: "s3cr3t-literal" });
    });
    expect(json).toContain('base64encode(\\"s3cr3t-literal\\")');
    expect(warningsOf(secret)).toEqual([expect.stringContaining("its given content is a literal, written into the synthesized Terraform JSON")]);
  });

  test.each([
    ["a space", { secretName: "db password" }, 'secret name "db password" is not valid; use 1–255 letters, digits, \'-\', \'_\' and \'.\''],
    ["a slash", { secretName: "db/password" }, 'secret name "db/password" is not valid'],
    ["an empty name", { secretName: "" }, 'secret name "" is not valid'],
    ["a 256-character name", { secretName: "x".repeat(256) }, "is not valid; use 1–255"],
    ["content and password rules", { content: "a", password: { length: 12 } }, 'secret "db-password": give either content or password rules, not both'],
    ["empty content", { content: "" }, 'secret "db-password": content is empty'],
    ["impossible password rules", { password: { length: 40 } }, "password length 40 is not allowed: MySQL HeatWave admin passwords are 8–32 characters"],
  ])("GIVEN %s THEN a clear error", (_label, options, message) => {
    expect(() => synthVault({}, (vault) => vault.addSecret("db-password", options))).toThrow(message);
  });

  test("GIVEN the same id twice THEN a clear error", () => {
    expect(() =>
      synthVault({}, (vault) => {
        vault.addSecret("db-password");
        vault.addSecret("db-password");
      }),
    ).toThrow('a secret or construct with id "db-password" exists already');
  });
});

describe("SecretsVault.grantSecretRead", () => {
  test("GIVEN a workload principal THEN a policy in the vault compartment with exactly the least-privilege statements", () => {
    let secret!: VaultSecret;
    const { tf } = synthVault({}, (vault, scope) => {
      secret = vault.addSecret("db-password");
      vault.grantSecretRead(principal(scope), secret);
    });
    const [secretName] = Object.keys(resourcesOf(tf, "oci_vault_secret"));
    const [vaultName] = Object.keys(resourcesOf(tf, "oci_kms_vault"));
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policies).toHaveLength(1);
    expect(policies[0].compartment_id).toBe(TEST_COMPARTMENT);
    expect(policies[0].name).toMatch(/^oke-vn-cluster-shop-external-secrets-read-db-password-[0-9a-z]{1,6}$/);
    expect(policies[0].statements).toEqual([
      `Allow any-user to read secret-bundles in compartment id ocid1.compartment.oc1..aaaaaaaatestcompartment where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'external-secrets', request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaatestcluster', target.secret.id = '\${oci_vault_secret.${secretName}.id}'}`,
      `Allow any-user to read vaults in compartment id ocid1.compartment.oc1..aaaaaaaatestcompartment where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'external-secrets', request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaatestcluster', target.vault.id = '\${oci_kms_vault.${vaultName}.id}'}`,
    ]);
    // Same compartment as the cluster: no workload mapping.
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN the same grant twice THEN one policy; GIVEN the same service account of another cluster THEN a second one", () => {
    const { tf } = synthVault({}, (vault, scope) => {
      const secret = vault.addSecret("db-password");
      const first = vault.grantSecretRead(principal(scope), secret);
      expect(vault.grantSecretRead(principal(scope), secret)).toBe(first);
      vault.grantSecretRead(principal(scope, { clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaaothercluster" }), secret);
    });
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policies).toHaveLength(2);
    expect(policies.map((p) => p.statements[0].match(/cluster_id = '([^']+)'/)[1]).sort()).toEqual([
      "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaaothercluster",
      "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaatestcluster",
    ]);
  });

  test("GIVEN a cluster in another compartment THEN the policy stays in the vault's compartment, no mapping needed", () => {
    const clusterCompartment = "ocid1.compartment.oc1..aaaaaaaaclusters";
    const { tf } = synthVault({}, (vault, scope) => {
      vault.grantSecretRead(principal(scope, { compartmentId: clusterCompartment }), vault.addSecret("db-password"));
    });
    expect(Object.values(resourcesOf(tf, "oci_identity_policy"))[0].compartment_id).toBe(TEST_COMPARTMENT);
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN a secret of another vault THEN a clear error", () => {
    expect(() =>
      synthVault({}, (vault, scope) => {
        const other = new SecretsVault(scope, "other", { compartmentId: TEST_COMPARTMENT, name: "other" });
        vault.grantSecretRead(principal(scope), other.addSecret("elsewhere"));
      }),
    ).toThrow('secret "elsewhere" belongs to another vault');
  });
});

describe("SecretsVault.fromExisting", () => {
  const attrs = {
    compartmentId: TEST_COMPARTMENT,
    vaultId: "ocid1.vault.oc1.eu-frankfurt-1.existingvault",
    keyId: "ocid1.key.oc1.eu-frankfurt-1.existingkey",
    managementEndpoint: "https://existing-management.kms.eu-frankfurt-1.oraclecloud.com",
  };

  test("GIVEN existing OCIDs THEN secrets and grants use them and no vault or key is created", () => {
    let vault!: ISecretsVault;
    const { tf } = synthOci((scope) => {
      vault = SecretsVault.fromExisting(scope, "vault", attrs);
      vault.grantSecretRead(principal(scope), vault.addSecret("db-password"));
    });
    expect(vault).toMatchObject(attrs);
    expect(resourcesOf(tf, "oci_kms_vault")).toEqual({});
    expect(resourcesOf(tf, "oci_kms_key")).toEqual({});
    const [[secretName, secret]] = Object.entries(resourcesOf(tf, "oci_vault_secret"));
    expect(secret).toMatchObject({ vault_id: attrs.vaultId, key_id: attrs.keyId, compartment_id: TEST_COMPARTMENT });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.statements[0]).toContain(`target.secret.id = '\${oci_vault_secret.${secretName}.id}'`);
    expect(policy.statements[1]).toContain(`target.vault.id = '${attrs.vaultId}'`);
  });

  test("GIVEN a plain secret handle of the same vault THEN it can be granted", () => {
    const { tf } = synthOci((scope) => {
      const vault = SecretsVault.fromExisting(scope, "vault", attrs);
      vault.grantSecretRead(principal(scope), {
        secretId: "ocid1.vaultsecret.oc1.eu-frankfurt-1.existingsecret",
        secretName: "legacy-password",
        vaultId: attrs.vaultId,
        compartmentId: TEST_COMPARTMENT,
      });
    });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.name).toMatch(/^oke-vn-cluster-shop-external-secrets-read-legacy-password-/);
    expect(policy.statements[0]).toContain("target.secret.id = 'ocid1.vaultsecret.oc1.eu-frankfurt-1.existingsecret'");
  });

  test.each([
    [{ vaultId: attrs.keyId }, 'vaultId: "ocid1.key.oc1.eu-frankfurt-1.existingkey" is the OCID of a key; expected ocid1.vault.<realm>.[region].<id>'],
    [{ keyId: attrs.vaultId }, 'keyId: "ocid1.vault.oc1.eu-frankfurt-1.existingvault" is the OCID of a vault; expected ocid1.key.<realm>.[region].<id>'],
    [{ compartmentId: "my-compartment" }, 'compartmentId: "my-compartment" is not an OCID; expected ocid1.compartment.<realm>.[region].<id> or ocid1.tenancy.<realm>.[region].<id>'],
    [{ managementEndpoint: "kms.example" }, 'managementEndpoint "kms.example" is not a vault management endpoint'],
  ])("GIVEN %j THEN a clear error", (override, message) => {
    expect(() => synthOci((scope) => SecretsVault.fromExisting(scope, "vault", { ...attrs, ...override }))).toThrow(message);
  });
});

test("every created secret's key is its vault's key", () => {
  const { tf } = synthVault({}, (vault) => {
    vault.addSecret("a");
    vault.addSecret("b", { content: Fn.file("b.txt") });
  });
  const [keyName] = Object.keys(resourcesOf(tf, "oci_kms_key"));
  for (const secret of Object.values(resourcesOf(tf, "oci_vault_secret"))) {
    expect(refName(secret.key_id)).toBe(keyName);
  }
});
