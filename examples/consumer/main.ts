/**
 * A user's own cdktf app built on the installed package: shared platform resources in one stack,
 * the cluster in a second, an application team's grant in a third, plus an OCI resource of the
 * user's own made with the package's generated bindings.
 */
import { App } from "cdktf";
import { MySqlDatabase, Network, OciStack, SecretsVault, VirtualNodeCluster, WorkloadIdentity } from "oke-virtual-nodes";
import { ArtifactsContainerRepository } from "oke-virtual-nodes/oci/artifacts-container-repository";

const compartmentId = "ocid1.compartment.oc1..aaaaaaaaconsumerexample";
const region = "eu-amsterdam-1";
const app = new App();

const shared = new OciStack(app, "shared", { region });
const network = new Network(shared, "network", { compartmentId, vcnCidr: "10.40.0.0/16" });
const vault = new SecretsVault(shared, "vault", { compartmentId });
const database = new MySqlDatabase(shared, "database", { network, vault });

const clusterStack = new OciStack(app, "cluster", { region });
const cluster = new VirtualNodeCluster(clusterStack, "cluster", { network, secretsEncryptionKey: vault });
cluster.addVirtualNodePool("pool", { size: 3 });
new ArtifactsContainerRepository(clusterStack, "images", { compartmentId, displayName: "shop/api", isImmutable: true });

const team = new OciStack(app, "team", { region });
const reader = new WorkloadIdentity(team, "reader", { cluster, namespace: "shop", serviceAccount: "shop-api" });
database.grantPasswordRead(reader);

app.synth();
