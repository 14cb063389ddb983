import { OciStack } from "../../lib/stacks/oci-stack";
import { AppStack, AppStackProps } from "../../lib/stacks/app-stack";
import { ExistingPlatformAttributes, importPlatform } from "../../lib/stacks/platform";
import { REQUIRED } from "../support/existing-platform";
import { TEST_REGION, TfJson, resourcesOf, synthApp } from "../support/synth";

const OCIR_REPOSITORY = "eu-frankfurt-1.ocir.io/acme/shop/api";
const PULL_SECRET = { secretId: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaapull", secretName: "ocir-pull" };

/** An AppStack on a platform imported from its outputs (made inside the app stack). */
function appStack(props: Partial<Omit<AppStackProps, "app">> & { app?: Partial<AppStackProps["app"]> } = {}, attrs: Partial<ExistingPlatformAttributes> = {}) {
  let stack!: AppStack;
  const out = synthApp((app) => {
    stack = new AppStack(app, "app", {
      region: TEST_REGION,
      platform: (s) => importPlatform(s, "platform", { ...REQUIRED, ...attrs }),
      ...props,
      app: { namespace: "shop-api", clusterServicesInstalledElsewhere: true, ...props.app },
    });
  });
  return { stack, tf: out.stacks.app };
}

function container(tf: TfJson) {
  const deployments = Object.values(resourcesOf(tf, "kubernetes_manifest")).filter((r) => r.manifest.kind === "Deployment");
  expect(deployments).toHaveLength(1);
  return { pod: deployments[0].manifest.spec.template.spec, container: deployments[0].manifest.spec.template.spec.containers[0] };
}
const env = (c: any, name: string) => c.env.find((e: any) => e.name === name);

describe("AppStack image", () => {
  test("GIVEN a platform image repository and no image THEN <repository>:1.0.0, pulled with the registry secret read from the platform's vault", () => {
    const { tf } = appStack({ registrySecret: PULL_SECRET }, { image_repository: OCIR_REPOSITORY });
    const { pod, container: c } = container(tf);
    expect(c.image).toBe(`${OCIR_REPOSITORY}:1.0.0`);
    expect(pod.imagePullSecrets).toHaveLength(1);
    const pullPolicy = Object.values(resourcesOf(tf, "oci_identity_policy")).filter((p) => p.description.includes("ocir-pull"));
    expect(pullPolicy).toHaveLength(1);
    // the secret's vault and compartment are the platform's
    expect(pullPolicy[0].statements).toEqual([
      expect.stringMatching(new RegExp(`^Allow any-user to read secret-bundles in compartment id ${REQUIRED.compartment_id} where .*target\\.secret\\.id = '${PULL_SECRET.secretId}'`)),
      expect.stringMatching(new RegExp(`^Allow any-user to read vaults in compartment id ${REQUIRED.compartment_id} where .*target\\.vault\\.id = '${REQUIRED.vault_id}'`)),
    ]);
    expect(pullPolicy[0].compartment_id).toBe(REQUIRED.compartment_id);
  });

  test("GIVEN imageTag THEN that tag of the platform repository", () => {
    const { tf } = appStack({ registrySecret: PULL_SECRET, app: { imageTag: "2.3.4" } }, { image_repository: OCIR_REPOSITORY });
    expect(container(tf).container.image).toBe(`${OCIR_REPOSITORY}:2.3.4`);
  });

  test("GIVEN an explicit image THEN it wins over the platform repository", () => {
    const { tf } = appStack({ app: { image: "docker.io/library/nginx:1.27.3" } }, { image_repository: OCIR_REPOSITORY });
    expect(container(tf).container.image).toBe("docker.io/library/nginx:1.27.3");
  });

  test("GIVEN neither an image nor a platform repository THEN an error saying to give the image", () => {
    expect(() => appStack()).toThrow("app.image is not set and the platform has no image repository; give the image");
  });

  test("GIVEN a registry secret whose OCID is not a secret's THEN an error naming registrySecret.secretId", () => {
    expect(() =>
      appStack({ registrySecret: { secretId: "ocid1.vault.oc1.eu-frankfurt-1.aaaaaaaanotasecret", secretName: "x" } }, { image_repository: OCIR_REPOSITORY }),
    ).toThrow(/registrySecret\.secretId/);
  });
});

describe("AppStack database", () => {
  test("GIVEN no schemaName THEN the app's name with '-' as '_' on the platform's database", () => {
    const { tf } = appStack({ app: { image: "docker.io/library/nginx:1.27.3" } });
    const c = container(tf).container;
    expect(env(c, "DB_NAME")).toEqual({ name: "DB_NAME", value: "shop_api" });
    expect(env(c, "DB_HOST")).toEqual({ name: "DB_HOST", value: REQUIRED.mysql_endpoint });
  });

  test("GIVEN schemaName THEN that schema", () => {
    const { tf } = appStack({ app: { image: "docker.io/library/nginx:1.27.3", schemaName: "orders" } });
    expect(env(container(tf).container, "DB_NAME")).toEqual({ name: "DB_NAME", value: "orders" });
  });

  test("GIVEN schemaName false THEN no database settings and no read grant on the admin password", () => {
    const { tf } = appStack({ app: { image: "docker.io/library/nginx:1.27.3", schemaName: false } });
    const c = container(tf).container;
    expect((c.env ?? []).filter((e: any) => e.name.startsWith("DB_"))).toEqual([]);
    // premise: with a database the same filter finds the DB_ settings (previous tests)
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy")).map((p) => p.description);
    expect(policies.filter((d) => d.includes(REQUIRED.mysql_password_secret_name))).toEqual([]);
  });
});

describe("AppStack ordering", () => {
  test("GIVEN after THEN the stack depends on each of them; GIVEN a platform function THEN it is called with the app stack", () => {
    let given: OciStack | undefined;
    let stack!: AppStack;
    let first!: OciStack;
    let second!: OciStack;
    synthApp((app) => {
      first = new OciStack(app, "first", { region: TEST_REGION });
      second = new OciStack(app, "second", { region: TEST_REGION });
      stack = new AppStack(app, "app", {
        region: TEST_REGION,
        after: [first, second],
        platform: (s) => {
          given = s;
          return importPlatform(s, "platform", REQUIRED);
        },
        app: { namespace: "shop-api", clusterServicesInstalledElsewhere: true, image: "docker.io/library/nginx:1.27.3" },
      });
    });
    expect(given).toBe(stack);
    expect(stack.dependencies).toEqual([first, second]);
    expect(stack.workload.namespace).toBe("shop-api");
  });
});
