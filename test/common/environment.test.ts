import { App, TerraformStack } from "../../lib/cdktf";
import { ENVIRONMENT_CONTEXT_KEY, checkEnvironment, environmentName, environmentOf } from "../../lib/common/environment";

describe("environment names", () => {
  test("GIVEN no environment THEN names stay as they are", () => {
    const stack = new TerraformStack(new App(), "s");
    expect(environmentOf(stack)).toBeUndefined();
    expect(environmentName(stack, "oke-vn")).toBe("oke-vn");
  });

  test("GIVEN the App's context THEN every construct below reads it, and a name is prefixed once", () => {
    const stack = new TerraformStack(new App({ context: { [ENVIRONMENT_CONTEXT_KEY]: "prod" } }), "s");
    expect(environmentOf(stack)).toBe("prod");
    expect(environmentName(stack, "oke-vn")).toBe("prod-oke-vn");
    expect(environmentName(stack, "prod-oke-vn")).toBe("prod-oke-vn");
  });

  test.each(["Prod", "1dev", "dev_1", "dev-", "", "a".repeat(25)])("GIVEN %j THEN an error naming the setting", (value) => {
    expect(() => checkEnvironment(value, "OciStack environment")).toThrow(`OciStack environment: "${value}" is not an environment name`);
  });

  test.each(["dev", "prod", "eu-prod-2", "a".repeat(24)])("GIVEN %j THEN accepted", (value) => {
    expect(checkEnvironment(value)).toBe(value);
  });
});
