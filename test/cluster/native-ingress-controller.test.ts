import { Construct } from "constructs";
import { NativeIngressControllerOptions } from "../../lib/cluster/native-ingress-controller";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { TEST_COMPARTMENT, TEST_REGION, refName, resourcesOf, synthOci } from "../support/synth";

const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatenancy";

function synthNic(options: NativeIngressControllerOptions = {}, clusterProps: Partial<VirtualNodeClusterProps> = {}) {
  let network!: Network;
  let warnings: string[] = [];
  const out = synthOci((scope: Construct) => {
    network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION, tenancyId: TENANCY, ...clusterProps });
    const nic = cluster.addNativeIngressController(options);
    warnings = nic.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data as string);
  });
  const addons = Object.entries(resourcesOf(out.tf, "oci_containerengine_addon"));
  const addon = (name: string) => addons.find(([, a]) => a.addon_name === name)!;
  return { ...out, network, addon, warnings };
}

const who = (clusterRef: string) =>
  `where all {request.principal.type = 'workload', request.principal.namespace = 'native-ingress-controller-system', request.principal.service_account = 'oci-native-ingress-controller', request.principal.cluster_id = '${clusterRef}'}`;

describe("VirtualNodeCluster.addNativeIngressController", () => {
  const { tf, addon, network, warnings } = synthNic({}, { tenancyId: TENANCY });
  const [clusterName] = Object.keys(resourcesOf(tf, "oci_containerengine_cluster"));
  const clusterRef = `\${oci_containerengine_cluster.${clusterName}.id}`;

  test("THEN the CertManager add-on with requests = limits on its three containers", () => {
    const [, certManager] = addon("CertManager");
    const resources = '{"limits":{"cpu":"250m","memory":"512Mi"},"requests":{"cpu":"250m","memory":"512Mi"}}';
    expect(certManager).toEqual({
      cluster_id: clusterRef,
      addon_name: "CertManager",
      remove_addon_resources_on_delete: true,
      configurations: [
        { key: "numOfReplicas", value: "1" },
        { key: "cert-manager-controller.ContainerResources", value: resources },
        { key: "cert-manager-webhook.ContainerResources", value: resources },
        { key: "cert-manager-cainjector.ContainerResources", value: resources },
      ],
    });
  });

  test("THEN NativeIngressController after CertManager and its policies: workload identity, LB subnet, compartment, 2 replicas, requests = limits", () => {
    const [certName] = addon("CertManager");
    const [, nic] = addon("NativeIngressController");
    const subnets = resourcesOf(tf, "oci_core_subnet");
    const config = Object.fromEntries(nic.configurations.map((c: { key: string; value: string }) => [c.key, c.value]));
    expect(config).toEqual({
      compartmentId: TEST_COMPARTMENT,
      loadBalancerSubnetId: expect.stringMatching(/^\$\{oci_core_subnet\./),
      authType: "workloadIdentity",
      numOfReplicas: "2",
      "oci-native-ingress-controller.ContainerResources": '{"limits":{"cpu":"250m","memory":"512Mi"},"requests":{"cpu":"250m","memory":"512Mi"}}',
    });
    expect(subnets[refName(config.loadBalancerSubnetId)].dns_label).toBe("lb");
    expect(nic.depends_on).toContain(`oci_containerengine_addon.${certName}`);
    expect(nic.depends_on.filter((d: string) => d.startsWith("oci_identity_policy."))).toHaveLength(2);
  });

  test("THEN the controller's service account gets Oracle's statements: compartment ones and the tenancy ones", () => {
    const policies = Object.values(resourcesOf(tf, "oci_identity_policy"));
    const inCompartment = policies.find((p) => p.compartment_id === TEST_COMPARTMENT)!;
    const inTenancy = policies.find((p) => p.compartment_id === TENANCY)!;
    const c = `in compartment id ${TEST_COMPARTMENT} ${who(clusterRef)}`;
    expect(inCompartment.statements).toEqual([
      `Allow any-user to manage load-balancers ${c}`,
      `Allow any-user to use virtual-network-family ${c}`,
      `Allow any-user to manage cabundles ${c}`,
      `Allow any-user to manage cabundle-associations ${c}`,
      `Allow any-user to manage leaf-certificates ${c}`,
      `Allow any-user to manage leaf-certificate-versions ${c}`,
      `Allow any-user to read leaf-certificate-bundles ${c}`,
      `Allow any-user to manage certificate-associations ${c}`,
      `Allow any-user to read certificate-authorities ${c}`,
      `Allow any-user to manage certificate-authority-associations ${c}`,
      `Allow any-user to read certificate-authority-bundles ${c}`,
      `Allow any-user to manage waf-family ${c}`,
      `Allow any-user to read cluster-family ${c}`,
    ]);
    expect(inTenancy.statements).toEqual([
      `Allow any-user to read public-ips in tenancy ${who(clusterRef)}`,
      `Allow any-user to manage floating-ips in tenancy ${who(clusterRef)}`,
    ]);
    expect(warnings).toEqual([]);
  });

  test("THEN cert-manager's three pods and the two controller replicas join the capacity plan", () => {
    // 4 unregistered system pods; no pool, so no CoreDNS.
    expect(network.capacityReport()[0].required.systemPods).toBe(4 + 3 + 2);
  });

  test("GIVEN no tenancy THEN an error naming tenancyId (the controller cannot create its load balancer without the tenancy statements)", () => {
    expect(() => synthNic({}, { tenancyId: undefined })).toThrow(
      "stack/cluster/native-ingress: the native ingress controller needs 'read public-ips' and 'manage floating-ips' in the tenancy, and the cluster has no tenancyId; " +
        "give the cluster (or PlatformStack) tenancyId, or set nativeIngressController createPolicies: false",
    );
  });

  test("GIVEN the tenancy as the cluster's compartment and no tenancyId THEN the tenancy statements are attached there", () => {
    const out = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TENANCY });
      new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION }).addNativeIngressController();
    });
    const tenancyPolicy = Object.values(resourcesOf(out.tf, "oci_identity_policy")).find((p) => p.statements.some((st: string) => st.includes("floating-ips")));
    expect(tenancyPolicy.compartment_id).toBe(TENANCY);
    expect(tenancyPolicy.statements.map((st: string) => st.split(" where ")[0])).toEqual([
      "Allow any-user to read public-ips in tenancy",
      "Allow any-user to manage floating-ips in tenancy",
    ]);
  });

  test("GIVEN no tenancy but createPolicies false THEN the add-ons without policies", () => {
    const out = synthNic({ createPolicies: false }, { tenancyId: undefined });
    expect(resourcesOf(out.tf, "oci_identity_policy")).toEqual({});
  });

  test("GIVEN load balancers in another compartment THEN their statements go there, the cluster read stays with the cluster", () => {
    const lbCompartment = "ocid1.compartment.oc1..aaaaaaaalbs";
    const out = synthNic({ loadBalancerCompartmentId: lbCompartment, replicas: 3, resources: { cpu: "500m", memory: "1Gi" } });
    const policies = Object.values(resourcesOf(out.tf, "oci_identity_policy"));
    expect(policies.map((p) => [p.compartment_id, p.statements.length]).sort()).toEqual([
      [lbCompartment, 12],
      [TEST_COMPARTMENT, 1],
      [TENANCY, 2],
    ]);
    const config = Object.fromEntries(out.addon("NativeIngressController")[1].configurations.map((c: { key: string; value: string }) => [c.key, c.value]));
    expect(config).toMatchObject({ compartmentId: lbCompartment, numOfReplicas: "3" });
    expect(resourcesOf(out.tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN createPolicies false THEN the add-ons only", () => {
    const out = synthNic({ createPolicies: false });
    expect(resourcesOf(out.tf, "oci_identity_policy")).toEqual({});
    expect(out.addon("NativeIngressController")[1].depends_on).toHaveLength(1);
  });

  test.each<[NativeIngressControllerOptions, string]>([
    [{ replicas: 0 }, "nativeIngressController.replicas: 0 is not allowed; use 1–10"],
    [{ namespace: "NIC" }, 'nativeIngressController.namespace: "NIC" is not a valid Kubernetes name'],
    [{ loadBalancerCompartmentId: "lbs" }, 'loadBalancerCompartmentId: "lbs" is not an OCID'],
  ])("GIVEN %j THEN a clear error", (options, message) => {
    expect(() => synthNic(options)).toThrow(message);
  });

  test("GIVEN it twice THEN a clear error", () => {
    expect(() =>
      synthOci((scope) => {
        const cluster = new VirtualNodeCluster(scope, "cluster", { network: new Network(scope, "n", { compartmentId: TEST_COMPARTMENT }), region: TEST_REGION, tenancyId: TENANCY });
        cluster.addNativeIngressController();
        cluster.addNativeIngressController();
      }),
    ).toThrow("the native ingress controller is added already");
  });
});
