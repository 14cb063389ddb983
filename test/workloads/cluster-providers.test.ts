import { Construct } from "constructs";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { helmProviderFor, kubernetesProviderFor } from "../../lib/workloads/cluster-providers";
import { TEST_COMPARTMENT, TEST_REGION, synthApp } from "../support/synth";
import { OciStack } from "../../lib/stacks/oci-stack";

describe("kubernetesProviderFor and helmProviderFor", () => {
  test("GIVEN two requests in one stack for one cluster THEN one provider each kind; another stack gets its own", () => {
    let seen: Record<string, unknown> = {};
    const { stacks } = synthApp((app) => {
      const platform = new OciStack(app, "platform", { region: TEST_REGION });
      const network = new Network(platform, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = new VirtualNodeCluster(platform, "cluster", { network, region: TEST_REGION });
      const apps = new OciStack(app, "apps", { region: TEST_REGION });
      const a = kubernetesProviderFor(new Construct(apps, "a"), cluster);
      const b = kubernetesProviderFor(new Construct(apps, "b"), cluster);
      const h = helmProviderFor(new Construct(apps, "c"), cluster);
      const other = kubernetesProviderFor(new Construct(new OciStack(app, "more", { region: TEST_REGION }), "d"), cluster);
      seen = { a, b, h, other };
    });
    expect(seen.a).toBe(seen.b);
    expect(seen.other).not.toBe(seen.a);
    expect((stacks.apps as any).provider.kubernetes).toHaveLength(1);
    expect((stacks.apps as any).provider.helm).toHaveLength(1);
    expect((stacks.apps as any).provider.kubernetes[0].alias).toBeUndefined();
    // Configured from the cluster's kubeconfig, read in the requesting stack.
    expect(Object.keys((stacks.apps as any).data.oci_containerengine_cluster_kube_config)).toHaveLength(1);
  });

  test("GIVEN a second cluster in the same stack THEN its provider has an alias", () => {
    const { stacks } = synthApp((app) => {
      const platform = new OciStack(app, "platform", { region: TEST_REGION });
      const network = new Network(platform, "network", { compartmentId: TEST_COMPARTMENT });
      const blue = VirtualNodeCluster.fromExisting(platform, "blue", { clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaablue", compartmentId: TEST_COMPARTMENT, region: TEST_REGION, network });
      const green = VirtualNodeCluster.fromExisting(platform, "green", { clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaagreen", compartmentId: TEST_COMPARTMENT, region: TEST_REGION, network });
      const apps = new OciStack(app, "apps", { region: TEST_REGION });
      kubernetesProviderFor(apps, blue);
      kubernetesProviderFor(apps, green);
    });
    const providers = (stacks.apps as any).provider.kubernetes as { alias?: string }[];
    expect(providers).toHaveLength(2);
    expect(providers.map((p) => p.alias === undefined).sort()).toEqual([false, true]);
    expect(providers.find((p) => p.alias)!.alias).toMatch(/^cluster-[0-9a-z]+$/);
  });
});
