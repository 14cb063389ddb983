#!/usr/bin/env node
// The library as a user meets it: packs it, installs the tarball into a scratch project outside the
// repository, compiles examples/consumer there together with every TypeScript snippet of the
// README and examples/consumer-probe, synthesizes the example app, runs the probe (ComplianceChecks
// reach the library's stacks) and the offline `terraform validate` on every stack written.
//   npm run test:consumer                    a cdktf 0.21 app: the lockfile's cdktf, constructs and
//                                            TypeScript, offline from the npm cache when it can
//   npm run test:consumer -- --engine cdktn  a CDK Terrain app, set up as README "CDK Terrain
//                                            (cdktn)" says: examples/consumer-cdktn's package.json
//                                            and lockfile (npm ci), the app's imports of `cdktf`
//                                            rewritten to `cdktn`, synthesized by `npx cdktn synth`,
//                                            and the reference app synthesized by cdktn-cli too
// Both runs also build the reference app (main.ts and reference/, which import the library only
// as "oke-virtual-nodes") in the scratch project against the installed package, as a project of
// its own, and synthesize it.
//   … --engine cdktn --update-lock           re-resolve that lockfile (after a dependency change)
// CI runs both.
"use strict";
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.resolve(__dirname, "..");
const tfvalidate = path.resolve(root, "..", "shared", "tools", "tfshim", "tfvalidate.sh");
const keep = process.argv.includes("--keep");
const engineArg = process.argv.indexOf("--engine");
const engine = engineArg === -1 ? "cdktf" : process.argv[engineArg + 1];
const updateLock = process.argv.includes("--update-lock");
const cdktnDir = path.join(root, "examples", "consumer-cdktn");
// cdktn-cli 0.24.0 needs Node.js >= 22.19 (its engines field; on Node 20 `cdktn synth` dies with
// "markAsUncloneable is not a function"). Where the machine's Node is older, the cdktn run uses
// this Node from the npm registry's node-<platform>-<arch> package.
const NODE_FOR_CDKTN_CLI = "22.23.5";

let extraPath = "";

function run(command, args, cwd, extraEnv = {}) {
  console.log(`$ (${path.relative(root, cwd) || "."}) ${command} ${args.join(" ")}`);
  const PATH = extraPath ? `${extraPath}${path.delimiter}${process.env.PATH}` : process.env.PATH;
  execFileSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, PATH, CHECKPOINT_DISABLE: "1", ...extraEnv } });
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

/** User code of the scratch app: examples/consumer, the README's snippets, the probe. */
function writeUserCode(app) {
  fs.cpSync(path.join(root, "examples", "consumer"), app, { recursive: true });
  const snippets = readmeSnippets();
  if (snippets.length === 0) throw new Error("README.md has no ```ts snippets");
  fs.mkdirSync(path.join(app, "snippets"));
  snippets.forEach((code, i) => fs.writeFileSync(path.join(app, "snippets", `readme-${i + 1}.ts`), code));
  fs.copyFileSync(path.join(root, "examples", "consumer-probe", "compliance.ts"), path.join(app, "snippets", "probe-compliance.ts"));
  console.log(`consumer: ${snippets.length} README snippets and the compliance probe in ${path.join(app, "snippets")}`);
}

function stacksIn(outdir, expected) {
  const stacks = fs.readdirSync(path.join(outdir, "stacks")).sort();
  console.log(`consumer: synthesized ${stacks.join(", ")} in ${path.basename(outdir)}`);
  if (stacks.length !== expected) throw new Error(`expected ${expected} stacks in ${outdir}, got ${stacks.length}`);
}

/** examples/consumer's Tags reached the library's resources: the app's tag everywhere, the database's on its DB system only. */
function checkConsumerTags(outdir) {
  const tf = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "shared", "cdk.tf.json"), "utf8"));
  const tagsOf = (type) => Object.values(tf.resource[type] ?? {}).map((r) => JSON.stringify(r.freeform_tags && Object.fromEntries(Object.entries(r.freeform_tags).sort())));
  const want = { oci_mysql_mysql_db_system: '{"data-class":"customer","project":"shop"}', oci_core_vcn: '{"project":"shop"}', oci_kms_vault: '{"project":"shop"}' };
  for (const [type, tags] of Object.entries(want)) {
    const got = tagsOf(type);
    if (got.length !== 1 || got[0] !== tags) throw new Error(`consumer: ${type} in stack shared has freeform_tags ${got.join(", ") || "(no such resource)"}, expected ${tags}`);
  }
  console.log("consumer: Tags reached the shared stack's DB system, VCN and vault");
}

/**
 * The reference app (main.ts, reference/) copied into `app`/reference-app with its own tsconfig
 * (the repository's compiler settings), its imports of `cdktf` rewritten for a cdktn app, and
 * compiled there: "oke-virtual-nodes" is the installed package, so a reference import of anything
 * the package does not export fails here.
 */
function buildReference(app, engine) {
  const dir = path.join(app, "reference-app");
  fs.cpSync(path.join(root, "reference"), path.join(dir, "reference"), { recursive: true });
  fs.copyFileSync(path.join(root, "main.ts"), path.join(dir, "main.ts"));
  if (engine === "cdktn") {
    for (const file of ["main.ts", ...fs.readdirSync(path.join(dir, "reference")).map((f) => path.join("reference", f))]) {
      rewriteCdktfImports(path.join(dir, file), file);
    }
  }
  const base = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.base.json"), "utf8"));
  const tsconfig = { compilerOptions: { ...base.compilerOptions, rootDir: ".", outDir: "dist" }, include: ["main.ts", "reference/**/*.ts"] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  run("npx", ["tsc", "-p", "reference-app"], app);
  return "node reference-app/dist/main.js";
}

/** Rewrites a user file's imports of `cdktf` to `cdktn` (a cdktn user's code imports `cdktn`). */
function rewriteCdktfImports(full, name) {
  const code = fs.readFileSync(full, "utf8").replace(/(from\s+|require\(\s*|import\(\s*)(["'])cdktf(\/[^"']*)?\2/g, "$1$2cdktn$3$2");
  // Any import form left (a string "cdktf" elsewhere, as in a message, is no import).
  if (/(from\s+|require\(\s*|import\(\s*|import\s+)(["'])cdktf(\/[^"']*)?\2/.test(code)) throw new Error(`${name}: an import of cdktf is left after rewriting to cdktn`);
  fs.writeFileSync(full, code);
}

function cdktfApp(work, tarball) {
  const app = path.join(work, "app");
  writeUserCode(app);
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

  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  run("npx", ["tsc", "-p", "."], app);
  run("node", ["dist/main.js"], app);
  stacksIn(path.join(app, "cdktf.out"), 5);
  checkConsumerTags(path.join(app, "cdktf.out"));
  run("node", ["dist/snippets/probe-compliance.js"], app);
  run("bash", [tfvalidate, "cdktf.out"], app);
  run("node", ["dist/policy-checks.js"], app);

  // The reference app, built against the installed package and synthesized (its Terraform is
  // validated by .ci/run's main synth and by the cdktn run).
  const reference = buildReference(app, "cdktf");
  run("node", reference.split(" ").slice(1), app, { CDKTF_OUTDIR: path.join(app, "reference.out") });
  stacksIn(path.join(app, "reference.out"), 3);
}

/** The json block of README "CDK Terrain (cdktn)": it must be the setup this run uses. */
function checkReadmeSetup(pkg) {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((s) => s.startsWith("CDK Terrain (cdktn)"));
  const block = section && /^```json\n([\s\S]*?)^```/m.exec(section);
  if (!block) throw new Error('README.md has no "## CDK Terrain (cdktn)" section with a ```json block');
  const shown = JSON.parse(block[1]);
  const pick = (p) => ({
    dependencies: Object.fromEntries(Object.entries(p.dependencies ?? {}).filter(([n]) => n !== "oke-virtual-nodes")),
    devDependencies: Object.fromEntries(Object.entries(p.devDependencies ?? {}).filter(([n]) => !n.startsWith("@types/") && n !== "typescript")),
    overrides: p.overrides ?? {},
  });
  const [want, got] = [JSON.stringify(pick(pkg)), JSON.stringify(pick(shown))];
  if (want !== got) {
    throw new Error(`README "CDK Terrain (cdktn)" shows ${got}\nbut examples/consumer-cdktn/package.json (what CI runs) has ${want}`);
  }
}

/** Puts a Node that satisfies cdktn-cli's engines field first on PATH when this one does not. */
function nodeForCdktnCli(work, cliEngines) {
  const min = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(cliEngines ?? "");
  if (!min) throw new Error(`cdktn-cli's engines.node is "${cliEngines}"; expected ">=x.y.z" (update nodeForCdktnCli)`);
  const have = process.versions.node.split(".").map(Number);
  const need = min.slice(1).map(Number);
  const older = have[0] - need[0] || have[1] - need[1] || have[2] - need[2];
  if (older >= 0) return;
  const dir = path.join(work, "node");
  const pkgName = `node-${process.platform}-${process.arch}`;
  console.log(`consumer: cdktn-cli needs Node ${cliEngines}, this is ${process.version}: using ${pkgName}@${NODE_FOR_CDKTN_CLI}`);
  fs.mkdirSync(dir);
  run("npm", ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `${pkgName}@${NODE_FOR_CDKTN_CLI}`], work);
  extraPath = path.join(dir, "node_modules", pkgName, "bin");
  run("node", ["--version"], work);
}

function cdktnApp(work, tarball) {
  const app = path.join(work, "app");
  writeUserCode(app);
  // A cdktn user's own code imports `cdktn`; `cdktf` is only the alias the library, its generated
  // OCI bindings and the prebuilt providers resolve.
  const files = ["main.ts", ...fs.readdirSync(path.join(app, "snippets")).map((f) => path.join("snippets", f))];
  for (const file of files) rewriteCdktfImports(path.join(app, file), file);

  const pkg = JSON.parse(fs.readFileSync(path.join(cdktnDir, "package.json"), "utf8"));
  checkReadmeSetup(pkg);
  pkg.dependencies["oke-virtual-nodes"] = `file:../${tarball}`;
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(pkg, null, 2));
  const lockFile = path.join(cdktnDir, "package-lock.json");
  const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
  nodeForCdktnCli(work, lock.packages["node_modules/cdktn-cli"]?.engines?.node);

  if (updateLock) {
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app);
    const fresh = JSON.parse(fs.readFileSync(path.join(app, "package-lock.json"), "utf8"));
    fresh.name = lock.name;
    fresh.packages[""] = { ...fresh.packages[""], name: lock.name, dependencies: { ...fresh.packages[""].dependencies, "oke-virtual-nodes": "file:../oke-virtual-nodes.tgz" } };
    const ours = fresh.packages["node_modules/oke-virtual-nodes"];
    ours.resolved = "file:../oke-virtual-nodes.tgz";
    delete ours.integrity; // set from the tarball at each run
    fs.writeFileSync(lockFile, JSON.stringify(fresh, null, 2) + "\n");
    console.log(`consumer: wrote ${path.relative(root, lockFile)}`);
  } else {
    // The tarball is new at every run: point the lockfile at it with its real integrity, or npm ci
    // would install the cached tarball of an earlier run under the recorded integrity.
    const ours = lock.packages["node_modules/oke-virtual-nodes"];
    const packed = JSON.parse(execFileSync("tar", ["-xOzf", path.join(work, tarball), "package/package.json"], { encoding: "utf8" }));
    for (const field of ["dependencies", "peerDependencies"]) {
      if (JSON.stringify(ours[field] ?? {}) !== JSON.stringify(packed[field] ?? {})) {
        throw new Error(`examples/consumer-cdktn/package-lock.json records other ${field} of oke-virtual-nodes than package.json has: run \`npm run test:consumer -- --engine cdktn --update-lock\``);
      }
    }
    lock.packages[""].dependencies["oke-virtual-nodes"] = `file:../${tarball}`;
    ours.resolved = `file:../${tarball}`;
    ours.integrity = `sha512-${crypto.createHash("sha512").update(fs.readFileSync(path.join(work, tarball))).digest("base64")}`;
    fs.writeFileSync(path.join(app, "package-lock.json"), JSON.stringify(lock, null, 2));
    run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
  }
  // Fails on any unmet or overridden-away peer range (ours included).
  run("npm", ["ls", "cdktf", "cdktn", "constructs"], app);

  // cdktn-cli asks `terraform version` only for its debug log; `true` stands in for it, as in
  // scripts/generate-oci-bindings.js, so this machine's Terraform CLI config warnings stay out of
  // the log (terraform itself runs in tfvalidate below).
  const cli = { TERRAFORM_BINARY_NAME: "true" };
  // The user's example, as `cdktn synth` runs it (cdktf.json: `npx tsc && node dist/main.js`).
  run("npx", ["cdktn", "synth"], app, cli);
  stacksIn(path.join(app, "cdktf.out"), 5);
  checkConsumerTags(path.join(app, "cdktf.out"));
  run("node", ["dist/snippets/probe-compliance.js"], app);
  run("bash", [tfvalidate, "cdktf.out"], app);
  run("node", ["dist/policy-checks.js"], app);

  // The reference app, built against the installed package, synthesized by cdktn-cli.
  const reference = buildReference(app, "cdktn");
  run("npx", ["cdktn", "synth", "--app", reference, "--output", "reference.out"], app, cli);
  stacksIn(path.join(app, "reference.out"), 3);
  run("bash", [tfvalidate, "reference.out"], app);
}

function main() {
  if (engine !== "cdktf" && engine !== "cdktn") throw new Error(`--engine: "${engine}" is not an engine; use cdktf or cdktn`);
  if (updateLock && engine !== "cdktn") throw new Error("--update-lock is for --engine cdktn");
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `oke-consumer-${engine}-`));
  try {
    run("npm", ["pack", "--pack-destination", work, "--silent"], root);
    const tarball = fs.readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack wrote no tarball");
    if (engine === "cdktn") cdktnApp(work, tarball);
    else cdktfApp(work, tarball);
    console.log(`consumer (${engine}): OK`);
  } finally {
    if (keep) console.log(`consumer: kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`consumer (${engine}): FAILED: ${err.message}`);
  process.exit(1);
}
