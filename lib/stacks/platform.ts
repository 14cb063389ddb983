import { Construct } from "constructs";
import { TerraformOutput } from "../cdktf";
import { IVirtualNodeCluster, VirtualNodeCluster } from "../cluster/virtual-node-cluster";
import { IMySqlDatabase, MySqlDatabase } from "../database/mysql-database";
import { INetwork, Network } from "../network/network";
import { SUBNET_NAMES, SubnetName } from "../network/network-cidr-plan";
import { NSG_ROLES, NsgRole } from "../network/network-security-rules";
import { ISecretsVault, SecretsVault } from "../security/secrets-vault";
import { missingPlatformOutputs } from "./platform-outputs";

/** What the cluster-services and app stacks take from the platform. */
export interface PlatformRefs {
  readonly network: INetwork;
  readonly vault: ISecretsVault;
  readonly database: IMySqlDatabase;
  readonly cluster: IVirtualNodeCluster;
  /**
   * The app image repository, `<registry host>/<namespace>/<repository>`.
   * @default none
   */
  readonly imageRepository?: string;
}

/**
 * A platform made elsewhere, as the platform stack's outputs name it (`cdktf output
 * --outputs-file`, or written by hand): the later stacks run against it alone.
 */
export interface ExistingPlatformAttributes {
  readonly compartment_id: string;
  readonly vcn_id: string;
  readonly vcn_cidr?: string;
  readonly api_subnet_id: string;
  readonly api_subnet_cidr?: string;
  readonly nodes_subnet_id: string;
  readonly nodes_subnet_cidr?: string;
  readonly pods_subnet_id?: string;
  readonly pods_subnet_cidr?: string;
  readonly lb_subnet_id: string;
  readonly lb_subnet_cidr?: string;
  readonly lb_subnet_public?: boolean;
  readonly db_subnet_id?: string;
  readonly db_subnet_cidr?: string;
  readonly api_nsg_id: string;
  readonly nodes_nsg_id: string;
  readonly pods_nsg_id: string;
  readonly lb_nsg_id: string;
  readonly db_nsg_id: string;
  readonly vault_id: string;
  readonly vault_key_id: string;
  readonly vault_compartment_id?: string;
  readonly cluster_id: string;
  readonly cluster_name?: string;
  readonly cluster_compartment_id?: string;
  readonly cluster_public_endpoint?: boolean;
  readonly cluster_kubernetes_version?: string;
  readonly tenancy_id?: string;
  readonly mysql_endpoint: string;
  readonly mysql_port?: number;
  readonly mysql_admin_username: string;
  readonly mysql_password_secret_id: string;
  readonly mysql_password_secret_name: string;
  readonly image_repository?: string;
}


/** Builds the platform's constructs from existing OCIDs (every construct's `fromExisting`). */
export function importPlatform(scope: Construct, id: string, attrs: ExistingPlatformAttributes): PlatformRefs {
  const missing = missingPlatformOutputs(attrs as unknown as Record<string, unknown>);
  if (missing.length) {
    throw new Error(`existing platform: ${missing.join(", ")} missing; give every output the platform stack writes (cdktf output --outputs-file)`);
  }
  const subnet = (role: SubnetName) => {
    const subnetId = attrs[`${role}_subnet_id`];
    if (subnetId === undefined) return undefined;
    return { subnetId, cidr: attrs[`${role}_subnet_cidr`], public: role === "lb" ? attrs.lb_subnet_public ?? true : false };
  };
  const network = Network.fromExisting(scope, `${id}-network`, {
    compartmentId: attrs.compartment_id,
    vcnId: attrs.vcn_id,
    vcnCidr: attrs.vcn_cidr,
    subnets: { api: subnet("api")!, nodes: subnet("nodes")!, pods: subnet("pods"), lb: subnet("lb")!, db: subnet("db") },
    nsgIds: Object.fromEntries(NSG_ROLES.map((role) => [role, attrs[`${role}_nsg_id`]])) as Record<NsgRole, string>,
  });
  const vaultCompartment = attrs.vault_compartment_id ?? attrs.compartment_id;
  const vault = SecretsVault.fromExisting(scope, `${id}-vault`, { compartmentId: vaultCompartment, vaultId: attrs.vault_id, keyId: attrs.vault_key_id });
  const database = MySqlDatabase.fromExisting(scope, `${id}-database`, {
    endpointHost: attrs.mysql_endpoint,
    port: attrs.mysql_port,
    adminUsername: attrs.mysql_admin_username,
    passwordSecret: { secretId: attrs.mysql_password_secret_id, secretName: attrs.mysql_password_secret_name, vaultId: attrs.vault_id, compartmentId: vaultCompartment },
    vault,
  });
  const cluster = VirtualNodeCluster.fromExisting(scope, `${id}-cluster`, {
    clusterId: attrs.cluster_id,
    compartmentId: attrs.cluster_compartment_id ?? attrs.compartment_id,
    name: attrs.cluster_name,
    publicEndpoint: attrs.cluster_public_endpoint,
    kubernetesVersion: attrs.cluster_kubernetes_version,
    tenancyId: attrs.tenancy_id,
    network,
  });
  return { network, vault, database, cluster, imageRepository: attrs.image_repository };
}

/** Writes the platform's attributes as outputs of `scope`'s stack, under the names `importPlatform` reads. */
export function addPlatformOutputs(scope: Construct, refs: PlatformRefs & { tenancyId?: string }): void {
  const { network, vault, database, cluster } = refs;
  const values: Partial<Record<keyof ExistingPlatformAttributes, string | number | boolean | undefined>> = {
    compartment_id: network.compartmentId,
    vcn_id: network.vcnId,
    vcn_cidr: network.vcnCidr,
    vault_id: vault.vaultId,
    vault_key_id: vault.keyId,
    vault_compartment_id: vault.compartmentId,
    cluster_id: cluster.clusterId,
    cluster_name: cluster.name,
    cluster_compartment_id: cluster.compartmentId,
    cluster_public_endpoint: cluster.publicEndpoint,
    cluster_kubernetes_version: cluster.kubernetesVersion,
    tenancy_id: refs.tenancyId,
    mysql_endpoint: database.endpointHost,
    mysql_port: database.port,
    mysql_admin_username: database.adminUsername,
    mysql_password_secret_id: database.passwordSecret.secretId,
    mysql_password_secret_name: database.passwordSecret.secretName,
    image_repository: refs.imageRepository,
  };
  for (const role of SUBNET_NAMES) {
    if (role === "pods" && network.podsShareNodeSubnet) continue;
    const subnet = network.subnet(role);
    values[`${role}_subnet_id`] = subnet.subnetId;
    values[`${role}_subnet_cidr`] = subnet.cidr;
  }
  values.lb_subnet_public = network.subnet("lb").isPublic;
  for (const role of NSG_ROLES) values[`${role}_nsg_id`] = network.nsgIds[role];
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) new TerraformOutput(scope, name, { value, description: OUTPUT_DESCRIPTIONS[name] ?? name.replace(/_/g, " ") });
  }
}

const OUTPUT_DESCRIPTIONS: Record<string, string> = {
  cluster_id: "OCID of the OKE cluster",
  vault_id: "OCID of the Vault",
  mysql_endpoint: "MySQL host name (or IP) in the DB subnet",
  mysql_password_secret_id: "OCID of the Vault secret holding the MySQL admin password",
  lb_nsg_id: "OCID of the load balancers' NSG (Service annotation oci.oraclecloud.com/oci-network-security-groups)",
};
