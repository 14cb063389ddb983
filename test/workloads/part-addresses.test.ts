import { Construct } from "constructs";
import { App, TerraformResource, TerraformStack } from "../../lib/cdktf";
import { pinAddresses } from "../../lib/workloads/part-addresses";

function logicalIds(build: (stack: TerraformStack) => TerraformResource[]): string[] {
  const stack = new TerraformStack(new App({ outdir: "/tmp/part-addresses-test" }), "stack");
  return build(stack).map((r) => r.friendlyUniqueId);
}

const resource = (scope: Construct, id: string) => new TerraformResource(scope, id, { terraformResourceType: "terraform_data" });

describe("pinAddresses", () => {
  test("GIVEN resources moved into a part THEN pinned, they keep the ids they had in the parent", () => {
    const before = logicalIds((stack) => {
      const app = new Construct(stack, "app");
      return [resource(app, "deployment"), resource(new Construct(app, "ingress-class"), "class"), resource(app, "x")];
    });
    const after = logicalIds((stack) => {
      const app = new Construct(stack, "app");
      const part = new Construct(app, "exposure");
      const made = [resource(part, "deployment"), resource(new Construct(part, "ingress-class"), "class")];
      for (const r of made) pinAddresses(r, part);
      return [...made, resource(app, "x")];
    });
    expect(after).toEqual(before);
    expect(before[0]).toMatch(/^app_deployment_[0-9A-F]{8}$/);
  });

  test("GIVEN a part that is not pinned THEN its id is in the address (the premise of pinning)", () => {
    const [id] = logicalIds((stack) => [resource(new Construct(new Construct(stack, "app"), "exposure"), "deployment")]);
    expect(id).toMatch(/^app_exposure_deployment_/);
  });

  test("GIVEN a whole subtree THEN every element in it is pinned", () => {
    const ids = logicalIds((stack) => {
      const part = new Construct(new Construct(stack, "app"), "sync");
      const policy = new Construct(part, "reader");
      const made = [resource(policy, "policy"), resource(new Construct(policy, "inner"), "policy")];
      pinAddresses(policy, part);
      return made;
    });
    for (const id of ids) expect(id).not.toContain("sync");
    expect(ids).toHaveLength(2);
  });
});
