import { TerraformStack } from "../../lib/cdktf";
import { renamedFrom } from "../../lib/common/renamed-from";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { TEST_COMPARTMENT, synthOci } from "../support/synth";

describe("renamedFrom", () => {
  test("GIVEN the old address THEN a moved block from it to the resource, and the resource stays", () => {
    const { tf } = synthOci((scope) => {
      const vault = new SecretsVault(scope, "secrets", { compartmentId: TEST_COMPARTMENT });
      expect(renamedFrom(vault.vault, "oci_kms_vault.vault_BBE00A92")).toBe(vault.vault);
    });
    const [name] = Object.keys(tf.resource.oci_kms_vault);
    expect((tf as { moved?: unknown }).moved).toEqual([{ from: "oci_kms_vault.vault_BBE00A92", to: `oci_kms_vault.${name}` }]);
  });

  test("THEN the old addresses the README's example names are those of a SecretsVault with id vault", () => {
    const { tf } = synthOci((scope) => void new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT }));
    expect(Object.keys(tf.resource.oci_kms_vault)).toEqual(["vault_BBE00A92"]);
    expect(Object.keys(tf.resource.oci_kms_key)).toEqual(["vault_key_3A2DAC2C"]);
  });

  test("GIVEN a bare logical id THEN the resource's type is added", () => {
    const { tf } = synthOci((scope) => void renamedFrom(new SecretsVault(scope, "secrets", { compartmentId: TEST_COMPARTMENT }).vault, "vault_BBE00A92"));
    expect((tf as { moved?: { from: string }[] }).moved?.[0].from).toBe("oci_kms_vault.vault_BBE00A92");
  });

  test.each([
    ["oci_kms_key.vault_key_3A2DAC2C", "names a oci_kms_key, but this resource is a oci_kms_vault; Terraform moves state only between resources of the same type"],
    ["oci_kms_vault.", 'renamedFrom("oci_kms_vault.") is not a Terraform resource address; give "oci_kms_vault.<old logical id>"'],
    ["module.x.oci_kms_vault.v", "is not a Terraform resource address"],
  ])("GIVEN %p THEN a clear error naming the construct", (old, message) => {
    expect(() => synthOci((scope) => void renamedFrom(new SecretsVault(scope, "secrets", { compartmentId: TEST_COMPARTMENT }).vault, old))).toThrow(message);
  });

  test("GIVEN the resource's own address THEN an error", () => {
    expect(() =>
      synthOci((scope) => {
        const vault = new SecretsVault(scope, "secrets", { compartmentId: TEST_COMPARTMENT }).vault;
        renamedFrom(vault, `oci_kms_vault.${TerraformStack.of(scope).getLogicalId(vault)}`);
      }),
    ).toThrow("is this resource's own address");
  });
});
