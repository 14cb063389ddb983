/**
 * Builds constructs inside `Testing.synthScope`, runs the stack's validations (as `cdktf synth`
 * does) and the OCI schema gate, and returns the JSON for assertions.
 */
import { Construct } from "constructs";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { App, LocalBackend, TerraformStack, Testing } from "../../lib/cdktf";
import { expectOciSchemaValid } from "./schema-gate";

export type TfJson = {
  resource: Record<string, Record<string, Record<string, any>>>;
  data?: Record<string, Record<string, Record<string, any>>>;
  output?: Record<string, Record<string, any>>;
  terraform: Record<string, any>;
};

export const TEST_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaatestcompartment";
export const TEST_REGION = "eu-frankfurt-1";

/** NSG OCIDs of an existing network, by role. */
export const EXISTING_NSG_IDS = {
  api: "ocid1.networksecuritygroup.oc1..api",
  nodes: "ocid1.networksecuritygroup.oc1..nodes",
  pods: "ocid1.networksecuritygroup.oc1..pods",
  lb: "ocid1.networksecuritygroup.oc1..lb",
  db: "ocid1.networksecuritygroup.oc1..db",
};

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

export interface SynthesizedApp {
  /** Each stack's JSON by stack id. */
  stacks: Record<string, TfJson>;
  json: Record<string, string>;
}

/**
 * Synthesizes every stack `build` adds to a test app, as `cdktf synth` would: cross-stack
 * references prepared, validations run, each stack through the OCI schema gate.
 */
export function synthApp(build: (app: App) => void): SynthesizedApp {
  const app = Testing.app();
  build(app);
  const stacks = app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks) stack.prepareStack();
  const out: SynthesizedApp = { stacks: {}, json: {} };
  for (const stack of stacks) {
    // As `cdktf synth`: Aspects first (they add validations, e.g. ComplianceChecks), then validations.
    const json = Testing.synth(stack, true);
    expectOciSchemaValid(json);
    out.json[stack.node.id] = json;
    out.stacks[stack.node.id] = JSON.parse(json) as TfJson;
  }
  return out;
}

/** The stacks whose remote state a stack reads (its cross-stack dependencies). */
export function remoteStatesOf(tf: TfJson): string[] {
  return Object.values((tf.data?.terraform_remote_state ?? {}) as Record<string, { config: { path?: string; workspaces?: { name: string } } }>)
    .map((r) => r.config.workspaces?.name ?? /terraform\.([^/]+)\.tfstate$/.exec(r.config.path ?? "")?.[1] ?? "?")
    .sort();
}
