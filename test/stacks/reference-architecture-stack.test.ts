import { Testing } from "../../lib/cdktf";
import { ReferenceArchitectureStack, ReferenceArchitectureStackProps } from "../../lib/stacks/reference-architecture-stack";
import { expectOciSchemaValid } from "../support/schema-gate";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf } from "../support/synth";

function synthReference(props: Partial<ReferenceArchitectureStackProps> = {}) {
  const stack = new ReferenceArchitectureStack(Testing.app(), "reference", {
    region: TEST_REGION,
    compartmentId: TEST_COMPARTMENT,
    ...props,
  });
  stack.prepareStack();
  const json = Testing.synth(stack, true);
  return { stack, json, tf: JSON.parse(json) as TfJson };
}

describe("ReferenceArchitectureStack", () => {
  const { json, tf } = synthReference();

  test("THEN every OCI block passes the schema gate, pinned to oracle/oci ~> 7.12", () => {
    expectOciSchemaValid(json);
    expect(tf.terraform.required_providers.oci).toEqual({ source: "oracle/oci", version: "~> 7.12" });
    expect(tf.terraform.backend).toEqual({ local: { path: "../../../terraform.reference.tfstate" } });
  });

  test("THEN it holds network, vault, database, cluster and one node pool", () => {
    const counts = Object.fromEntries(Object.entries(tf.resource).map(([type, r]) => [type, Object.keys(r).length]));
    expect(counts).toMatchObject({
      oci_core_vcn: 1,
      oci_core_subnet: 4,
      oci_core_network_security_group: 5,
      oci_logging_log: 4,
      oci_kms_vault: 1,
      oci_kms_key: 1,
      oci_vault_secret: 1,
      oci_mysql_mysql_db_system: 1,
      oci_containerengine_cluster: 1,
      oci_containerengine_virtual_node_pool: 1,
      oci_identity_policy: 2,
    });
  });

  test("THEN the cluster's etcd secrets use the vault key, with the key policy first", () => {
    const [[keyName]] = Object.entries(resourcesOf(tf, "oci_kms_key"));
    const [cluster] = Object.values(resourcesOf(tf, "oci_containerengine_cluster"));
    const [[policyName, policy]] = Object.entries(resourcesOf(tf, "oci_identity_policy"));
    expect(cluster.kms_key_id).toBe(`\${oci_kms_key.${keyName}.id}`);
    expect(cluster.depends_on).toEqual([`oci_identity_policy.${policyName}`]);
    expect(policy.statements).toEqual([
      `Allow any-user to use keys in compartment id ${TEST_COMPARTMENT} where ALL {request.principal.type = 'cluster', target.key.id = '\${oci_kms_key.${keyName}.id}'}`,
    ]);
  });

  test("THEN the pod subnet plan holds the pool and the system pods", () => {
    const { stack } = synthReference({ nodePool: { size: 3, expectedWorkloads: [{ name: "app", maxReplicas: 10 }] } });
    expect(stack.network.capacityReport()).toEqual([
      expect.objectContaining({ subnet: "nodes", usableIps: 8189, fits: true, required: expect.objectContaining({ virtualNodes: 3, workloadPods: 13, systemPods: 7, total: 29 }) }),
    ]);
  });

  test("THEN the outputs name the cluster, its endpoint, the kubeconfig command and the database", () => {
    expect(Object.keys(tf.output!).sort()).toEqual([
      "api_subnet_id",
      "cluster_id",
      "db_subnet_id",
      "kubeconfig_command",
      "kubernetes_api_endpoint",
      "lb_subnet_id",
      "mysql_admin_username",
      "mysql_endpoint",
      "mysql_password_secret_id",
      "nodes_subnet_id",
      "pods_subnet_id",
      "vault_id",
      "vcn_id",
    ]);
    expect(tf.output!.kubeconfig_command.value).toMatch(
      /^oci ce cluster create-kubeconfig --cluster-id \$\{oci_containerengine_cluster\.[\w-]+\.id\} --file \$HOME\/\.kube\/config --region eu-frankfurt-1 --token-version 2\.0\.0 --kube-endpoint PRIVATE_ENDPOINT$/,
    );
    expect(tf.output!.kubernetes_api_endpoint.value).toMatch(/endpoints\[0\]\.private_endpoint\}$/);
  });

  test("THEN no password value appears anywhere", () => {
    const [db] = Object.values(resourcesOf(tf, "oci_mysql_mysql_db_system"));
    expect(db.admin_password).toMatch(/^\$\{random_password\.[\w-]+\.result\}$/);
    expect(json).not.toMatch(/"result"\s*:/);
  });

  test("THEN the whole stack matches the snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});
