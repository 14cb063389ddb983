import { Construct, IConstruct } from "constructs";
import { environmentName } from "../common/environment";
import { ContainerengineCluster } from "../../.gen/providers/oci/containerengine-cluster";
import { ContainerengineVirtualNodePoolPlacementConfigurations } from "../../.gen/providers/oci/containerengine-virtual-node-pool";
import { DataOciIdentityAvailabilityDomains } from "../../.gen/providers/oci/data-oci-identity-availability-domains";
import { DataOciIdentityFaultDomains } from "../../.gen/providers/oci/data-oci-identity-fault-domains";
import { IResolvable, TerraformIterator } from "../cdktf";
import { OcidType, checkOcid, checkOptionalOcid } from "../common/ocid";
import { checkRegion } from "../common/region";
import { checkedAt } from "../common/construct-errors";
import { checkOcidRealm, realmOfOcid, regionInfo } from "../common/realms";
import { IamPolicy, deploymentPolicyName } from "../security/iam-policy";
import {
  PolicyLocation,
  PolicyVerb,
  VIRTUAL_NODE_SERVICE_IDS,
  VirtualNodeServiceIds,
  virtualNodeEndorseStatements,
  clusterKeyStatement,
  workloadIdentityStatement,
} from "../security/iam-statements";
import { INetwork } from "../network/network";
import { Cidr, cidrsOverlap, parseCidr } from "../network/network-cidr-plan";
import { stackRegionOf } from "../common/stack-region";
import {
  DEFAULT_KUBERNETES_VERSION,
  FAULT_DOMAINS,
  PlacementOption,
  checkKubernetesVersion,
  checkPlacement,
} from "./oke-options";
import { NativeIngressController, NativeIngressControllerOptions } from "./native-ingress-controller";
import { VirtualNodePool, VirtualNodePoolOptions } from "./virtual-node-pool";
import { IWorkloadCluster, IWorkloadIdentity, WorkloadIdentity, WorkloadMappings } from "../security/workload-identity";

/** The key that encrypts Kubernetes secrets in etcd; a `SecretsVault` is one. */
export interface EncryptionKeyRef {
  readonly keyId: string;
  /** Compartment of the key (the §2.2 policy is written there). */
  readonly compartmentId: string;
}

export interface VirtualNodeClusterProps {
  readonly network: INetwork;
  /**
   * Compartment of the cluster and its node pools.
   * @default the network's compartment
   */
  readonly compartmentId?: string;
  /**
   * Cluster name (display names of pools and policies start with it).
   * @default "oke-vn-cluster"
   */
  readonly name?: string;
  /**
   * Kubernetes version, vX.Y.Z, at least v1.28.
   * @default "v1.34.1" (check `oci ce cluster-options get --cluster-option-id all`)
   */
  readonly kubernetesVersion?: string;
  /**
   * Region, for the token command of the Kubernetes and Helm providers.
   * @default the enclosing OciStack's region
   */
  readonly region?: string;
  /**
   * Give the API endpoint a public IP. Only possible in a public API subnet.
   * @default true when the network's API subnet is public, else false
   */
  readonly publicEndpoint?: boolean;
  /**
   * Kubernetes pods CIDR; must not overlap the VCN or the services CIDR.
   * @default "10.244.0.0/16"
   */
  readonly podsCidr?: string;
  /**
   * Kubernetes services CIDR; must not overlap the VCN or the pods CIDR.
   * @default "10.96.0.0/16"
   */
  readonly servicesCidr?: string;
  /**
   * Encrypt Kubernetes secrets in etcd with this key (only settable at creation). The policy of
   * reference §2.2 is created in the key's compartment before the cluster.
   * @default Oracle-managed encryption
   */
  readonly secretsEncryptionKey?: EncryptionKeyRef;
  /**
   * Create the §2.2 key policy. Turn off when it exists already.
   * @default true when secretsEncryptionKey is given
   */
  readonly createSecretsEncryptionPolicy?: boolean;
  /**
   * Enable OIDC discovery (for workloads federating with other clouds).
   * @default false
   */
  readonly openIdConnectDiscovery?: boolean;
  /**
   * Master encryption key OCIDs that verify image signatures; enables the image signing policy.
   * @default no image verification
   */
  readonly imageVerificationKeyIds?: string[];
  /**
   * Where node pools place virtual nodes.
   * @default every availability domain of the region, each with all its fault domains (data sources)
   */
  readonly placement?: PlacementOption[];
  /**
   * Tenancy OCID: needed for the endorse policy and for grants "in tenancy".
   * @default none
   */
  readonly tenancyId?: string;
  /**
   * Create the tenancy-wide policy virtual nodes need (reference §2.1, realm oc1). Often it exists
   * already; it needs `tenancyId`.
   * @default false
   */
  readonly createVirtualNodePolicy?: boolean;
  /**
   * The OKE service tenancy and compartment the virtual-node policy endorses, for realms whose
   * values the library does not know (see Oracle's "Required IAM Policies" for your realm).
   * @default Oracle's published values for the realm of the region (known: oc1)
   */
  readonly virtualNodePolicyServiceIds?: VirtualNodeServiceIds;
}

/** Where the providers connect instead of the endpoint in the kubeconfig. */
export interface KubernetesEndpointOverride {
  /**
   * API server URL, e.g. `https://127.0.0.1:6443` through an OCI Bastion port-forwarding session.
   * @default the endpoint in the cluster's kubeconfig
   */
  readonly host?: string;
  /**
   * A proxy, e.g. `socks5://127.0.0.1:1080`.
   * @default none
   */
  readonly proxyUrl?: string;
  /**
   * The name the API server's certificate is checked against (`tls_server_name`). Through a
   * tunnel, `host` is 127.0.0.1, which the certificate is not known to carry; the endpoint's own
   * address (the one in-VCN clients use) is.
   * @default the host of the kubeconfig's endpoint (the API endpoint's IP) when `host` is given, else none
   */
  readonly tlsServerName?: string;
}

/** How the Kubernetes and Helm providers reach and authenticate to the cluster. */
export type KubernetesAccess =
  /** A token from `oci ce cluster generate-token` on the machine running Terraform (needs the OCI CLI). */
  | ({ readonly kind: "oci-cli" } & KubernetesEndpointOverride)
  /** A bearer token you supply (e.g. a service-account token from a Terraform variable). */
  | ({ readonly kind: "token"; readonly token: string } & KubernetesEndpointOverride)
  /** A kubeconfig file on the runner, e.g. one written by `oci ce cluster create-kubeconfig`. */
  | { readonly kind: "kubeconfig"; readonly path: string; readonly context?: string };

export interface WorkloadGrantOptions {
  readonly verb: PolicyVerb;
  /** A resource type or family, e.g. `secret-bundles`, `objects`, `virtual-network-family`. */
  readonly resourceType: string;
  /** Where the resources are: a compartment, or the whole tenancy (needs `tenancyId`). */
  readonly location: PolicyLocation;
  /**
   * More conditions, e.g. `target.bucket.name = 'uploads'`.
   * @default []
   */
  readonly conditions?: string[];
  /**
   * What the grant is for; names the policy (`<cluster>-<namespace>-<service account>-<purpose>-<hash>`)
   * and tells grants to one principal apart.
   * @default "<verb>-<resource type>"
   */
  readonly purpose?: string;
}

const DEFAULT_PODS_CIDR = "10.244.0.0/16";
const DEFAULT_SERVICES_CIDR = "10.96.0.0/16";

/** An OKE cluster that virtual node pools, workloads and cluster services build on. */
export interface IVirtualNodeCluster extends IWorkloadCluster, IConstruct {
  readonly region: string;
  readonly kubernetesVersion: string;
  /** True when the API endpoint has a public IP. */
  readonly publicEndpoint: boolean;
  /**
   * The network the cluster runs in.
   * @default unknown for clusters imported without one
   */
  readonly network?: INetwork;
  /**
   * Tenancy OCID, for grants "in tenancy".
   * @default none
   */
  readonly tenancyId?: string;
  /** The service account `serviceAccount` in `namespace` as an OCI principal (grants go under it). */
  workloadIdentity(namespace: string, serviceAccount: string): IWorkloadIdentity;
  /** Lets a workload `verb` `resourceType` at `location`, in the §2.3 statement form. */
  grant(principal: IWorkloadIdentity, options: WorkloadGrantOptions): IamPolicy;
  /**
   * The API endpoint, `host:6443` (the bastion tunnels to it).
   * @default unknown for clusters imported without one
   */
  readonly apiEndpoint?: string;
  /**
   * Placement configurations for a virtual node pool in `subnetId`: `placement`, the cluster's
   * placement, or every AD × its fault domains.
   */
  placementConfigurations(
    subnetId: string,
    placement?: PlacementOption[],
  ): ContainerengineVirtualNodePoolPlacementConfigurations[] | IResolvable;
  /** Installs the CertManager and NativeIngressController add-ons, with the controller's IAM policies. */
  addNativeIngressController(options?: NativeIngressControllerOptions): NativeIngressController;
  /**
   * Maps a namespace to a compartment (`oci_containerengine_cluster_workload_mapping`), written
   * under `scope`. Grants do not need it; one compartment per namespace.
   */
  mapNamespace(scope: Construct, namespace: string, compartmentId: string): void;
}

/** Behaviour shared by created and existing clusters. */
abstract class VirtualNodeClusterBase extends Construct implements IVirtualNodeCluster {
  public abstract readonly clusterId: string;
  public abstract readonly name: string;
  public abstract readonly compartmentId: string;
  public abstract readonly region: string;
  public abstract readonly kubernetesVersion: string;
  public abstract readonly publicEndpoint: boolean;
  public abstract readonly network?: INetwork;
  public abstract readonly tenancyId?: string;
  public abstract readonly workloadMappings: WorkloadMappings;
  public abstract readonly apiEndpoint?: string;
  protected abstract readonly placement?: PlacementOption[];
  private faultDomainsByAd?: DataOciIdentityFaultDomains;
  private readonly identities = new Map<string, WorkloadIdentity>();

  public workloadIdentity(namespace: string, serviceAccount: string): IWorkloadIdentity {
    const key = `${namespace}/${serviceAccount}`;
    let identity = this.identities.get(key);
    if (!identity) {
      identity = new WorkloadIdentity(this, `workload-${namespace}-${serviceAccount}`, { cluster: this, namespace, serviceAccount });
      this.identities.set(key, identity);
    }
    return identity;
  }

  public grant(principal: IWorkloadIdentity, options: WorkloadGrantOptions): IamPolicy {
    if (principal.clusterId !== this.clusterId) {
      throw new Error(`${this.node.path}: ${principal.namespace}/${principal.serviceAccount} is a workload of another cluster; grant through that cluster`);
    }
    const policyCompartment =
      options.location === "tenancy" ? checkedAt(this, () => this.requireTenancy("a grant in tenancy")) : options.location.compartmentId;
    const statement = checkedAt(this, () =>
      workloadIdentityStatement(principal, options.verb, options.resourceType, options.location, options.conditions ?? []),
    );
    const purpose = options.purpose ?? `${options.verb}-${options.resourceType}`;
    return principal.addPolicy(purpose, {
      compartmentId: policyCompartment,
      purpose,
      description: `${options.verb} ${options.resourceType} for ${principal.namespace}/${principal.serviceAccount} on ${this.name}`,
      statements: [statement],
    });
  }

  public mapNamespace(scope: Construct, namespace: string, compartmentId: string): void {
    this.workloadMappings.map(scope, namespace, checkedAt(this, () => checkOcid(compartmentId, "mapped compartmentId", OcidType.compartment)));
  }

  public addNativeIngressController(options: NativeIngressControllerOptions = {}): NativeIngressController {
    if (this.node.tryFindChild("native-ingress")) throw new Error(`${this.node.path}: the native ingress controller is added already`);
    if (!this.network) throw new Error(`${this.node.path}: the native ingress controller needs the cluster's network (its LB subnet); pass network`);
    return new NativeIngressController(this, "native-ingress", this, this.network, options);
  }

  /**
   * Placement configurations for a pool: the given list, the cluster's, or every AD × its fault
   * domains read from data sources (a dynamic block, one per cluster). Used by `VirtualNodePool`;
   * public so pools work with any `IVirtualNodeCluster`, including `fromExisting`.
   */
  public placementConfigurations(
    subnetId: string,
    placement: PlacementOption[] | undefined,
  ): ContainerengineVirtualNodePoolPlacementConfigurations[] | IResolvable {
    const explicit = placement ?? this.placement;
    if (explicit) {
      return explicit.map((p) => ({
        availabilityDomain: p.availabilityDomain,
        faultDomain: p.faultDomains ?? [...FAULT_DOMAINS],
        subnetId,
      }));
    }
    const faultDomains = this.faultDomainData();
    const perAd = TerraformIterator.fromDataSources(faultDomains);
    return perAd.dynamic({
      availability_domain: perAd.getString("availability_domain"),
      fault_domain: "${[for fd in each.value.fault_domains : fd.name]}",
      subnet_id: subnetId,
    });
  }

  private faultDomainData(): DataOciIdentityFaultDomains {
    if (!this.faultDomainsByAd) {
      const ads = new DataOciIdentityAvailabilityDomains(this, "availability-domains", { compartmentId: this.compartmentId });
      const adIterator = TerraformIterator.fromComplexList(ads.availabilityDomains, "name");
      this.faultDomainsByAd = new DataOciIdentityFaultDomains(this, "fault-domains", {
        forEach: adIterator,
        compartmentId: this.compartmentId,
        availabilityDomain: adIterator.getString("name"),
      });
    }
    return this.faultDomainsByAd;
  }

  /** `PUBLIC_ENDPOINT` or `PRIVATE_ENDPOINT`, as the kubeconfig commands name them. */
  public get endpointKind(): string {
    return this.publicEndpoint ? "PUBLIC_ENDPOINT" : "PRIVATE_ENDPOINT";
  }

  /** The command that writes a kubeconfig for this cluster. */
  public get kubeconfigCommand(): string {
    return (
      `oci ce cluster create-kubeconfig --cluster-id ${this.clusterId} --file $HOME/.kube/config ` +
      `--region ${this.region} --token-version 2.0.0 --kube-endpoint ${this.endpointKind}`
    );
  }

  protected requireTenancy(what: string): string {
    if (!this.tenancyId) throw new Error(`${what} needs tenancyId (the tenancy OCID, where the policy is attached)`);
    return this.tenancyId;
  }
}

export interface ExistingClusterAttributes {
  /** The cluster's OCID. */
  readonly clusterId: string;
  /** The cluster's compartment. */
  readonly compartmentId: string;
  /**
   * The cluster's name; names of the policies this library writes for it start with it.
   * @default "oke-vn-cluster"
   */
  readonly name?: string;
  /**
   * Region of the cluster.
   * @default the enclosing OciStack's region
   */
  readonly region?: string;
  /**
   * The cluster's Kubernetes version.
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;
  /**
   * Whether the API endpoint is public (which kubeconfig endpoint the providers use).
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /**
   * The cluster's network, for NSG rules and the pod-capacity check of workloads.
   * @default none
   */
  readonly network?: INetwork;
  /**
   * Tenancy OCID, for grants "in tenancy".
   * @default none
   */
  readonly tenancyId?: string;
  /**
   * The API endpoint, `host:6443`, for a `ClusterBastion`.
   * @default unknown (a bastion cannot be added)
   */
  readonly apiEndpoint?: string;
  /**
   * Where virtual node pools added to this cluster go.
   * @default every AD × all its fault domains
   */
  readonly placement?: PlacementOption[];
}

/**
 * An enhanced OKE cluster with VCN-native pod networking for virtual node pools: API endpoint in
 * the network's API subnet behind the API NSG, service load balancers in the LB subnet, etcd
 * secrets encrypted with your key, and OKE workload identity for pods.
 */
export class VirtualNodeCluster extends VirtualNodeClusterBase {
  /** A cluster made elsewhere (another stack of yours or another tool), for grants, services and apps. */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingClusterAttributes): IVirtualNodeCluster {
    return new ExistingVirtualNodeCluster(scope, id, attrs);
  }

  public readonly cluster: ContainerengineCluster;
  public readonly clusterId: string;
  public readonly name: string;
  public readonly compartmentId: string;
  public readonly region: string;
  public readonly network: INetwork;
  public readonly kubernetesVersion: string;
  public readonly publicEndpoint: boolean;
  /** The API endpoint, `host:6443` (public or private, as configured). */
  public readonly apiEndpoint: string;
  public readonly tenancyId?: string;
  public readonly workloadMappings: WorkloadMappings;
  /** The §2.2 key policy, when created. */
  public readonly secretsEncryptionPolicy?: IamPolicy;
  /** The §2.1 endorse policy, when created. */
  public readonly virtualNodePolicy?: IamPolicy;
  protected readonly placement?: PlacementOption[];
  private readonly pools: VirtualNodePool[] = [];

  public constructor(scope: Construct, id: string, props: VirtualNodeClusterProps) {
    super(scope, id);
    this.network = props.network;
    const apiSubnet = props.network.subnet("api");
    // Validation first, every error prefixed with this cluster's path.
    const checked = checkedAt(this, () => {
      const region = checkRegion(props.region ?? regionOf(this));
      const compartmentId = checkOcid(props.compartmentId ?? props.network.compartmentId, "compartmentId", OcidType.compartment);
      const tenancyId = checkOptionalOcid(props.tenancyId, "tenancyId", OcidType.tenancy);
      // A tenancy reaches only its realm's regions; OCIDs carry the realm.
      const realm = regionInfo(region)?.realm;
      checkOcidRealm(compartmentId, "compartmentId", realm, region);
      checkOcidRealm(tenancyId, "tenancyId", realm, region);
      (props.imageVerificationKeyIds ?? []).forEach((k, i) => checkOcid(k, `imageVerificationKeyIds[${i}]`, OcidType.key));
      const publicEndpoint = props.publicEndpoint ?? apiSubnet.isPublic;
      if (publicEndpoint && !apiSubnet.isPublic) {
        throw new Error(
          `publicEndpoint is true but the API subnet is private; make the subnet public (subnets.api.public) or leave publicEndpoint false`,
        );
      }
      return {
        name: checkClusterName(environmentName(this, props.name ?? "oke-vn-cluster")),
        compartmentId,
        kubernetesVersion: checkKubernetesVersion(props.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION),
        region,
        tenancyId,
        placement: props.placement && checkPlacement(props.placement, "placement"),
        publicEndpoint,
        cidrs: this.checkKubernetesCidrs(props),
      };
    });
    this.name = checked.name;
    this.compartmentId = checked.compartmentId;
    this.kubernetesVersion = checked.kubernetesVersion;
    this.region = checked.region;
    this.tenancyId = checked.tenancyId;
    this.placement = checked.placement;
    this.publicEndpoint = checked.publicEndpoint;
    const [podsCidr, servicesCidr] = checked.cidrs;

    const dependsOn = [];
    if (props.secretsEncryptionKey && (props.createSecretsEncryptionPolicy ?? true)) {
      const key = props.secretsEncryptionKey;
      // Must exist before the cluster: OKE checks it when the cluster is created.
      this.secretsEncryptionPolicy = new IamPolicy(this, "secrets-encryption-policy", {
        compartmentId: key.compartmentId,
        name: deploymentPolicyName(`${this.name}-etcd-encryption`, key.compartmentId, this),
        description: `Lets OKE clusters use the key that encrypts Kubernetes secrets of ${this.name}`,
        statements: [clusterKeyStatement(key.compartmentId, key.keyId)],
      });
      dependsOn.push(this.secretsEncryptionPolicy.policy);
    }
    if (props.createVirtualNodePolicy) {
      const tenancyId = checkedAt(this, () => this.requireTenancy("createVirtualNodePolicy"));
      this.virtualNodePolicy = new IamPolicy(this, "virtual-node-policy", {
        compartmentId: tenancyId,
        name: deploymentPolicyName(`${this.name}-virtual-nodes`, this.compartmentId, this),
        description: "Lets OKE virtual nodes create container instances in your subnets (Oracle's required policy)",
        statements: checkedAt(this, () => virtualNodeEndorseStatements(this.virtualNodeServiceIds(tenancyId, props.virtualNodePolicyServiceIds))),
      });
      dependsOn.push(this.virtualNodePolicy.policy);
    }

    const imageKeys = props.imageVerificationKeyIds ?? [];
    this.cluster = new ContainerengineCluster(this, "cluster", {
      compartmentId: this.compartmentId,
      name: this.name,
      vcnId: props.network.vcnId,
      kubernetesVersion: this.kubernetesVersion,
      type: "ENHANCED_CLUSTER",
      clusterPodNetworkOptions: [{ cniType: "OCI_VCN_IP_NATIVE" }],
      endpointConfig: {
        subnetId: apiSubnet.subnetId,
        nsgIds: [props.network.securityGroup("api").nsgId],
        isPublicIpEnabled: this.publicEndpoint,
      },
      kmsKeyId: props.secretsEncryptionKey?.keyId,
      imagePolicyConfig: imageKeys.length
        ? { isPolicyEnabled: true, keyDetails: imageKeys.map((kmsKeyId) => ({ kmsKeyId })) }
        : undefined,
      options: {
        serviceLbSubnetIds: [props.network.subnet("lb").subnetId],
        kubernetesNetworkConfig: { podsCidr, servicesCidr },
        openIdConnectDiscovery: { isOpenIdConnectDiscoveryEnabled: props.openIdConnectDiscovery ?? false },
      },
      dependsOn,
    });
    this.clusterId = this.cluster.id;
    this.workloadMappings = new WorkloadMappings(this);

    const endpoints = this.cluster.endpoints.get(0);
    this.apiEndpoint = this.publicEndpoint ? endpoints.publicEndpoint : endpoints.privateEndpoint;
  }

  /** The OKE service OCIDs of the cluster's realm (the region's, else the tenancy OCID's). */
  private virtualNodeServiceIds(tenancyId: string, given?: VirtualNodeServiceIds): VirtualNodeServiceIds {
    const realm = regionInfo(this.region)?.realm ?? realmOfOcid(tenancyId);
    if (given) {
      checkOcid(given.tenancyId, "virtualNodePolicyServiceIds.tenancyId", OcidType.tenancy);
      checkOcid(given.compartmentId, "virtualNodePolicyServiceIds.compartmentId", OcidType.compartment);
      return given;
    }
    const known = realm === undefined ? undefined : VIRTUAL_NODE_SERVICE_IDS[realm];
    if (!known) {
      throw new Error(
        `createVirtualNodePolicy: the library knows the OKE service OCIDs of the virtual-node policy for realm ${Object.keys(VIRTUAL_NODE_SERVICE_IDS).join(", ")} only, ` +
          `and region ${this.region} is in ${realm ? `realm ${realm}` : "an unknown realm"}; give virtualNodePolicyServiceIds { tenancyId, compartmentId } ` +
          `from Oracle's "Required IAM Policies" page for your realm, or create the policy yourself and leave createVirtualNodePolicy off`,
      );
    }
    return known;
  }

  /** The node pools added so far. */
  public get nodePools(): readonly VirtualNodePool[] {
    return [...this.pools];
  }

  /** Adds a virtual node pool; its size and expected workloads join the network's capacity plan. */
  public addVirtualNodePool(id: string, options: VirtualNodePoolOptions): VirtualNodePool {
    const pool = new VirtualNodePool(this, id, { ...options, cluster: this });
    this.pools.push(pool);
    return pool;
  }

  private checkKubernetesCidrs(props: VirtualNodeClusterProps): [string, string] {
    const pods = parseCidr(props.podsCidr ?? DEFAULT_PODS_CIDR, "podsCidr");
    const services = parseCidr(props.servicesCidr ?? DEFAULT_SERVICES_CIDR, "servicesCidr");
    const vcnCidr = props.network.vcnCidr;
    const clash = (a: Cidr, aName: string, b: Cidr, bName: string) => {
      if (cidrsOverlap(a, b)) throw new Error(`${aName} ${a.cidr} overlaps ${bName} ${b.cidr}; choose ranges that do not overlap`);
    };
    if (vcnCidr) {
      const vcn = parseCidr(vcnCidr, "vcnCidr");
      clash(pods, "podsCidr", vcn, "the VCN");
      clash(services, "servicesCidr", vcn, "the VCN");
    }
    clash(pods, "podsCidr", services, "servicesCidr");
    return [pods.cidr, services.cidr];
  }
}

class ExistingVirtualNodeCluster extends VirtualNodeClusterBase {
  public readonly clusterId: string;
  public readonly name: string;
  public readonly compartmentId: string;
  public readonly region: string;
  public readonly kubernetesVersion: string;
  public readonly publicEndpoint: boolean;
  public readonly network?: INetwork;
  public readonly tenancyId?: string;
  public readonly workloadMappings: WorkloadMappings;
  public readonly apiEndpoint?: string;
  protected readonly placement?: PlacementOption[];

  public constructor(scope: Construct, id: string, attrs: ExistingClusterAttributes) {
    super(scope, id);
    const checked = checkedAt(this, () => {
      const ids = {
        clusterId: checkOcid(attrs.clusterId, "clusterId", OcidType.cluster),
        compartmentId: checkOcid(attrs.compartmentId, "compartmentId", OcidType.compartment),
        tenancyId: checkOptionalOcid(attrs.tenancyId, "tenancyId", OcidType.tenancy),
      };
      const region = checkRegion(attrs.region ?? regionOf(this));
      const realm = regionInfo(region)?.realm;
      for (const [what, value] of Object.entries(ids)) checkOcidRealm(value, what, realm, region);
      return {
        ...ids,
        region,
        name: checkClusterName(attrs.name ?? "oke-vn-cluster"),
        kubernetesVersion: checkKubernetesVersion(attrs.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION),
        placement: attrs.placement && checkPlacement(attrs.placement, "placement"),
      };
    });
    this.clusterId = checked.clusterId;
    this.compartmentId = checked.compartmentId;
    this.name = checked.name;
    this.region = checked.region;
    this.kubernetesVersion = checked.kubernetesVersion;
    this.publicEndpoint = attrs.publicEndpoint ?? false;
    this.network = attrs.network;
    this.tenancyId = checked.tenancyId;
    this.apiEndpoint = attrs.apiEndpoint;
    this.placement = checked.placement;
    this.workloadMappings = new WorkloadMappings(this);
  }
}

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** Names start the names of policies: letters, digits, '-', '_' and '.', at most 63. */
function checkClusterName(name: string): string {
  if (!CLUSTER_NAME.test(name)) {
    throw new Error(`cluster name: "${name}" is not valid; use 1–63 letters, digits, '-', '_' and '.', starting with a letter or digit`);
  }
  return name;
}

function regionOf(scope: Construct): string {
  const region = stackRegionOf(scope);
  if (region !== undefined) return region;
  throw new Error(`${scope.node.path}: region is required when the cluster is not inside an OciStack (a stack that records its region)`);
}

