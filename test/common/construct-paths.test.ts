/**
 * Every construct's errors start with its construct path (issue 17, point 5), so a user with
 * several clusters, vaults or stacks knows which one is wrong; the message still names the bad
 * value. One or more triggering bad inputs per construct; paths are fixed by the ids used here.
 */
import { Construct } from "constructs";
import { App, TerraformStack, Testing } from "../../lib/cdktf";
import { Network } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { IamPolicy } from "../../lib/security/iam-policy";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../../lib/cluster/virtual-node-cluster";
import { ClusterBastion } from "../../lib/cluster/cluster-bastion";
import { ClusterAccess } from "../../lib/cluster/cluster-access";
import { OciStack } from "../../lib/stacks/oci-stack";
import { PlatformStack } from "../../lib/stacks/platform-stack";
import { AppStack } from "../../lib/stacks/app-stack";
import { terraformCloudBackend } from "../../lib/stacks/backends";
import { ClusterServicesStack } from "../../lib/stacks/cluster-services-stack";
import { ExistingPlatformAttributes, importPlatform } from "../../lib/stacks/platform";
import { TEST_COMPARTMENT, TEST_REGION } from "../support/synth";

const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatest";
const cluster = (s: Construct, props: Partial<VirtualNodeClusterProps> = {}) =>
  new VirtualNodeCluster(s, "cluster", { network: new Network(s, "network", { compartmentId: TEST_COMPARTMENT }), region: TEST_REGION, ...props });
const vault = (s: Construct) => new SecretsVault(s, "vault", { compartmentId: TEST_COMPARTMENT });
/** A platform import that lacks most outputs: the stack that imports it is named. */
const partialPlatform = (stack: OciStack) =>
  importPlatform(stack, "platform", { compartment_id: TEST_COMPARTMENT, cluster_id: "ocid1.cluster.oc1..c" } as unknown as ExistingPlatformAttributes);

/** [construct, what is wrong, build in stack "s" of a fresh app, expected path, the bad value the message still names] */
const CASES: [string, string, (stack: Construct, app: App) => unknown, string, string][] = [
  ["VirtualNodeCluster", "a Kubernetes version without the v", (s) => cluster(s, { kubernetesVersion: "1.30" }), "s/cluster", 'kubernetesVersion: "1.30"'],
  ["VirtualNodeCluster", "a pods CIDR inside the VCN", (s) => cluster(s, { podsCidr: "10.0.0.0/20" }), "s/cluster", "podsCidr 10.0.0.0/20 overlaps"],
  ["VirtualNodeCluster", "a public endpoint in a private subnet", (s) => cluster(s, { publicEndpoint: true }), "s/cluster", "publicEndpoint is true"],
  ["VirtualNodeCluster", "a cluster name with a space", (s) => cluster(s, { name: "my cluster" }), "s/cluster", '"my cluster"'],
  ["VirtualNodeCluster", "an image key that is a vault", (s) => cluster(s, { imageVerificationKeyIds: ["ocid1.vault.oc1..v"] }), "s/cluster", '"ocid1.vault.oc1..v"'],
  ["VirtualNodeCluster", "the virtual-node policy without the tenancy", (s) => cluster(s, { createVirtualNodePolicy: true }), "s/cluster", "createVirtualNodePolicy needs tenancyId"],
  ["VirtualNodeCluster", "a grant in tenancy without the tenancy", (s) => { const c = cluster(s); c.grant(c.workloadIdentity("shop", "api"), { verb: "read", resourceType: "objects", location: "tenancy" }); }, "s/cluster", "a grant in tenancy needs tenancyId"],
  ["VirtualNodeCluster", "a mapped compartment that is a VCN", (s) => cluster(s).mapNamespace(s, "shop", "ocid1.vcn.oc1..v"), "s/cluster", '"ocid1.vcn.oc1..v"'],
  ["VirtualNodeCluster.fromExisting", "a cluster OCID that is a VCN", (s) => VirtualNodeCluster.fromExisting(s, "existing", { clusterId: "ocid1.vcn.oc1..v", compartmentId: TEST_COMPARTMENT, region: TEST_REGION }), "s/existing", 'clusterId: "ocid1.vcn.oc1..v"'],
  ["VirtualNodeCluster.fromExisting", "a Kubernetes version without the v", (s) => VirtualNodeCluster.fromExisting(s, "existing", { clusterId: "ocid1.cluster.oc1..c", compartmentId: TEST_COMPARTMENT, region: TEST_REGION, kubernetesVersion: "1.30" }), "s/existing", '"1.30"'],
  ["VirtualNodeCluster.fromExisting", "a region of another realm", (s) => VirtualNodeCluster.fromExisting(s, "existing", { clusterId: "ocid1.cluster.oc1..c", compartmentId: TEST_COMPARTMENT, region: "us-langley-1" }), "s/existing", "us-langley-1"],
  ["VirtualNodePool", "a pool of 0 nodes", (s) => cluster(s).addVirtualNodePool("pool", { size: 0 }), "s/cluster/pool", "size: 0"],
  ["VirtualNodePool", "a taint effect Kubernetes lacks", (s) => cluster(s).addVirtualNodePool("pool", { size: 3, taints: [{ key: "dedicated", effect: "Block" as never }] }), "s/cluster/pool", '"Block"'],
  ["VirtualNodePool", "a pod shape virtual nodes lack", (s) => cluster(s).addVirtualNodePool("pool", { size: 3, podShape: "Pod.Standard.E5.Flex" }), "s/cluster/pool", '"Pod.Standard.E5.Flex"'],
  ["ClusterBastion", "no client CIDRs", (s) => new ClusterBastion(s, "bastion", { cluster: cluster(s), clientCidrs: [] }), "s/bastion", "clientCidrs is empty"],
  ["ClusterBastion", "a local port below 1024", (s) => new ClusterBastion(s, "bastion", { cluster: cluster(s), clientCidrs: ["10.9.0.0/24"], localPort: 80 }), "s/bastion", "localPort: 80"],
  ["ClusterBastion", "a client that is not a CIDR", (s) => new ClusterBastion(s, "bastion", { cluster: cluster(s), clientCidrs: ["office"] }), "s/bastion", '"office"'],
  ["NativeIngressController", "20 replicas", (s) => cluster(s, { tenancyId: TENANCY }).addNativeIngressController({ replicas: 20 }), "s/cluster/native-ingress", "replicas: 20"],
  ["NativeIngressController", "a namespace with capitals", (s) => cluster(s, { tenancyId: TENANCY }).addNativeIngressController({ namespace: "Ingress" }), "s/cluster/native-ingress", '"Ingress"'],
  ["ClusterAccess", "a second, different access in one stack", (s) => {
    const c = cluster(s);
    ClusterAccess.of(new Construct(s, "services"), c, { kind: "oci-cli" });
    ClusterAccess.of(new Construct(s, "app"), c, { kind: "kubeconfig", path: "/home/ci/kubeconfig" });
  }, "s/app", '"/home/ci/kubeconfig"'],
  ["SecretsVault", "an unknown vault type", (s) => new SecretsVault(s, "vault", { compartmentId: TEST_COMPARTMENT, vaultType: "PRIVATE" as never }), "s/vault", '"PRIVATE"'],
  ["SecretsVault", "a key rotated every 400 days", (s) => new SecretsVault(s, "vault", { compartmentId: TEST_COMPARTMENT, keyRotation: { intervalDays: 400 } }), "s/vault", "400"],
  ["SecretsVault", "a compartment that is not an OCID", (s) => new SecretsVault(s, "vault", { compartmentId: "prod" }), "s/vault", '"prod"'],
  ["VaultSecret", "a secret name with a space", (s) => vault(s).addSecret("pw", { secretName: "db password" }), "s/vault/pw", '"db password"'],
  ["VaultSecret", "empty content", (s) => vault(s).addSecret("pw", { content: "" }), "s/vault/pw", "content is empty"],
  ["VaultSecret", "a password shorter than MySQL allows", (s) => vault(s).addSecret("pw", { password: { length: 6 } }), "s/vault/pw", "length 6"],
  ["SecretsVault.fromExisting", "a vault OCID given as the key", (s) => SecretsVault.fromExisting(s, "existing-vault", { compartmentId: TEST_COMPARTMENT, vaultId: "ocid1.vault.oc1..v", keyId: "ocid1.vault.oc1..v" }), "s/existing-vault", 'keyId: "ocid1.vault.oc1..v"'],
  ["SecretsVault.fromExisting", "a management endpoint without https", (s) => SecretsVault.fromExisting(s, "existing-vault", { compartmentId: TEST_COMPARTMENT, vaultId: "ocid1.vault.oc1..v", keyId: "ocid1.key.oc1..k", managementEndpoint: "kms.example" }), "s/existing-vault", '"kms.example"'],
  ["WorkloadIdentity", "a namespace with capitals", (s) => cluster(s).workloadIdentity("Shop", "api"), "s/cluster/workload-Shop-api", '"Shop"'],
  ["WorkloadIdentity", "a service account with an underscore", (s) => cluster(s).workloadIdentity("shop", "my_api"), "s/cluster/workload-shop-my_api", '"my_api"'],
  ["IamPolicy", "a policy name with a space", (s) => new IamPolicy(s, "policy", { compartmentId: TEST_COMPARTMENT, name: "my policy", description: "d", statements: ["Allow group a to read objects in tenancy"] }), "s/policy", '"my policy"'],
  ["IamPolicy", "no statements", (s) => new IamPolicy(s, "policy", { compartmentId: TEST_COMPARTMENT, name: "p", description: "d", statements: [] }), "s/policy", "0 statements"],
  ["OciStack", "a region without its number", (_s, app) => new OciStack(app, "bad", { region: "eu-frankfurt" }), "bad", '"eu-frankfurt"'],
  ["OciStack", "an environment with capitals", (_s, app) => new OciStack(app, "bad", { region: TEST_REGION, environment: "Prod" }), "bad", '"Prod"'],
  ["OciStack", "a workspace prefix that makes a bad workspace name", (_s, app) => new OciStack(app, "bad", { region: TEST_REGION, backend: terraformCloudBackend({ organization: "acme", workspacePrefix: "my app/" }, {}) }), "bad", '"my app/bad"'],
  ["PlatformStack", "public API access without client CIDRs", (_s, app) => new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, apiAccess: { kind: "public", clientCidrs: [] } }), "platform", "apiAccess public needs clientCidrs"],
  ["PlatformStack", "a public client CIDR with vcn access", (_s, app) => new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, apiAccess: { kind: "vcn", clientCidrs: ["8.8.8.0/24"] } }), "platform", "8.8.8.0/24"],
  ["PlatformStack", "an image repository with capitals", (_s, app) => new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, imageRepository: { name: "Shop" } }), "platform", '"Shop"'],
  ["PlatformStack", "a region without its number", (_s, app) => new PlatformStack(app, "platform", { region: "eu-frankfurt", compartmentId: TEST_COMPARTMENT }), "platform", '"eu-frankfurt"'],
  ["ClusterServicesStack", "an imported platform that lacks outputs", (_s, app) => new ClusterServicesStack(app, "services", { region: TEST_REGION, platform: partialPlatform }), "services", "vcn_id"],
  ["AppStack", "an imported platform that lacks outputs", (_s, app) => new AppStack(app, "shop", { region: TEST_REGION, platform: partialPlatform, app: { namespace: "shop", image: "shop:1.0.0" } }), "shop", "vcn_id"],
  ["AppStack", "no image and no image repository", (_s, app) => {
    const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, imageRepository: false });
    new AppStack(app, "shop", { region: TEST_REGION, platform, app: { namespace: "shop" } });
  }, "shop", "app.image is not set"],
  ["AppStack", "a registry secret that is not a secret OCID", (_s, app) => {
    const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY });
    new AppStack(app, "shop", { region: TEST_REGION, platform, registrySecret: { secretId: "ocid1.vault.oc1..v", secretName: "ocir" }, app: { namespace: "shop" } });
  }, "shop", '"ocid1.vault.oc1..v"'],
];

/** The message of what `build` throws, or a failure when it throws nothing. */
function errorOf(build: (stack: Construct, app: App) => unknown): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  try {
    build(stack, app);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected an error, but the construct was built");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("errors carry the construct path", () => {
  test("THEN every construct of the list has a case", () => {
    expect([...new Set(CASES.map(([construct]) => construct))].sort()).toEqual([
      "AppStack", "ClusterAccess", "ClusterBastion", "ClusterServicesStack", "IamPolicy", "NativeIngressController", "OciStack",
      "PlatformStack", "SecretsVault", "SecretsVault.fromExisting", "VaultSecret", "VirtualNodeCluster", "VirtualNodeCluster.fromExisting",
      "VirtualNodePool", "WorkloadIdentity",
    ]);
  });

  test.each(CASES)("GIVEN a %s with %s THEN the error starts with its path, once, and names the value", (_construct, _what, build, path, value) => {
    const message = errorOf(build);
    expect(message).toMatch(new RegExp(`^${escape(path)}: `));
    // Not doubled: the path appears once at the start.
    expect(message.slice(path.length + 2).startsWith(`${path}: `)).toBe(false);
    expect(message).toContain(value);
  });
});
