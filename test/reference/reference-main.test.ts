import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as referenceApp from "../../reference/reference-app";
import { runReferenceApp } from "../../reference/reference-main";
import { PLATFORM_OUTPUTS } from "../support/existing-platform";
import { TEST_COMPARTMENT } from "../support/synth";

/** runReferenceApp on the console, as main.ts runs it, with what went to stdout and stderr. */
function runOnConsole(env: Record<string, string>, outdir: string) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = jest.spyOn(console, "log").mockImplementation((line: string) => void stdout.push(line));
  const warn = jest.spyOn(console, "warn").mockImplementation((line: string) => void stderr.push(line));
  const error = jest.spyOn(console, "error").mockImplementation((line: string) => void stderr.push(line));
  try {
    return { code: runReferenceApp({ env, outdir }), stdout, stderr };
  } finally {
    log.mockRestore();
    warn.mockRestore();
    error.mockRestore();
  }
}


describe("runReferenceApp (main.ts) on the console", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "reference-main-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test("GIVEN the placeholders THEN the warnings go to stdout (the cdktf CLI shows stderr as [ERROR]), nothing to stderr, and it says where the stacks are", () => {
    const { code, stdout, stderr } = runOnConsole({}, outdir);
    expect(code).toBe(0);
    expect(stderr).toEqual([]);
    expect(stdout).toEqual(expect.arrayContaining([expect.stringMatching(/^warning: OCI_REGION is not set/), expect.stringMatching(/^warning: OCI_COMPARTMENT_OCID is not set/)]));
    expect(stdout[stdout.length - 1]).toBe(`\nwrote 3 stacks to ${path.join(outdir, "stacks")}: oke-platform, oke-services, oke-app`);
  });

  test("GIVEN a bad setting THEN exit 1 with the error on stderr only", () => {
    const { code, stdout, stderr } = runOnConsole({ OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OKE_NODE_POOL_SIZE: "three" }, outdir);
    expect(code).toBe(1);
    expect(stderr).toEqual([expect.stringContaining('OKE_NODE_POOL_SIZE="three": use a whole number from 1 to 1000')]);
    expect(stdout).toEqual([]);
  });

  test("GIVEN an existing platform THEN two stacks, no placeholder warning for the compartment it supplies, no capacity table", () => {
    const outputs = path.join(outdir, "platform-outputs.json");
    fs.writeFileSync(outputs, JSON.stringify({ "oke-platform": PLATFORM_OUTPUTS }));
    const { code, stdout, stderr } = runOnConsole({ OCI_REGION: "eu-frankfurt-1", OKE_EXISTING_PLATFORM: outputs, OKE_REGISTRY_SECRET_OCID: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar" }, outdir);
    expect([code, stderr]).toEqual([0, []]);
    expect(stdout.filter((line) => line.startsWith("warning:"))).toEqual([]);
    expect(stdout.join("\n")).not.toContain("capacity");
    expect(stdout[stdout.length - 1]).toBe(`\nwrote 2 stacks to ${path.join(outdir, "stacks")}: oke-services, oke-app`);
  });

  test("GIVEN an outputs file with a bad value THEN exit 1 and the error names OKE_EXISTING_PLATFORM and the value", () => {
    const outputs = path.join(outdir, "bad-outputs.json");
    fs.writeFileSync(outputs, JSON.stringify({ ...PLATFORM_OUTPUTS, vault_key_id: "ocid1.vault.oc1..v" }));
    const { code, stderr } = runOnConsole({ OCI_REGION: "eu-frankfurt-1", OKE_EXISTING_PLATFORM: outputs }, outdir);
    expect(code).toBe(1);
    expect(stderr).toEqual([expect.stringContaining('OKE_EXISTING_PLATFORM: an output of the platform is not valid: oke-services/platform-vault: keyId: "ocid1.vault.oc1..v" is the OCID of a vault')]);
  });

  test("GIVEN a run that succeeds and one that fails THEN tokens have creation stacks again afterwards (they are off only while it builds and synthesizes)", () => {
    // A fresh registry: without the suite's setup, which turns creation stacks off for good.
    type Isolated = { main: typeof import("../../reference/reference-main"); app: typeof referenceApp; Lazy: typeof import("../../lib/cdktf").Lazy };
    let isolated!: Isolated;
    jest.isolateModules(() => {
      isolated = { main: require("../../reference/reference-main"), app: require("../../reference/reference-app"), Lazy: require("../../lib/cdktf").Lazy };
    });
    const creationStack = () => isolated.Lazy.anyValue({ produce: () => 1 }).creationStack;
    const errors: string[] = [];
    const out = { log: () => undefined, warn: () => undefined, error: (line: string) => void errors.push(line) };
    expect(creationStack().length).toBeGreaterThan(0);
    expect(isolated.main.runReferenceApp({ env: {}, outdir, out })).toBe(0);
    expect(creationStack().length).toBeGreaterThan(0);
    const failing = jest.spyOn(isolated.app, "buildReferenceApp").mockImplementation(() => {
      throw new Error("failed while building");
    });
    try {
      expect(isolated.main.runReferenceApp({ env: {}, outdir, out })).toBe(1);
    } finally {
      failing.mockRestore();
    }
    expect(errors).toEqual(["error: failed while building"]);
    expect(creationStack().length).toBeGreaterThan(0);
  });
});
