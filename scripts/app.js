#!/usr/bin/env node
// Runs an npm script of the reference app server in app/ (its own package.json and lockfile),
// installing its dependencies first when app/node_modules is missing or older than
// app/package-lock.json, so a fresh clone needs only `npm ci` at the root. Not a postinstall:
// users who install this package must not get the app.
//   node scripts/app.js test | bench | build
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, statSync } = require("node:fs");
const { join } = require("node:path");

const appDir = join(__dirname, "..", "app");
const script = process.argv[2];
if (!script) {
  console.error("usage: node scripts/app.js <npm script of app/, e.g. test>");
  process.exit(2);
}

function npm(args) {
  const result = spawnSync("npm", args, { stdio: "inherit", cwd: appDir });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// npm writes node_modules/.package-lock.json on every install: older than the lockfile = stale.
const installed = join(appDir, "node_modules", ".package-lock.json");
const lockfile = join(appDir, "package-lock.json");
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
  console.log("== npm ci in app/ (its node_modules are missing or older than its lockfile)");
  npm(["ci", "--no-audit", "--no-fund"]);
}
npm(["run", script, "--", ...process.argv.slice(3)]);
