/**
 * OciStack's preparing pass (prepare-tokens.ts) against cdktf's own: the same apps synthesize to
 * the same files whichever pass prepares their stacks, for every kind of token a cross-stack
 * reference can travel in and for the reference architecture in each of its modes.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Construct } from "constructs";
import { App, Fn, Lazy, TerraformIterator, TerraformResource, TerraformStack, Token } from "../../lib/cdktf";
import { OciStack } from "../../lib/stacks/oci-stack";
import { buildReferenceApp } from "../../reference/reference-app";
import { readReferenceConfig } from "../../reference/reference-config";
import { TEST_COMPARTMENT, TEST_REGION } from "../support/synth";

type Pass = "library" | "engine";

/** Synthesizes the app `build` makes, its OCI stacks prepared by `pass`; returns each stack's file. */
function synthesize(pass: Pass, build: (app: App) => void): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `prepare-${pass}-`));
  try {
    const app = new App({ outdir, stackTraces: false });
    build(app);
    for (const stack of app.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
      if (pass === "engine") stack.prepareStack = () => TerraformStack.prototype.prepareStack.call(stack);
    }
    app.synth();
    const stacks = path.join(outdir, "stacks");
    return Object.fromEntries(fs.readdirSync(stacks).map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacks, id, "cdk.tf.json"), "utf8"))]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const data = (scope: Construct, id: string) => new TerraformResource(scope, id, { terraformResourceType: "terraform_data" });

/** A producer stack and a consumer reading 13 of its attributes, each through another kind of token. */
function everyKindOfToken(app: App) {
  const producer = new OciStack(app, "producer", { region: TEST_REGION });
  const p = data(producer, "p");
  const consumer = new OciStack(app, "consumer", { region: TEST_REGION });
  const c = data(consumer, "c");
  const number = p.getNumberAttribute("port");
  c.addOverride("input", {
    string: p.getStringAttribute("a"),
    number,
    list: p.getListAttribute("b"),
    numberList: p.getNumberListAttribute("c"),
    map: p.getStringMapAttribute("d"),
    // cdktf's own pass leaves this one a same-stack reference (${terraform_data.p.e}); so does this one.
    lazy: Lazy.stringValue({ produce: () => p.getStringAttribute("e") }),
    interpolatedNumber: `port ${p.getNumberAttribute("f")}`,
    interpolatedString: `https://${p.getStringAttribute("g")}/`,
    keyedBy: { [p.getStringAttribute("h")]: "value" },
    nested: [{ deeper: [{ deepest: p.getStringAttribute("i") }] }],
    function: Fn.upper(p.getStringAttribute("j")),
    inList: ["literal", p.getStringAttribute("k")],
  });
  const iterated = data(consumer, "per-item");
  iterated.forEach = TerraformIterator.fromList(p.getListAttribute("items"));
  iterated.addOverride("input", Token.asString(Lazy.anyValue({ produce: () => number })));
}

describe("OciStack's preparing pass", () => {
  test("GIVEN a reference to another stack in every kind of token THEN the files are those of cdktf's own pass, outputs and remote state included", () => {
    const library = synthesize("library", everyKindOfToken);
    const engine = synthesize("engine", everyKindOfToken);
    expect(library).toEqual(engine);
    // The premise: each reference crossed the stacks.
    const outputs = Object.keys((library.producer as { output: Record<string, unknown> }).output).filter((o) => o.startsWith("cross-stack-output"));
    expect(outputs).toHaveLength(13);
    expect(Object.keys((library.consumer as { data: Record<string, Record<string, unknown>> }).data.terraform_remote_state)).toHaveLength(1);
  });

  const settings = { OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaatest" };
  test.each<[string, Record<string, string>]>([
    ["vcn access (the defaults)", settings],
    ["bastion access", { ...settings, OKE_API_ACCESS: "bastion", OKE_API_CLIENT_CIDRS: "10.0.0.0/24" }],
    ["public access", { ...settings, OKE_API_ACCESS: "public", OKE_API_CLIENT_CIDRS: "203.0.113.0/24" }],
    ["Terraform Cloud", { ...settings, TF_CLOUD_ORGANIZATION: "acme", TFE_TOKEN: "x" }],
  ])("GIVEN the reference architecture with %s THEN the files are those of cdktf's own pass", (_mode, env) => {
    const build = (app: App) => void buildReferenceApp(app, readReferenceConfig(env), env);
    expect(synthesize("library", build)).toEqual(synthesize("engine", build));
  });
});
