import type { IMySqlDatabase } from "../../lib/database/mysql-database";
import type { IVaultSecret, ISecretsVault } from "../../lib/security/secrets-vault";
import type { AppWorkloadProps } from "../../lib/workloads/app-workload";
import { APP_WORKLOAD_DEFAULTS, DEFAULT_TOPOLOGY_KEYS, planAppWorkload, planDeployment, planExposure } from "../../lib/workloads/app-workload-plan";

// The plan is pure: plain objects stand in for the constructs it only reads (names, the admin user).
const secret = (name: string): IVaultSecret => ({ secretName: name, secretId: `ocid1.vaultsecret.oc1..${name}` }) as unknown as IVaultSecret;
const vault = {} as ISecretsVault;
const database = { adminUsername: "admin", vault, passwordSecret: secret("admin-pw") } as unknown as IMySqlDatabase;
const props = (more: Partial<AppWorkloadProps> = {}): AppWorkloadProps =>
  ({ cluster: {} as never, namespace: "shop", image: "registry.example.com/shop/api:1.0.0", ...more }) as AppWorkloadProps;

describe("planDeployment", () => {
  test("GIVEN only the required props THEN the documented defaults", () => {
    const plan = planDeployment({ namespace: "batch", name: "worker", image: "registry.example.com/w:1" });
    expect(plan).toMatchObject({
      containerPort: 8080,
      cpu: "500m",
      memory: "1Gi",
      livenessPath: "/healthz",
      readinessPath: "/readyz",
      runAsUser: 10001,
      runAsGroup: 10001,
      serviceAccountName: "default",
      minReplicas: 2,
      maxReplicas: 10,
      targetCpuUtilization: 70,
      surgePercent: 25,
      whenUnsatisfiable: "ScheduleAnyway",
      topologyKeys: DEFAULT_TOPOLOGY_KEYS,
      tmpVolume: true,
      env: [],
    });
  });

  test("GIVEN minReplicas above the default maximum THEN maxReplicas follows it", () => {
    expect(planDeployment({ namespace: "b", name: "w", image: "r.example.com/w:1", autoscaling: { minReplicas: 12 } }).maxReplicas).toBe(12);
  });

  test.each([
    [{ resources: { cpu: "half", memory: "1Gi" } }, /resources.cpu/],
    [{ runAs: { user: 0 } }, /runAs.user: 0 is not allowed/],
    [{ probes: { readinessPath: "ready" } }, /probes.readinessPath: "ready" is not an HTTP path/],
    [{ autoscaling: { targetCpuUtilization: 0 } }, /targetCpuUtilization: 0 is not a percentage/],
    [{ autoscaling: { surgePercent: 101 } }, /surgePercent: 101/],
    [{ image: "registry.example.com/w:latest" }, /moving tag latest/],
  ])("GIVEN %j THEN an error naming the value", (bad, message) => {
    expect(() => planDeployment({ namespace: "b", name: "w", image: "r.example.com/w:1", ...bad })).toThrow(message);
  });
});

describe("planExposure", () => {
  test("GIVEN a service THEN the Ingress is named after it, on '/', plain HTTP to the pods", () => {
    expect(planExposure({ namespace: "web", serviceName: "frontend" })).toEqual({
      name: "frontend",
      namespace: "web",
      serviceName: "frontend",
      containerPort: 8080,
      host: undefined,
      path: "/",
      tls: undefined,
      backendTls: false,
    });
  });
});

describe("planAppWorkload", () => {
  test("GIVEN a namespace only THEN the names derive from it and an ingress is planned", () => {
    const plan = planAppWorkload(props());
    expect(plan).toMatchObject({ namespace: "shop", name: "shop", secretsServiceAccountName: "shop-secrets", secretName: "shop-secrets", refreshInterval: "1h" });
    expect(plan.deployment.serviceAccountName).toBe("shop");
    expect(plan.ingress).toMatchObject({ serviceName: "shop", path: "/" });
    expect(plan.secretEnvNames).toEqual([]);
  });

  test("GIVEN ingress false THEN no ingress", () => {
    expect(planAppWorkload(props({ ingress: false })).ingress).toBeUndefined();
  });

  test("GIVEN a bootstrapped database THEN the app's own user from its name, the password first among the secret env vars", () => {
    const plan = planAppWorkload(props({ name: "shop-api", database: { database, schemaName: "shop", bootstrap: { migrate: false } }, secrets: [{ envName: "API_KEY", secret: secret("k") }] }));
    expect(plan.database).toMatchObject({ user: "shop_api", bootstrapped: true });
    expect(plan.secretEnvNames).toEqual(["DB_PASSWORD", "API_KEY"]);
  });

  test("GIVEN a database without bootstrap THEN the admin user", () => {
    expect(planAppWorkload(props({ database: { database, schemaName: "shop" } })).database).toMatchObject({ user: "admin", bootstrapped: false });
  });

  test.each<[Partial<AppWorkloadProps>, RegExp]>([
    [{ image: "fra.ocir.io/ns/api:1.0.0" }, /image "fra.ocir.io\/ns\/api:1.0.0" is on OCIR, which needs registry credentials/],
    [{ imagePullCredentials: secret("p"), image: "api:1.0.0" }, /names no literal registry host/],
    [{ database: { database, schemaName: "shop", user: "reader" } }, /database.user "reader" is given without database.passwordSecret/],
    [{ database: { database, schemaName: "shop-db" } }, /database.schemaName: "shop-db"/],
    [{ secrets: [{ envName: "A", secret: secret("a") }, { envName: "A", secret: secret("b") }], vault }, /secrets: A is mapped twice/],
    [{ secrets: [{ envName: "A", secret: secret("a") }] }, /secrets are listed but no vault/],
    [{ externalSecrets: { refreshInterval: "daily" } }, /refreshInterval: "daily" is not a duration/],
    [{ ingress: { host: "-bad-" } }, /ingress.host: "-bad-"/],
  ])("GIVEN %j THEN an error naming the value", (bad, message) => {
    expect(() => planAppWorkload(props(bad))).toThrow(message);
  });

  test("THEN APP_WORKLOAD_DEFAULTS are what the plan uses", () => {
    const d = planAppWorkload(props()).deployment;
    expect({
      containerPort: d.containerPort,
      resources: { cpu: d.cpu, memory: d.memory },
      minReplicas: d.minReplicas,
      maxReplicas: d.maxReplicas,
      targetCpuUtilization: d.targetCpuUtilization,
      surgePercent: d.surgePercent,
      runAsId: d.runAsUser,
      refreshInterval: planAppWorkload(props()).refreshInterval,
      livenessPath: d.livenessPath,
      readinessPath: d.readinessPath,
      tmpVolume: d.tmpVolume,
      whenUnsatisfiable: d.whenUnsatisfiable,
    }).toEqual(APP_WORKLOAD_DEFAULTS);
  });
});
