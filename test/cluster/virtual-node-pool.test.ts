import { Network, NetworkProps } from "../../lib/network/network";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { VirtualNodePool, VirtualNodePoolOptions } from "../../lib/cluster/virtual-node-pool";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, refName, resourcesOf, synthOci } from "../support/synth";

const ADS = ["Uocm:EU-FRANKFURT-1-AD-1", "Uocm:EU-FRANKFURT-1-AD-2", "Uocm:EU-FRANKFURT-1-AD-3"];
const ALL_FDS = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"];

function synthPool(
  pool: Partial<VirtualNodePoolOptions> = {},
  options: { network?: Partial<NetworkProps>; placement?: { availabilityDomain: string; faultDomains?: string[] }[] } = {},
) {
  let network!: Network;
  const out = synthOci((scope) => {
    network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, ...options.network });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION, placement: options.placement });
    cluster.addVirtualNodePool("apps", { size: 3, ...pool });
  });
  const [poolResource] = Object.values(resourcesOf(out.tf, "oci_containerengine_virtual_node_pool"));
  return { ...out, network, poolResource };
}

const subnetLabel = (tf: TfJson, ref: string) => resourcesOf(tf, "oci_core_subnet")[refName(ref)].display_name;
const nsgName = (tf: TfJson, ref: string) => resourcesOf(tf, "oci_core_network_security_group")[refName(ref)].display_name;

describe("VirtualNodePool", () => {
  test("GIVEN explicit ADs THEN one placement per AD covering all its fault domains, in the node subnet", () => {
    const { poolResource, tf } = synthPool({}, { placement: ADS.map((availabilityDomain) => ({ availabilityDomain })) });
    expect(poolResource.placement_configurations.map((p: any) => [p.availability_domain, p.fault_domain])).toEqual(
      ADS.map((ad) => [ad, ALL_FDS]),
    );
    for (const p of poolResource.placement_configurations) {
      expect(subnetLabel(tf, p.subnet_id)).toBe("oke-vn-nodes-pods-subnet");
    }
    expect(poolResource.dynamic).toBeUndefined();
  });

  test("GIVEN a pool's own placement THEN it overrides the cluster's", () => {
    const { poolResource } = synthPool(
      { placement: [{ availabilityDomain: ADS[1], faultDomains: ["FAULT-DOMAIN-2"] }] },
      { placement: ADS.map((availabilityDomain) => ({ availabilityDomain })) },
    );
    expect(poolResource.placement_configurations).toEqual([
      { availability_domain: ADS[1], fault_domain: ["FAULT-DOMAIN-2"], subnet_id: expect.any(String) },
    ]);
  });

  test("GIVEN no placement THEN every AD of the region × its fault domains, from data sources", () => {
    const { poolResource, tf } = synthPool();
    expect(poolResource.placement_configurations).toBeUndefined();
    const dynamic = poolResource.dynamic.placement_configurations;
    const [[fdName, faultDomains]] = Object.entries(tf.data!.oci_identity_fault_domains);
    const [adName] = Object.keys(tf.data!.oci_identity_availability_domains);
    expect(faultDomains.for_each).toBe(
      `\${{ for key, val in data.oci_identity_availability_domains.${adName}.availability_domains: val.name => val }}`,
    );
    expect(faultDomains.availability_domain).toBe("${each.value.name}");
    expect(dynamic).toEqual({
      for_each: `\${data.oci_identity_fault_domains.${fdName}}`,
      iterator: "each",
      content: {
        availability_domain: "${each.value.availability_domain}",
        fault_domain: "${[for fd in each.value.fault_domains : fd.name]}",
        subnet_id: expect.stringContaining("oci_core_subnet"),
      },
    });
  });

  test("THEN virtual nodes sit behind the node NSG, pods in the pod subnet behind the pod NSG", () => {
    const { poolResource, tf } = synthPool({}, { network: { separatePodSubnet: true }, placement: [{ availabilityDomain: ADS[0] }] });
    expect(poolResource.nsg_ids.map((id: string) => nsgName(tf, id))).toEqual(["oke-vn-nodes-nsg"]);
    expect(subnetLabel(tf, poolResource.placement_configurations[0].subnet_id)).toBe("oke-vn-nodes-subnet");
    expect(poolResource.pod_configuration.shape).toBe("Pod.Standard.E4.Flex");
    expect(subnetLabel(tf, poolResource.pod_configuration.subnet_id)).toBe("oke-vn-pods-subnet");
    expect(poolResource.pod_configuration.nsg_ids.map((id: string) => nsgName(tf, id))).toEqual(["oke-vn-pods-nsg"]);
  });

  test("GIVEN labels, taints, tags and a shape THEN they are set on the pool", () => {
    const { poolResource } = synthPool({
      podShape: "Pod.Standard.A1.Flex",
      labels: { "app.kubernetes.io/part-of": "shop" },
      taints: [{ key: "dedicated", value: "shop", effect: "NoSchedule" }],
      virtualNodeTags: { team: "platform" },
    });
    expect(poolResource).toMatchObject({
      size: 3,
      display_name: "oke-vn-cluster-apps",
      initial_virtual_node_labels: [{ key: "app.kubernetes.io/part-of", value: "shop" }],
      taints: [{ key: "dedicated", value: "shop", effect: "NoSchedule" }],
      virtual_node_tags: { freeform_tags: { team: "platform" } },
      pod_configuration: { shape: "Pod.Standard.A1.Flex" },
    });
  });

  test("GIVEN size and expected workloads THEN they join the network's capacity plan", () => {
    const { network } = synthPool({ size: 5, expectedWorkloads: [{ name: "web", maxReplicas: 40 }] });
    expect(network.capacityReport()[0].required).toMatchObject({ virtualNodes: 5, workloadPods: 50, systemPods: 4 + 5 });
  });

  test("GIVEN more pods than the pod subnet holds THEN synth fails with the numbers", () => {
    expect(() =>
      synthPool(
        { expectedWorkloads: [{ name: "web", maxReplicas: 200 }] },
        { network: { separatePodSubnet: true, subnets: { pods: { prefixLength: 24 } } } },
      ),
    ).toThrow("pods subnet 10.0.2.0/24 has 253 usable IPs but the plan needs 322 (250 peak workload pods + 7 system pods + 65 headroom (25%)); use a /23 or larger (509 usable IPs)");
  });

  test.each([
    [{ size: 0 }, "virtual node pool size: 0 must be a whole number ≥ 1"],
    [{ podShape: "Pod.Standard.E5.Flex" }, 'podShape: "Pod.Standard.E5.Flex" is not a virtual-node pod shape'],
    [{ placement: [{ availabilityDomain: ADS[0], faultDomains: ["FAULT-DOMAIN-9"] }] }, 'pool apps placement Uocm:EU-FRANKFURT-1-AD-1: "FAULT-DOMAIN-9" is not a fault domain'],
    [{ labels: { "bad key": "x" } }, 'pool apps label: "bad key" is not a valid Kubernetes label key'],
    [{ taints: [{ key: "k", effect: "Sometimes" }] }, 'pool apps taint k: "Sometimes" is not a taint effect'],
  ])("GIVEN %j THEN a clear error", (pool, message) => {
    expect(() => synthPool(pool as Partial<VirtualNodePoolOptions>)).toThrow(message);
  });
});

describe("VirtualNodePool on an existing cluster (IVirtualNodeCluster)", () => {
  const CLUSTER_ID = "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaaexisting";

  test("GIVEN VirtualNodeCluster.fromExisting with a network THEN the pool joins that cluster, in its node subnet, with its placement", () => {
    let network!: Network;
    const { tf } = synthOci((scope) => {
      network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", {
        clusterId: CLUSTER_ID,
        compartmentId: TEST_COMPARTMENT,
        region: TEST_REGION,
        network,
        placement: [{ availabilityDomain: ADS[0] }],
      });
      new VirtualNodePool(scope, "extra", { cluster, size: 2 });
    });
    const [pool] = Object.values(resourcesOf(tf, "oci_containerengine_virtual_node_pool"));
    expect(pool.cluster_id).toBe(CLUSTER_ID);
    expect(pool.display_name).toBe("oke-vn-cluster-extra");
    expect(pool.placement_configurations).toEqual([{ availability_domain: ADS[0], fault_domain: ALL_FDS, subnet_id: expect.any(String) }]);
    expect(subnetLabel(tf, pool.placement_configurations[0].subnet_id)).toBe("oke-vn-nodes-pods-subnet");
    expect(nsgName(tf, pool.nsg_ids[0])).toBe("oke-vn-nodes-nsg");
    expect(network.capacityReport()[0].required.virtualNodes).toBe(2);
  });

  test("GIVEN an existing cluster without a network THEN the pool says what to pass", () => {
    expect(() =>
      synthOci((scope) => {
        const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER_ID, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
        new VirtualNodePool(scope, "extra", { cluster, size: 2 });
      }),
    ).toThrow(/extra: cluster .*cluster has no network; pass network to VirtualNodeCluster.fromExisting/);
  });
});
