import { Testing } from "../../lib/cdktf";
import { isReference } from "../../lib/common/references";
import { Construct } from "constructs";
import { TerraformResource } from "../../lib/cdktf";

describe("isReference", () => {
  test("GIVEN literals THEN false", () => {
    for (const value of ["fra.ocir.io", "", "a$b", "{x}", "$ {not}"]) expect(isReference(value)).toBe(false);
  });

  test("GIVEN non-strings THEN false", () => {
    for (const value of [undefined, null, 42, { a: "${x}" }]) expect(isReference(value)).toBe(false);
  });

  test("GIVEN a Terraform expression or a cdktf token THEN true", () => {
    expect(isReference("${data.oci_objectstorage_namespace.ns.namespace}")).toBe(true);
    let token = "";
    Testing.synthScope((scope: Construct) => {
      token = new TerraformResource(scope, "r", { terraformResourceType: "terraform_data" }).getStringAttribute("id");
    });
    expect(token).not.toBe("");
    expect(isReference(token)).toBe(true);
    expect(isReference(`fra.ocir.io/${token}/app:1`)).toBe(true);
  });
});
