import { Construct } from "constructs";
import { Testing } from "../../lib/cdktf";
import { recordStackRegion, stackRegionOf } from "../../lib/common/stack-region";

describe("stack region record", () => {
  test("GIVEN a region recorded on a construct THEN it and everything below it read it, and it is not an enumerable property", () => {
    const app = Testing.app();
    const stack = new Construct(app, "stack");
    const deep = new Construct(new Construct(stack, "a"), "b");
    expect(stackRegionOf(deep)).toBeUndefined();
    recordStackRegion(stack, "eu-frankfurt-1");
    expect(stackRegionOf(stack)).toBe("eu-frankfurt-1");
    expect(stackRegionOf(deep)).toBe("eu-frankfurt-1");
    expect(stackRegionOf(app)).toBeUndefined();
    expect(Object.keys(stack)).not.toContain("oke-virtual-nodes.stackRegion");
    expect(Object.getOwnPropertyDescriptor(stack, Symbol.for("oke-virtual-nodes.stackRegion"))).toMatchObject({ value: "eu-frankfurt-1", enumerable: false });
  });

  test("GIVEN records at two levels THEN the nearest one wins, and a record can be replaced", () => {
    const outer = new Construct(Testing.app(), "outer");
    const inner = new Construct(outer, "inner");
    const leaf = new Construct(inner, "leaf");
    recordStackRegion(outer, "eu-frankfurt-1");
    recordStackRegion(inner, "us-ashburn-1");
    expect(stackRegionOf(leaf)).toBe("us-ashburn-1");
    recordStackRegion(inner, "uk-london-1");
    expect(stackRegionOf(leaf)).toBe("uk-london-1");
  });

  test("GIVEN a record made through another copy of the module THEN it is read (Symbol.for key)", () => {
    const stack = new Construct(Testing.app(), "stack");
    Object.defineProperty(stack, Symbol.for("oke-virtual-nodes.stackRegion"), { value: "ap-tokyo-1" });
    expect(stackRegionOf(new Construct(stack, "child"))).toBe("ap-tokyo-1");
  });
});
