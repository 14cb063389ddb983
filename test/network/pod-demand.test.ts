/**
 * Pod demand is recorded with who asked; a shortfall fails in the stack of the construct that
 * pushed the plan over, and names every requester and its stack, largest first.
 */
import { Construct } from "constructs";
import { App, TerraformStack } from "../../lib/cdktf";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { OciStack } from "../../lib/stacks/oci-stack";
import { AppWorkload } from "../../lib/workloads/app-workload";
import { TEST_COMPARTMENT, TEST_REGION, synthOci } from "../support/synth";

function validationErrors(stack: TerraformStack): string {
  try {
    stack.runAllValidations();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("GIVEN a platform stack whose pod subnet (/24) fits its pool, and an app stack with maxReplicas: 400", () => {
  const app = new App();
  const platform = new OciStack(app, "platform", { region: TEST_REGION });
  const network = new Network(platform, "network", { compartmentId: TEST_COMPARTMENT, separatePodSubnet: true, subnets: { pods: { prefixLength: 24 } } });
  const cluster = new VirtualNodeCluster(platform, "cluster", { network });
  cluster.addVirtualNodePool("pool", { size: 3 });
  const appStack = new OciStack(app, "shop-stack", { region: TEST_REGION });
  new AppWorkload(appStack, "shop", {
    cluster,
    namespace: "shop",
    image: "registry.example.com/shop/api:1.0.0",
    secrets: [],
    clusterServicesInstalledElsewhere: true,
    autoscaling: { maxReplicas: 400 },
  });
  for (const stack of [platform, appStack]) stack.prepareStack();

  test("THEN each demand is recorded with its requester and stack", () => {
    expect(network.podDemands().map((d) => [d.requestedBy, d.stack])).toEqual([
      ["platform/cluster/pool", "platform"],
      ["shop-stack/shop", "shop-stack"],
    ]);
  });

  test("THEN the platform stack stays valid (its own demand fits)", () => {
    expect(validationErrors(platform)).toBe("");
  });

  test("THEN the app stack fails, at the app, naming it as the one that pushed the plan over, and every requester largest first", () => {
    const message = validationErrors(appStack);
    expect(message).toContain("[shop-stack/shop] pods subnet 10.0.2.0/24 has 253 usable IPs but the plan needs");
    expect(message).toContain("On network platform/network, pushed over by shop-stack/shop (stack shop-stack)");
    const listed = message.slice(message.indexOf("largest first"));
    expect(listed).toMatch(/shop-stack\/shop \(stack shop-stack\): 500 \[workload shop\/shop: 500 peak pods \(maxReplicas 400\)\]/);
    expect(listed.indexOf("shop-stack/shop")).toBeLessThan(listed.indexOf("platform/network podCapacity"));
    expect(listed.indexOf("platform/network podCapacity")).toBeLessThan(listed.indexOf("platform/cluster/pool"));
  });
});

describe("GIVEN demand in the network's own stack that does not fit", () => {
  test("THEN the network's validation fails, naming the requesters largest first", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, separatePodSubnet: true, subnets: { pods: { prefixLength: 24 } } });
        network.addPodDemand({ workloads: [{ name: "small", maxReplicas: 10, surgePercent: 0 }] }, new Construct(scope, "small"));
        network.addPodDemand({ workloads: [{ name: "big", maxReplicas: 300, surgePercent: 0 }] }, new Construct(scope, "big"));
      }),
    ).toThrow(
      /\[[^\]]*network\] pods subnet 10.0.2.0\/24 .*pushed over by .*\/big \(stack .*\); IPs asked for, largest first, before headroom: .*\/big \(stack .*\): 300 \[workload big: 300 peak pods \(maxReplicas 300\)\]; .*\/small .*: 10 .*; .*network podCapacity .*: 4/,
    );
  });

  test("GIVEN bad numbers THEN the error names the requester and the network", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        network.addPodDemand({ virtualNodes: -1 }, new Construct(scope, "asker"));
      }),
    ).toThrow(/asker: pod demand on .*network: virtualNodes: -1 must be a whole number ≥ 0/);
  });
});
