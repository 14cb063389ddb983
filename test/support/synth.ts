/**
 * Builds constructs inside `Testing.synthScope`, runs the stack's validations (as `cdktf synth`
 * does) and the OCI schema gate, and returns the JSON for assertions.
 */
import { Construct } from "constructs";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { LocalBackend, TerraformStack, Testing } from "../../lib/cdktf";
import { expectOciSchemaValid } from "./schema-gate";

export type TfJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, Record<string, any>>;
  terraform: Record<string, any>;
};

export const TEST_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaatestcompartment";
export const TEST_REGION = "eu-frankfurt-1";

export interface Synthesized {
  json: string;
  tf: TfJson;
}

/** Synthesizes what `build` creates; throws what `cdktf synth` would (validations, schema gate). */
export function synthOci(build: (scope: Construct) => void): Synthesized {
  let stack: Construct | undefined;
  const json = Testing.synthScope((scope) => {
    stack = scope;
    new OciProvider(scope, "oci", { region: TEST_REGION });
    new LocalBackend(scope, { path: "terraform.tfstate" });
    build(scope);
  });
  TerraformStack.of(stack!).runAllValidations();
  expectOciSchemaValid(json);
  return { json, tf: JSON.parse(json) as TfJson };
}

/** All resources of one type, by logical name. */
export function resourcesOf(tf: TfJson, type: string): Record<string, any> {
  return tf.resource[type] ?? {};
}

/** The logical name of the resource whose `${...}` reference is `ref`, e.g. `${oci_core_vcn.x.id}`. */
export function refName(ref: string): string {
  const match = /^\$\{[a-z0-9_]+\.([^.]+)\.[a-z_0-9]+\}$/.exec(ref);
  if (!match) throw new Error(`not a resource reference: ${ref}`);
  return match[1];
}
