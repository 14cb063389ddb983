#!/usr/bin/env node
// Removes compiled files in dist/lib whose source in lib/ is gone (moved, renamed or deleted):
// `tsc -b` never deletes them, and the package's `files` (dist/lib/**) would ship them. Runs before
// every library build (npm run build, npm run api, npm test's api:check); a few ms.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");

/** The outputs in `outDir` (dist/lib) that no source in `srcDir` (lib) compiles to, relative to outDir. */
function orphans(srcDir, outDir) {
  const found = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(outDir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else {
        const stem = child.replace(/(\.d\.ts|\.js|\.js\.map|\.d\.ts\.map)$/, "");
        if (stem === child) continue; // not a compiler output
        if (!fs.existsSync(path.join(srcDir, `${stem}.ts`)) && !fs.existsSync(path.join(srcDir, `${stem}.json`))) found.push(child);
      }
    }
  };
  walk("");
  return found.sort();
}

function prune(srcDir, outDir) {
  const stale = orphans(srcDir, outDir);
  for (const file of stale) fs.rmSync(path.join(outDir, file));
  return stale;
}

module.exports = { orphans, prune };

if (require.main === module) {
  const stale = prune(path.join(root, "lib"), path.join(root, "dist", "lib"));
  if (stale.length) console.log(`prune-dist: removed ${stale.length} output(s) of deleted sources: ${stale.join(", ")}`);
}
