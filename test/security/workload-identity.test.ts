import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { WorkloadIdentity } from "../../lib/security/workload-identity";
import { TEST_COMPARTMENT, TEST_REGION, resourcesOf, synthOci } from "../support/synth";

const CLUSTER = "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaatestcluster";
const OTHER = "ocid1.compartment.oc1..aaaaaaaaother";
const STATEMENT = "Allow any-user to read buckets in tenancy where all {request.principal.type = 'workload'}";

describe("WorkloadIdentity", () => {
  test("GIVEN a policy THEN it is written under the principal, named after cluster, namespace, service account and purpose", () => {
    let path = "";
    const { tf } = synthOci((scope) => {
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
      const who = new WorkloadIdentity(scope, "shop-api", { cluster, namespace: "shop", serviceAccount: "shop-api" });
      path = who.addPolicy("read-buckets", { compartmentId: TEST_COMPARTMENT, purpose: "read-buckets", description: "d", statements: [STATEMENT] }).node.path;
    });
    expect(path).toMatch(/\/shop-api\/read-buckets$/);
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy).toMatchObject({ compartment_id: TEST_COMPARTMENT, statements: [STATEMENT] });
    expect(policy.name).toMatch(/^oke-vn-cluster-shop-shop-api-read-buckets-[0-9a-z]{1,6}$/);
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN the same policy twice THEN one; GIVEN other statements under the same name THEN a clear error", () => {
    synthOci((scope) => {
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
      const who = cluster.workloadIdentity("shop", "shop-api");
      const options = { compartmentId: TEST_COMPARTMENT, purpose: "p", description: "d", statements: [STATEMENT] };
      expect(who.addPolicy("p", options)).toBe(who.addPolicy("p", options));
      expect(() => who.addPolicy("p", { ...options, statements: ["other"] })).toThrow(
        'a different grant named "p" exists for shop/shop-api; give this grant its own name',
      );
    });
  });

  test("GIVEN policies in another compartment THEN no workload mapping: Oracle's statements match wherever the policy is", () => {
    const { tf } = synthOci((scope) => {
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
      cluster.workloadIdentity("shop", "a").addPolicy("p", { compartmentId: OTHER, purpose: "p", description: "d", statements: [STATEMENT] });
    });
    expect(Object.values(resourcesOf(tf, "oci_identity_policy"))[0].compartment_id).toBe(OTHER);
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN a namespace mapped twice to one compartment THEN one mapping, under the construct that asked first", () => {
    let path = "";
    const { tf } = synthOci((scope) => {
      const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
      const team = new WorkloadIdentity(scope, "team", { cluster, namespace: "shop", serviceAccount: "a" });
      cluster.mapNamespace(team, "shop", OTHER);
      cluster.mapNamespace(scope, "shop", OTHER);
      path = team.node.findAll().find((c) => c.node.id === "workload-mapping-shop")!.node.path;
    });
    expect(path).toBe("stack/team/workload-mapping-shop");
    expect(Object.values(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping"))).toEqual([
      { cluster_id: CLUSTER, namespace: "shop", mapped_compartment_id: OTHER },
    ]);
  });

  test("GIVEN one namespace mapped to two compartments THEN synth fails: a mapping has one compartment per namespace", () => {
    expect(() =>
      synthOci((scope) => {
        const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
        cluster.mapNamespace(scope, "shop", OTHER);
        cluster.mapNamespace(scope, "shop", "ocid1.compartment.oc1..aaaaaaaathird");
      }),
    ).toThrow(
      `namespace "shop" is mapped to compartment ${OTHER} already (by stack); a workload mapping has one compartment per namespace, so it cannot be mapped to ocid1.compartment.oc1..aaaaaaaathird too`,
    );
  });

  test.each([
    [{ namespace: "Shop_NS", serviceAccount: "a" }, 'namespace: "Shop_NS" is not a valid Kubernetes name'],
    [{ namespace: "shop", serviceAccount: "Shop API" }, 'serviceAccount: "Shop API" is not a valid Kubernetes name'],
    [{ namespace: "n".repeat(64), serviceAccount: "a" }, `namespace: "${"n".repeat(64)}" is not a valid Kubernetes name`],
  ])("GIVEN %j THEN a clear error", (names, message) => {
    expect(() =>
      synthOci((scope) => {
        const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", { clusterId: CLUSTER, compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
        new WorkloadIdentity(scope, "who", { cluster, ...names });
      }),
    ).toThrow(message);
  });
});
