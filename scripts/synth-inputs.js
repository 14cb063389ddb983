// The up-to-date check of scripts/synth.js, without the TypeScript compiler: a fingerprint of every
// input of the app build (tsconfig.app.json → tsconfig.lib.json → tsconfig.gen.json) by path and
// content (about 1 MB, a few ms to hash; contents, because file times are coarse enough that an
// edit right after a build can keep its time), and of the build's outputs by path, size and time.
// It is recorded after a successful build; while it is unchanged the build would do nothing, so
// synth.js runs dist/main.js straight away. Any edited, added or deleted source changes the file
// list or a content hash, and so the fingerprint.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

/** Where the fingerprint of the last successful build is kept (removed with dist/). */
const STAMP = path.join("dist", ".synth-inputs");

/** Folders compiled by the app build, with the file names that count as inputs there. */
const SOURCE_TREES = [
  ["lib", () => true], // all of it: a .json imported by the library is an input too
  ["reference", () => true], // the reference app, a consumer of lib/ outside the package
  ["bench", (name) => name.endsWith(".ts")],
];
/** Single files: the app, the compiler settings, what the OCI bindings are generated from. */
const SOURCE_FILES = [
  "main.ts",
  "schema",
  "scripts/generate-oci-bindings.js",
  ".gen/providers/oci/.schema-stamp", // rewritten whenever the bindings are (re)generated
  "node_modules/.package-lock.json", // rewritten by every npm install/ci: new cdktf, typescript, …
];
/** What the build writes; a missing or touched output means building again. */
const OUTPUTS = ["dist/main.js", "dist/.tsbuildinfo.app", "dist/.tsbuildinfo.lib", "dist/.tsbuildinfo.gen"];

function walk(root, relative, keep, into, describe) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch {
    into.push(`${relative}\0missing`);
    return;
  }
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) walk(root, child, keep, into, describe);
    else if (keep(entry.name)) into.push(describe(root, child));
  }
}

/** A source: its path and a hash of its content (a folder: each file inside). */
function describeSource(root, relative) {
  const full = path.join(root, relative);
  try {
    if (fs.statSync(full).isDirectory()) {
      const inside = [];
      walk(root, relative, () => true, inside, describeSource);
      return inside.join("\n");
    }
    return `${relative}\0${crypto.createHash("sha256").update(fs.readFileSync(full)).digest("hex")}`;
  } catch {
    return `${relative}\0missing`;
  }
}

/** An output: its path, size and modification time. */
function describeOutput(root, relative) {
  try {
    const stat = fs.statSync(path.join(root, relative));
    return `${relative}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return `${relative}\0missing`;
  }
}

function hash(lines) {
  return crypto.createHash("sha256").update(lines.sort().join("\n")).digest("hex");
}

/** The fingerprint of the build's inputs under `root`. */
function inputsFingerprint(root) {
  const lines = [];
  for (const [dir, keep] of SOURCE_TREES) walk(root, dir, keep, lines, describeSource);
  for (const name of fs.readdirSync(root)) if (/^tsconfig.*\.json$/.test(name)) lines.push(describeSource(root, name));
  for (const file of SOURCE_FILES) lines.push(describeSource(root, file));
  return hash(lines);
}

/** The fingerprint of the build's outputs under `root`. */
function outputsFingerprint(root) {
  return hash(OUTPUTS.map((file) => describeOutput(root, file)));
}

/** True when the last successful build recorded exactly the current inputs and outputs. */
function isBuildCurrent(root) {
  let recorded;
  try {
    recorded = fs.readFileSync(path.join(root, STAMP), "utf8");
  } catch {
    return false;
  }
  return recorded === `${inputsFingerprint(root)}\n${outputsFingerprint(root)}`;
}

/**
 * Runs `build` and, when it succeeds, records the inputs as they were when it started (a source
 * saved during the build then still counts as changed) and the outputs it left.
 */
function buildAndRecord(root, build) {
  forgetBuild(root);
  const inputs = inputsFingerprint(root);
  build();
  fs.mkdirSync(path.join(root, path.dirname(STAMP)), { recursive: true });
  fs.writeFileSync(path.join(root, STAMP), `${inputs}\n${outputsFingerprint(root)}`);
}

/** Forgets the last build, so the next synth builds. */
function forgetBuild(root) {
  fs.rmSync(path.join(root, STAMP), { force: true });
}

module.exports = { inputsFingerprint, outputsFingerprint, isBuildCurrent, buildAndRecord, forgetBuild, STAMP };
