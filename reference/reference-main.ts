import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { disableTokenCreationStacks } from "oke-virtual-nodes";
import { buildReferenceApp } from "./reference-app";
import { ConfigError, readReferenceConfig } from "./reference-config";
import { synthSummary } from "./synth-summary";

export interface ReferenceRunOptions {
  /** Environment variables to read the settings from. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * cdktf.json context.
   * @default what the cdktf CLI passes (CDKTF_CONTEXT_JSON)
   */
  readonly context?: Record<string, unknown>;
  /**
   * Output folder.
   * @default CDKTF_OUTDIR, else cdktf.out
   */
  readonly outdir?: string;
  /**
   * Where messages go.
   * @default the console: notes and warnings on stdout (the cdktf CLI prints an app's stderr as
   * `[ERROR]`), errors on stderr
   */
  readonly out?: { log(line: string): void; warn(line: string): void; error(line: string): void };
}

/**
 * main.ts: reads the settings, builds the three stacks, synthesizes them and prints what came out.
 * Any bad setting or failed check ends the run with one message and exit code 1, and leaves no
 * synthesized stack behind that could be mistaken for a finished synth.
 */
export function runReferenceApp(options: ReferenceRunOptions): number {
  const out = options.out ?? { log: (line: string) => console.log(line), warn: (line: string) => console.log(line), error: (line: string) => console.error(line) };
  // No stack trace per construct: they cost time and memory and the errors here name the construct path.
  const app = new App({ outdir: options.outdir, context: options.context, stackTraces: false });
  // All of it, so that a key nothing reads (a typo) is reported.
  const context = app.node.getAllContext();
  const clean = () => {
    fs.rmSync(path.join(app.outdir, "stacks"), { recursive: true, force: true });
    fs.rmSync(path.join(app.outdir, "manifest.json"), { force: true });
  };
  let config;
  try {
    config = readReferenceConfig(options.env, context);
  } catch (err) {
    clean();
    out.error(`error: ${err instanceof ConfigError ? err.message : (err as Error).message}`);
    return 1;
  }
  for (const warning of config.warnings) out.warn(`warning: ${warning}`);
  // cdktf captures a call stack for every token it makes (thousands here), only to name one
  // that fails to resolve; errors keep theirs.
  const restoreTokenCreationStacks = disableTokenCreationStacks();
  try {
    const reference = buildReferenceApp(app, config, options.env);
    app.synth();
    restoreTokenCreationStacks();
    // The cdktf CLI prints construct warnings itself; run directly, they are printed here.
    if (!options.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) {
      for (const construct of app.node.findAll()) {
        for (const entry of construct.node.metadata) {
          if (entry.type === "@cdktf/warn") out.warn(`warning: [${construct.node.path}] ${entry.data}`);
        }
      }
    }
    for (const w of reference.checks.waived) out.log(`waived: [${w.id}] at ${w.path}: ${w.reason}`);
    out.log(reference.apiAccessNote);
    const stacks = [reference.platform, reference.services, reference.app].flatMap((stack) =>
      stack ? [{ name: stack.node.id, json: JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")) }] : [],
    );
    const network = reference.platform?.network ?? reference.app.workload.network;
    out.log(`\n${synthSummary(stacks, network.capacityReport())}`);
    const where = path.relative(process.cwd(), path.join(app.outdir, "stacks")) || ".";
    out.log(`\nwrote ${stacks.length} stacks to ${where.startsWith("..") ? path.join(app.outdir, "stacks") : where}: ${stacks.map((s) => s.name).join(", ")}`);
    return 0;
  } catch (err) {
    clean();
    out.error(`error: ${(err as Error).message.trim()}`);
    return 1;
  } finally {
    restoreTokenCreationStacks();
  }
}

