/**
 * A user's own cdktf app on the installed package, in stacks of its own: shared platform resources,
 * the cluster with its add-ons, the cluster services, a team's app, and a second team's grant —
 * plus an OCI resource of the user's made with the package's generated bindings, and the
 * compliance checks on every stack.
 */
import { App } from "cdktf";
import {
  AppWorkload,
  ClusterServices,
  ComplianceChecks,
  MySqlDatabase,
  Network,
  OciStack,
  SecretsVault,
  Tags,
  VirtualNodeCluster,
  WorkloadIdentity,
  addComplianceChecks,
} from "oke-virtual-nodes";
import { ArtifactsContainerRepository } from "oke-virtual-nodes/oci/artifacts-container-repository";

const compartmentId = "ocid1.compartment.oc1..aaaaaaaaconsumerexample";
const tenancyId = "ocid1.tenancy.oc1..aaaaaaaaconsumerexample";
const region = "eu-amsterdam-1";
const app = new App();

const shared = new OciStack(app, "shared", { region });
const network = new Network(shared, "network", { compartmentId, vcnCidr: "10.40.0.0/16" });
const vault = new SecretsVault(shared, "vault", { compartmentId, vaultType: "VIRTUAL_PRIVATE", keyRotation: { intervalDays: 180 } });
const database = new MySqlDatabase(shared, "database", { network, vault });
// Tags through the one Aspect (the constructs take no tags props): all OCI resources, then one subtree.
Tags.of(app).add("project", "shop");
Tags.of(database).add("data-class", "customer");

const clusterStack = new OciStack(app, "cluster", { region });
const cluster = new VirtualNodeCluster(clusterStack, "cluster", { network, secretsEncryptionKey: vault, tenancyId });
cluster.addVirtualNodePool("pool", { size: 3 });
const ingressController = cluster.addNativeIngressController();
new ArtifactsContainerRepository(clusterStack, "images", { compartmentId, displayName: "shop/api", isImmutable: true });

const services = new OciStack(app, "services", { region });
const clusterServices = new ClusterServices(services, "services", { cluster });

// The shop stack depends on the services stack through clusterServices (their CRDs come first).
const shop = new OciStack(app, "shop", { region });
new AppWorkload(shop, "api", {
  cluster,
  namespace: "shop",
  image: "eu-amsterdam-1.ocir.io/acme/shop/api:1.4.2",
  imagePullCredentials: { secretId: "ocid1.vaultsecret.oc1.eu-amsterdam-1.aaaaaaaaconsumer", secretName: "ocir-pull", vaultId: vault.vaultId, compartmentId },
  clusterServices,
  database: { database, schemaName: "shop", bootstrap: { migrate: { command: ["node", "dist/migrate.js"] } } },
  ingress: { host: "shop.example.com" },
});

const reports = new OciStack(app, "reports", { region });
const reader = new WorkloadIdentity(reports, "reader", { cluster, namespace: "reports", serviceAccount: "report-job" });
database.grantPasswordRead(reader);

// After the stacks exist: cdktf runs only the Aspects of stacks, so this puts the checks on each.
addComplianceChecks(app);
ComplianceChecks.waive(ingressController.principal, "OKE-IAM-WORKLOAD-FAMILY", "Oracle's native ingress controller guide requires manage waf-family");
if (ingressController.tenancyPolicy) {
  ComplianceChecks.waive(ingressController.tenancyPolicy, "OKE-IAM-BROAD", "Oracle's native ingress controller guide requires manage floating-ips in the tenancy");
}
app.synth();
