import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// scripts/synth-inputs.js is plain CommonJS (synth.js must start without a compiler).
const { buildAndRecord, isBuildCurrent, STAMP, RACY_MS } = require("../../scripts/synth-inputs") as {
  buildAndRecord(root: string, build: () => void): void;
  isBuildCurrent(root: string): boolean;
  STAMP: string;
  RACY_MS: number;
};

const SCRIPTS = path.join(__dirname, "..", "..", "scripts");

/** A project laid out as this one is, with one file per kind of build input and the outputs a build leaves. */
function fakeProject(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "synth-inputs-"));
  const files: Record<string, string> = {
    "main.ts": 'import "./lib";\n',
    "lib/index.ts": "export const a = 1;\n",
    "lib/network/network.ts": "export const b = 2;\n",
    "lib/data/regions.json": "[]\n",
    "reference/reference-app.ts": 'import "oke-virtual-nodes";\n',
    "bench/one-resource.ts": "export {};\n",
    "tsconfig.json": "{}\n",
    "tsconfig.app.json": "{}\n",
    "schema/oracle-oci-7.12.0.json": "{}\n",
    "scripts/generate-oci-bindings.js": "\n",
    ".gen/providers/oci/.schema-stamp": "abc",
    "node_modules/.package-lock.json": "{}\n",
    "README.md": "# readme\n",
  };
  for (const [file, text] of Object.entries(files)) write(root, file, text);
  return root;
}

function write(root: string, file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** What a successful `tsc -b tsconfig.app.json` leaves behind. */
function writeOutputs(root: string) {
  write(root, "dist/main.js", 'console.log("app ran");\n');
  for (const info of ["app", "lib", "gen"]) write(root, `dist/.tsbuildinfo.${info}`, "{}");
}

describe("the synth's up-to-date check (scripts/synth-inputs.js)", () => {
  let root: string;
  beforeEach(() => {
    root = fakeProject();
    buildAndRecord(root, () => writeOutputs(root));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("GIVEN a build just recorded THEN it is current", () => {
    expect(fs.existsSync(path.join(root, STAMP))).toBe(true);
    expect(isBuildCurrent(root)).toBe(true);
  });

  test.each<[string, (root: string) => void]>([
    ["a library source edited (same size, same second)", (r) => write(r, "lib/index.ts", "export const a = 9;\n")],
    ["a nested library source edited", (r) => write(r, "lib/network/network.ts", "export const b = 3;\n")],
    ["a JSON file the library imports edited", (r) => write(r, "lib/data/regions.json", "[1]\n")],
    ["a library source added", (r) => write(r, "lib/extra.ts", "export {};\n")],
    ["a library folder added", (r) => write(r, "lib/extra/index.ts", "export {};\n")],
    ["a library source deleted", (r) => fs.rmSync(path.join(r, "lib/network/network.ts"))],
    ["a library source renamed", (r) => fs.renameSync(path.join(r, "lib/index.ts"), path.join(r, "lib/main.ts"))],
    ["a reference app source edited", (r) => write(r, "reference/reference-app.ts", 'import "oke-virtual-nodes"; \n')],
    ["a reference app source added", (r) => write(r, "reference/extra.ts", "export {};\n")],
    ["main.ts edited", (r) => write(r, "main.ts", 'import "./lib"; \n')],
    ["main.ts deleted", (r) => fs.rmSync(path.join(r, "main.ts"))],
    ["a bench app added", (r) => write(r, "bench/two.ts", "export {};\n")],
    ["a tsconfig edited", (r) => write(r, "tsconfig.app.json", '{"x":1}\n')],
    ["a tsconfig added", (r) => write(r, "tsconfig.extra.json", "{}\n")],
    ["the provider schema edited", (r) => write(r, "schema/oracle-oci-7.12.0.json", "{ }\n")],
    ["the bindings regenerated (new stamp)", (r) => write(r, ".gen/providers/oci/.schema-stamp", "abd")],
    ["the generated bindings deleted", (r) => fs.rmSync(path.join(r, ".gen"), { recursive: true })],
    ["the dependencies reinstalled", (r) => write(r, "node_modules/.package-lock.json", '{"v":2}\n')],
    ["the compiled app deleted", (r) => fs.rmSync(path.join(r, "dist/main.js"))],
    ["dist deleted", (r) => fs.rmSync(path.join(r, "dist"), { recursive: true })],
    ["the library rebuilt by npm run build", (r) => write(r, "dist/.tsbuildinfo.lib", '{"rebuilt":true}')],
  ])("GIVEN %s THEN the build is not current", (_what, change) => {
    change(root);
    expect(isBuildCurrent(root)).toBe(false);
  });

  test.each<[string, (root: string) => void]>([
    ["the README edited", (r) => write(r, "README.md", "# changed\n")],
    ["the bench results rewritten", (r) => write(r, "bench/results.md", "| measured |\n")],
    ["an earlier synth's output", (r) => write(r, "cdktf.out/manifest.json", "{}")],
  ])("GIVEN %s (not a build input) THEN the build stays current", (_what, change) => {
    change(root);
    expect(isBuildCurrent(root)).toBe(true);
  });

  test("GIVEN a source saved while the build ran THEN the next synth builds again", () => {
    buildAndRecord(root, () => {
      writeOutputs(root);
      write(root, "lib/index.ts", "export const a = 5;\n");
    });
    expect(isBuildCurrent(root)).toBe(false);
  });

  describe("reading sources", () => {
    /** Every file's time set to `seconds`, whole seconds as a coarse file system keeps them. */
    function setTimes(r: string, seconds: number) {
      const visit = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) visit(full);
          else fs.utimesSync(full, seconds, seconds);
        }
      };
      visit(r);
    }
    const readsOf = (r: string, run: () => void): string[] => {
      // The module object synth-inputs.js uses (the `import *` namespace cannot be spied on).
      const read = jest.spyOn(require("fs") as typeof fs, "readFileSync");
      try {
        run();
        return read.mock.calls.map(([file]) => path.relative(r, String(file)));
      } finally {
        read.mockRestore();
      }
    };

    test("GIVEN sources older than the build THEN the check reads none of them, only the record", () => {
      setTimes(root, Math.floor((Date.now() - 10 * RACY_MS) / 1000));
      buildAndRecord(root, () => writeOutputs(root));
      expect(readsOf(root, () => expect(isBuildCurrent(root)).toBe(true))).toEqual([STAMP]);
    });

    test("GIVEN a source edited in the clock tick it was read in, on a file system that keeps whole seconds THEN its content is compared", () => {
      const tick = Math.floor(Date.now() / 1000);
      setTimes(root, tick);
      buildAndRecord(root, () => writeOutputs(root));
      write(root, "lib/index.ts", "export const a = 7;\n"); // same size
      fs.utimesSync(path.join(root, "lib/index.ts"), tick, tick);
      const reads = readsOf(root, () => expect(isBuildCurrent(root)).toBe(false));
      expect(reads).toContain("lib/index.ts");
    });
  });

  test("GIVEN a build that fails THEN nothing is recorded as current", () => {
    write(root, "lib/index.ts", "export const a = ;\n");
    expect(() =>
      buildAndRecord(root, () => {
        throw new Error("type errors");
      }),
    ).toThrow("type errors");
    expect(isBuildCurrent(root)).toBe(false);
    write(root, "lib/index.ts", "export const a = 1;\n");
    expect(isBuildCurrent(root)).toBe(false);
  });
});

describe("scripts/synth.js", () => {
  /**
   * The real synth.js in a project whose `typescript` and binding generator only record that they
   * were loaded (and "build" by writing the outputs), so a test sees which path the synth took.
   */
  function project(): string {
    const root = fakeProject();
    for (const script of ["synth.js", "synth-inputs.js", "compile-cache.js"]) fs.copyFileSync(path.join(SCRIPTS, script), path.join(root, "scripts", script));
    write(root, "cdktf.json", JSON.stringify({ app: "node scripts/synth.js", context: {} }));
    write(
      root,
      "scripts/generate-oci-bindings.js",
      `require("fs").appendFileSync(${JSON.stringify(path.join(root, "loaded.log"))}, "generator\\n");
module.exports = { ensureOciBindings: async () => false };
`,
    );
    write(
      root,
      "node_modules/typescript/index.js",
      `const fs = require("fs"), path = require("path");
const root = ${JSON.stringify(root)};
fs.appendFileSync(path.join(root, "loaded.log"), "typescript\\n");
module.exports = {
  sys: {}, ExitStatus: { Success: 0 },
  createSolutionBuilderHost: () => ({}),
  createSolutionBuilder: () => ({ build: () => {
    fs.mkdirSync(path.join(root, "dist"), { recursive: true });
    fs.writeFileSync(path.join(root, "dist/main.js"), 'console.log("app ran")');
    for (const info of ["app", "lib", "gen"]) fs.writeFileSync(path.join(root, "dist/.tsbuildinfo." + info), "{}");
    return 0;
  } }),
};
`,
    );
    return root;
  }

  function synth(root: string) {
    fs.rmSync(path.join(root, "loaded.log"), { force: true });
    const result = spawnSync(process.execPath, [path.join(root, "scripts", "synth.js")], { cwd: root, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: "" } });
    const loaded = fs.existsSync(path.join(root, "loaded.log")) ? fs.readFileSync(path.join(root, "loaded.log"), "utf8").trim().split("\n") : [];
    return { status: result.status, stdout: result.stdout, loaded };
  }

  let root: string;
  beforeAll(() => {
    root = project();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test("GIVEN no build yet THEN it generates the bindings, builds with TypeScript, and runs the app", () => {
    expect(synth(root)).toEqual({ status: 0, stdout: "app ran\n", loaded: ["generator", "typescript"] });
  });

  test("GIVEN nothing changed since THEN it runs the app without loading the compiler or the generator", () => {
    expect(synth(root)).toEqual({ status: 0, stdout: "app ran\n", loaded: [] });
  });

  test("GIVEN a library source edited THEN it builds again, and not the time after", () => {
    write(root, "lib/index.ts", "export const a = 2;\n");
    expect(synth(root).loaded).toEqual(["generator", "typescript"]);
    expect(synth(root).loaded).toEqual([]);
  });

  test("GIVEN a library source deleted THEN it builds again", () => {
    fs.rmSync(path.join(root, "lib/network/network.ts"));
    expect(synth(root).loaded).toEqual(["generator", "typescript"]);
  });
});
