import { App, ENGINE, checkSameEngine } from "../lib/cdktf";
import { OciStack } from "../lib/stacks/oci-stack";

describe("lib/cdktf.ts, the door to the engine", () => {
  test("GIVEN this repository (cdktf 0.21, no cdktn alias) THEN the library runs on cdktf", () => {
    expect(ENGINE).toBe("cdktf");
  });

  test("GIVEN an App from the library's own engine THEN stacks are accepted", () => {
    const app = new App({ outdir: "cdktf.out" });
    expect(() => new OciStack(app, "stack", { region: "eu-frankfurt-1" })).not.toThrow();
    expect(() => checkSameEngine(app)).not.toThrow();
  });

  test("GIVEN an App from a second copy of the engine (as a cdktn app's cdktf alias is) THEN an OciStack under it fails, naming the fix", () => {
    // GIVEN: a fresh module registry loads another copy of cdktf, as npm installs the alias beside cdktn
    let OtherApp: typeof App | undefined;
    jest.isolateModules(() => {
      OtherApp = (jest.requireActual("cdktf") as { App: typeof App }).App;
    });
    expect(OtherApp).not.toBe(App);
    const app = new OtherApp!({ outdir: "cdktf.out" });
    // WHEN / THEN: its Aspects would never run on our stacks, so say so instead of synthesizing
    expect(() => new OciStack(app, "stack", { region: "eu-frankfurt-1" })).toThrow(
      /stack: the app's App is not from the cdktf package oke-virtual-nodes runs on .*import App, TerraformStack and Aspects from "cdktn"/,
    );
  });
});
