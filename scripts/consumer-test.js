#!/usr/bin/env node
// The library as a user meets it: packs it, installs the tarball into a scratch cdktf project
// outside the repository (with the lockfile's versions of cdktf, constructs and TypeScript,
// offline from the npm cache when it can), compiles examples/consumer there together with every
// TypeScript snippet of the README, synthesizes the example app and runs the offline
// `terraform validate` on every stack it wrote. `npm run test:consumer`; CI runs it.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const tfvalidate = path.resolve(root, "..", "shared", "tools", "tfshim", "tfvalidate.sh");
const keep = process.argv.includes("--keep");

function run(command, args, cwd, extraEnv = {}) {
  console.log(`$ (${path.relative(root, cwd) || "."}) ${command} ${args.join(" ")}`);
  execFileSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...extraEnv } });
}

/** The exact version the project's lockfile holds for `name`. */
function lockedVersion(lock, name) {
  const entry = lock.packages[`node_modules/${name}`];
  if (!entry) throw new Error(`package-lock.json has no ${name}`);
  return entry.version;
}

/** The ```ts blocks of the README, in order. */
function readmeSnippets() {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "oke-consumer-"));
  try {
    run("npm", ["pack", "--pack-destination", work, "--silent"], root);
    const tarball = fs.readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack wrote no tarball");

    const app = path.join(work, "app");
    fs.cpSync(path.join(root, "examples", "consumer"), app, { recursive: true });
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const pkg = {
      name: "oke-consumer",
      private: true,
      dependencies: {
        "oke-virtual-nodes": `file:../${tarball}`,
        cdktf: lockedVersion(lock, "cdktf"),
        constructs: lockedVersion(lock, "constructs"),
      },
      devDependencies: {
        typescript: lockedVersion(lock, "typescript"),
        "@types/node": lockedVersion(lock, "@types/node"),
      },
      // The same pin as the project's: the registry here lacks newer unrs-resolver bindings.
      overrides: lock.packages[""].overrides ?? {},
    };
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(pkg, null, 2));

    const snippets = readmeSnippets();
    if (snippets.length === 0) throw new Error("README.md has no ```ts snippets");
    fs.mkdirSync(path.join(app, "snippets"));
    snippets.forEach((code, i) => fs.writeFileSync(path.join(app, "snippets", `readme-${i + 1}.ts`), code));
    console.log(`consumer: ${snippets.length} README snippets in ${path.join(app, "snippets")}`);

    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
    run("npx", ["tsc", "-p", "."], app);
    run("node", ["dist/main.js"], app);
    const stacks = fs.readdirSync(path.join(app, "cdktf.out", "stacks"));
    console.log(`consumer: synthesized ${stacks.join(", ")}`);
    run("bash", [tfvalidate, "cdktf.out"], app);
    run("node", ["dist/policy-checks.js"], app);
    console.log("consumer: OK");
  } finally {
    if (keep) console.log(`consumer: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`consumer: FAILED: ${err.message}`);
  process.exit(1);
}
