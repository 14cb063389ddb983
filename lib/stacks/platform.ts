import { Construct } from "constructs";
import { Fn, TerraformOutput, TerraformStack, Token } from "../cdktf";
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

/**
 * Writes the platform's attributes as outputs of `scope`'s stack, under the names `importPlatform` reads.
 * @internal
 */
export function addPlatformOutputs(scope: Construct, refs: PlatformRefs & { tenancyId?: string }): void {
  for (const [name, value] of Object.entries(platformOutputValues(refs))) {
    if (value !== undefined) new TerraformOutput(scope, name, { value, description: OUTPUT_DESCRIPTIONS[name] ?? name.replace(/_/g, " ") });
  }
}

/** Where a platform's outputs live in Terraform Cloud: its workspace. */
export interface TerraformCloudPlatformSource {
  readonly organization: string;
  /** The platform stack's workspace name. */
  readonly workspace: string;
  /**
   * Terraform Enterprise host name.
   * @default app.terraform.io
   */
  readonly hostname?: string;
}

/**
 * The platform of another Terraform Cloud workspace, read in `scope`'s stack through the `tfe`
 * provider's `tfe_outputs` data source: its outputs only, never its state (which holds the
 * generated MySQL password), and no state sharing between workspaces. HashiCorp recommends this
 * over `terraform_remote_state` for Terraform Cloud. Values that are literals in `platform`
 * (CIDRs, names, flags) stay literals, so the later stacks' synth-time checks still see them;
 * values known only after apply (OCIDs, endpoints) come from `nonsensitive_values`, or from
 * `values` for outputs the platform marks sensitive, which Terraform then keeps sensitive.
 *
 * The `tfe` provider needs a token that may read the platform workspace's state outputs:
 * `TFE_TOKEN` (or `terraform login`), e.g. a team token of a team with "Read state outputs" on it.
 */
export function readPlatformFromTerraformCloud(
  scope: Construct,
  id: string,
  platform: PlatformRefs & { tenancyId?: string },
  source: TerraformCloudPlatformSource,
): PlatformRefs {
  const stack = TerraformStack.of(scope);
  if (TerraformStack.of(platform.cluster) === stack) throw new Error(`${id}: the platform is in this stack (${stack.node.id}); use it directly`);
  const sensitive = new Set(
    TerraformStack.of(platform.cluster)
      .node.findAll()
      .filter((c): c is TerraformOutput => TerraformOutput.isTerraformOutput(c) && c.sensitive === true)
      .map((o) => o.node.id),
  );
  // Loaded here, in Terraform Cloud mode only: other synths do not pay for the tfe bindings.
  const { TfeProvider } = require("@cdktf/provider-tfe/lib/provider") as typeof import("@cdktf/provider-tfe/lib/provider");
  const { DataTfeOutputs } = require("@cdktf/provider-tfe/lib/data-tfe-outputs") as typeof import("@cdktf/provider-tfe/lib/data-tfe-outputs");
  if (!stack.node.tryFindChild("tfe")) new TfeProvider(stack, "tfe", { hostname: source.hostname, organization: source.organization });
  const outputs = new DataTfeOutputs(stack, `${id}-outputs`, { organization: source.organization, workspace: source.workspace });
  const attrs: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(platformOutputValues(platform))) {
    if (value === undefined) continue;
    if (typeof value !== "string" || !Token.isUnresolved(value)) {
      attrs[name] = value;
      continue;
    }
    const read = Token.asString((sensitive.has(name) ? outputs.values : outputs.nonsensitiveValues).lookup(name));
    // Keep a literal head (the image repository's registry host) literal: the pull secret needs it at synth.
    const head = value.slice(0, value.indexOf("${TfToken["));
    attrs[name] = head ? `${head}${Fn.trimprefix(read, head)}` : read;
  }
  return importPlatform(stack, id, attrs as unknown as ExistingPlatformAttributes);
}

/**
 * The values `addPlatformOutputs` writes, by output name (literals where the platform knows them at synth).
 * @internal
 */
export function platformOutputValues(refs: PlatformRefs & { tenancyId?: string }): Partial<Record<keyof ExistingPlatformAttributes, string | number | boolean | undefined>> {
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
    tenancy_id: refs.tenancyId ?? cluster.tenancyId,
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
  return values;
}

const OUTPUT_DESCRIPTIONS: Record<string, string> = {
  cluster_id: "OCID of the OKE cluster",
  vault_id: "OCID of the Vault",
  mysql_endpoint: "MySQL host name (or IP) in the DB subnet",
  mysql_password_secret_id: "OCID of the Vault secret holding the MySQL admin password",
  lb_nsg_id: "OCID of the load balancers' NSG (Service annotation oci.oraclecloud.com/oci-network-security-groups)",
};
