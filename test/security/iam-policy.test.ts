import { IamPolicy, fitPolicyName } from "../../lib/security/iam-policy";
import { TEST_COMPARTMENT, resourcesOf, synthOci } from "../support/synth";

describe("IamPolicy", () => {
  test("GIVEN statements THEN one oci_identity_policy with them in order", () => {
    const { tf } = synthOci((scope) => {
      new IamPolicy(scope, "p", {
        compartmentId: TEST_COMPARTMENT,
        name: "app-reads-db-secret",
        description: "App reads its DB secret",
        statements: ["Allow group a to read vaults in tenancy", "Allow group a to read secret-bundles in tenancy"],
      });
    });
    expect(Object.values(resourcesOf(tf, "oci_identity_policy"))).toEqual([
      {
        compartment_id: TEST_COMPARTMENT,
        name: "app-reads-db-secret",
        description: "App reads its DB secret",
        statements: ["Allow group a to read vaults in tenancy", "Allow group a to read secret-bundles in tenancy"],
      },
    ]);
  });

  test.each([
    [{ name: "has space" }, 'policy name "has space" is not valid'],
    [{ name: "x".repeat(101) }, "is not valid; use at most 100"],
    [{ statements: [] }, 'policy "ok" has 0 statements; OCI allows 1 to 50'],
    [{ statements: Array(51).fill("Allow group a to read vaults in tenancy") }, "has 51 statements"],
  ])("GIVEN %j THEN a clear error", (override, message) => {
    expect(() =>
      synthOci((scope) => {
        new IamPolicy(scope, "p", {
          compartmentId: TEST_COMPARTMENT,
          name: "ok",
          description: "d",
          statements: ["Allow group a to read vaults in tenancy"],
          ...override,
        });
      }),
    ).toThrow(message);
  });
});

describe("fitPolicyName", () => {
  test("a name that fits is kept; a long one is cut to 100 with a hash that keeps names apart", () => {
    expect(fitPolicyName("short-name")).toBe("short-name");
    const a = fitPolicyName(`${"x".repeat(120)}-a`);
    const b = fitPolicyName(`${"x".repeat(120)}-b`);
    expect(a).toHaveLength(100);
    expect(b).toHaveLength(100);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x+-[0-9a-z]+$/);
  });
});
