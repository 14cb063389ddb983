import { REQUIRED_PLATFORM_OUTPUTS, missingPlatformOutputs } from "../../lib/stacks/platform-outputs";

/** Every required output, with a plausible value. */
const complete = (): Record<string, unknown> => Object.fromEntries(REQUIRED_PLATFORM_OUTPUTS.map((key) => [key, `value-of-${key}`]));

describe("REQUIRED_PLATFORM_OUTPUTS", () => {
  test("THEN the network, its five NSGs, the vault and key, the cluster and the database's connection — and none of the optional outputs", () => {
    expect([...REQUIRED_PLATFORM_OUTPUTS]).toEqual([
      "compartment_id",
      "vcn_id",
      "api_subnet_id",
      "nodes_subnet_id",
      "lb_subnet_id",
      "api_nsg_id",
      "nodes_nsg_id",
      "pods_nsg_id",
      "lb_nsg_id",
      "db_nsg_id",
      "vault_id",
      "vault_key_id",
      "cluster_id",
      "mysql_endpoint",
      "mysql_admin_username",
      "mysql_password_secret_id",
      "mysql_password_secret_name",
    ]);
  });
});

describe("missingPlatformOutputs", () => {
  test("GIVEN every required output THEN nothing is missing, and optional outputs are not asked for", () => {
    expect(Object.keys(complete())).toHaveLength(17);
    expect(missingPlatformOutputs(complete())).toEqual([]);
  });

  test("GIVEN an empty object THEN every required output, in order", () => {
    expect(missingPlatformOutputs({})).toEqual([...REQUIRED_PLATFORM_OUTPUTS]);
  });

  test("GIVEN one output absent, one empty, one a number and one null THEN all four are named, in the list's order", () => {
    const outputs = complete();
    delete outputs.vcn_id;
    outputs.cluster_id = "";
    outputs.db_nsg_id = 42;
    outputs.mysql_endpoint = null;
    expect(missingPlatformOutputs(outputs)).toEqual(["vcn_id", "db_nsg_id", "cluster_id", "mysql_endpoint"]);
  });

  test("GIVEN only optional outputs absent (pods and db subnets, CIDRs, image repository) THEN nothing is missing", () => {
    const outputs = { ...complete(), pods_subnet_id: undefined, db_subnet_id: undefined, image_repository: undefined };
    expect(missingPlatformOutputs(outputs)).toEqual([]);
  });
});
