/**
 * Stable addresses: the reference synth keeps every stateful address of the golden list
 * (test/reference/__golden__/addresses.json, `npm run golden`), or moves it with a `moved` block.
 */
import * as fs from "fs";
import { checkStableAddresses, statefulAddresses } from "../../lib";
import { GOLDEN_ADDRESSES_FILE, GOLDEN_VARIANTS, type GoldenAddresses, synthesizeVariants } from "../../reference/golden-addresses";

const golden = JSON.parse(fs.readFileSync(GOLDEN_ADDRESSES_FILE, "utf8")) as GoldenAddresses;
const variants = synthesizeVariants();

describe("the golden list of the reference synth's stateful addresses", () => {
  test("THEN it covers every variant and stack of the synth, and no others", () => {
    expect(Object.keys(golden).sort()).toEqual(Object.keys(GOLDEN_VARIANTS).sort());
    for (const [variant, stacks] of Object.entries(variants)) {
      expect({ variant, stacks: Object.keys(golden[variant] ?? {}).sort() }).toEqual({ variant, stacks: stacks.map((s) => s.name).sort() });
    }
  });

  test("THEN it holds the stateful resources the issue names, in every stack that makes them", () => {
    const platform = golden.default["oke-platform"].map((address) => address.split(".")[0]);
    for (const type of ["oci_core_vcn", "oci_core_subnet", "oci_core_network_security_group", "oci_core_network_security_group_security_rule", "oci_kms_vault", "oci_kms_key", "oci_kms_key_version", "terraform_data", "oci_vault_secret", "random_password", "oci_mysql_mysql_db_system", "oci_containerengine_cluster", "oci_containerengine_virtual_node_pool", "oci_containerengine_addon", "oci_identity_policy", "oci_artifacts_container_repository"]) {
      expect(platform).toContain(type);
    }
    expect(golden.bastion["oke-platform"].some((address) => address.startsWith("oci_bastion_bastion."))).toBe(true);
    expect(golden.default["oke-platform"].some((address) => address.startsWith("oci_core_default_security_list."))).toBe(false);
  });

  describe.each(Object.keys(GOLDEN_VARIANTS))("variant %s", (variant) => {
    test.each(variants[variant].map((stack) => [stack.name, stack] as const))("stack %s keeps every golden address (or moves it) and has none the list lacks", (name, stack) => {
      const { missing, added } = checkStableAddresses(name, golden[variant][name] ?? [], stack.json);
      expect(missing).toEqual([]);
      // New stateful resources: the list must learn them, so that later renames of them are caught.
      expect(added.map((address) => `stack ${name} (variant ${variant}): new address ${address}; add it to the golden list with npm run golden`)).toEqual([]);
    });
  });

  test("THEN the list is what statefulAddresses reads from the synth, sorted", () => {
    const platform = variants.default.find((s) => s.name === "oke-platform")!;
    expect(statefulAddresses(platform.json)).toEqual(golden.default["oke-platform"]);
  });
});
