/**
 * The policy-language checks at synth, from the user's side: their own `IdentityPolicy` in a plain
 * TerraformStack, in an OciStack, next to a library construct; the four typos fail synth
 * naming the policy's path, the statement, the word and its fix; the reference stacks pass.
 */
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { App, Aspects, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { IamPolicy } from "../../lib/security/iam-policy";
import { PolicyLanguageChecks, addPolicyLanguageChecks } from "../../lib/security/policy-language-checks";
import { parsePolicyStatement } from "../../lib/security/policy-language";
import { OciStack } from "../../lib/stacks/oci-stack";
import { buildReferenceApp } from "../../reference/reference-app";
import { readReferenceConfig } from "../../reference/reference-config";
import { TEST_COMPARTMENT, synthApp } from "../support/synth";

const C = TEST_COMPARTMENT;

function plainStack(app: App, id = "user"): TerraformStack {
  const stack = new TerraformStack(app, id);
  new OciProvider(stack, "oci", { region: "eu-frankfurt-1" });
  return stack;
}

function userPolicy(stack: TerraformStack, statements: string[], id = "shop-admins", extra: Partial<{ name: string; description: string }> = {}) {
  return new IdentityPolicy(stack, id, { compartmentId: C, name: extra.name ?? id, description: extra.description ?? "shop admins", statements });
}

/** Synthesizes the app; returns the synth error, or "" when it passes. */
function synthError(build: (app: App) => void): string {
  const app = Testing.app();
  build(app);
  try {
    app.synth();
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

describe("the issue's four typos fail synth in a user's plain TerraformStack", () => {
  test.each([
    ["Allow group Admins to mange all-resources in compartment shop", "mange", "manage"],
    ["Allow group Admins to read secret-familly in compartment shop", "secret-familly", "secret-family"],
    ["Allow group Admins to use keys in compartment shop where target.key.idd = 'ocid1.key.oc1..k'", "target.key.idd", "target.key.id"],
    ["Allow group Admins to manage all-resources in compartmnt shop", "compartmnt", "compartment"],
  ])("%s", (statement, token, suggestion) => {
    const error = synthError((app) => {
      userPolicy(plainStack(app), ["Allow group Admins to inspect users in tenancy", statement]);
      addPolicyLanguageChecks(app);
    });
    expect(error).toContain("IAM policy at user/shop-admins, statement 2");
    expect(error).toContain(`"${statement}"`);
    expect(error).toContain(`"${token}"`);
    expect(error).toContain(`did you mean "${suggestion}"?`);
  });
});

describe("which stacks are checked", () => {
  const bad = "Allow group Admins to mange buckets in compartment shop";

  test("GIVEN an OciStack THEN the user's own policy is checked without asking", () => {
    const error = synthError((app) => {
      userPolicy(new OciStack(app, "platform", { region: "eu-frankfurt-1" }), [bad]);
    });
    expect(error).toContain("IAM policy at platform/shop-admins");
    expect(error).toContain(`did you mean "manage"?`);
  });

  test("GIVEN a plain stack holding a library policy THEN the user's policy beside it is checked too", () => {
    const error = synthError((app) => {
      const stack = plainStack(app);
      new IamPolicy(stack, "lib", { compartmentId: C, name: "lib-policy", description: "d", statements: ["Allow group A to read buckets in tenancy"] });
      userPolicy(stack, [bad]);
    });
    expect(error).toContain("IAM policy at user/shop-admins");
  });

  test("GIVEN a plain stack with nothing of the library and no addPolicyLanguageChecks THEN nothing is checked (documented)", () => {
    expect(synthError((app) => userPolicy(plainStack(app), [bad]))).toBe("");
  });

  test("GIVEN every way of asking at once THEN each problem is reported once", () => {
    const error = synthError((app) => {
      const stack = new OciStack(app, "platform", { region: "eu-frankfurt-1" });
      new IamPolicy(stack, "lib", { compartmentId: C, name: "lib-policy", description: "d", statements: ["Allow group A to read buckets in tenancy"] });
      userPolicy(stack, [bad]);
      addPolicyLanguageChecks(app);
      addPolicyLanguageChecks(stack);
    });
    expect(error.split("did you mean").length - 1).toBe(1);
  });

  test("GIVEN stacks added after addPolicyLanguageChecks(app) THEN the app's validation reaches them", () => {
    const error = synthError((app) => {
      addPolicyLanguageChecks(app);
      userPolicy(plainStack(app, "late"), [bad]);
    });
    expect(error).toContain("IAM policy at late/shop-admins");
  });

  test("GIVEN the Aspect on a plain stack THEN that stack is checked", () => {
    const error = synthError((app) => {
      const stack = plainStack(app);
      userPolicy(stack, [bad]);
      Aspects.of(stack).add(new PolicyLanguageChecks());
    });
    expect(error).toContain("IAM policy at user/shop-admins");
  });

  test("GIVEN extra vocabulary on the app THEN OciStacks made afterwards accept it", () => {
    const error = synthError((app) => {
      addPolicyLanguageChecks(app, { extraVocabulary: { variables: ["target.stream.id"] } });
      userPolicy(new OciStack(app, "platform", { region: "eu-frankfurt-1" }), ["Allow group A to read buckets in tenancy where target.stream.id = 'x'"]);
    });
    expect(error).toBe("");
  });
});

describe("references and limits", () => {
  test("GIVEN OCIDs and names from references THEN they stand for values of the expected kind", () => {
    const error = synthError((app) => {
      const stack = plainStack(app);
      const compartment = new TerraformVariable(stack, "compartment", { type: "string" });
      const group = new TerraformVariable(stack, "group", { type: "string" });
      const all = new TerraformVariable(stack, "statements", { type: "list(string)" });
      userPolicy(stack, [
        `Allow group ${group.stringValue} to read buckets in compartment id ${compartment.stringValue} where target.bucket.name = '${group.stringValue}'`,
        `Allow group id ${group.stringValue} to read buckets in compartment ${compartment.stringValue}`,
      ]);
      new IdentityPolicy(stack, "from-variable", { compartmentId: C, name: "from-variable", description: "d", statements: all.listValue });
      addPolicyLanguageChecks(app);
    });
    expect(error).toBe("");
  });

  test("GIVEN statements set by an override (escape hatch) THEN the overridden statements are checked", () => {
    const error = synthError((app) => {
      const policy = userPolicy(plainStack(app), ["Allow group A to read buckets in tenancy"]);
      policy.addOverride("statements", ["Allow group A to raed buckets in tenancy"]);
      addPolicyLanguageChecks(app);
    });
    expect(error).toContain(`"raed"`);
    expect(error).toContain(`did you mean "read"?`);
  });

  test("GIVEN a reference where a keyword belongs THEN the statement is still refused at the keyword", () => {
    const error = synthError((app) => {
      const stack = plainStack(app);
      const compartment = new TerraformVariable(stack, "compartment", { type: "string" });
      userPolicy(stack, [`Allow group A to read buckets inn compartment id ${compartment.stringValue}`]);
      addPolicyLanguageChecks(app);
    });
    expect(error).toContain(`"inn"`);
    expect(error).toContain(`did you mean "in"?`);
  });

  test("GIVEN 51 statements, a bad name and a 401-character description THEN each limit is named with its number and source", () => {
    const error = synthError((app) => {
      userPolicy(plainStack(app), Array.from({ length: 51 }, (_, i) => `Allow group G${i} to read buckets in tenancy`), "too-many", {
        name: "shop admins",
        description: "x".repeat(401),
      });
      addPolicyLanguageChecks(app);
    });
    expect(error).toContain("policy has 51 statements; OCI allows 1 to 50 per policy");
    expect(error).toContain(`policy name "shop admins" may hold only letters, digits, '-', '_' and '.'`);
    expect(error).toContain("policy description has 401 characters; OCI allows at most 400");
    expect(error).toContain("https://docs.oracle.com/");
  });

  test("GIVEN a resource type OCI documents but the vocabulary lacks WHEN the user adds it THEN synth passes", () => {
    const statement = "Allow group A to read stream-pools in tenancy";
    expect(synthError((app) => (userPolicy(plainStack(app), [statement]), addPolicyLanguageChecks(app)))).toContain(`"stream-pools"`);
    expect(
      synthError((app) => (userPolicy(plainStack(app), [statement]), addPolicyLanguageChecks(app, { extraVocabulary: { resourceTypes: ["stream-pools"] } }))),
    ).toBe("");
  });
});

describe("the reference stacks", () => {
  test.each([
    // a real compartment needs the tenancy (the native ingress controller's tenancy statements)
    ["defaults", { OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaareference" }],
    // the switch adds Oracle's virtual-node endorse policy
    ["tenancy and virtual-node policy", { OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaareference", OKE_CREATE_VIRTUAL_NODE_POLICY: "true" }],
  ])("GIVEN the reference app (%s) THEN it synthesizes with the checks on, and every statement it writes parses", (_, env: Record<string, string>) => {
    const { stacks } = synthApp((app) => {
      buildReferenceApp(app, readReferenceConfig({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: C, ...env }), {});
    });
    const statements = Object.values(stacks).flatMap((tf) => Object.values(tf.resource.oci_identity_policy ?? {}).flatMap((p: any) => p.statements as string[]));
    expect(statements.length).toBeGreaterThan(10);
    for (const statement of statements) expect(() => parsePolicyStatement(statement)).not.toThrow();
    if (env.OKE_CREATE_VIRTUAL_NODE_POLICY) {
      expect(statements.filter((s) => /^endorse /.test(s))).toHaveLength(3);
      expect(statements.some((s) => s.includes("manage floating-ips in tenancy"))).toBe(true);
    }
  });
});
