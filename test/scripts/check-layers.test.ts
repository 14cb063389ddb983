import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { checkLayers } = require("../../scripts/check-layers") as {
  checkLayers(root: string, allowed?: Map<string, string>): string[];
};

/** A project with the repository's layout: one module per layer, the entry, the reference app. */
function fakeProject(extra: Record<string, string> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "check-layers-"));
  const files: Record<string, string> = {
    "lib/cdktf.ts": 'export { App } from "cdktf";\n',
    "lib/common/hash.ts": 'import { App } from "../cdktf";\nexport const a = App;\n',
    "lib/network/network.ts": 'import { a } from "../common/hash";\nimport type { IamPolicy } from "../security/iam-policy";\nexport const n = a;\n',
    "lib/security/iam-policy.ts": 'export class IamPolicy {}\nexport const p = require("../common/hash");\n',
    "lib/cluster/cluster.ts": 'import { n } from "../network/network";\nimport { Db } from "../database/db";\nexport { n, Db };\n',
    "lib/database/db.ts": "export class Db {}\n",
    "lib/workloads/app.ts": 'import { Db } from "../database/db";\nimport { OciVcn } from "../../.gen/providers/oci/vcn";\nexport { Db, OciVcn };\n',
    "lib/checks/checks.ts": 'export * from "../workloads/app";\n',
    "lib/stacks/stack.ts": 'import "../checks/checks";\n',
    "lib/index.ts": 'export { n } from "./network/network";\n',
    "reference/app.ts": 'import { n } from "oke-virtual-nodes";\nimport * as oci from "oke-virtual-nodes/oci";\nimport { x } from "./config";\nexport { n, oci, x };\n',
    "reference/config.ts": 'import { App } from "cdktf";\nexport const x = App;\n',
    "main.ts": 'import "./reference/app";\n',
    ...extra,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("scripts/check-layers.js", () => {
  const roots: string[] = [];
  const project = (extra?: Record<string, string>) => {
    const root = fakeProject(extra);
    roots.push(root);
    return root;
  };
  afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  test("GIVEN imports only downwards, within a layer, to .gen and the public entry THEN there is no problem", () => {
    expect(checkLayers(project(), new Map())).toEqual([]);
  });

  test.each<[string, Record<string, string>, RegExp]>([
    ["network imports stacks", { "lib/network/up.ts": 'import "../stacks/stack";\n' }, /^lib\/network\/up\.ts: layer network imports "\.\.\/stacks\/stack" of the higher layer stacks/],
    ["a type-only import upwards", { "lib/common/up.ts": 'import type { Db } from "../database/db";\n' }, /^lib\/common\/up\.ts: layer common imports/],
    ["a require() upwards", { "lib/database/up.ts": 'const w = require("../workloads/app");\n' }, /^lib\/database\/up\.ts: layer database imports/],
    ["an export-from upwards", { "lib/cluster/up.ts": 'export { Db } from "../checks/checks";\n' }, /^lib\/cluster\/up\.ts: layer cluster imports/],
    ["a layer imports the public entry", { "lib/stacks/entry.ts": 'import { n } from "..";\n' }, /of the higher the public entry \(lib\/index\.ts\)/],
    ["lib imports the reference app", { "lib/stacks/ref.ts": 'import { x } from "../../reference/config";\n' }, /^lib\/stacks\/ref\.ts: imports "\.\.\/\.\.\/reference\/config" \(reference\/config\.ts\), outside the library/],
    ["lib imports the package by its name", { "lib/workloads/self.ts": 'import { n } from "oke-virtual-nodes";\n' }, /imports "oke-virtual-nodes", the package itself/],
    ["the reference app imports a library module", { "reference/deep.ts": 'import { a } from "../lib/common/hash";\n' }, /^reference\/deep\.ts: imports "\.\.\/lib\/common\/hash" \(lib\/common\/hash\.ts\); the reference app imports the library only as "oke-virtual-nodes"/],
    ["the reference app imports the library's entry by path", { "reference/entry.ts": 'import { n } from "../lib";\n' }, /^reference\/entry\.ts: imports "\.\.\/lib" \(lib\/index\.ts\)/],
    ["the reference app imports a deep path of the package", { "reference/dist.ts": 'import { a } from "oke-virtual-nodes/dist/lib/common/hash";\n' }, /the package's public entries are/],
    ["main.ts imports the library directly", { "main.ts": 'import "./lib/stacks/stack";\n' }, /^main\.ts: imports "\.\/lib\/stacks\/stack"/],
    ["a file outside the layer folders", { "lib/misc/x.ts": "export {};\n" }, /^lib\/misc\/x\.ts: not in a layer folder/],
  ])("GIVEN %s THEN the check names the file and the import", (_what, extra, message) => {
    const problems = checkLayers(project(extra), new Map());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  test("GIVEN an allowed exception THEN it passes while it occurs and fails once it is gone", () => {
    const allowed = new Map([["lib/network/up.ts -> lib/stacks/stack.ts", "being removed"]]);
    expect(checkLayers(project({ "lib/network/up.ts": 'import "../stacks/stack";\n' }), allowed)).toEqual([]);
    expect(checkLayers(project(), allowed)).toEqual([
      'allowed exception "lib/network/up.ts -> lib/stacks/stack.ts" (being removed) no longer occurs: remove it from ALLOWED in scripts/check-layers.js',
    ]);
  });

  test("GIVEN this repository THEN its layering holds", () => {
    expect(checkLayers(path.join(__dirname, "..", ".."))).toEqual([]);
  });
});
