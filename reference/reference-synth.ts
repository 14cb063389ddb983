/**
 * A synth of the reference app on its built-in defaults (or the given settings) into a temporary
 * folder, for the README's generated sections (synth summary, diagram), the golden list of stable
 * addresses, and the tests that keep them current.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App } from "cdktf";
import type { CapacityCheck } from "oke-virtual-nodes";
import { buildReferenceApp } from "./reference-app";
import { readReferenceConfig } from "./reference-config";
import type { SynthesizedStack } from "./synth-summary";

export function synthesizeReference(env: Readonly<Record<string, string | undefined>> = {}): { stacks: SynthesizedStack[]; capacity: CapacityCheck[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "oke-reference-"));
  try {
    const app = new App({ outdir });
    const reference = buildReferenceApp(app, readReferenceConfig(env), {});
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
