import { App } from "../../lib/cdktf";
import { ClusterBastion } from "../../lib/cluster/cluster-bastion";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { OciStack } from "../../lib/stacks/oci-stack";
import { TEST_COMPARTMENT, TEST_REGION, refName, resourcesOf, synthOci } from "../support/synth";

const CLUSTER_ID = "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaaexisting";

describe("ClusterBastion", () => {
  test("GIVEN a created cluster THEN a STANDARD bastion in the API subnet, and the API NSG admits only its private endpoint on 6443", () => {
    let bastion!: ClusterBastion;
    const { tf } = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
      bastion = new ClusterBastion(scope, "bastion", { cluster, clientCidrs: ["203.0.113.7/32"] });
    });
    const [b] = Object.values(resourcesOf(tf, "oci_bastion_bastion"));
    expect(b).toMatchObject({ bastion_type: "STANDARD", name: "okevnclusterbastion", client_cidr_block_allow_list: ["203.0.113.7/32"], max_session_ttl_in_seconds: 10800 });
    expect(resourcesOf(tf, "oci_core_subnet")[refName(b.target_subnet_id)].display_name).toBe("oke-vn-api-subnet");
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter(
      (r: any) => r.source_type === "CIDR_BLOCK" && String(r.source).includes("private_endpoint_ip_address"),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ direction: "INGRESS", protocol: "6", tcp_options: { destination_port_range: { min: 6443, max: 6443 } } });
    expect(bastion.tunnelCommand).toContain("host.bastion.eu-frankfurt-1.oci.oraclecloud.com");
  });

  test("GIVEN VirtualNodeCluster.fromExisting with network and apiEndpoint THEN the bastion works for it", () => {
    let bastion!: ClusterBastion;
    const { tf } = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", {
        clusterId: CLUSTER_ID,
        compartmentId: TEST_COMPARTMENT,
        region: TEST_REGION,
        network,
        apiEndpoint: "10.0.0.5:6443",
        name: "shop",
      });
      bastion = new ClusterBastion(scope, "bastion", { cluster, clientCidrs: ["203.0.113.7/32"] });
    });
    expect(Object.values(resourcesOf(tf, "oci_bastion_bastion"))[0].name).toBe("shopbastion");
    expect(bastion.sessionCommand).toContain("--target-port 6443");
  });

  test("GIVEN an existing cluster without apiEndpoint THEN an error naming the bastion and what to pass", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER_ID, compartmentId: TEST_COMPARTMENT, region: TEST_REGION, network });
        new ClusterBastion(scope, "bastion", { cluster, clientCidrs: ["203.0.113.7/32"] });
      }),
    ).toThrow(/bastion: cluster .*cluster has no apiEndpoint; pass network and apiEndpoint/);
  });

  test.each([
    [{ clientCidrs: [] }, "bastion clientCidrs is empty"],
    [{ clientCidrs: ["1.2.3.4/32"], maxSessionTtlSeconds: 60 }, "bastion maxSessionTtlSeconds: 60 is not allowed; use 1800–10800"],
    [{ clientCidrs: ["1.2.3.4/32"], name: "my-bastion" }, 'bastion name: "my-bastion" is not valid'],
    [{ clientCidrs: ["1.2.3.4/32"], localPort: 80 }, "bastion localPort: 80 is not allowed; use 1024–65535"],
  ])("GIVEN %j THEN a clear error", (props, message) => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
        new ClusterBastion(scope, "bastion", { cluster, ...props });
      }),
    ).toThrow(message);
  });
});

describe("cluster region from the stack (no import of lib/stacks)", () => {
  test("GIVEN an OciStack and no region THEN the cluster takes the stack's region", () => {
    const stack = new OciStack(new App(), "s", { region: "us-ashburn-1" });
    const network = new Network(stack, "network", { compartmentId: TEST_COMPARTMENT });
    expect(new VirtualNodeCluster(stack, "cluster", { network }).region).toBe("us-ashburn-1");
  });

  test("GIVEN a plain stack and no region THEN an error naming the cluster", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        new VirtualNodeCluster(scope, "cluster", { network });
      }),
    ).toThrow(/cluster: region is required when the cluster is not inside an OciStack/);
  });
});
