#!/usr/bin/env node
// Generates the OCI provider bindings (.gen/providers/oci) from the provider schema kept in
// schema/. Offline and deterministic: no registry, no `cdktf get`. Skips the work when the
// bindings on disk were made from the same schema by the same generator version.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const schemaFile = path.join(root, "schema", "oracle-oci-7.12.0.json");
const outDir = path.join(root, ".gen");
const stampFile = path.join(outDir, "providers", "oci", ".schema-stamp");

/** Generates the bindings unless they are current; `force` regenerates. */
async function ensureOciBindings({ force = false } = {}) {
  const schemaText = fs.readFileSync(schemaFile, "utf8");
  const generatorVersion = require("@cdktf/provider-generator/package.json").version;
  const stamp = crypto
    .createHash("sha256")
    .update(generatorVersion)
    .update(schemaText)
    .digest("hex");
  if (!force && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) {
    return false;
  }
  const started = process.hrtime.bigint();
  // Loaded only when needed: the generator pulls in jsii-pacmak and takes a while to import.
  // @cdktf/commons runs `terraform version` at import time purely for debug output; point it at
  // a no-op so generation stays quiet and independent of any Terraform CLI configuration.
  process.env.TERRAFORM_BINARY_NAME = "true";
  process.env.CHECKPOINT_DISABLE = "1";
  const { CodeMaker, TerraformProviderGenerator } = require("@cdktf/provider-generator");
  const { ConstructsMakerProviderTarget, LANGUAGES, TerraformProviderConstraint } = require("@cdktf/commons");
  const schema = JSON.parse(schemaText);
  const [fqpn, exactVersion] = Object.entries(schema.provider_versions)[0];
  // Stacks require the schema's version line (`~> 7.12`), not the exact patch: with the exact
  // version left in, the generator would pin required_providers to it.
  const [major, minor] = exactVersion.split(".");
  delete schema.provider_versions;
  const source = fqpn.replace(/^registry\.terraform\.io\//, "");
  const code = new CodeMaker();
  new TerraformProviderGenerator(code, schema).generate(
    new ConstructsMakerProviderTarget(
      new TerraformProviderConstraint(`${source}@~> ${major}.${minor}`),
      LANGUAGES[0],
    ),
  );
  fs.rmSync(path.join(outDir, "providers", "oci"), { recursive: true, force: true });
  await code.save(outDir);
  fs.writeFileSync(stampFile, stamp);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`generated .gen/providers/oci from ${path.relative(root, schemaFile)} in ${ms.toFixed(0)} ms`);
  return true;
}

module.exports = { ensureOciBindings };

if (require.main === module) {
  ensureOciBindings({ force: process.argv.includes("--force") }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
