import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..");

describe("the package", () => {
  test("GIVEN npm pack THEN the tarball holds the UPL-1.0 LICENSE next to package.json and README", () => {
    // --ignore-scripts: no build; the file list is what `files` and npm's own rules select.
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--silent"], { cwd: root, encoding: "utf8" })) as {
      files: { path: string }[];
    }[];
    expect(pack.files.map((f) => f.path)).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
    const license = fs.readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(license).toContain("The Universal Permissive License (UPL), Version 1.0");
    expect(license).toContain("a reference to the UPL must be included in all copies or substantial\nportions of the Software.");
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).license).toBe("UPL-1.0");
  });

  test("GIVEN a tarball in the work tree THEN git ignores it, and the consumer test packs into a temporary folder", () => {
    // check-ignore exits 0 when the path is ignored (and throws otherwise).
    expect(() => execFileSync("git", ["check-ignore", "-q", "oke-virtual-nodes-0.1.0.tgz"], { cwd: root })).not.toThrow();
    expect(fs.readFileSync(path.join(root, "scripts", "consumer-test.js"), "utf8")).toMatch(/"pack", "--pack-destination", work/);
  });

  test("GIVEN npm pack THEN the tarball holds the library alone: no reference-app, bench, script or test file", () => {
    // The `files` globs select from dist/, which npm test builds (api:check) before jest runs.
    expect(fs.existsSync(path.join(root, "dist", "lib", "index.d.ts"))).toBe(true);
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--silent"], { cwd: root, encoding: "utf8" })) as {
      files: { path: string }[];
    }[];
    const files = pack.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(["dist/lib/index.js", "dist/lib/index.d.ts", "dist/lib/network/network.js"]));
    const strays = files.filter((f) => !/^dist\/(lib|\.gen\/providers\/oci)\//.test(f) && !["LICENSE", "README.md", "package.json"].includes(f));
    expect(strays).toEqual([]);
    expect(files.filter((f) => /(^|\/)reference\/|reference-(app|config|main|synth)|setting-names|synth-summary|architecture-diagram|(^|\/)main\.|bench/.test(f))).toEqual([]);
  });

  test("GIVEN the package root THEN it exports the public API and none of the internals", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const api = require("../lib") as Record<string, unknown>;
    for (const name of ["Network", "MySqlDatabase", "VirtualNodeCluster", "AppWorkload", "OciStack", "ComplianceChecks", "Port", "Peer", "Connections", "ClusterAccess", "Tags", "SecretSync", "DatabaseBootstrap", "appUserStatements", "terraformCloudBackend", "parsePolicyStatement"]) {
      expect(api).toHaveProperty(name);
    }
    for (const name of ["shortHash", "checkedAt", "pinAddresses", "planAppWorkload", "kubernetesProviderFor", "emptyRuleTable", "runReferenceApp", "readReferenceConfig", "buildReferenceApp", "ENGINE"]) {
      expect(api).not.toHaveProperty(name);
    }
    const entry = fs.readFileSync(path.join(root, "lib", "index.ts"), "utf8");
    expect(entry).not.toMatch(/export \*/);
  });

  test("GIVEN the published declarations THEN the internals are stripped from them", () => {
    expect(JSON.parse(fs.readFileSync(path.join(root, "tsconfig.lib.json"), "utf8")).compilerOptions.stripInternal).toBe(true);
    const hash = fs.readFileSync(path.join(root, "dist", "lib", "common", "hash.d.ts"), "utf8");
    expect(fs.readFileSync(path.join(root, "lib", "common", "hash.ts"), "utf8")).toMatch(/@internal[\s\S]*export function shortHash/);
    expect(hash).not.toContain("shortHash");
  });

  test("GIVEN every value the package root exports at run time THEN the API report has it: none was stripped from the declarations by a stray tag", () => {
    // The report is made from the published declarations (npm test's api:check keeps them equal).
    const report = fs.readFileSync(path.join(root, "api", "oke-virtual-nodes.api.md"), "utf8");
    const declared = new Set([...report.matchAll(/^export (?:declare )?(?:abstract )?(?:class|const|function|enum|namespace) (\w+)/gm)].map((m) => m[1]));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.keys(require("../lib") as Record<string, unknown>).filter((name) => name !== "__esModule");
    expect(exported.length).toBeGreaterThan(50);
    expect(exported.filter((name) => !declared.has(name))).toEqual([]);
  });
});
