/**
 * The public API of oke-virtual-nodes: every name a user may import from the package root is listed
 * here, by module. Anything else (helpers shared between the library's modules) is internal: its
 * doc comment says so (TypeScript's stripInternal tag), it is stripped from the published
 * declarations and may change in any release. (This comment must not carry that tag itself: it
 * leads the first export below, which stripInternal would then drop.)
 *
 * To add a public name: export it from its module, list it below (types with `type`), run
 * `npm run api` and commit the updated api/oke-virtual-nodes.api.md (npm test fails until then).
 */

// The engine: faster synths and tests
export { disableTokenCreationStacks } from "./cdktf";

// Shared checks: OCIDs, regions and realms, Kubernetes names, environments
export {
  ENVIRONMENT_CONTEXT_KEY,
} from "./common/environment";
export {
  checkDns1123Label,
  checkDns1123Subdomain,
} from "./common/kubernetes-names";
export {
  checkOcid,
  OcidType,
} from "./common/ocid";
export {
  checkOcidRealm,
  closestRegion,
  realmOfOcid,
  REALMS,
  regionInfo,
  REGIONS,
  regionsOf,
  type Realm,
  type RegionInfo,
} from "./common/realms";
export { Tags } from "./common/tags";
export { renamedFrom } from "./common/renamed-from";
export {
  checkStableAddresses,
  STATEFUL_RESOURCE_TYPES,
  statefulAddresses,
  type AddressCheck,
  type SynthesizedTerraform,
} from "./common/stable-addresses";
export {
  checkRegion,
} from "./common/region";

// Network: VCN, subnets, NSGs, ports and peers, CIDR planning
export {
  type LoadBalancerAnnotationOptions,
  type LoadBalancerKind,
  type LoadBalancerPlacement,
} from "./network/load-balancer-annotations";
export {
  Network,
  type ExistingNetworkAttributes,
  type ExistingSubnet,
  type FlowLogOptions,
  type INetwork,
  type NetworkProps,
  type PodDemandRecord,
  type SubnetOptions,
  type SubnetRef,
  type SubnetRole,
} from "./network/network";
export {
  checkCapacity,
  DEFAULT_HEADROOM_PERCENT,
  DEFAULT_SEPARATE_NODE_SUBNET_PREFIX,
  DEFAULT_SUBNET_PREFIXES,
  DEFAULT_SURGE_PERCENT,
  DEFAULT_SYSTEM_PODS,
  OCI_MAX_PREFIX,
  OCI_MAX_PRIVATE_IPS_PER_VCN,
  OCI_MIN_PREFIX,
  OCI_RESERVED_IPS_PER_SUBNET,
  parseCidr,
  planSubnets,
  SUBNET_NAMES,
  usableIps,
  type CapacityCheck,
  type Cidr,
  type IpRequirement,
  type PlannedSubnet,
  type PodDemand,
  type SubnetName,
  type SubnetPlan,
  type SubnetPlanInput,
  type SubnetRequest,
  type SystemComponent,
  type WorkloadDemand,
} from "./network/network-cidr-plan";
export {
  NetworkSecurityGroup,
  type NetworkSecurityGroupProps,
  type SecurityRule,
  type SecurityRuleRequest,
} from "./network/network-security-group";
export {
  Connections,
  Peer,
  type CidrPeer,
  type ConnectionsProps,
  type IConnectable,
  type OracleServicesPeer,
} from "./network/connections";
export {
  ADMIN_PORTS,
  MAX_DESCRIPTION_LENGTH,
  NSG_ROLES,
  Port,
  PORTS,
  virtualNodeRuleTable,
  type NsgRole,
  type NsgRuleTable,
  type RoleRule,
  type RoleRulePeer,
  type RuleDirection,
  type RuleTableOptions,
  type Traffic,
} from "./network/network-security-rules";
export {
  isPrivateCidr,
  PRIVATE_RANGES,
} from "./network/private-ranges";

// Security: Vault and secrets, IAM policies and grants, workload identity, the policy language
export {
  IamPolicy,
  type IamPolicyProps,
} from "./security/iam-policy";
export {
  NATIVE_INGRESS_CONTROLLER_PERMISSIONS,
  VIRTUAL_NODE_ENDORSE_STATEMENTS,
  VIRTUAL_NODE_SERVICE_IDS,
  type PolicyLocation,
  type PolicyVerb,
  type SecretTarget,
  type VirtualNodeServiceIds,
  type WorkloadIdentityPrincipal,
} from "./security/iam-statements";
export {
  DEFAULT_KEY_ROTATION_DAYS,
  KEY_ROTATION_HORIZON_YEARS,
  MAX_KEY_ROTATION_DAYS,
  MIN_KEY_ROTATION_DAYS,
} from "./security/key-rotation";
export {
  DEFAULT_MYSQL_PASSWORD_LENGTH,
  DEFAULT_MYSQL_PASSWORD_SPECIALS,
  FORBIDDEN_MYSQL_PASSWORD_SPECIALS,
  MYSQL_PASSWORD_MAX_LENGTH,
  MYSQL_PASSWORD_MIN_LENGTH,
  type MySqlPasswordRules,
  type RandomPasswordSettings,
} from "./security/mysql-password-policy";
export {
  addPolicyLanguageChecks,
  PolicyLanguageChecks,
  policyLanguageErrors,
  type PolicyLanguageChecksOptions,
} from "./security/policy-language-checks";
export {
  checkPolicyDocument,
  describePolicyProblem,
  grantOf,
  iamGrantTable,
  isWorkloadGrant,
  parsePolicyStatement,
  POLICY_LIMITS,
  POLICY_SOURCES,
  POLICY_VARIABLES,
  POLICY_VERBS,
  policyGrantRows,
  PolicySyntaxError,
  RESOURCE_TYPES,
  type DefineStatement,
  type GrantRow,
  type GrantStatement,
  type PolicyCondition,
  type PolicyConditionOperator,
  type PolicyDocument,
  type PolicyExtraVocabulary,
  type PolicyGrant,
  type PolicyParseOptions,
  type PolicyProblem,
  type PolicyResourceTypeEntry,
  type PolicySourceId,
  type PolicyStatement,
  type PolicySubject,
  type PolicyValueKind,
  type PolicyVariableEntry,
  type StackJson,
  type StatementLocation,
  type VocabularySource,
} from "./security/policy-language";
export {
  SecretsVault,
  VaultSecret,
  type ExistingSecretsVaultAttributes,
  type ISecretsVault,
  type IVaultSecret,
  type KeyRotationOptions,
  type SecretOptions,
  type SecretsVaultProps,
  type VaultType,
} from "./security/secrets-vault";
export {
  WorkloadIdentity,
  WorkloadMappings,
  type IWorkloadCluster,
  type IWorkloadIdentity,
  type WorkloadIdentityProps,
  type WorkloadPolicyOptions,
} from "./security/workload-identity";

// Database: MySQL HeatWave and the app's database user
export {
  APP_USER_PRIVILEGES,
  appUserStatements,
  checkMySqlUserName,
  checkSchemaName,
  type AppUserSqlInput,
} from "./database/app-user-sql";
export {
  MAX_BACKUP_RETENTION_DAYS,
  MAX_HEATWAVE_NODES,
  MIN_BACKUP_RETENTION_DAYS,
  MIN_STORAGE_GB,
  MySqlDatabase,
  RESERVED_MYSQL_ADMIN_NAMES,
  type ExistingMySqlDatabaseAttributes,
  type HeatWaveClusterOptions,
  type IMySqlDatabase,
  type MySqlBackupOptions,
  type MySqlDatabaseProps,
  type MySqlDeletionOptions,
  type MySqlStorageOptions,
} from "./database/mysql-database";

// Cluster: OKE virtual nodes, pools, bastion, native ingress controller
export { ClusterAccess } from "./cluster/cluster-access";
export {
  ClusterBastion,
  type ClusterBastionProps,
} from "./cluster/cluster-bastion";
export {
  CERT_MANAGER_CONTAINERS,
  CERT_MANAGER_PODS,
  NATIVE_INGRESS_NAMESPACE,
  NATIVE_INGRESS_SERVICE_ACCOUNT,
  NativeIngressController,
  type AddonPodResources,
  type NativeIngressControllerOptions,
} from "./cluster/native-ingress-controller";
export {
  DEFAULT_KUBERNETES_VERSION,
  FAULT_DOMAINS,
  MIN_KUBERNETES_VERSION,
  TAINT_EFFECTS,
  VIRTUAL_NODE_POD_SHAPES,
  type PlacementOption,
  type PodShape,
  type TaintEffect,
} from "./cluster/oke-options";
export {
  VirtualNodeCluster,
  type EncryptionKeyRef,
  type ExistingClusterAttributes,
  type IVirtualNodeCluster,
  type KubernetesAccess,
  type KubernetesEndpointOverride,
  type VirtualNodeClusterProps,
  type WorkloadGrantOptions,
} from "./cluster/virtual-node-cluster";
export {
  COREDNS_NODES_PER_REPLICA,
  VirtualNodePool,
  type Taint,
  type VirtualNodePoolOptions,
  type VirtualNodePoolProps,
} from "./cluster/virtual-node-pool";

// Workloads: app, cluster services, database bootstrap, ingress classes
export {
  AppWorkload,
  type AppDatabaseOptions,
  type AppIngressOptions,
  type AppSecret,
  type AppWorkloadProps,
  type AutoscalingOptions,
  type DatabaseBootstrapOptions,
} from "./workloads/app-workload";
export {
  type IngressTls,
} from "./workloads/app-manifests";
export { DEFAULT_TOPOLOGY_KEYS } from "./workloads/app-workload-plan";
export {
  SecretSync,
  type SecretSyncProps,
  type SyncDockerConfigOptions,
  type SyncedSecretKey,
  type SyncSecretsOptions,
} from "./workloads/secret-sync";
export {
  VirtualNodeDeployment,
  type PodTemplateOptions,
  type VirtualNodeDeploymentProps,
} from "./workloads/virtual-node-deployment";
export {
  NativeIngressExposure,
  type IngressRuleOptions,
  type NativeIngressExposureProps,
} from "./workloads/native-ingress-exposure";
export {
  ClusterServices,
  type ClusterServicesProps,
  type ExternalSecretsOptions,
  type MetricsServerOptions,
} from "./workloads/cluster-services";
export {
  DatabaseBootstrap,
  DEFAULT_MYSQL_CLIENT_IMAGE,
  type DatabaseBootstrapProps,
  type MigrateCommand,
} from "./workloads/database-bootstrap";
export {
  APP_PASSWORD_ENV,
  DEFAULT_DATABASE_ENV_NAMES,
  type ClientTlsMode,
  type DatabaseEnvNames,
} from "./workloads/database-bootstrap-manifests";
export {
  DEFAULT_SERVICE_POD_RESOURCES,
  EXTERNAL_SECRETS_CHART,
  METRICS_SERVER_CHART,
  type PodResources,
} from "./workloads/helm-values";
export {
  checkImage,
  imageRegistryHost,
  isOcirHost,
} from "./workloads/image-reference";
export {
  MAX_LB_BANDWIDTH_MBPS,
  MIN_LB_BANDWIDTH_MBPS,
  NativeIngressClass,
  type NativeIngressClassOptions,
} from "./workloads/native-ingress-class";
export {
  describeViolations,
  NODE_PORT_RANGE,
  POD_SECURITY_CONTEXT_FIELDS,
  podSpecViolations,
  VOLUME_TYPES,
  workloadViolations,
  type PodViolation,
  type WorkloadManifest,
} from "./workloads/virtual-node-pod-rules";

// Checks: compliance rules run as an Aspect
export {
  addComplianceChecks,
  ComplianceChecks,
  type ComplianceChecksOptions,
  type Finding,
  type WaivedFinding,
} from "./checks/compliance-checks";
export {
  COMPLIANCE_RULE_IDS,
  COMPLIANCE_RULES,
  type ComplianceRule,
  type ResourceView,
  type Violation,
  type WorkloadView,
} from "./checks/compliance-rules";

// Stacks and backends
export {
  AppStack,
  type AppStackProps,
} from "./stacks/app-stack";
export {
  terraformCloudBackend,
  terraformCloudWorkspaces,
  type TerraformCloudOptions,
  type TerraformCloudWorkspaces,
} from "./stacks/backends";
export {
  ClusterServicesStack,
  type ClusterServicesStackProps,
} from "./stacks/cluster-services-stack";
export {
  OciStack,
  type OciStackProps,
} from "./stacks/oci-stack";
export {
  importPlatform,
  readPlatformFromTerraformCloud,
  type ExistingPlatformAttributes,
  type PlatformRefs,
  type TerraformCloudPlatformSource,
} from "./stacks/platform";
export {
  missingPlatformOutputs,
  REQUIRED_PLATFORM_OUTPUTS,
} from "./stacks/platform-outputs";
export {
  PlatformStack,
  type ApiAccess,
  type PlatformStackProps,
} from "./stacks/platform-stack";
