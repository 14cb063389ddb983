import { Construct } from "constructs";
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { LocalBackend, TerraformStack, Testing } from "../../lib/cdktf";
import { stackRegionOf } from "../../lib/common/stack-region";
import { OciStack, OciStackProps } from "../../lib/stacks/oci-stack";
import { TEST_COMPARTMENT, TEST_REGION } from "../support/synth";

function stack(props: Partial<OciStackProps> = {}, app = Testing.app()) {
  const s = new OciStack(app, "platform", { region: TEST_REGION, ...props });
  return { app, stack: s, tf: JSON.parse(Testing.synth(s)) };
}

const warnings = (s: Construct) => s.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);

describe("OciStack provider and backend", () => {
  test("GIVEN a region THEN one oci provider for it, and a local backend at ../../../terraform.<id>.tfstate", () => {
    const { tf } = stack();
    expect(tf.provider.oci).toEqual([{ region: TEST_REGION }]);
    expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.platform.tfstate" } });
  });

  test("GIVEN providerConfig THEN its settings join the region", () => {
    const { tf } = stack({ providerConfig: { auth: "InstancePrincipal", configFileProfile: "OPS" } });
    expect(tf.provider.oci).toEqual([{ region: TEST_REGION, auth: "InstancePrincipal", config_file_profile: "OPS" }]);
  });

  test("GIVEN a backend factory THEN it is called with the stack and no local backend is added", () => {
    let given: OciStack | undefined;
    const { stack: s, tf } = stack({
      backend: (st) => {
        given = st;
        return new LocalBackend(st, { path: "/state/custom.tfstate" });
      },
    });
    expect(given).toBe(s);
    expect(tf.terraform.backend).toEqual({ local: { path: "/state/custom.tfstate" } });
  });
});

describe("OciStack region", () => {
  test("GIVEN a known region THEN its realm, no warning, and the region recorded for constructs below it", () => {
    const { stack: s } = stack();
    const deep = new Construct(new Construct(s, "a"), "b");
    expect(s.region).toBe(TEST_REGION);
    expect(s.realm).toBe("oc1");
    expect(stackRegionOf(deep)).toBe(TEST_REGION);
    expect(warnings(s)).toEqual([]);
  });

  test("GIVEN a plain TerraformStack THEN no region is recorded (premise of the previous test)", () => {
    const plain = new TerraformStack(Testing.app(), "plain");
    expect(stackRegionOf(new Construct(plain, "a"))).toBeUndefined();
  });

  test("GIVEN an unknown but well-formed region THEN no realm and a warning naming the closest known one", () => {
    const { stack: s } = stack({ region: "eu-frankfrut-1" });
    expect(s.realm).toBeUndefined();
    expect(warnings(s)).toEqual([expect.stringMatching(/^region "eu-frankfrut-1" is not one the library knows \(common\/realms\.ts\); did you mean eu-frankfurt-1\?/)]);
  });

  test("GIVEN a malformed region THEN an error naming it and the expected form", () => {
    expect(() => stack({ region: "Frankfurt" })).toThrow(
      'region: "Frankfurt" is not an OCI region identifier; expected <geo>-<name>-<n> in lower case, e.g. eu-frankfurt-1 or us-gov-ashburn-1',
    );
  });
});

describe("OciStack environment", () => {
  test("GIVEN no environment THEN none", () => {
    expect(stack().stack.environment).toBeUndefined();
  });

  test("GIVEN the App's context THEN the stack takes it, and the stack's own prop wins over it", () => {
    const app = Testing.app({ context: { "oke-virtual-nodes:environment": "dev" } });
    expect(new OciStack(app, "a", { region: TEST_REGION }).environment).toBe("dev");
    const own = new OciStack(app, "b", { region: TEST_REGION, environment: "prod" });
    expect(own.environment).toBe("prod");
    // set as context before children exist, so the naming helpers below the stack see it
    expect(new Construct(own, "child").node.tryGetContext("oke-virtual-nodes:environment")).toBe("prod");
  });

  test("GIVEN a bad environment name THEN an error naming the stack's setting", () => {
    expect(() => stack({ environment: "Prod!" })).toThrow(/^platform: environment: "Prod!" is not an environment name; use up to 24 lower-case letters/);
  });
});

describe("OciStack policy language checks", () => {
  const badPolicy = (scope: Construct) =>
    new IdentityPolicy(scope, "policy", {
      compartmentId: TEST_COMPARTMENT,
      name: "bad",
      description: "misspelt verb",
      statements: [`Allow group Admins to mange all-resources in compartment id ${TEST_COMPARTMENT}`],
    });

  test("GIVEN a malformed IAM statement in an OciStack THEN synth fails naming the statement", () => {
    const s = new OciStack(Testing.app(), "platform", { region: TEST_REGION });
    badPolicy(s);
    const errors = s.node.validate();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("mange");
  });

  test("GIVEN the same statement in a plain TerraformStack THEN no check runs (the OciStack installed it)", () => {
    const plain = new TerraformStack(Testing.app(), "plain");
    new OciProvider(plain, "oci", { region: TEST_REGION });
    badPolicy(plain);
    expect(plain.node.validate()).toEqual([]);
  });
});
