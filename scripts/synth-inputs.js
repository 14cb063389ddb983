// The up-to-date check of scripts/synth.js, without the TypeScript compiler: every input of the
// app build (tsconfig.app.json → tsconfig.lib.json → tsconfig.gen.json) by path, size, time and a
// hash of its content, and the build's outputs by path, size and time. It is recorded after a
// successful build; while it holds, the build would do nothing, so synth.js runs dist/main.js
// straight away. Any edited, added or deleted source changes the file list, a size or a hash.
// Hashing every input (about 1 MB) costs more than the rest of the check, so a file whose size and
// time are as recorded is trusted without reading it, as git trusts its index, unless its time is
// close enough to when it was read (RACY_MS) that an edit in the same clock tick of a coarse file
// system could have kept it: that file is read and hashed again.
"use strict";
const fs = require("fs");
const path = require("path");

/** Where the last successful build's inputs and outputs are recorded (removed with dist/). */
const STAMP = path.join("dist", ".synth-inputs");
/** Within this long after reading, a file's time does not prove it unchanged (FAT keeps 2 s). */
const RACY_MS = 2000;

/** Folders compiled by the app build, with the file names that count as inputs there. */
const SOURCE_TREES = [
  ["lib", () => true], // all of it: a .json imported by the library is an input too
  ["reference", () => true], // the reference app, a consumer of lib/ outside the package
  ["bench", (name) => name.endsWith(".ts")],
];
/** Single files (or folders): the app, what the OCI bindings are generated from, the dependencies. */
const SOURCE_FILES = [
  "main.ts",
  "schema",
  "scripts/generate-oci-bindings.js",
  ".gen/providers/oci/.schema-stamp", // rewritten whenever the bindings are (re)generated
  "node_modules/.package-lock.json", // rewritten by every npm install/ci: new cdktf, typescript, …
];
/** What the build writes; a missing or touched output means building again. */
const OUTPUTS = ["dist/main.js", "dist/.tsbuildinfo.app", "dist/.tsbuildinfo.lib", "dist/.tsbuildinfo.gen"];

function walk(root, relative, keep, into) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    into.push(relative); // missing: recorded as such
    return;
  }
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) walk(root, child, keep, into);
    else if (keep(entry.name)) into.push(child);
  }
}

/** Every input path under `root`, sorted (a single file or folder that is missing stays listed). */
function inputPaths(root) {
  const paths = [];
  for (const [dir, keep] of SOURCE_TREES) walk(root, dir, keep, paths);
  for (const name of fs.readdirSync(root)) if (/^tsconfig.*\.json$/.test(name)) paths.push(name);
  for (const file of SOURCE_FILES) {
    let isDirectory = false;
    try {
      isDirectory = fs.statSync(path.join(root, file)).isDirectory();
    } catch {}
    if (isDirectory) walk(root, file, () => true, paths);
    else paths.push(file);
  }
  return paths.sort();
}

function statOf(root, relative) {
  try {
    return fs.statSync(path.join(root, relative));
  } catch {
    return undefined;
  }
}

function contentHash(root, relative) {
  try {
    return require("crypto").createHash("sha256").update(fs.readFileSync(path.join(root, relative))).digest("hex");
  } catch {
    return "missing";
  }
}

/** An output: its path, size and modification time. */
function describeOutput(root, relative) {
  const stat = statOf(root, relative);
  return stat ? `${relative}\0${stat.size}\0${stat.mtimeMs}` : `${relative}\0missing`;
}

/** The fingerprint of the build's outputs under `root`. */
function outputsFingerprint(root) {
  return OUTPUTS.map((file) => describeOutput(root, file)).join("\n");
}

/** The build's inputs under `root` now: path → [size, time, content hash]; read at `readAt`. */
function recordInputs(root) {
  const readAt = Date.now();
  const inputs = {};
  for (const file of inputPaths(root)) {
    const stat = statOf(root, file);
    inputs[file] = stat ? [stat.size, stat.mtimeMs, contentHash(root, file)] : null;
  }
  return { readAt, inputs };
}

/** True when the last successful build recorded exactly the current inputs and outputs. */
function isBuildCurrent(root) {
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(path.join(root, STAMP), "utf8"));
  } catch {
    return false;
  }
  if (!recorded || recorded.outputs !== outputsFingerprint(root)) return false;
  const paths = inputPaths(root);
  if (paths.join("\n") !== Object.keys(recorded.inputs).sort().join("\n")) return false;
  return paths.every((file) => {
    const was = recorded.inputs[file];
    const stat = statOf(root, file);
    if (!was || !stat) return !was && !stat;
    const [size, time, hash] = was;
    if (stat.size !== size) return false;
    if (stat.mtimeMs === time && time < recorded.readAt - RACY_MS) return true;
    return contentHash(root, file) === hash;
  });
}

/**
 * Runs `build` and, when it succeeds, records the inputs as they were when it started (a source
 * saved during the build then still counts as changed) and the outputs it left.
 */
function buildAndRecord(root, build) {
  forgetBuild(root);
  const inputs = recordInputs(root);
  build();
  fs.mkdirSync(path.join(root, path.dirname(STAMP)), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP), JSON.stringify({ ...inputs, outputs: outputsFingerprint(root) }));
}

/** Forgets the last build, so the next synth builds. */
function forgetBuild(root) {
  fs.rmSync(path.join(root, STAMP), { force: true });
}

module.exports = { isBuildCurrent, buildAndRecord, forgetBuild, STAMP, RACY_MS };
