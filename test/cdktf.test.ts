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

  describe("disableTokenCreationStacks", () => {
    type Door = typeof import("../lib/cdktf");
    /** lib/cdktf.ts and its engine in a fresh registry: without the suite's setup, which turns creation stacks off. */
    const freshDoor = (mocks: Record<string, () => unknown> = {}): Door => {
      let door!: Door;
      jest.isolateModules(() => {
        for (const [name, factory] of Object.entries(mocks)) jest.doMock(name, factory);
        door = require("../lib/cdktf") as Door;
      });
      return door;
    };

    test("GIVEN cdktf 0.21 THEN tokens made while it is off have no creation stack, and those made after the restore have theirs", () => {
      const { Lazy, disableTokenCreationStacks } = freshDoor();
      const token = () => Lazy.anyValue({ produce: () => 1 }).creationStack;
      expect(token().length).toBeGreaterThan(0);
      const restore = disableTokenCreationStacks();
      expect(token()).toEqual([]);
      expect(new Error("kept").stack).toMatch(/^Error: kept\n\s+at /);
      restore();
      expect(token().length).toBeGreaterThan(0);
    });

    test("GIVEN an engine with its own switch (CDK Terrain's CDKTN_DISABLE_CREATION_STACK) THEN it is set, and restored to what it was", () => {
      const captureStackTrace = jest.fn(() => ["a frame"]);
      const { disableTokenCreationStacks } = freshDoor({
        "cdktf/lib/tokens/private/stack-trace": () => ({ captureStackTrace, captureCreationStack: () => [] }),
      });
      const before = process.env.CDKTN_DISABLE_CREATION_STACK;
      try {
        process.env.CDKTN_DISABLE_CREATION_STACK = "0";
        const restore = disableTokenCreationStacks();
        expect(process.env.CDKTN_DISABLE_CREATION_STACK).toBe("1");
        restore();
        expect(process.env.CDKTN_DISABLE_CREATION_STACK).toBe("0");
        delete process.env.CDKTN_DISABLE_CREATION_STACK;
        disableTokenCreationStacks()();
        expect("CDKTN_DISABLE_CREATION_STACK" in process.env).toBe(false);
      } finally {
        if (before === undefined) delete process.env.CDKTN_DISABLE_CREATION_STACK;
        else process.env.CDKTN_DISABLE_CREATION_STACK = before;
      }
    });
  });
});
