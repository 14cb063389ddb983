/**
 * The words of OCI's IAM policy language, as data, each with the Oracle page it comes from and
 * the date it was checked. The parser refuses a word that is not here, so an entry missing here
 * makes a valid statement fail: add it (with its source) or pass it as `extraVocabulary`.
 * Pure: no cdktf imports.
 */

/** An Oracle page the vocabulary was taken from. */
export interface VocabularySource {
  readonly title: string;
  readonly url: string;
  /** When the page was read for this list (UTC date). */
  readonly checked: string;
}

const CHECKED = "2026-12-05";
const page = (title: string, url: string): VocabularySource => ({ title, url, checked: CHECKED });

export const POLICY_SOURCES = {
  policyBasics: page("IAM Policies Overview (policy syntax)", "https://docs.oracle.com/iaas/Content/Identity/policieshow/Policy_Basics.htm"),
  conditions: page("Conditions", "https://docs.oracle.com/en-us/iaas/Content/Identity/policysyntax/conditions.htm"),
  advanced: page("Advanced Policy Features (permissions, time-based variables)", "https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/policyadvancedfeatures.htm"),
  verbs: page("Verbs", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/policyreference.htm#Verbs"),
  resourceTypes: page("Resource-Types", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/policyreference.htm#Resource"),
  generalVariables: page("General Variables for All Requests", "https://docs.oracle.com/iaas/Content/Identity/policyreference/policyreference_topic-General_Variables_for_All_Requests.htm"),
  crossTenancy: page("Accessing Resources Across Tenancies (Endorse, Admit, Define)", "https://docs.oracle.com/en-us/iaas/Content/Identity/policiesgs/cross-tenancy-policies.htm"),
  tags: page("Using Tags to Manage Access", "https://docs.oracle.com/iaas/Content/Tagging/Tasks/managingaccesswithtags.htm"),
  iam: page("Details for IAM with Identity Domains", "https://docs.oracle.com/iaas/Content/Identity/policyreference/iampolicyreference.htm"),
  iamNoDomains: page("Details for IAM without Identity Domains", "https://docs.cloud.oracle.com/Content/Identity/Reference/iampolicyreference.htm"),
  vault: page("Details for Vault, Key Management, and Secret Management", "https://docs.oracle.com/iaas/Content/Identity/Reference/keypolicyreference.htm"),
  oke: page("Details for Kubernetes Engine", "https://docs.oracle.com/en-us/iaas/Content/Identity/policyreference/contengpolicyreference.htm"),
  okeWorkload: page("Granting Workloads Access to OCI Resources", "https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contenggrantingworkloadaccesstoresources.htm"),
  okeVirtualNodes: page("Required IAM policies for virtual nodes", "https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengvirtualnodes-Required_IAM_Policies.htm"),
  okeEncryption: page("Encrypting Kubernetes secrets at rest in etcd", "https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengencryptingdata.htm"),
  mysql: page("MySQL HeatWave: Resource-Types", "https://docs.oracle.com/en-us/iaas/mysql-database/doc/resource-types.html"),
  mysqlMandatory: page("MySQL HeatWave: Mandatory Policies and Permissions", "https://docs.oracle.com/en-us/iaas/mysql-database/doc/policy-details-mysql-database-service.html"),
  networking: page("Details for the Core Services (Networking)", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/corepolicyreference.htm"),
  compute: page("Details for the Core Services (Compute, Block Volume)", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/corepolicyreference.htm"),
  containerInstances: page("Details for Container Instances", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/container-instances-policy-reference.htm"),
  loadBalancer: page("Details for Load Balancer", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/lbpolicyreference.htm"),
  certificates: page("Details for the Certificates Service", "https://docs.oracle.com/en-us/iaas/Content/certificates/certificatespolicyreference.htm"),
  waf: page("Web Application Firewall policies", "https://docs.oracle.com/en-us/iaas/Content/web-app-firewall/Reference/waf-policy-reference.htm"),
  registry: page("Details for Container Registry", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/registrypolicyreference.htm"),
  bastion: page("Details for Bastion", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/bastionpolicyreference.htm"),
  logging: page("Details for Logging", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/loggingpolicyreference.htm"),
  objectStorage: page("Details for Object Storage and Archive Storage", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/objectstoragepolicyreference.htm"),
  functions: page("Details for Functions", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/functionspolicyreference.htm"),
  monitoring: page("Details for Monitoring", "https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/monitoringpolicyreference.htm"),
  connectorHub: page(
    "Connector Hub: policies for connectors (any-user … request.principal.type='serviceconnector', request.principal.compartment.id)",
    "https://docs.oracle.com/en-us/iaas/Content/connector-hub/create-service-connector-policy.htm",
  ),
  nativeIngress: page(
    "oracle/oci-native-ingress-controller GettingStarted.md (not an Oracle docs page; `floating-ips` appears only there)",
    "https://github.com/oracle/oci-native-ingress-controller/blob/main/GettingStarted.md",
  ),
  limitsPca: page(
    "Creating a Policy (name ≤ 100 of letters, digits, '-', '.', '_'; description ≤ 400; up to 50 statements)",
    "https://docs.oracle.com/en-us/iaas/private-cloud-appliance/cmn/iam-local/creating-a-policy.htm",
  ),
  createPolicyApi: page("CreatePolicyDetails (description 1–400 characters)", "https://docs.oracle.com/en/engineered-systems/private-cloud-appliance/3.0-latest/ceapi/op-20160918-policies-post.html"),
} as const;

export type PolicySourceId = keyof typeof POLICY_SOURCES;

/**
 * Where the parser's keywords come from.
 * @internal
 */
export const POLICY_GRAMMAR_SOURCES: Record<string, PolicySourceId> = {
  "Allow <subject> to <verb> <resource-type> in <location> [where <conditions>]; subjects; locations incl. compartment paths a:b": "policyBasics",
  "inspect, read, use, manage": "verbs",
  "Endorse, Admit, Define; 'of tenancy <alias>', 'in tenancy <alias>', any-tenancy": "crossTenancy",
  "associate <type> in <location> with <type> in <location> (Endorse/Admit)": "okeVirtualNodes",
  "{PERMISSION, …} in place of verb and resource type": "mysqlMandatory",
  "'variable =|!= value', any|all {…}, quoted strings, /patterns/": "conditions",
  "before|after, between … and …, in (…) for the time variables": "advanced",
};
// Not sourced, so accepted rather than refused: nested any/all groups, `group A, B` after a comma.

/** The four verbs, least to most access (Verbs). */
export const POLICY_VERBS = ["inspect", "read", "use", "manage"] as const;


export interface PolicyResourceTypeEntry {
  readonly name: string;
  /** Individual types an aggregate (family) stands for, where the page lists them. */
  readonly members?: readonly string[];
  readonly family?: boolean;
  readonly source: PolicySourceId;
  readonly note?: string;
}

const family = (name: string, source: PolicySourceId, members?: string[], note?: string): PolicyResourceTypeEntry => ({ name, family: true, members, source, note });
const types = (source: PolicySourceId, ...names: string[]): PolicyResourceTypeEntry[] => names.map((name) => ({ name, source }));

export const RESOURCE_TYPES: readonly PolicyResourceTypeEntry[] = [
  family("all-resources", "resourceTypes", undefined, "every resource type"),
  // Vault, Key Management, Secret Management
  ...types("vault", "vaults", "keys", "key-delegate", "hsm-cluster", "secrets", "secret-versions", "secret-bundles", "secret-replication"),
  family("secret-family", "vault", ["secrets", "secret-versions", "secret-bundles"]),
  // Kubernetes Engine
  family("cluster-family", "oke", ["clusters", "cluster-node-pools", "cluster-pod-shapes", "cluster-virtualnode-pools", "cluster-work-requests", "cluster-workload-mappings"]),
  ...types("oke", "clusters", "cluster-node-pools", "cluster-pod-shapes", "cluster-virtualnode-pools", "cluster-work-requests", "cluster-workload-mappings"),
  // MySQL HeatWave
  family("mysql-family", "mysql", ["mysql-instances", "mysql-configurations", "mysql-backups", "mysql-work-requests", "mysql-channels", "mysql-heatwave"]),
  ...types("mysql", "mysql-instances", "mysql-configurations", "mysql-backups", "mysql-work-requests", "mysql-channels", "mysql-heatwave"),
  // Networking
  family("virtual-network-family", "networking", [
    "vcns", "subnets", "route-tables", "network-security-groups", "security-lists", "dhcp-options", "private-ips", "public-ips", "ipv6s",
    "internet-gateways", "nat-gateways", "service-gateways", "local-peering-gateways", "remote-peering-connections", "drgs", "drg-attachments",
    "cpes", "ipsec-connections", "cross-connects", "cross-connect-groups", "virtual-circuits", "vnics", "vnic-attachments", "vlans",
  ]),
  ...types(
    "networking",
    "vcns", "subnets", "route-tables", "network-security-groups", "security-lists", "dhcp-options", "private-ips", "public-ips", "ipv6s",
    "internet-gateways", "nat-gateways", "service-gateways", "local-peering-gateways", "local-peering-from", "local-peering-to",
    "remote-peering-connections", "remote-peering-from", "remote-peering-to", "drgs", "drg-attachments", "drg-route-tables",
    "drg-route-distributions", "cpes", "ipsec-connections", "cross-connects", "cross-connect-groups", "virtual-circuits", "vnics",
    "vnic-attachments", "vlans", "byoip-ranges", "public-ip-pools", "vtaps", "capture-filters",
  ),
  { name: "network-security-group", source: "okeVirtualNodes", note: "singular, exactly as Oracle publishes it in the virtual-node endorse statement" },
  { name: "floating-ips", source: "nativeIngress", note: "unconfirmed on Oracle's docs pages; kept because the native ingress controller's own guide requires it" },
  // Compute, Block Volume, Container Instances
  family("instance-family", "compute", ["instances", "instance-images", "volume-attachments", "console-histories", "instance-console-connection", "app-catalog-listing"]),
  family("compute-management-family", "compute", ["instance-configurations", "instance-pools", "cluster-networks"]),
  family("instance-agent-command-family", "compute"),
  family("volume-family", "compute", ["volumes", "volume-attachments", "volume-backups", "boot-volume-backups", "backup-policies", "backup-policy-assignments", "volume-groups", "volume-group-backups"]),
  ...types(
    "compute",
    "instances", "instance-images", "console-histories", "instance-console-connection", "app-catalog-listing", "instance-configurations",
    "instance-pools", "cluster-networks", "dedicated-vm-hosts", "volumes", "volume-attachments", "volume-backups", "boot-volume-backups",
    "backup-policies", "backup-policy-assignments", "volume-groups", "volume-group-backups",
  ),
  family("compute-container-family", "containerInstances", ["compute-container-instances", "compute-containers"]),
  ...types("containerInstances", "compute-container-instances", "compute-containers"),
  // Load balancing, certificates, WAF (the native ingress controller's grants)
  ...types("loadBalancer", "load-balancers", "network-load-balancers"),
  family("certificate-authority-family", "certificates"),
  family("leaf-certificate-family", "certificates"),
  ...types(
    "certificates",
    "certificate-authorities", "certificate-authority-versions", "certificate-authority-bundles", "certificate-authority-associations",
    "leaf-certificates", "leaf-certificate-versions", "leaf-certificate-bundles", "certificate-associations", "cabundles", "cabundle-associations",
  ),
  family("waf-family", "waf"),
  // Container Registry, Bastion, Logging, Object Storage
  ...types("registry", "repos"),
  family("bastion-family", "bastion", ["bastion", "bastion-session"]),
  ...types("bastion", "bastion", "bastion-session"),
  family("logging-family", "logging", ["log-groups", "log-content", "unified-configuration"]),
  ...types("logging", "log-groups", "log-content", "unified-configuration"),
  family("object-family", "objectStorage", ["buckets", "objects"]),
  ...types("objectStorage", "buckets", "objects", "objectstorage-namespaces"),
  // IAM
  ...types(
    "iam",
    "authentication-policies", "compartments", "credentials", "domains", "dynamic-groups", "groups", "iamworkrequest", "identity-providers",
    "network-sources", "policies", "tag-defaults", "tag-namespaces", "tenancies", "users", "workrequest",
  ),
  ...types("iamNoDomains", "group-memberships", "oauth2-clients", "regions", "service-principal", "tagRules", "domain", "tasdomain", "tagNamespaces", "authentication"),
  // Functions, Monitoring (targets of Connector Hub policies)
  ...types("functions", "fn-app", "fn-function", "fn-invocation"),
  ...types("monitoring", "metrics", "alarms"),
  // Further families named on the Resource-Types page
  family("database-family", "resourceTypes"),
  family("autonomous-database-family", "resourceTypes"),
  family("file-family", "resourceTypes"),
  family("dns", "resourceTypes"),
  family("email-family", "resourceTypes"),
  family("functions-family", "resourceTypes"),
  family("api-gateway-family", "resourceTypes"),
  family("ons-family", "resourceTypes"),
  family("data-catalog-family", "resourceTypes"),
  family("data-science-family", "resourceTypes"),
];

export type PolicyValueKind = "entity" | "string" | "boolean" | "list";

export interface PolicyVariableEntry {
  readonly name: string;
  readonly kind: PolicyValueKind;
  /** Operators the docs give for this variable. @default ["=", "!="] (Conditions) */
  readonly operators?: readonly PolicyConditionOperator[];
  readonly source: PolicySourceId;
}

/**
 * A variable family whose tail is the user's own (tag namespace and key).
 * @internal
 */
export interface PolicyVariablePattern {
  readonly prefix: string;
  /** How many dot-separated parts follow the prefix. */
  readonly parts: number;
  readonly shape: string;
  readonly source: PolicySourceId;
}

export type PolicyConditionOperator = "=" | "!=" | "before" | "after" | "between" | "in";

const vars = (source: PolicySourceId, kind: PolicyValueKind, ...names: string[]): PolicyVariableEntry[] => names.map((name) => ({ name, kind, source }));

export const POLICY_VARIABLES: readonly PolicyVariableEntry[] = [
  ...vars("generalVariables", "entity", "request.user.id", "target.compartment.id"),
  ...vars("generalVariables", "string", "request.user.name", "request.permission", "request.operation", "request.networkSource.name", "request.region", "request.ad", "target.compartment.name"),
  ...vars("generalVariables", "boolean", "request.user.mfaTotpVerified"),
  ...vars("generalVariables", "list", "request.groups.id"),
  { name: "request.utc-timestamp", kind: "string", operators: ["before", "after"], source: "advanced" },
  { name: "request.utc-timestamp.month-of-year", kind: "string", operators: ["=", "!=", "in"], source: "advanced" },
  { name: "request.utc-timestamp.day-of-month", kind: "string", operators: ["=", "!=", "in"], source: "advanced" },
  { name: "request.utc-timestamp.day-of-week", kind: "string", operators: ["=", "!=", "in"], source: "advanced" },
  { name: "request.utc-timestamp.time-of-day", kind: "string", operators: ["between"], source: "advanced" },
  // Principals that are not users: workloads, clusters, virtual nodes, MySQL DB systems
  ...vars("okeWorkload", "string", "request.principal.type", "request.principal.namespace", "request.principal.service_account"),
  ...vars("okeWorkload", "entity", "request.principal.cluster_id"),
  ...vars("okeVirtualNodes", "entity", "request.principal.subnet"),
  ...vars("mysqlMandatory", "entity", "request.resource.compartment.id"),
  ...vars("connectorHub", "entity", "request.principal.compartment.id"),
  // IAM
  ...vars("iam", "entity", "target.user.id", "target.group.id", "target.policy.id", "target.dynamic-group.id", "target.resource.domain.id", "target.domain.id", "target.tag-namespace.id"),
  ...vars("iam", "string", "target.user.name", "target.group.name", "target.policy.name", "target.dynamic-group.name", "target.resource.domain.name", "target.domain.name", "target.credential.type", "target.tag-namespace.name"),
  ...vars("iam", "boolean", "target.group.member", "target.policy.autoupdate"),
  ...vars("iamNoDomains", "entity", "target.dynamicgroup.id"),
  ...vars("iamNoDomains", "string", "target.dynamicgroup.name"),
  // Vault
  ...vars("vault", "string", "request.includePlainTextKey", "request.kms-key.id", "target.boot-volume.kms-key.id", "target.secret.name"),
  ...vars("vault", "entity", "target.key.id", "target.vault.id", "target.secret.id"),
  // Kubernetes Engine
  ...vars("oke", "entity", "target.cluster.id", "target.nodepool.id", "target.virtualnodepool.id", "target.clusterworkloadmapping.id", "target.mapping.cluster_id"),
  // Registry, Bastion, Object Storage
  ...vars("registry", "string", "target.repo.name"),
  ...vars("bastion", "entity", "target.bastion.ocid", "target.resource.ocid"),
  ...vars("bastion", "string", "target.bastion.name", "target.bastion-session.username"),
  ...vars("objectStorage", "string", "target.bucket.name"),
];

/** @internal */
export const POLICY_VARIABLE_PATTERNS: readonly PolicyVariablePattern[] = [
  { prefix: "request.principal.group.tag", parts: 2, shape: "request.principal.group.tag.<namespace>.<key>", source: "tags" },
  { prefix: "request.principal.compartment.tag", parts: 2, shape: "request.principal.compartment.tag.<namespace>.<key>", source: "tags" },
  { prefix: "target.resource.tag", parts: 2, shape: "target.resource.tag.<namespace>.<key>", source: "tags" },
  { prefix: "target.resource.compartment.tag", parts: 2, shape: "target.resource.compartment.tag.<namespace>.<key>", source: "tags" },
  { prefix: "target.bucket.tag", parts: 2, shape: "target.bucket.tag.<namespace>.<key>", source: "objectStorage" },
];

/**
 * Operators a condition may use when the variable's entry names none (Conditions: `variable =|!= value`).
 * @internal
 */
export const DEFAULT_CONDITION_OPERATORS: readonly PolicyConditionOperator[] = ["=", "!="];

/** Words the user adds: resource types and variables OCI documents that the lists above lack. */
export interface PolicyExtraVocabulary {
  readonly resourceTypes?: readonly string[];
  readonly variables?: readonly string[];
}

/**
 * OCI's limits on one policy, each with its source. OCI enforces further limits across policies
 * (500 statements along one compartment path, "Policy Statements Limit per Compartment Hierarchy"),
 * which depend on what else is in the tenancy and are not checked here.
 */
export const POLICY_LIMITS = {
  maxStatements: { value: 50, source: "limitsPca" as PolicySourceId },
  maxNameLength: { value: 100, source: "limitsPca" as PolicySourceId },
  namePattern: { value: /^[A-Za-z0-9_.-]+$/, source: "limitsPca" as PolicySourceId, text: "letters, digits, '-', '_' and '.'" },
  maxDescriptionLength: { value: 400, source: "createPolicyApi" as PolicySourceId },
} as const;
