import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { appUserStatements } from "../../lib/database/app-user-sql";
import { MySqlDatabase } from "../../lib/database/mysql-database";
import { Network } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { AppWorkload, AppWorkloadProps } from "../../lib/workloads/app-workload";
import { APP_PASSWORD_ENV, DEFAULT_DATABASE_ENV_NAMES, bootstrapScript } from "../../lib/workloads/database-bootstrap-manifests";
import { DEFAULT_MYSQL_CLIENT_IMAGE } from "../../lib/workloads/database-bootstrap";
import { workloadViolations } from "../../lib/workloads/virtual-node-pod-rules";
import { manifestOf, manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "../support/synth";

const IMAGE = "fra.ocir.io/frxyz/shop-api:1.4.2";
const REGISTRY_SECRET = "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaaregistry";

/** The constructs an AppWorkload's database props are made of. */
interface Parts {
  readonly database: MySqlDatabase;
}

/** An OCIR app with a bootstrap that migrates, changed by `props` (a function of the parts where they are needed). */
function synth(props: Partial<AppWorkloadProps> | ((parts: Parts) => Partial<AppWorkloadProps>) = {}): { tf: TfJson; app: AppWorkload } {
  let app!: AppWorkload;
  const { tf } = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const database = new MySqlDatabase(scope, "database", { network, vault });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    app = new AppWorkload(scope, "shop", {
      cluster,
      namespace: "shop",
      name: "shop-api",
      image: IMAGE,
      clusterServicesInstalledElsewhere: true,
      imagePullCredentials: { secretId: REGISTRY_SECRET, secretName: "ocir-pull", vaultId: vault.vaultId, compartmentId: vault.compartmentId },
      database: { database, schemaName: "shop_api", bootstrap: { migrate: { command: ["node", "dist/migrate.js"] } } },
      ...(typeof props === "function" ? props({ database }) : props),
    });
  });
  return { tf, app };
}

/** An app outside OCIR (no pull credentials) whose bootstrap only creates the user. */
const userJobOnly = (database: MySqlDatabase, user?: string): Partial<AppWorkloadProps> => ({
  name: undefined,
  image: "registry.example.com/shop/api:1.0.0",
  imagePullCredentials: undefined,
  database: { database, schemaName: "shop_api", user, bootstrap: { migrate: false } },
});

/** The kubernetes_manifest resource (logical name and block) whose object is `kind` `name`. */
function manifestResource(tf: TfJson, kind: string, namePrefix: string): [string, any] {
  const found = Object.entries(resourcesOf(tf, "kubernetes_manifest")).filter(([, r]) => r.manifest.kind === kind && r.manifest.metadata.name.startsWith(namePrefix));
  if (found.length !== 1) throw new Error(`expected one ${kind} ${namePrefix}*, found ${found.length}`);
  return found[0];
}

describe("AppWorkload with a database bootstrap and OCIR pull credentials", () => {
  const { tf, app } = synth();
  const [userJobId, userJob] = manifestResource(tf, "Job", "shop-api-db-bootstrap-");
  const [migrateJobId, migrateJob] = manifestResource(tf, "Job", "shop-api-db-migrate-");
  const [, deployment] = manifestResource(tf, "Deployment", "shop-api");

  test("THEN every object validates (Jobs with kubernetes-models, ExternalSecrets with the CRD) and the Jobs pass the virtual-node pod rules", () => {
    for (const manifest of manifestsOf(tf)) validateKubernetesObject(manifest);
    for (const job of [userJob, migrateJob]) expect(workloadViolations(job.manifest)).toEqual([]);
  });

  test("THEN the Jobs wait for Complete, run in order, and the Deployment depends on the last one", () => {
    for (const job of [userJob, migrateJob]) {
      expect(job.wait).toEqual({ condition: [{ type: "Complete", status: "True" }] });
      expect(job.timeouts).toEqual({ create: "15m", update: "15m" });
    }
    expect(migrateJob.depends_on).toEqual([`kubernetes_manifest.${userJobId}`]);
    // A changed value behind a reference (a new database endpoint) replaces the Job too.
    for (const job of [userJob, migrateJob]) {
      const [trigger] = job.lifecycle.replace_triggered_by;
      const inputs = resourcesOf(tf, "terraform_data")[trigger.replace(/^terraform_data\./, "")];
      expect(inputs.input.container).toEqual(job.manifest.spec.template.spec.containers[0].name === "migrate" ? expect.objectContaining({ name: "migrate" }) : expect.objectContaining({ name: "create-user" }));
      expect(inputs.input.container.env).toEqual(job.manifest.spec.template.spec.containers[0].env);
    }
    expect(deployment.depends_on).toContain(`kubernetes_manifest.${migrateJobId}`);
  });

  test("THEN each Job's pod: non-root 10001, read-only root, requests = limits, Never restarts with a backoff limit, no TTL, no API token", () => {
    for (const { manifest } of [userJob, migrateJob]) {
      const pod = manifest.spec.template.spec;
      expect(manifest.spec.backoffLimit).toBe(4);
      expect(manifest.spec.ttlSecondsAfterFinished).toBeUndefined();
      expect(pod.restartPolicy).toBe("Never");
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe("shop-api-db-bootstrap");
      expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
      expect(pod.initContainers).toBeUndefined();
      const [container] = pod.containers;
      expect(container.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
      expect(container.resources.requests).toEqual(container.resources.limits);
    }
  });

  test("THEN the user Job runs the pinned MySQL client; the migrate Job the app image with the migrate command and the admin credentials in the app's env names", () => {
    const client = userJob.manifest.spec.template.spec.containers[0];
    expect(client.image).toBe(DEFAULT_MYSQL_CLIENT_IMAGE);
    expect(client.command.slice(0, 2)).toEqual(["/bin/sh", "-c"]);
    const migrate = migrateJob.manifest.spec.template.spec.containers[0];
    expect(migrate.image).toBe(IMAGE);
    expect(migrate.command).toEqual(["node", "dist/migrate.js"]);
    const env = Object.fromEntries(migrate.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(Object.keys(env).sort()).toEqual(["DB_HOST", "DB_NAME", "DB_PASSWORD", "DB_PORT", "DB_USER"]);
    expect(env.DB_USER).toBe("dbadmin");
    expect(env.DB_NAME).toBe("shop_api");
    expect(env.DB_PASSWORD).toEqual({ secretKeyRef: { name: "shop-api-bootstrap-secrets", key: "DB_PASSWORD" } });
  });

  test("THEN no password sits in any manifest: every password env comes from a secretKeyRef", () => {
    for (const { manifest } of [userJob, migrateJob, deployment]) {
      for (const e of manifest.spec.template.spec.containers.flatMap((c: any) => c.env)) {
        if (/PASSWORD/.test(e.name)) expect(e).toEqual({ name: e.name, valueFrom: { secretKeyRef: expect.any(Object) } });
      }
    }
  });

  test("THEN the app connects as its own user, with its own generated password, never the admin's", () => {
    const env = Object.fromEntries(deployment.manifest.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
    expect(env.DB_USER).toBe("shop_api");
    expect(app.databaseUser).toBe("shop_api");
    const passwords = Object.entries(resourcesOf(tf, "random_password"));
    expect(passwords).toHaveLength(2);
    const appSecret = Object.entries(resourcesOf(tf, "oci_vault_secret")).find(([, s]) => s.secret_name === "shop-shop-api-mysql-password");
    expect(appSecret).toBeDefined();
    const appExternalSecret = manifestOf(tf, "ExternalSecret", "shop-api");
    expect(appExternalSecret.spec.data).toEqual([{ secretKey: "DB_PASSWORD", remoteRef: { key: "shop-shop-api-mysql-password" } }]);
  });

  test("THEN only the bootstrap's External Secrets service account reads the admin password; the app's reads the app user's and the pull secret", () => {
    const adminSecretName = Object.values(resourcesOf(tf, "oci_vault_secret")).find((s) => s.secret_name !== "shop-shop-api-mysql-password")!.secret_name;
    const stores = manifestsOf(tf).filter((m) => m.kind === "SecretStore");
    const storeAccount = Object.fromEntries(stores.map((s) => [s.metadata.name, s.spec.provider.oracle.serviceAccountRef.name]));
    const readersOf = (key: string) =>
      manifestsOf(tf)
        .filter((m) => m.kind === "ExternalSecret" && m.spec.data.some((d: any) => d.remoteRef.key === key))
        .map((m) => storeAccount[m.spec.secretStoreRef.name]);
    expect(readersOf(adminSecretName)).toEqual(["shop-api-bootstrap-secrets"]);
    expect(readersOf("shop-shop-api-mysql-password").sort()).toEqual(["shop-api-bootstrap-secrets", "shop-api-secrets"]);
    expect(readersOf("ocir-pull")).toEqual(["shop-api-secrets"]);

    // The IAM grant on the admin secret names exactly the bootstrap's service account.
    const [adminSecretId] = Object.entries(resourcesOf(tf, "oci_vault_secret")).find(([, s]) => s.secret_name === adminSecretName)!;
    const grants = Object.values(resourcesOf(tf, "oci_identity_policy")).filter((p) => p.statements.some((s: string) => s.includes(`oci_vault_secret.${adminSecretId}.id`)));
    expect(grants).toHaveLength(1);
    const accounts = new Set(grants[0].statements.flatMap((s: string) => [...s.matchAll(/request\.principal\.service_account = '([^']+)'/g)].map((m) => m[1])));
    expect([...accounts]).toEqual(["shop-api-bootstrap-secrets"]);
    expect(app.databaseBootstrap!.secretsReader.serviceAccount).toBe("shop-api-bootstrap-secrets");
  });

  test("THEN Deployment and both Jobs pull with a dockerconfigjson Secret that External Secrets renders for the image's OCIR host", () => {
    for (const { manifest } of [userJob, migrateJob, deployment]) {
      expect(manifest.spec.template.spec.imagePullSecrets).toEqual([{ name: "shop-api-registry" }]);
    }
    const [pullId, pull] = manifestResource(tf, "ExternalSecret", "shop-api-registry");
    expect(pull.wait).toEqual({ condition: [{ type: "Ready", status: "True" }] });
    expect(pull.manifest.spec.target).toMatchObject({ name: "shop-api-registry", creationPolicy: "Owner", template: { type: "kubernetes.io/dockerconfigjson", engineVersion: "v2" } });
    expect(pull.manifest.spec.data).toEqual([
      { secretKey: "username", remoteRef: { key: "ocir-pull", property: "username" } },
      { secretKey: "password", remoteRef: { key: "ocir-pull", property: "password" } },
    ]);
    const template = pull.manifest.spec.target.template.data[".dockerconfigjson"];
    expect(template.startsWith('{"auths":{"fra.ocir.io":{"username":{{ .username | toJson }}')).toBe(true);
    // Terraform would interpolate these in the JSON string.
    expect(template).not.toMatch(/\$\{|%\{/);
    expect(deployment.depends_on).toContain(`kubernetes_manifest.${pullId}`);
    expect(userJob.depends_on).toContain(`kubernetes_manifest.${pullId}`);
  });

  test("THEN the bootstrap Jobs count in the pod subnet's capacity (one pod at a time)", () => {
    expect(app.network.capacityReport().length).toBeGreaterThan(0);
  });
});

describe("Job names", () => {
  const names = (props: Partial<AppWorkloadProps>) => synth(props).app.databaseBootstrap!.jobNames;
  const base = names({});

  test("GIVEN the same props THEN the same names (no churn)", () => {
    expect(names({})).toEqual(base);
    expect(base[0]).toMatch(/^shop-api-db-bootstrap-[0-9a-z]+$/);
    expect(base[1]).toMatch(/^shop-api-db-migrate-[0-9a-z]+$/);
  });

  test("GIVEN another image THEN both Jobs get new names, so Terraform replaces (re-runs) them", () => {
    const changed = names({ image: "fra.ocir.io/frxyz/shop-api:1.4.3" });
    expect(changed[0]).not.toBe(base[0]);
    expect(changed[1]).not.toBe(base[1]);
  });

  test("GIVEN another migrate command THEN a new migrate Job name", () => {
    expect(synthWithMigrate(["node", "dist/migrate.js"])).toEqual(base);
    expect(synthWithMigrate(["node", "dist/migrate.js", "--to", "latest"])[1]).not.toBe(base[1]);
  });
});

function synthWithUser(user: string): void {
  synth(({ database }) => userJobOnly(database, user));
}

function synthWithMigrate(command: string[]): string[] {
  return synth(({ database }) => ({ database: { database, schemaName: "shop_api", bootstrap: { migrate: { command } } } })).app.databaseBootstrap!.jobNames;
}

describe("bad input", () => {
  test("GIVEN an OCIR image without imagePullCredentials THEN a synth error naming the prop", () => {
    expect(() => synth({ imagePullCredentials: undefined })).toThrow(/image "fra\.ocir\.io\/frxyz\/shop-api:1\.4\.2" is on OCIR, which needs registry credentials; pass imagePullCredentials/);
  });

  test("GIVEN an image from elsewhere THEN no credentials are needed and no pull secret is made", () => {
    const { tf } = synth({ image: "registry.example.com/shop/api:1.0.0", imagePullCredentials: undefined });
    expect(manifestOf(tf, "Deployment").spec.template.spec.imagePullSecrets).toBeUndefined();
    expect(manifestsOf(tf).filter((m) => m.kind === "ExternalSecret").map((m) => m.metadata.name).sort()).toEqual(["shop-api", "shop-api-bootstrap"]);
  });

  test.each([
    ["dbadmin", `database.user: "dbadmin" is the database's admin user; the app needs a user of its own`],
    ["root", `database.user: "root" is reserved by MySQL HeatWave`],
    ["shop-api", `database.user: "shop-api" is not a MySQL user name`],
  ])("GIVEN database.user %j THEN an error naming it and the construct path", (user, message) => {
    expect(() => synthWithUser(user)).toThrow(message);
    expect(() => synthWithUser(user)).toThrow(/^[\w/-]+: database\.user/);
  });

  test("GIVEN migrate: false THEN only the user Job, and the Deployment waits for it", () => {
    const { tf, app } = synth(({ database }) => userJobOnly(database));
    const jobs = Object.entries(resourcesOf(tf, "kubernetes_manifest")).filter(([, r]) => r.manifest.kind === "Job");
    expect(jobs.map(([, r]) => r.manifest.metadata.name)).toEqual(app.databaseBootstrap!.jobNames);
    expect(jobs).toHaveLength(1);
    const [, deployment] = Object.entries(resourcesOf(tf, "kubernetes_manifest")).find(([, r]) => r.manifest.kind === "Deployment")!;
    expect(deployment.depends_on).toContain(`kubernetes_manifest.${jobs[0][0]}`);
  });

  test("GIVEN an empty migrate command THEN an error naming it", () => {
    expect(() => synthWithMigrate([])).toThrow("database.bootstrap.migrate.command: [] is not a command");
  });
});

describe("bootstrapScript, run by a real sh against a stand-in mysql", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-bootstrap-"));
    // Records its arguments and the SQL it is fed.
    fs.writeFileSync(path.join(dir, "mysql"), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${dir}/args"\ncat > "${dir}/stdin"\n`, { mode: 0o755 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const script = bootstrapScript({ database: "shop_api", user: "shop_api", env: DEFAULT_DATABASE_ENV_NAMES, tlsMode: "required" });
  const run = (appPassword: string, adminPassword: string) =>
    spawnSync("/bin/sh", ["-c", script], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: `${dir}:${process.env.PATH}`, DB_HOST: "db.example", DB_PORT: "3306", DB_USER: "dbadmin", DB_PASSWORD: adminPassword, [APP_PASSWORD_ENV]: appPassword },
    });

  test("THEN the script holds no `${` or `%{` (Terraform would interpolate them)", () => {
    expect(script).not.toMatch(/\$\{|%\{/);
  });

  test("GIVEN passwords full of shell metacharacters THEN mysql gets the admin's verbatim and exactly appUserStatements with the app's", () => {
    const appPassword = "A1-$(touch pwned)`id`;|&$HOME*~=:,.()";
    const adminPassword = `it's "$(touch pwned2)" \\ ok`;
    const result = run(appPassword, adminPassword);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "args"), "utf8").trim().split("\n")).toEqual([
      "--protocol=TCP",
      "--host=db.example",
      "--port=3306",
      "--user=dbadmin",
      `--password=${adminPassword}`,
      "--ssl-mode=REQUIRED",
      "--connect-timeout=20",
      "--batch",
    ]);
    const sql = appUserStatements({ database: "shop_api", user: "shop_api", password: appPassword }).map((s) => `${s};`).join("\n");
    expect(fs.readFileSync(path.join(dir, "stdin"), "utf8")).toBe(`${sql}\n`);
    expect(fs.existsSync(path.join(dir, "pwned"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "pwned2"))).toBe(false);
  });

  test.each(["it's", "back\\slash", ""])("GIVEN the app password %j THEN the script refuses it before calling mysql", (password) => {
    fs.rmSync(path.join(dir, "args"), { force: true });
    const result = run(password, "admin");
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("APP_DB_PASSWORD is empty or holds a quote or backslash");
    expect(fs.existsSync(path.join(dir, "args"))).toBe(false);
  });

  test("GIVEN env names that are not shell variables THEN an error naming them", () => {
    expect(() => bootstrapScript({ database: "d", user: "u", env: { ...DEFAULT_DATABASE_ENV_NAMES, host: "db.host" }, tlsMode: "required" })).toThrow(
      'database.envNames: "db.host" is not a shell variable name',
    );
  });

  test("THEN sh parses it (sh -n)", () => {
    expect(() => execFileSync("/bin/sh", ["-n", "-c", script])).not.toThrow();
  });
});
