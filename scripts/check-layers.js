#!/usr/bin/env node
// The layering check (part of npm test). Reads every import, export-from, require() and import()
// of lib/, reference/ and main.ts (TypeScript's own pre-processor: no type checking, well under a
// second) and fails on:
//   - an import in lib/ from a higher layer: common → network, security → database, cluster →
//     workloads → checks → stacks (a layer may import its own and lower layers; lib/cdktf.ts, the
//     engine door, is at the bottom; lib/index.ts, the public entry, at the top, imported by none);
//   - an import in lib/ of anything outside lib/ and the generated bindings (.gen/), or of the
//     package by its own name;
//   - an import in reference/ or main.ts (the reference app, a consumer) of anything but the
//     package's public entries ("oke-virtual-nodes", "oke-virtual-nodes/oci…") and reference/.
// Packages (cdktf, constructs, …) are not checked here.
"use strict";
const fs = require("fs");
const path = require("path");

const PACKAGE = "oke-virtual-nodes";
const LAYERS = { common: 0, network: 1, security: 1, database: 2, cluster: 2, workloads: 3, checks: 4, stacks: 5 };
const LAYER_ORDER = "common → network, security → database, cluster → workloads → checks → stacks";

/**
 * Known violations that another change removes, as "importer -> imported" (paths from the root).
 * An entry that no longer occurs fails the check too, so the list cannot go stale.
 */
// Exceptions to the layering, each with its reason; an entry that no longer occurs fails the check.
const ALLOWED = new Map([]);

function sourcesUnder(root, dir) {
  const out = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/\.ts$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

/** The module specifiers a file imports (static, type-only, export-from, require, import()). */
function importsOf(ts, text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** A relative specifier resolved to a path from the root, as the file it names (`x` → `x.ts` or `x/index.ts`). */
function resolveRelative(root, from, specifier) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base]) {
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  }
  return base;
}

/** The rank of a file in lib/: its layer, the engine door at the bottom, the entry at the top. */
function rankOf(file) {
  if (file === "lib/cdktf.ts") return { rank: -1, name: "the engine door (lib/cdktf.ts)" };
  if (file === "lib/index.ts") return { rank: Infinity, name: "the public entry (lib/index.ts)" };
  const layer = file.split("/")[1];
  if (!(layer in LAYERS)) return undefined;
  return { rank: LAYERS[layer], name: `layer ${layer}` };
}

/** All violations under `root`, as messages; `allowed` maps "importer -> imported" to a reason. */
function checkLayers(root, allowed = ALLOWED) {
  const ts = require("typescript");
  const problems = [];
  const seenAllowed = new Set();
  const flag = (file, target, message) => {
    const key = `${file} -> ${target}`;
    if (allowed.has(key)) seenAllowed.add(key);
    else problems.push(`${file}: ${message}`);
  };

  for (const file of sourcesUnder(root, "lib")) {
    const mine = rankOf(file);
    if (!mine) problems.push(`${file}: not in a layer folder (${Object.keys(LAYERS).join(", ")}) nor lib/cdktf.ts or lib/index.ts`);
    for (const spec of importsOf(ts, fs.readFileSync(path.join(root, file), "utf8"))) {
      if (spec === PACKAGE || spec.startsWith(`${PACKAGE}/`)) {
        flag(file, spec, `imports "${spec}", the package itself; import the module by its relative path`);
        continue;
      }
      if (!spec.startsWith(".")) continue; // a package
      const target = resolveRelative(root, file, spec);
      if (target.startsWith(".gen/")) continue; // the generated OCI bindings
      if (!target.startsWith("lib/")) {
        flag(file, target, `imports "${spec}" (${target}), outside the library; lib/ may import only lib/ and .gen/`);
        continue;
      }
      const theirs = rankOf(target);
      if (mine && theirs && theirs.rank > mine.rank) {
        flag(file, target, `${mine.name} imports "${spec}" of the higher ${theirs.name}; layers, lowest first: ${LAYER_ORDER}`);
      }
    }
  }

  for (const file of ["main.ts", ...sourcesUnder(root, "reference")]) {
    if (!fs.existsSync(path.join(root, file))) continue;
    for (const spec of importsOf(ts, fs.readFileSync(path.join(root, file), "utf8"))) {
      if (!spec.startsWith(".")) {
        if (spec.startsWith(`${PACKAGE}/`) && !/^oke-virtual-nodes\/oci(\/|$)/.test(spec)) {
          flag(file, spec, `imports "${spec}"; the package's public entries are "${PACKAGE}" and "${PACKAGE}/oci…"`);
        }
        continue;
      }
      const target = resolveRelative(root, file, spec);
      if (!target.startsWith("reference/")) {
        flag(file, target, `imports "${spec}" (${target}); the reference app imports the library only as "${PACKAGE}", as a user's project does`);
      }
    }
  }

  for (const [key, reason] of allowed) {
    if (!seenAllowed.has(key)) problems.push(`allowed exception "${key}" (${reason}) no longer occurs: remove it from ALLOWED in scripts/check-layers.js`);
  }
  return problems;
}

module.exports = { checkLayers, ALLOWED };

if (require.main === module) {
  const root = path.resolve(__dirname, "..");
  const problems = checkLayers(root);
  if (problems.length > 0) {
    console.error(`layers: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`layers: OK (${LAYER_ORDER}; reference/ imports only "${PACKAGE}"; ${ALLOWED.size} known exception(s))`);
}
