/**
 * Stable Terraform addresses: the addresses (`type.logical_id`) of resources that hold state are a
 * promise to every deployed stack. A changed construct id or path changes the logical id, and
 * Terraform then plans a destroy of the old address and a create of the new one: a new VCN, a new
 * database, a key scheduled for deletion. A `moved` block (cdktf: `resource.moveFromId(...)`, or
 * {@link renamedFrom}) turns that into a rename in the state. Pure: no cdktf import.
 */

/**
 * The resource types whose address must not change without a `moved` block, each with why.
 * Left out on purpose: `oci_core_default_security_list` (it adopts the VCN's built-in list; a
 * rename re-adopts the same list), data sources, outputs and providers (no state of their own).
 */
export const STATEFUL_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  oci_core_vcn: "every network resource lives in it; a new VCN replaces all of them",
  oci_core_subnet: "the cluster, pods, database and load balancer have addresses in it; OCI refuses to delete a subnet with VNICs",
  oci_core_network_security_group: "the VNICs of the cluster, pods, database and LB are attached to it; a new one has a new OCID they do not carry",
  oci_core_network_security_group_security_rule: "a destroy-then-create of a rule is a window in which that traffic is dropped",
  oci_core_internet_gateway: "route rules point at it; OCI refuses to delete a gateway a route table uses, so the apply stops half-way",
  oci_core_nat_gateway: "its public IP is what outside allowlists know; a new gateway gets a new IP",
  oci_core_service_gateway: "route rules point at it; OCI refuses to delete a gateway a route table uses",
  oci_core_route_table: "subnets use it; OCI refuses to delete a route table in use",
  oci_logging_log_group: "deleting it deletes the logs in it",
  oci_logging_log: "deleting a log deletes the flow logs it retained",
  oci_kms_vault: "deleting a vault schedules its keys and secrets for deletion",
  oci_kms_key: "the master key encrypts etcd secrets and the Vault secrets; deletion makes them unreadable",
  oci_kms_key_version: "each version decrypts what was encrypted with it; a rename would schedule them for deletion",
  terraform_data: "records kept in the state (key-rotation epoch, job inputs); a new record restarts the rotation schedule or reruns jobs",
  random_password: "a new address generates a new password, out of step with the database",
  oci_vault_secret: "holds the passwords; a new secret is a new OCID that policies and ExternalSecrets name",
  oci_mysql_mysql_db_system: "the data",
  oci_containerengine_cluster: "everything running in Kubernetes",
  oci_containerengine_virtual_node_pool: "the nodes the pods run on",
  oci_containerengine_addon: "removing the native-ingress add-on removes the controller that owns the load balancer",
  oci_identity_policy: "a destroy-then-create is a window in which the grant is missing (and policy names must be unique)",
  oci_bastion_bastion: "sessions and the allowlist of the API tunnel",
  oci_artifacts_container_repository: "the images; OCI deletes them with the repository",
  helm_release: "uninstalling External Secrets removes its CRDs and with them every ExternalSecret",
  kubernetes_manifest: "deleting a Namespace, ExternalSecret or Deployment deletes what lives in it (pods, synced Secrets)",
};

/** A synthesized stack as Terraform JSON (`cdk.tf.json`), only the parts the check reads. */
export interface SynthesizedTerraform {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly moved?: ReadonlyArray<{ readonly from: string; readonly to: string }>;
}

/** The sorted addresses (`type.name`) of the stateful resources of one synthesized stack. */
export function statefulAddresses(tf: SynthesizedTerraform, types: Readonly<Record<string, string>> = STATEFUL_RESOURCE_TYPES): string[] {
  return Object.entries(tf.resource ?? {})
    .filter(([type]) => type in types)
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** What {@link checkStableAddresses} found in one stack. */
export interface AddressCheck {
  /** Golden addresses gone without a `moved` block to an address that exists: each a full sentence. */
  readonly missing: string[];
  /** Stateful addresses not in the golden list yet. */
  readonly added: string[];
}

/**
 * Compares a stack's stateful addresses with its golden list. An address that disappeared counts
 * as kept when the stack carries `moved { from = <it>, to = <an address it has> }`.
 * `regenerate` is the command that rewrites the golden list, quoted in the messages.
 */
export function checkStableAddresses(
  stack: string,
  golden: readonly string[],
  tf: SynthesizedTerraform,
  regenerate = "npm run golden",
  types: Readonly<Record<string, string>> = STATEFUL_RESOURCE_TYPES,
): AddressCheck {
  const current = new Set(statefulAddresses(tf, types));
  const allResources = new Set(Object.entries(tf.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)));
  const movedTo = new Map((tf.moved ?? []).map((block) => [block.from, block.to]));
  const missing = golden
    .filter((address) => !current.has(address))
    .filter((address) => !(movedTo.has(address) && allResources.has(movedTo.get(address)!)))
    .map((address) => {
      const to = movedTo.get(address);
      const type = address.split(".")[0];
      return (
        `stack ${stack}: ${address} is gone from the synth` +
        (to ? ` and its moved block points at ${to}, which the stack does not have` : " and no moved block says where it went") +
        ` — Terraform would destroy it and create a new one (${types[type] ?? "stateful"}). ` +
        `Fix: restore the construct id/path, or declare the rename on the new resource with renamedFrom(resource, "${address}") ` +
        `(cdktf moveFromId), or, if the resource really goes away, regenerate the golden list with ${regenerate}`
      );
    });
  const goldenSet = new Set(golden);
  const added = [...current].filter((address) => !goldenSet.has(address));
  return { missing, added };
}
