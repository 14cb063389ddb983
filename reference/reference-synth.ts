/**
 * A synth of the reference app on its built-in defaults into a temporary folder, for the README's
 * generated sections (synth summary, diagram) and the test that keeps them current.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { CapacityCheck } from "oke-virtual-nodes";
import { buildReferenceApp } from "./reference-app";
import { readReferenceConfig } from "./reference-config";
import type { SynthesizedStack } from "./synth-summary";

export function synthesizeReference(): { stacks: SynthesizedStack[]; capacity: CapacityCheck[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-reference-"));
  try {
    const app = new App({ outdir });
    const reference = buildReferenceApp(app, readReferenceConfig({}), {});
    app.synth();
    const stacks = [reference.platform!, reference.services, reference.app].map((stack) => ({
      name: stack.node.id,
      json: JSON.parse(fs.readFileSync(path.join(outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")),
    }));
    return { stacks, capacity: reference.platform!.network.capacityReport() };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
