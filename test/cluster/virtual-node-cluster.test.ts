import { Construct } from "constructs";
import { Network, NetworkProps } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../../lib/cluster/virtual-node-cluster";
import { TEST_COMPARTMENT, TEST_REGION, refName, resourcesOf, synthOci } from "../support/synth";

const KEY = { keyId: "ocid1.key.oc1..etcdkey", compartmentId: "ocid1.compartment.oc1..security" };
const TENANCY = "ocid1.tenancy.oc1..tenancy";

function build(
  scope: Construct,
  clusterProps: Partial<VirtualNodeClusterProps> = {},
  networkProps: Partial<NetworkProps> = {},
): VirtualNodeCluster {
  const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, ...networkProps });
  return new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION, ...clusterProps });
}

function synthCluster(clusterProps: Partial<VirtualNodeClusterProps> = {}, after?: (c: VirtualNodeCluster, scope?: Construct) => void) {
  let cluster!: VirtualNodeCluster;
  const out = synthOci((scope) => {
    cluster = build(scope, clusterProps);
    after?.(cluster, scope);
  });
  const [clusterResource] = Object.values(resourcesOf(out.tf, "oci_containerengine_cluster"));
  return { ...out, cluster, clusterResource };
}

describe("VirtualNodeCluster", () => {
  test("THEN an enhanced cluster with VCN-native pod networking, endpoint in the API subnet behind the API NSG", () => {
    const { clusterResource, tf } = synthCluster();
    expect(clusterResource).toMatchObject({
      type: "ENHANCED_CLUSTER",
      cluster_pod_network_options: [{ cni_type: "OCI_VCN_IP_NATIVE" }],
      kubernetes_version: "v1.34.1",
      compartment_id: TEST_COMPARTMENT,
      endpoint_config: { is_public_ip_enabled: false },
      options: {
        kubernetes_network_config: { pods_cidr: "10.244.0.0/16", services_cidr: "10.96.0.0/16" },
        open_id_connect_discovery: { is_open_id_connect_discovery_enabled: false },
      },
    });
    const subnets = resourcesOf(tf, "oci_core_subnet");
    const nsgs = resourcesOf(tf, "oci_core_network_security_group");
    expect(subnets[refName(clusterResource.endpoint_config.subnet_id)].dns_label).toBe("api");
    expect(clusterResource.endpoint_config.nsg_ids.map((id: string) => nsgs[refName(id)].display_name)).toEqual(["oke-vn-api-nsg"]);
    expect(clusterResource.options.service_lb_subnet_ids.map((id: string) => subnets[refName(id)].dns_label)).toEqual(["lb"]);
    expect(clusterResource.kms_key_id).toBeUndefined();
    expect(resourcesOf(tf, "oci_identity_policy")).toEqual({});
  });

  test("GIVEN a secrets key THEN kms_key_id is set and the §2.2 policy, in the key's compartment, comes first", () => {
    const { clusterResource, tf } = synthCluster({ secretsEncryptionKey: KEY });
    expect(clusterResource.kms_key_id).toBe("ocid1.key.oc1..etcdkey");
    const policies = resourcesOf(tf, "oci_identity_policy");
    const [[policyName, policy]] = Object.entries(policies);
    expect(policy.compartment_id).toBe("ocid1.compartment.oc1..security");
    expect(policy.statements).toEqual([
      "Allow any-user to use keys in compartment id ocid1.compartment.oc1..security where ALL {request.principal.type = 'cluster', target.key.id = 'ocid1.key.oc1..etcdkey'}",
    ]);
    expect(clusterResource.depends_on).toEqual([`oci_identity_policy.${policyName}`]);
  });

  test("GIVEN the key policy exists already THEN none is created", () => {
    const { tf, clusterResource } = synthCluster({ secretsEncryptionKey: KEY, createSecretsEncryptionPolicy: false });
    expect(resourcesOf(tf, "oci_identity_policy")).toEqual({});
    expect(clusterResource.kms_key_id).toBe("ocid1.key.oc1..etcdkey");
  });

  test("GIVEN createVirtualNodePolicy THEN Oracle's endorse statements in the tenancy, before the cluster", () => {
    const { tf, clusterResource } = synthCluster({ tenancyId: TENANCY, createVirtualNodePolicy: true });
    const [[name, policy]] = Object.entries(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.compartment_id).toBe(TENANCY);
    expect(policy.statements).toEqual([
      "define tenancy ske as ocid1.tenancy.oc1..aaaaaaaacrvwsphodcje6wfbc3xsixhzcan5zihki6bvc7xkwqds4tqhzbaq",
      "define compartment ske_compartment as ocid1.compartment.oc1..aaaaaaaa2bou6r766wmrh5zt3vhu2rwdya7ahn4dfdtwzowb662cmtdc5fea",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with subnets in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with vnics in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with network-security-group in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance'}",
    ]);
    expect(clusterResource.depends_on).toEqual([`oci_identity_policy.${name}`]);
  });

  test("GIVEN a public API subnet THEN the endpoint gets a public IP and the kubeconfig command says so", () => {
    let cluster!: VirtualNodeCluster;
    const { tf } = synthOci((scope) => {
      cluster = build(scope, {}, { subnets: { api: { public: true } }, apiClientCidrs: ["203.0.113.0/24"] });
    });
    const [resource] = Object.values(resourcesOf(tf, "oci_containerengine_cluster"));
    expect(resource.endpoint_config.is_public_ip_enabled).toBe(true);
    expect(cluster.kubeconfigCommand).toMatch(
      /^oci ce cluster create-kubeconfig --cluster-id \$\{TfToken\[TOKEN\.\d+\]\} --file \$HOME\/\.kube\/config --region eu-frankfurt-1 --token-version 2\.0\.0 --kube-endpoint PUBLIC_ENDPOINT$/,
    );
  });

  test("GIVEN OIDC discovery and image verification THEN both are configured", () => {
    const { clusterResource } = synthCluster({ openIdConnectDiscovery: true, imageVerificationKeyIds: ["ocid1.key.oc1..sign"] });
    expect(clusterResource.options.open_id_connect_discovery).toEqual({ is_open_id_connect_discovery_enabled: true });
    expect(clusterResource.image_policy_config).toEqual({ is_policy_enabled: true, key_details: [{ kms_key_id: "ocid1.key.oc1..sign" }] });
  });
});

describe("VirtualNodeCluster workload identity", () => {
  test("GIVEN a grant in the cluster's compartment THEN the §2.3 statement and no workload mapping", () => {
    const { tf } = synthCluster({}, (cluster) => {
      const app = cluster.workloadIdentity("shop", "shop-api");
      cluster.grant(app, { verb: "read", resourceType: "objects", location: { compartmentId: TEST_COMPARTMENT }, conditions: ["target.bucket.name = 'uploads'"] });
    });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    const clusterName = Object.keys(resourcesOf(tf, "oci_containerengine_cluster"))[0];
    expect(policy.compartment_id).toBe(TEST_COMPARTMENT);
    expect(policy.statements).toEqual([
      `Allow any-user to read objects in compartment id ${TEST_COMPARTMENT} where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'shop-api', request.principal.cluster_id = '\${oci_containerengine_cluster.${clusterName}.id}', target.bucket.name = 'uploads'}`,
    ]);
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN grants in another compartment THEN policies there and no workload mapping", () => {
    const other = "ocid1.compartment.oc1..data";
    const { tf } = synthCluster({}, (cluster) => {
      const app = cluster.workloadIdentity("shop", "shop-api");
      cluster.grant(app, { verb: "read", resourceType: "objects", location: { compartmentId: other } });
      cluster.grant(app, { verb: "read", resourceType: "buckets", location: { compartmentId: other } });
    });
    expect(Object.values(resourcesOf(tf, "oci_identity_policy")).map((p) => p.compartment_id)).toEqual([other, other]);
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN mapNamespace THEN one workload mapping on the cluster", () => {
    const other = "ocid1.compartment.oc1..data";
    const { tf } = synthCluster({}, (cluster) => cluster.mapNamespace(cluster, "shop", other));
    expect(Object.values(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping"))).toEqual([
      { cluster_id: expect.stringMatching(/^\$\{oci_containerengine_cluster\.\w+\.id\}$/), namespace: "shop", mapped_compartment_id: other },
    ]);
  });

  test("GIVEN a vault in another compartment WHEN it grants a secret to a workload THEN §2.3 statements with the cluster's id there", () => {
    const security = "ocid1.compartment.oc1..security";
    const { tf } = synthCluster({}, (cluster) => {
      const vault = new SecretsVault(cluster, "vault", { compartmentId: security });
      vault.grantSecretRead(cluster.workloadIdentity("shop", "external-secrets"), vault.addSecret("db-password"));
    });
    const clusterRef = `\${oci_containerengine_cluster.${Object.keys(resourcesOf(tf, "oci_containerengine_cluster"))[0]}.id}`;
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.compartment_id).toBe(security);
    expect(policy.statements).toHaveLength(2); // read secret-bundles, read vaults
    for (const statement of policy.statements) {
      expect(statement).toContain(
        `where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'external-secrets', request.principal.cluster_id = '${clusterRef}', target.`,
      );
    }
    expect(resourcesOf(tf, "oci_containerengine_cluster_workload_mapping")).toEqual({});
  });

  test("GIVEN the same grant twice THEN one policy; a different grant with the same purpose fails", () => {
    const { tf } = synthCluster({}, (cluster) => {
      const app = cluster.workloadIdentity("shop", "shop-api");
      const grant = { verb: "read" as const, resourceType: "objects", location: { compartmentId: TEST_COMPARTMENT } };
      expect(cluster.grant(app, grant)).toBe(cluster.grant(app, grant));
      expect(() => cluster.grant(app, { ...grant, conditions: ["target.bucket.name = 'x'"] })).toThrow(
        'a different grant named "read-objects" exists for shop/shop-api; give this grant its own name',
      );
      cluster.grant(app, { ...grant, conditions: ["target.bucket.name = 'x'"], purpose: "read-x" });
    });
    expect(Object.values(resourcesOf(tf, "oci_identity_policy")).map((p) => p.name.replace(/-[0-9a-z]+$/, "")).sort()).toEqual([
      "oke-vn-cluster-shop-shop-api-read-objects",
      "oke-vn-cluster-shop-shop-api-read-x",
    ]);
  });

  test("GIVEN a workload of another cluster THEN the grant is refused", () => {
    expect(() =>
      synthCluster({}, (cluster, scope) => {
        const other = VirtualNodeCluster.fromExisting(scope!, "other", { clusterId: "ocid1.cluster.oc1..other", compartmentId: TEST_COMPARTMENT, region: TEST_REGION });
        cluster.grant(other.workloadIdentity("shop", "a"), { verb: "read", resourceType: "objects", location: { compartmentId: TEST_COMPARTMENT } });
      }),
    ).toThrow("shop/a is a workload of another cluster; grant through that cluster");
  });

  test("GIVEN a grant in tenancy without tenancyId THEN a clear error", () => {
    expect(() =>
      synthCluster({}, (cluster) =>
        cluster.grant(cluster.workloadIdentity("shop", "shop-api"), { verb: "read", resourceType: "public-ips", location: "tenancy" }),
      ),
    ).toThrow("a grant in tenancy needs tenancyId");
  });

  test("GIVEN a namespace Kubernetes rejects THEN a clear error", () => {
    expect(() => synthCluster({}, (cluster) => cluster.workloadIdentity("Shop", "api"))).toThrow(
      'namespace: "Shop" is not a valid Kubernetes name',
    );
  });
});

describe("VirtualNodeCluster bad input", () => {
  test.each([
    [{ kubernetesVersion: "1.30" }, 'kubernetesVersion: "1.30" is not of the form vX.Y.Z'],
    [{ kubernetesVersion: "v1.27.2" }, "kubernetesVersion: v1.27.2 is older than v1.28"],
    [{ podsCidr: "10.0.0.0/20" }, "podsCidr 10.0.0.0/20 overlaps the VCN 10.0.0.0/16"],
    [{ servicesCidr: "10.0.128.0/20" }, "servicesCidr 10.0.128.0/20 overlaps the VCN 10.0.0.0/16"],
    [{ podsCidr: "10.96.0.0/12", servicesCidr: "10.96.0.0/16" }, "podsCidr 10.96.0.0/12 overlaps servicesCidr 10.96.0.0/16"],
    [{ servicesCidr: "10.96.0.1/16" }, 'servicesCidr: "10.96.0.1/16" has host bits set'],
    [{ publicEndpoint: true }, "publicEndpoint is true but the API subnet is private"],
    [{ createVirtualNodePolicy: true }, "createVirtualNodePolicy needs tenancyId"],
    [{ placement: [{ availabilityDomain: "AD-1", faultDomains: ["FD-1"] }] }, 'placement AD-1: "FD-1" is not a fault domain'],
  ])("GIVEN %j THEN a clear error", (props, message) => {
    expect(() => synthCluster(props as Partial<VirtualNodeClusterProps>)).toThrow(message);
  });

  test("GIVEN no region and no OciStack THEN a clear error", () => {
    expect(() =>
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        new VirtualNodeCluster(scope, "cluster", { network });
      }),
    ).toThrow("region is required when the cluster is not inside an OciStack");
  });
});

describe("VirtualNodeCluster in realms other than oc1", () => {
  const LANGLEY_COMPARTMENT = "ocid1.compartment.oc2..aaaaaaaaapps";
  const LANGLEY_TENANCY = "ocid1.tenancy.oc2..aaaaaaaatenancy";
  const inLangley = (props: Partial<VirtualNodeClusterProps>) =>
    synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: LANGLEY_COMPARTMENT });
      new VirtualNodeCluster(scope, "cluster", { network, region: "us-langley-1", ...props });
    });

  test("GIVEN a tenancy OCID of another realm THEN an error naming tenancyId and both realms", () => {
    expect(() => inLangley({ tenancyId: TENANCY })).toThrow(
      'tenancyId: "ocid1.tenancy.oc1..tenancy" is an OCID of realm oc1, but region us-langley-1 is in realm oc2',
    );
  });

  test("GIVEN a compartment OCID of another realm THEN an error naming compartmentId", () => {
    expect(() => synthCluster({ compartmentId: LANGLEY_COMPARTMENT })).toThrow(
      'compartmentId: "ocid1.compartment.oc2..aaaaaaaaapps" is an OCID of realm oc2, but region eu-frankfurt-1 is in realm oc1',
    );
  });

  test("GIVEN createVirtualNodePolicy in oc2 without the service OCIDs THEN an error naming virtualNodePolicyServiceIds", () => {
    expect(() => inLangley({ tenancyId: LANGLEY_TENANCY, createVirtualNodePolicy: true })).toThrow(
      /^stack\/cluster: createVirtualNodePolicy: the library knows the OKE service OCIDs of the virtual-node policy for realm oc1 only, and region us-langley-1 is in realm oc2; give virtualNodePolicyServiceIds \{ tenancyId, compartmentId \}/,
    );
  });

  test("GIVEN the realm's service OCIDs THEN the policy defines ske with them, not oc1's", () => {
    const service = { tenancyId: "ocid1.tenancy.oc2..aaaaaaaaokeservice", compartmentId: "ocid1.compartment.oc2..aaaaaaaaokeservice" };
    const { tf } = inLangley({ tenancyId: LANGLEY_TENANCY, createVirtualNodePolicy: true, virtualNodePolicyServiceIds: service });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy")).filter((p) => p.compartment_id === LANGLEY_TENANCY);
    expect(policy.statements.slice(0, 2)).toEqual([
      "define tenancy ske as ocid1.tenancy.oc2..aaaaaaaaokeservice",
      "define compartment ske_compartment as ocid1.compartment.oc2..aaaaaaaaokeservice",
    ]);
    expect(policy.statements.join("\n")).not.toContain(".oc1.");
    expect(policy.statements).toHaveLength(5);
  });
});
