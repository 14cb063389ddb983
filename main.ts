/**
 * The reference architecture as three stacks (platform, cluster services, app), configured from
 * environment variables or cdktf.json context (see REFERENCE_SETTINGS). Without settings it uses
 * built-in defaults and placeholder OCIDs, with a warning each, so the Terraform can be inspected
 * and validated before an OCI account is wired in.
 */
import * as fs from "fs";
import * as path from "path";
import { App } from "./lib/cdktf";
import { ConfigError, REFERENCE_SETTINGS, buildReferenceApp, readReferenceConfig, synthSummary } from "./lib/stacks";

function fail(message: string): never {
  console.error(`error: ${message}`);
  process.exit(1);
}

const app = new App();
const context = Object.fromEntries(Object.values(REFERENCE_SETTINGS).map((s) => [s.context, app.node.tryGetContext(s.context)]));
let config: ReturnType<typeof readReferenceConfig>;
try {
  config = readReferenceConfig(process.env, context);
} catch (err) {
  fail(err instanceof ConfigError ? err.message : String(err));
}
for (const warning of config.warnings) console.warn(`warning: ${warning}`);

try {
  const reference = buildReferenceApp(app, config);
  app.synth();
  for (const waived of reference.checks.waived) console.log(`waived: [${waived.id}] at ${waived.path}: ${waived.reason}`);
  console.log(reference.apiAccessNote);
  const stacks = [reference.platform, reference.services, reference.app].filter((s) => s !== undefined);
  const synthesized = stacks.map((stack) => ({
    name: stack.node.id,
    json: JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")),
  }));
  const network = reference.platform?.network ?? reference.app.workload.network;
  console.log(`\n${synthSummary(synthesized, network.capacityReport())}`);
} catch (err) {
  // Nothing that looks like a finished synth stays behind.
  fs.rmSync(path.join(app.outdir, "stacks"), { recursive: true, force: true });
  fs.rmSync(path.join(app.outdir, "manifest.json"), { force: true });
  fail((err as Error).message);
}
