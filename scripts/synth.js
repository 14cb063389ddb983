#!/usr/bin/env node
// Builds and runs the reference app (main.ts) as compiled JavaScript: OCI bindings generated when
// the schema changed, an incremental `tsc -b tsconfig.app.json` (so edits are picked up, with type
// errors reported), then dist/main.js in this process. It is both `npm run synth` and the `app` of
// cdktf.json, so `cdktf synth` / `cdktf deploy` run the same thing.
// When no input changed since the last successful build (synth-inputs.js: a stat of every source,
// no compiler), neither the binding generator nor TypeScript is loaded: an unchanged synth costs
// the app itself, whose compiled code V8 takes from the compile cache (compile-cache.js).
// Messages: warnings and notes on stdout (the cdktf CLI shows stderr as [ERROR]), errors on
// stderr with exit code 1.
"use strict";
const fs = require("fs");
const path = require("path");
const { buildAndRecord, isBuildCurrent } = require("./synth-inputs");

const root = path.resolve(__dirname, "..");

function buildApp() {
  const ts = require("typescript");
  const host = ts.createSolutionBuilderHost(ts.sys, undefined, (d) => {
    process.stderr.write(ts.formatDiagnosticsWithColorAndContext([d], {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => "\n",
    }));
  });
  const status = ts.createSolutionBuilder(host, [path.join(root, "tsconfig.app.json")], {}).build();
  if (status !== ts.ExitStatus.Success) {
    console.error("synth: the TypeScript build failed (see above); nothing was synthesized");
    process.exit(1);
  }
}

async function main() {
  process.chdir(root);
  if (!isBuildCurrent(root)) {
    await require("./generate-oci-bindings").ensureOciBindings();
    buildAndRecord(root, buildApp);
  }
  if (!process.env.CDKTF_OUTDIR) {
    // Run directly (npm run synth), not by the cdktf CLI: give the app cdktf.json's context as the
    // CLI would, and clear an earlier synth's stacks, which the CLI would also remove (stacks
    // renamed since would otherwise stay).
    const { context = {} } = JSON.parse(fs.readFileSync(path.join(root, "cdktf.json"), "utf8"));
    process.env.CDKTF_CONTEXT_JSON ??= JSON.stringify(context);
    const outdir = path.join(root, "cdktf.out");
    fs.rmSync(path.join(outdir, "stacks"), { recursive: true, force: true });
    fs.rmSync(path.join(outdir, "manifest.json"), { force: true });
  }
  // V8's compiled code of dist/ is kept between synths (compile-cache.js): not parsed again.
  require("./compile-cache").enableCompileCache(root);
  require(path.join(root, "dist", "main.js"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
