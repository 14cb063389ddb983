import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const COMPILE_CACHE = path.join(__dirname, "..", "..", "scripts", "compile-cache.js");
// Node >= 22.1 has its own cache, which compile-cache.js uses instead of its own.
const nodeHasItsOwn = typeof (require("module") as { enableCompileCache?: unknown }).enableCompileCache === "function";

/**
 * A project with an app in dist/ (two modules that report what Node gave them) and a runner that
 * turns the cache on as synth.js does, then prints what the app saw and what the cache did.
 */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "compile-cache-"));
  fs.mkdirSync(path.join(root, "dist", "lib"), { recursive: true });
  fs.writeFileSync(path.join(root, "dist", "lib", "b.js"), 'exports.value = "b1";\n');
  writeMain(root, "a1");
  fs.writeFileSync(
    path.join(root, "run.js"),
    `const cache = process.env.NO_CACHE ? undefined : require(${JSON.stringify(COMPILE_CACHE)}).enableCompileCache(__dirname);
const seen = require("./dist/main.js");
console.log(JSON.stringify({ seen, cache }));
`,
  );
  return root;
}

function writeMain(root: string, value: string) {
  fs.writeFileSync(
    path.join(root, "dist", "main.js"),
    `"use strict";
const b = require("./lib/b");
module.exports = {
  value: ${JSON.stringify(value)} + "+" + b.value,
  thisIsExports: this === exports,
  filename: __filename,
  dirname: __dirname,
  resolved: require.resolve("./lib/b"),
  lookupPaths: require.resolve.paths("x")[0],
  mainIsRunner: require.main === module.parent,
  cached: require.cache[__filename] === module,
  stackNamesFile: new Error("where").stack.split("\\n")[1].includes(__filename),
};
`,
  );
}

function run(root: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, "run.js")], { encoding: "utf8", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as { seen: Record<string, unknown>; cache?: { mode: string; stats?: { cached: number; compiled: number; refused: number } } };
}

const entriesOf = (root: string) =>
  fs.readdirSync(path.join(root, "dist", ".compile-cache"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name).sort();

(nodeHasItsOwn ? describe.skip : describe)("scripts/compile-cache.js on a Node without its own compile cache", () => {
  let root: string;
  beforeEach(() => {
    root = project();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("GIVEN a first and a second run THEN the second compiles every module of dist/ from the data the first left, and both see what Node gives a module", () => {
    const first = run(root);
    expect(first.cache).toEqual({ mode: "dist", stats: { cached: 0, compiled: 2, refused: 0 } });
    expect(entriesOf(root)).toEqual([expect.stringMatching(/^lib%2Fb\.js-\d+-[\d.]+$/), expect.stringMatching(/^main\.js-\d+-[\d.]+$/)]);
    const second = run(root);
    expect(second.cache).toEqual({ mode: "dist", stats: { cached: 2, compiled: 0, refused: 0 } });
    const without = run(root, { NO_CACHE: "1" });
    expect(first.seen).toEqual(without.seen);
    expect(second.seen).toEqual(without.seen);
    expect(without.seen).toMatchObject({ value: "a1+b1", thisIsExports: true, mainIsRunner: true, cached: true, stackNamesFile: true, resolved: path.join(root, "dist", "lib", "b.js") });
  });

  test("GIVEN a module rebuilt THEN its new code runs, and its entry is replaced, not added to", () => {
    run(root);
    writeMain(root, "a2");
    fs.utimesSync(path.join(root, "dist", "main.js"), new Date(), new Date(Date.now() + 5000));
    const after = run(root);
    expect(after.seen.value).toBe("a2+b1");
    expect(after.cache!.stats).toEqual({ cached: 1, compiled: 1, refused: 0 });
    expect(entriesOf(root).filter((e) => e.startsWith("main.js-"))).toHaveLength(1);
    expect(run(root).cache!.stats).toEqual({ cached: 2, compiled: 0, refused: 0 });
  });

  test("GIVEN an entry that is damaged THEN V8 refuses it, the module is compiled as usual, and the entry is written again", () => {
    run(root);
    const dir = fs.readdirSync(path.join(root, "dist", ".compile-cache"))[0];
    const entry = path.join(root, "dist", ".compile-cache", dir, entriesOf(root).find((e) => e.startsWith("main.js-"))!);
    fs.writeFileSync(entry, Buffer.from("not V8's data"));
    const damaged = run(root);
    expect(damaged.seen.value).toBe("a1+b1");
    expect(damaged.cache!.stats).toEqual({ cached: 1, compiled: 0, refused: 1 });
    expect(run(root).cache!.stats).toEqual({ cached: 2, compiled: 0, refused: 0 });
  });

  test("GIVEN modules outside dist/ THEN they are left to Node", () => {
    fs.mkdirSync(path.join(root, "other"));
    fs.writeFileSync(path.join(root, "other", "c.js"), "exports.c = 1;\n");
    fs.appendFileSync(path.join(root, "dist", "main.js"), 'module.exports.c = require("../other/c").c;\n');
    expect(run(root).cache!.stats).toEqual({ cached: 0, compiled: 2, refused: 0 });
    expect(entriesOf(root).some((e) => e.includes("c.js"))).toBe(false);
  });
});
