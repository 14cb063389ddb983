/**
 * The bad-input catalogue: what a user can get wrong, across every construct and the reference
 * app's settings, and the error each gets — naming the value and what would be valid. The settings
 * cases run the reference app itself and check it leaves no synthesized stack behind.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Construct } from "constructs";
import { Port } from "../lib/network/network-security-rules";
import { Peer } from "../lib/network/connections";
import { Network, NetworkProps } from "../lib/network/network";
import { SecretsVault, SecretsVaultProps } from "../lib/security/secrets-vault";
import { MySqlDatabase, MySqlDatabaseProps } from "../lib/database/mysql-database";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../lib/cluster/virtual-node-cluster";
import { VirtualNodePoolOptions } from "../lib/cluster/virtual-node-pool";
import { AppWorkload, AppWorkloadProps } from "../lib/workloads/app-workload";
import { ClusterServices } from "../lib/workloads/cluster-services";
import { OciStack } from "../lib/stacks/oci-stack";
import { terraformCloudBackend } from "../lib/stacks/backends";
import { runReferenceApp } from "../reference/reference-main";
import { App } from "../lib/cdktf";
import { TEST_COMPARTMENT, TEST_REGION, synthOci } from "./support/synth";

const network = (s: Construct, props: Partial<NetworkProps> = {}) => new Network(s, "network", { compartmentId: TEST_COMPARTMENT, ...props });
const vault = (s: Construct, props: Partial<SecretsVaultProps> = {}) => new SecretsVault(s, "vault", { compartmentId: TEST_COMPARTMENT, ...props });
const database = (s: Construct, props: Partial<MySqlDatabaseProps> = {}) => new MySqlDatabase(s, "db", { network: network(s), vault: vault(s), ...props });
const cluster = (s: Construct, props: Partial<VirtualNodeClusterProps> = {}) => new VirtualNodeCluster(s, "cluster", { network: network(s), region: TEST_REGION, ...props });
const pool = (s: Construct, options: Partial<VirtualNodePoolOptions>) => cluster(s).addVirtualNodePool("pool", { size: 3, ...options });
const app = (s: Construct, props: Partial<AppWorkloadProps> = {}) => {
  const n = network(s);
  const c = new VirtualNodeCluster(s, "cluster", { network: n, region: TEST_REGION });
  return new AppWorkload(s, "app", { cluster: c, namespace: "shop", image: "shop:1.0.0", ingress: false, clusterServicesInstalledElsewhere: true, ...props });
};

const CASES: [string, (scope: Construct) => unknown, string][] = [
  // Network
  ["a VCN CIDR with a /33", (s) => network(s, { vcnCidr: "10.0.0.0/33" }), 'vcnCidr: "10.0.0.0/33" is not a valid IPv4 CIDR'],
  ["a VCN CIDR with host bits", (s) => network(s, { vcnCidr: "10.0.0.1/16" }), 'vcnCidr: "10.0.0.1/16" has host bits set; the network address of that block is 10.0.0.0/16'],
  ["a VCN larger than OCI allows", (s) => network(s, { vcnCidr: "10.0.0.0/8" }), "OCI allows VCN prefixes from /16 to /30"],
  ["a Terraform reference where a literal CIDR is needed", (s) => network(s, { vcnCidr: "${var.vcn_cidr}" }), 'vcnCidr: "${var.vcn_cidr}" is not an IPv4 CIDR; expected a.b.c.d/n'],
  ["overlapping subnets", (s) => network(s, { subnets: { api: { cidr: "10.0.0.0/24" }, db: { cidr: "10.0.0.128/25" } } }), "subnets.db.cidr: 10.0.0.128/25 overlaps subnets.api (10.0.0.0/24); subnets in one VCN must not overlap"],
  ["a subnet outside the VCN", (s) => network(s, { subnets: { db: { cidr: "10.1.0.0/24" } } }), "subnets.db.cidr: 10.1.0.0/24 is outside the VCN 10.0.0.0/16; choose a block inside 10.0.0.0/16"],
  ["a public node subnet", (s) => network(s, { subnets: { nodes: { public: true } } }), "subnets.nodes.public is true: OKE virtual nodes need regional private subnets for virtual nodes and pods"],
  ["a DNS label with a dash", (s) => network(s, { vcnDnsLabel: "my-vcn" }), 'vcnDnsLabel: "my-vcn" is not a valid DNS label; use 1–15 letters and digits starting with a letter'],
  ["a flow-log retention OCI lacks", (s) => network(s, { flowLogs: { retentionDays: 45 } }), "flowLogs.retentionDays: 45 is not allowed; use one of 30, 60, 90, 120, 150, 180"],
  ["an API client that is not a CIDR", (s) => network(s, { apiClientCidrs: ["office"] }), 'apiClientCidrs: "office" is not an IPv4 CIDR'],
  ["a compartment that is not an OCID", (s) => network(s, { compartmentId: "prod" }), 'compartmentId: "prod" is not an OCID; expected ocid1.compartment.<realm>.[region].<id>'],
  ["an empty compartment", (s) => network(s, { compartmentId: "" }), 'compartmentId: "" is not an OCID'],
  ["a pod subnet too small for its pods", (s) => network(s, { separatePodSubnet: true, subnets: { pods: { prefixLength: 26 } }, podCapacity: { workloads: [{ name: "web", maxReplicas: 100 }] } }), "pods subnet 10.0.2.0/26 has 61 usable IPs but the plan needs 162"],
  ["a peer that is not a CIDR", () => Peer.ipv4("on-prem"), 'Peer.ipv4: "on-prem" is not an IPv4 CIDR'],
  ["SSH open to the internet", (s) => network(s).connections("nodes").allowFrom(Peer.anyIpv4(), Port.tcp(22), "SSH from anywhere"), "would open 22/3389 to 0.0.0.0/0 (CIS OCI 2.3/2.4)"],
  ["a port above 65535", () => Port.tcp(70000), "port 70000 is not a TCP/UDP port; use a whole number from 1 to 65535"],
  // SecretsVault
  ["a key rotated every 400 days", (s) => vault(s, { keyRotation: { intervalDays: 400 } }), "keyRotation.intervalDays: 400 is not allowed; use a whole number of days from 60 to 365"],
  ["an unknown vault type", (s) => vault(s, { vaultType: "PRIVATE" as never }), 'vaultType "PRIVATE" is not one of DEFAULT, VIRTUAL_PRIVATE'],
  ["a secret name with a space", (s) => vault(s).addSecret("pw", { secretName: "db password" }), 'secret name "db password" is not valid; use 1–255 letters, digits'],
  ["empty secret content", (s) => vault(s).addSecret("pw", { content: "" }), 'secret "pw": content is empty'],
  ["a vault OCID given as the key", (s) => SecretsVault.fromExisting(s, "v", { compartmentId: TEST_COMPARTMENT, vaultId: "ocid1.vault.oc1..v", keyId: "ocid1.vault.oc1..v" }), 'keyId: "ocid1.vault.oc1..v" is the OCID of a vault; expected ocid1.key'],
  ["a password shorter than MySQL allows", (s) => vault(s).addSecret("pw", { password: { length: 6 } }), "password length 6"],
  // MySqlDatabase
  ["20 GB of storage", (s) => database(s, { storage: { initialGb: 20 } }), "storage.initialGb 20 is too small; MySQL HeatWave needs at least 50 GB"],
  ["the admin user root", (s) => database(s, { adminUsername: "root" }), 'adminUsername "root" is reserved by MySQL HeatWave'],
  ["a shape that is not a MySQL shape", (s) => database(s, { shape: "big" }), 'shape "big" is not a MySQL HeatWave shape name; use an ECPU shape such as MySQL.2'],
  ["40 days of backups", (s) => database(s, { backups: { retentionDays: 40 } }), "backups.retentionDays 40 is not allowed; MySQL HeatWave keeps automatic backups 1–35 days"],
  ["a maintenance window in words", (s) => database(s, { maintenanceWindowStart: "sunday 2am" }), 'maintenanceWindowStart "sunday 2am" is not "<day> HH:MM" (UTC)'],
  ["high availability on MySQL 8.0.20", (s) => database(s, { mysqlVersion: "8.0.20" }), 'mysqlVersion "8.0.20" cannot be highly available; MySQL HeatWave needs 8.0.24 or later'],
  ["a HeatWave cluster of 0 nodes", (s) => database(s, { heatWave: { nodeCount: 0 } }), "heatWave.nodeCount 0 is not allowed; use 1–64"],
  // VirtualNodeCluster and pools
  ["a Kubernetes version without the v", (s) => cluster(s, { kubernetesVersion: "1.30" }), 'kubernetesVersion: "1.30" is not of the form vX.Y.Z'],
  ["a Kubernetes version too old for the add-on", (s) => cluster(s, { kubernetesVersion: "v1.27.0" }), "kubernetesVersion: v1.27.0 is older than v1.28"],
  ["a pods CIDR inside the VCN", (s) => cluster(s, { podsCidr: "10.0.0.0/20" }), "podsCidr 10.0.0.0/20 overlaps the VCN 10.0.0.0/16; choose ranges that do not overlap"],
  ["a public endpoint in a private subnet", (s) => cluster(s, { publicEndpoint: true }), "publicEndpoint is true but the API subnet is private"],
  ["the virtual-node policy without the tenancy", (s) => cluster(s, { createVirtualNodePolicy: true }), "createVirtualNodePolicy needs tenancyId"],
  ["a cluster name with a space", (s) => cluster(s, { name: "my cluster" }), 'cluster name: "my cluster" is not valid'],
  ["a pool of 0 nodes", (s) => pool(s, { size: 0 }), "virtual node pool size: 0 must be a whole number ≥ 1"],
  ["a pod shape virtual nodes lack", (s) => pool(s, { podShape: "Pod.Standard.E5.Flex" }), 'podShape: "Pod.Standard.E5.Flex" is not a virtual-node pod shape; use one of Pod.Standard.E3.Flex'],
  ["a fault domain that does not exist", (s) => pool(s, { placement: [{ availabilityDomain: "AD-1", faultDomains: ["FD-1"] }] }), '"FD-1" is not a fault domain; use FAULT-DOMAIN-1'],
  ["a label key Kubernetes rejects", (s) => pool(s, { labels: { "bad key!": "x" } }), 'pool pool label: "bad key!" is not a valid Kubernetes label key'],
  ["a taint effect Kubernetes lacks", (s) => pool(s, { taints: [{ key: "dedicated", effect: "Block" }] }), '"Block" is not a taint effect; use NoSchedule, PreferNoSchedule, NoExecute'],
  ["a namespace with capitals", (s) => cluster(s).workloadIdentity("Shop", "api"), 'namespace: "Shop" is not a valid Kubernetes name; use at most 63 lower-case letters'],
  ["a namespace mapped to two compartments", (s) => { const c = cluster(s); c.mapNamespace(s, "shop", TEST_COMPARTMENT); c.mapNamespace(s, "shop", "ocid1.compartment.oc1..other"); }, 'namespace "shop" is mapped to compartment'],
  // AppWorkload
  ["the image tag latest", (s) => app(s, { image: "shop:latest" }), 'image: "shop:latest" uses the moving tag latest; pin a version tag or a digest'],
  ["an image without a tag", (s) => app(s, { image: "fra.ocir.io/ns/shop" }), 'image: "fra.ocir.io/ns/shop" has no tag or digest'],
  ["a container port in the NodePort range", (s) => app(s, { containerPort: 31000 }), "containerPort: 31000 is in 30000-32767, which virtual nodes reserve for NodePorts"],
  ["one replica", (s) => app(s, { autoscaling: { minReplicas: 1 } }), "autoscaling.minReplicas: 1 is too few; use at least 2"],
  ["running as root", (s) => app(s, { runAs: { user: 0 } }), "runAs.user: 0 is not allowed; use a whole number from 10001"],
  ["a name longer than 63 characters", (s) => app(s, { name: "a".repeat(64) }), `name: "${"a".repeat(64)}" is not a valid Kubernetes Service name; use at most 63`],
  ["a CPU that is not a quantity", (s) => app(s, { resources: { cpu: "lots", memory: "1Gi" } }), 'resources.cpu: "lots" is not a Kubernetes quantity'],
  ["an ingress host with capitals", (s) => app(s, { ingress: { host: "Shop.example.com" } }), 'ingress.host: "Shop.example.com" is not a DNS name'],
  ["a load balancer of 9000 Mbps", (s) => app(s, { ingress: { loadBalancer: { maxBandwidthMbps: 9000 } } }), "maxBandwidthMbps: 9000 is not allowed; the flexible load balancer takes 10–8000 Mbps"],
  ["a variable set twice", (s) => app(s, { env: { A: "1" } }).addEnv("A", "2"), "env: A is set twice"],
  ["a patch mounting hostPath", (s) => app(s).patchPodTemplate((t) => void (t.spec!.volumes = [{ name: "logs", hostPath: { path: "/var/log" } }])), "spec.template.spec.volumes[0].hostPath = \"logs\": virtual nodes mount only emptyDir, configMap, secret, projected volumes"],
  ["two constructs with one id", (s) => { network(s); network(s); }, "There is already a Construct with name 'network'"],
  // ClusterServices and stacks
  ["a chart version range", (s) => new ClusterServices(s, "services", { cluster: cluster(s), externalSecrets: { version: "^2.9.0" } }), 'externalSecrets.version: "^2.9.0" is not an exact chart version such as 2.9.0'],
  ["a region without its number", () => new OciStack(new App({ outdir: os.tmpdir() }), "s", { region: "eu-frankfurt" }), 'region: "eu-frankfurt" is not an OCI region identifier; expected <geo>-<name>-<n>'],
  ["a Terraform Cloud organization with a space", () => terraformCloudBackend({ organization: "acme corp" }, {}), 'Terraform Cloud organization: "acme corp" is not an organization name'],
  // Realms, API access, the ingress controller's tenancy statements, environments (issue 16)
  ["a tenancy of another realm than the region's", (s) => cluster(s, { region: "us-langley-1", compartmentId: "ocid1.compartment.oc2..c", tenancyId: "ocid1.tenancy.oc1..t" }), 'tenancyId: "ocid1.tenancy.oc1..t" is an OCID of realm oc1, but region us-langley-1 is in realm oc2'],
  ["the native ingress controller without a tenancy", (s) => cluster(s).addNativeIngressController(), "the native ingress controller needs 'read public-ips' and 'manage floating-ips' in the tenancy, and the cluster has no tenancyId"],
  ["an environment with capitals", () => new OciStack(new App({ outdir: os.tmpdir() }), "s", { region: TEST_REGION, environment: "Prod" }), 's: environment: "Prod" is not an environment name'],
];

describe("bad input to the constructs", () => {
  test("THEN the catalogue holds at least 40 cases", () => {
    expect(CASES.length + SETTINGS.length).toBeGreaterThanOrEqual(40);
  });

  test.each(CASES)("GIVEN %s THEN a clear error", (_what, build, message) => {
    expect(() => synthOci((scope) => void build(scope))).toThrow(message);
  });
});

/** An outputs file that lacks three of the platform's outputs. */
const PARTIAL_OUTPUTS = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "partial-platform-")), "platform.json");
fs.writeFileSync(PARTIAL_OUTPUTS, JSON.stringify({ "oke-platform": { compartment_id: TEST_COMPARTMENT, cluster_id: "ocid1.cluster.oc1..c" } }));

const SETTINGS: [string, Record<string, string>, string][] = [
  ["a Terraform Cloud host with its scheme", { TF_CLOUD_ORGANIZATION: "acme", TF_CLOUD_HOSTNAME: "https://tfe.example.com" }, 'TF_CLOUD_HOSTNAME="https://tfe.example.com": give the host name alone: drop the scheme https:// (e.g. tfe.example.com)'],
  ["a workspace prefix with a slash", { TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE_PREFIX: "prod/" }, 'TF_WORKSPACE_PREFIX="prod/": use letters, digits'],
  ["an outputs file missing outputs", { OKE_EXISTING_PLATFORM: PARTIAL_OUTPUTS }, `OKE_EXISTING_PLATFORM="${PARTIAL_OUTPUTS}": its oke-platform section lacks 15 of the platform stack's outputs: vcn_id, api_subnet_id,`],
  ["a region without its number", { OCI_REGION: "eu-frankfurt" }, 'OCI_REGION="eu-frankfurt": region: "eu-frankfurt" is not an OCI region identifier'],
  ["a compartment that is a VCN", { OCI_COMPARTMENT_OCID: "ocid1.vcn.oc1..v" }, 'OCI_COMPARTMENT_OCID="ocid1.vcn.oc1..v": compartment: "ocid1.vcn.oc1..v" is the OCID of a vcn'],
  ["a pool size in words", { OKE_NODE_POOL_SIZE: "three" }, 'OKE_NODE_POOL_SIZE="three": use a whole number from 1 to 1000'],
  ["yes for a boolean", { OKE_CREATE_VIRTUAL_NODE_POLICY: "yes" }, 'OKE_CREATE_VIRTUAL_NODE_POLICY="yes": use true or false'],
  ["bastion access without client CIDRs", { OKE_API_ACCESS: "bastion" }, "OKE_API_ACCESS=bastion needs OKE_API_CLIENT_CIDRS"],
  ["an unknown access", { OKE_API_ACCESS: "vpn" }, 'OKE_API_ACCESS="vpn": use vcn, bastion or public'],
  ["a public client CIDR with vcn access", { OKE_API_CLIENT_CIDRS: "203.0.113.7/32" }, 'OKE_API_CLIENT_CIDRS="203.0.113.7/32": 203.0.113.7/32 is not a private range'],
  ["a compartment of another realm", { OCI_REGION: "us-langley-1", OCI_COMPARTMENT_OCID: "ocid1.compartment.oc1..c" }, 'OCI_COMPARTMENT_OCID: "ocid1.compartment.oc1..c" is an OCID of realm oc1, but region us-langley-1 is in realm oc2'],
  ["an image tagged latest", { OKE_APP_IMAGE: "shop:latest" }, 'OKE_APP_IMAGE="shop:latest": image: "shop:latest" uses the moving tag latest'],
  ["fewer max than min replicas", { OKE_APP_MIN_REPLICAS: "5", OKE_APP_MAX_REPLICAS: "3" }, "OKE_APP_MAX_REPLICAS=3 is below OKE_APP_MIN_REPLICAS=5"],
  ["a missing existing-platform file", { OKE_EXISTING_PLATFORM: "/nonexistent/platform.json" }, 'OKE_EXISTING_PLATFORM="/nonexistent/platform.json": cannot read the file'],
  ["a namespace with capitals", { OKE_APP_NAMESPACE: "Shop" }, 'OKE_APP_NAMESPACE="Shop": namespace: "Shop" is not a valid Kubernetes name'],
];

describe("bad settings of the reference app (main.ts)", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bad-settings-"));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  /** Runs main's logic against a folder that holds an earlier, complete synth. */
  function run(env: Record<string, string>) {
    fs.mkdirSync(path.join(outdir, "stacks", "oke-platform"), { recursive: true });
    fs.writeFileSync(path.join(outdir, "manifest.json"), "{}");
    fs.writeFileSync(path.join(outdir, "stacks", "oke-platform", "cdk.tf.json"), "{}");
    const errors: string[] = [];
    const warnings: string[] = [];
    const code = runReferenceApp({ env, outdir, out: { log: () => undefined, warn: (line) => warnings.push(line), error: (line) => errors.push(line) } });
    return { code, errors, warnings };
  }

  test.each(SETTINGS)("GIVEN %s THEN exit 1, one message naming it, and no stack left behind", (_what, env, message) => {
    const { code, errors } = run(env);
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);
  });

  test("GIVEN a setting that passes the reader but fails synth (a pod subnet too small) THEN exit 1 and no stack left behind", () => {
    const { code, errors } = run({ OKE_NODE_POOL_SIZE: "1000", OKE_APP_MAX_REPLICAS: "5000" });
    expect(code).toBe(1);
    expect(errors[0]).toMatch(/nodes subnet 10\.0\.32\.0\/19 has 8189 usable IPs but the plan needs \d+/);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(false);
    expect(fs.existsSync(path.join(outdir, "stacks"))).toBe(false);
  });

  test("GIVEN a mistyped region THEN exit 0 and a warning naming the closest known region", () => {
    const { code, errors, warnings } = run({ OCI_REGION: "eu-frankfrut-1", OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaatest", OKE_API_CLIENT_CIDRS: "10.9.0.0/24", OKE_REGISTRY_SECRET_OCID: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar" });
    expect([code, errors]).toEqual([0, []]);
    expect(warnings.filter((w) => w.includes("eu-frankfrut-1")).sort()).toEqual([
      expect.stringMatching(/^warning: \[oke-app\] region "eu-frankfrut-1" is not one the library knows .*did you mean eu-frankfurt-1\?/),
      expect.stringMatching(/^warning: \[oke-platform\] region "eu-frankfrut-1" is not one the library knows .*did you mean eu-frankfurt-1\?/),
      expect.stringMatching(/^warning: \[oke-services\] region "eu-frankfrut-1" is not one the library knows .*did you mean eu-frankfurt-1\?/),
    ]);
  });

  test("GIVEN good settings THEN exit 0, three stacks with a manifest, and the constructs' warnings printed", () => {
    const { code, errors, warnings } = run({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaatest", OKE_REGISTRY_SECRET_OCID: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar" });
    expect([code, errors]).toEqual([0, []]);
    expect(warnings).toEqual([expect.stringMatching(/^warning: \[oke-platform\] apiAccess vcn without clientCidrs: .*OKE_API_CLIENT_CIDRS/)]);
    expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual(["oke-app", "oke-platform", "oke-services"]);
    expect(fs.existsSync(path.join(outdir, "manifest.json"))).toBe(true);
  });
});
