import { Construct } from "constructs";
import { TerraformOutput } from "../cdktf";
import { MySqlDatabase, MySqlDatabaseProps } from "../database/mysql-database";
import { Network, NetworkProps } from "../network/network";
import { OciStack, OciStackProps } from "./oci-stack";
import { SecretsVault, SecretsVaultProps } from "../security/secrets-vault";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../cluster/virtual-node-cluster";
import { VirtualNodePool, VirtualNodePoolOptions } from "../cluster/virtual-node-pool";

export interface ReferenceArchitectureStackProps extends OciStackProps {
  /** Compartment OCID for every resource of the architecture. */
  readonly compartmentId: string;
  /**
   * Tenancy OCID, for the virtual-node policy and grants "in tenancy".
   * @default none
   */
  readonly tenancyId?: string;
  /**
   * Network settings on top of the built-in defaults.
   * @default Oracle's example layout in 10.0.0.0/16, private API endpoint, public load balancers
   */
  readonly network?: Omit<NetworkProps, "compartmentId">;
  /**
   * Vault settings.
   * @default a DEFAULT vault with an HSM key rotated every 90 days
   */
  readonly vault?: Omit<SecretsVaultProps, "compartmentId">;
  /**
   * Database settings.
   * @default MySQL.2, highly available, 50 GB growing to 200 GB, 7 days of backups with PITR
   */
  readonly database?: Omit<MySqlDatabaseProps, "network" | "vault" | "compartmentId">;
  /**
   * Cluster settings.
   * @default an enhanced cluster whose etcd secrets are encrypted with the vault key
   */
  readonly cluster?: Omit<VirtualNodeClusterProps, "network" | "compartmentId" | "tenancyId">;
  /**
   * The virtual node pool.
   * @default 3 virtual nodes spread over every AD and fault domain of the region
   */
  readonly nodePool?: VirtualNodePoolOptions;
}

/** Oracle's "serverless Kubernetes with OKE virtual nodes" reference architecture. */
export class ReferenceArchitectureStack extends OciStack {
  public readonly network: Network;
  public readonly vault: SecretsVault;
  public readonly database: MySqlDatabase;
  public readonly cluster: VirtualNodeCluster;
  public readonly nodePool: VirtualNodePool;

  public constructor(scope: Construct, id: string, props: ReferenceArchitectureStackProps) {
    super(scope, id, props);
    const { compartmentId } = props;
    this.network = new Network(this, "network", { ...props.network, compartmentId });
    this.vault = new SecretsVault(this, "vault", { ...props.vault, compartmentId });
    this.database = new MySqlDatabase(this, "database", { ...props.database, network: this.network, vault: this.vault });
    this.cluster = new VirtualNodeCluster(this, "cluster", {
      secretsEncryptionKey: this.vault,
      ...props.cluster,
      network: this.network,
      compartmentId,
      tenancyId: props.tenancyId,
    });
    this.nodePool = this.cluster.addVirtualNodePool("pool", props.nodePool ?? { size: 3 });

    const output = (name: string, value: string, description: string) =>
      new TerraformOutput(this, name, { value, description });
    output("vcn_id", this.network.vcnId, "OCID of the VCN");
    for (const role of ["api", "nodes", "pods", "lb", "db"] as const) {
      const subnet = this.network.subnet(role);
      output(`${role}_subnet_id`, subnet.subnetId, `OCID of the subnet for ${role} (${subnet.cidr})`);
    }
    output("vault_id", this.vault.vaultId, "OCID of the Vault");
    output("cluster_id", this.cluster.clusterId, "OCID of the OKE cluster");
    output("kubernetes_api_endpoint", this.cluster.apiEndpoint, "Kubernetes API endpoint (host:port)");
    output("kubeconfig_command", this.cluster.kubeconfigCommand, "Writes a kubeconfig for the cluster");
    output("mysql_endpoint", this.database.endpointHost, "MySQL host name (or IP) in the DB subnet");
    output("mysql_admin_username", this.database.adminUsername, "MySQL admin user");
    output("mysql_password_secret_id", this.database.passwordSecret.secretId, "OCID of the Vault secret holding the MySQL admin password");
  }
}
