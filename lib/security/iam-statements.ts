/**
 * OCI IAM policy statements for OKE virtual nodes, etcd encryption and workload identity,
 * exactly in the forms Oracle documents (reference §2). Pure: no cdktf imports; values may be
 * Terraform references (`${...}`), which end up inside the statement strings.
 */
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";

/** A Kubernetes service account of one cluster, as OKE workload identity names it. */
export interface WorkloadIdentityPrincipal {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The cluster's OCID (usually a reference to the cluster resource). */
  readonly clusterId: string;
}

/** Where a statement applies. */
export type PolicyLocation = { readonly compartmentId: string } | "tenancy";

export type PolicyVerb = "inspect" | "read" | "use" | "manage";
const VERBS: readonly PolicyVerb[] = ["inspect", "read", "use", "manage"];
const RESOURCE_TYPE = /^[a-z][a-z0-9-]*$/;

/** @internal */
export function locationClause(location: PolicyLocation): string {
  return location === "tenancy" ? "in tenancy" : `in compartment id ${location.compartmentId}`;
}

/**
 * Checks the principal's names as Kubernetes would.
 * @internal
 */
export function checkWorkloadIdentityPrincipal(principal: WorkloadIdentityPrincipal): WorkloadIdentityPrincipal {
  checkDns1123Label(principal.namespace, "workload identity namespace");
  checkDns1123Subdomain(principal.serviceAccount, "workload identity service account");
  return principal;
}

/**
 * `Allow any-user to <verb> <resource-type> <location> where all {request.principal.type = 'workload', …}`
 * (reference §2.3), with optional extra conditions such as `target.secret.id = '…'`.
 * @internal
 */
export function workloadIdentityStatement(
  principal: WorkloadIdentityPrincipal,
  verb: PolicyVerb,
  resourceType: string,
  location: PolicyLocation,
  extraConditions: readonly string[] = [],
): string {
  if (!VERBS.includes(verb)) {
    throw new Error(`policy verb "${verb}" is not one of ${VERBS.join(", ")}`);
  }
  if (!RESOURCE_TYPE.test(resourceType)) {
    throw new Error(`policy resource type "${resourceType}" is not a resource type or family such as secret-bundles`);
  }
  checkWorkloadIdentityPrincipal(principal);
  const conditions = [
    "request.principal.type = 'workload'",
    `request.principal.namespace = '${principal.namespace}'`,
    `request.principal.service_account = '${principal.serviceAccount}'`,
    `request.principal.cluster_id = '${principal.clusterId}'`,
    ...extraConditions,
  ];
  return `Allow any-user to ${verb} ${resourceType} ${locationClause(location)} where all {${conditions.join(", ")}}`;
}

export interface SecretTarget {
  readonly secretId: string;
  readonly vaultId: string;
  /** Compartment holding the vault and the secret. */
  readonly compartmentId: string;
}

/**
 * Least privilege to read one Vault secret's value: `read secret-bundles` narrowed to the
 * secret, plus `read vaults` narrowed to its vault (External Secrets' store check calls GetVault).
 * @internal
 */
export function secretReadStatements(principal: WorkloadIdentityPrincipal, target: SecretTarget): string[] {
  const location = { compartmentId: target.compartmentId };
  return [
    workloadIdentityStatement(principal, "read", "secret-bundles", location, [`target.secret.id = '${target.secretId}'`]),
    workloadIdentityStatement(principal, "read", "vaults", location, [`target.vault.id = '${target.vaultId}'`]),
  ];
}

/**
 * Lets clusters use one key for etcd secret encryption (reference §2.2).
 * @internal
 */
export function clusterKeyStatement(keyCompartmentId: string, keyId: string): string {
  return `Allow any-user to use keys in compartment id ${keyCompartmentId} where ALL {request.principal.type = 'cluster', target.key.id = '${keyId}'}`;
}

/** The OKE service's tenancy and compartment that the virtual-node policy endorses (`ske`). */
export interface VirtualNodeServiceIds {
  readonly tenancyId: string;
  readonly compartmentId: string;
}

/**
 * The OKE service OCIDs of each realm as Oracle publishes them ("Required IAM Policies" for virtual
 * nodes, reference §2.1). Oracle's page gives the commercial realm's only; other realms must be
 * supplied (`virtualNodePolicyServiceIds`).
 */
export const VIRTUAL_NODE_SERVICE_IDS: Readonly<Record<string, VirtualNodeServiceIds>> = {
  oc1: {
    tenancyId: "ocid1.tenancy.oc1..aaaaaaaacrvwsphodcje6wfbc3xsixhzcan5zihki6bvc7xkwqds4tqhzbaq",
    compartmentId: "ocid1.compartment.oc1..aaaaaaaa2bou6r766wmrh5zt3vhu2rwdya7ahn4dfdtwzowb662cmtdc5fea",
  },
};

/**
 * The tenancy-wide statements virtual nodes need (reference §2.1), for the OKE service of one realm.
 * @internal
 */
export function virtualNodeEndorseStatements(service: VirtualNodeServiceIds): string[] {
  return [`define tenancy ske as ${service.tenancyId}`, `define compartment ske_compartment as ${service.compartmentId}`, ...VIRTUAL_NODE_ENDORSE_RULES];
}

const VIRTUAL_NODE_ENDORSE_RULES: readonly string[] = [
  "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with subnets in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
  "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with vnics in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
  "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with network-security-group in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance'}",
];

/**
 * The statements exactly as Oracle publishes them for the commercial realm oc1. They go in a
 * policy in the root compartment.
 */
export const VIRTUAL_NODE_ENDORSE_STATEMENTS: readonly string[] = virtualNodeEndorseStatements(VIRTUAL_NODE_SERVICE_IDS.oc1);

/**
 * What the OCI native ingress controller needs with workload identity (reference §10): load
 * balancers, the network, certificates and WAF in the load balancer's compartment, the cluster
 * read in the cluster's, public and floating IPs in the tenancy.
 */
export const NATIVE_INGRESS_CONTROLLER_PERMISSIONS: {
  readonly compartment: readonly (readonly [PolicyVerb, string])[];
  readonly cluster: readonly (readonly [PolicyVerb, string])[];
  readonly tenancy: readonly (readonly [PolicyVerb, string])[];
} = {
  compartment: [
    ["manage", "load-balancers"],
    ["use", "virtual-network-family"],
    ["manage", "cabundles"],
    ["manage", "cabundle-associations"],
    ["manage", "leaf-certificates"],
    ["manage", "leaf-certificate-versions"],
    ["read", "leaf-certificate-bundles"],
    ["manage", "certificate-associations"],
    ["read", "certificate-authorities"],
    ["manage", "certificate-authority-associations"],
    ["read", "certificate-authority-bundles"],
    ["manage", "waf-family"],
  ],
  cluster: [["read", "cluster-family"]],
  tenancy: [
    ["read", "public-ips"],
    ["manage", "floating-ips"],
  ],
};

const mysqlPrincipal = (dbCompartmentId: string) =>
  `where all {request.principal.type='mysqldbsystem', request.resource.compartment.id='${dbCompartmentId}'}`;

/**
 * The statements MySQL HeatWave requires for a DB system in network security groups (Oracle,
 * "Mandatory Policies and Permissions", rows "for NSGs in DB system or read replica"; reference §7):
 * update the NSG's members, and create and attach its VNIC in the subnet's compartment.
 * @internal
 */
export function mysqlNetworkStatements(nsgCompartmentId: string, subnetCompartmentId: string, dbCompartmentId: string): string[] {
  return [
    `Allow any-user to {NETWORK_SECURITY_GROUP_UPDATE_MEMBERS} in compartment id ${nsgCompartmentId} ${mysqlPrincipal(dbCompartmentId)}`,
    `Allow any-user to {VNIC_CREATE, VNIC_UPDATE, VNIC_ASSOCIATE_NETWORK_SECURITY_GROUP, VNIC_DISASSOCIATE_NETWORK_SECURITY_GROUP} in compartment id ${subnetCompartmentId} ${mysqlPrincipal(dbCompartmentId)}`,
  ];
}

/**
 * Lets MySQL HeatWave DB systems of a compartment encrypt with a customer-managed key (BYOK).
 * @internal
 */
export function mysqlKeyStatement(keyCompartmentId: string, dbCompartmentId: string): string {
  return `Allow any-user to use key-delegate in compartment id ${keyCompartmentId} ${mysqlPrincipal(dbCompartmentId)}`;
}
