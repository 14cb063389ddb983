import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { ArtifactsContainerRepository } from "../../.gen/providers/oci/artifacts-container-repository";
import { DataOciObjectstorageNamespace } from "../../.gen/providers/oci/data-oci-objectstorage-namespace";
import { Annotations, TerraformOutput } from "../cdktf";
import { ClusterBastion } from "../cluster/cluster-bastion";
import { NativeIngressController, NativeIngressControllerOptions } from "../cluster/native-ingress-controller";
import { VirtualNodeCluster, VirtualNodeClusterProps } from "../cluster/virtual-node-cluster";
import { VirtualNodePool, VirtualNodePoolOptions } from "../cluster/virtual-node-pool";
import { MySqlDatabase, MySqlDatabaseProps } from "../database/mysql-database";
import { environmentName } from "../common/environment";
import { realmOfOcid } from "../common/realms";
import { Network, NetworkProps } from "../network/network";
import { parseCidr } from "../network/network-cidr-plan";
import { PRIVATE_RANGES, isPrivateCidr } from "../network/private-ranges";
import { SecretsVault, SecretsVaultProps } from "../security/secrets-vault";
import { OciStack, OciStackProps } from "./oci-stack";
import { PlatformRefs, addPlatformOutputs } from "./platform";

/**
 * How Terraform and kubectl reach the Kubernetes API, which the cluster-services and app stacks
 * need at plan time:
 * - `public`: a public endpoint that admits only `clientCidrs` on 6443;
 * - `bastion`: a private endpoint plus an OCI Bastion admitting `clientCidrs`; open a
 *   port-forwarding session and the providers use https://127.0.0.1:6443;
 * - `vcn`: a private endpoint; run the later stacks from inside the VCN or a network peered with it
 *   (a compute instance, an OCI DevOps runner, a Terraform Cloud agent), whose private CIDRs
 *   `clientCidrs` admits on 6443. Without them only the cluster's own nodes and pods reach it.
 */
export type ApiAccess =
  | { readonly kind: "public"; readonly clientCidrs: string[] }
  | { readonly kind: "bastion"; readonly clientCidrs: string[]; readonly localPort?: number }
  | { readonly kind: "vcn"; readonly clientCidrs?: string[] };

export interface PlatformStackProps extends OciStackProps {
  /** Compartment OCID for every resource. */
  readonly compartmentId: string;
  /**
   * Tenancy OCID, for the virtual-node policy and the ingress controller's tenancy statements.
   * @default none
   */
  readonly tenancyId?: string;
  /**
   * How the Kubernetes API is reached.
   * @default { kind: "vcn" }: a private endpoint, reached from inside the VCN
   */
  readonly apiAccess?: ApiAccess;
  /**
   * Network settings on top of the built-in defaults.
   * @default Oracle's example layout in 10.0.0.0/16
   */
  readonly network?: Omit<NetworkProps, "compartmentId">;
  /**
   * Vault settings.
   * @default a DEFAULT vault whose HSM key rotates every 90 days by added key versions
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
  readonly cluster?: Omit<VirtualNodeClusterProps, "network" | "compartmentId" | "tenancyId" | "publicEndpoint">;
  /**
   * The virtual node pool.
   * @default 3 virtual nodes spread over every AD and fault domain of the region
   */
  readonly nodePool?: VirtualNodePoolOptions;
  /**
   * The OCI native ingress controller add-ons, or `false` for none.
   * @default installed, 2 replicas
   */
  readonly nativeIngressController?: NativeIngressControllerOptions | false;
  /**
   * The OCI Registry repository for the app image (`<prefix>/<name>`), or `false` for none.
   * @default "oke-vn/app", immutable tags
   */
  readonly imageRepository?: { readonly name?: string; readonly registryHost?: string } | false;
}

/**
 * The platform of Oracle's "serverless Kubernetes with OKE virtual nodes": network, vault, MySQL
 * HeatWave, the cluster with its virtual node pool and the native-ingress add-ons, an image
 * repository, and the way into the API endpoint. Only OCI resources: the stacks after it configure
 * the Kubernetes and Helm providers from its outputs (reference §12).
 */
export class PlatformStack extends OciStack implements PlatformRefs {
  public readonly network: Network;
  public readonly vault: SecretsVault;
  public readonly database: MySqlDatabase;
  public readonly cluster: VirtualNodeCluster;
  public readonly nodePool: VirtualNodePool;
  public readonly nativeIngress?: NativeIngressController;
  public readonly bastion?: ClusterBastion;
  public readonly imageRepository?: string;
  public readonly apiAccess: ApiAccess;

  public constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { compartmentId } = props;
    this.apiAccess = props.apiAccess ?? { kind: "vcn" };
    const publicApi = this.apiAccess.kind === "public";
    const apiAccess = this.apiAccess;
    const apiClientCidrs = checkedAt(this, () => {
      if (apiAccess.kind !== "vcn" && apiAccess.clientCidrs.length === 0) {
        throw new Error(`apiAccess ${apiAccess.kind} needs clientCidrs: the CIDRs of the machines that run Terraform and kubectl`);
      }
      const cidrs = apiAccess.kind === "bastion" ? props.network?.apiClientCidrs : apiAccess.clientCidrs ?? props.network?.apiClientCidrs;
      if (apiAccess.kind === "vcn") checkPrivateApiClients(this, cidrs ?? []);
      return cidrs;
    });
    this.network = new Network(this, "network", {
      ...props.network,
      compartmentId,
      subnets: { ...props.network?.subnets, api: { ...props.network?.subnets?.api, public: publicApi } },
      apiClientCidrs,
    });
    this.vault = new SecretsVault(this, "vault", { ...props.vault, compartmentId });
    this.database = new MySqlDatabase(this, "database", { ...props.database, network: this.network, vault: this.vault });
    this.cluster = new VirtualNodeCluster(this, "cluster", {
      secretsEncryptionKey: this.vault,
      ...props.cluster,
      network: this.network,
      compartmentId,
      tenancyId: props.tenancyId,
      publicEndpoint: publicApi,
    });
    this.nodePool = this.cluster.addVirtualNodePool("pool", props.nodePool ?? { size: 3 });
    if (props.nativeIngressController !== false) {
      this.nativeIngress = this.cluster.addNativeIngressController(props.nativeIngressController ?? {});
    }
    if (this.apiAccess.kind === "bastion") {
      this.bastion = new ClusterBastion(this, "bastion", { cluster: this.cluster, clientCidrs: this.apiAccess.clientCidrs, localPort: this.apiAccess.localPort });
    }
    if (props.imageRepository !== false) {
      // Repository names are unique in the tenancy's namespace: the environment starts them too.
      const name = environmentName(this, props.imageRepository?.name ?? "oke-vn/app");
      if (!/^[a-z0-9]+([._/-][a-z0-9]+)*$/.test(name)) {
        throw new Error(`${this.node.path}: imageRepository.name: "${name}" is not a repository name; use lower-case letters, digits, '.', '_', '-' and '/'`);
      }
      new ArtifactsContainerRepository(this, "image-repository", { compartmentId, displayName: name, isImmutable: true, isPublic: false });
      const namespace = new DataOciObjectstorageNamespace(this, "tenancy-namespace", { compartmentId });
      // <region>.ocir.io serves the commercial realm (Oracle, "Preparing for Container Registry");
      // other realms have their own registry domains, which the library does not assume.
      const realm = this.realm ?? realmOfOcid(compartmentId);
      if (!props.imageRepository?.registryHost && realm !== "oc1") {
        throw new Error(
          `${this.node.path}: imageRepository.registryHost: the library knows the OCI Registry host of realm oc1 only (<region>.ocir.io) and region ${this.region} is in ` +
            `${realm ? `realm ${realm}` : "an unknown realm"}; give the registry host of your realm (Oracle, "Preparing for Container Registry"), or imageRepository: false`,
        );
      }
      const host = props.imageRepository?.registryHost ?? `${this.region}.ocir.io`;
      this.imageRepository = `${host}/${namespace.namespace}/${name}`;
    }

    addPlatformOutputs(this, {
      network: this.network,
      vault: this.vault,
      database: this.database,
      cluster: this.cluster,
      imageRepository: this.imageRepository,
      tenancyId: props.tenancyId,
    });
    new TerraformOutput(this, "kubernetes_api_endpoint", { value: this.cluster.apiEndpoint, description: "Kubernetes API endpoint (host:port)" });
    new TerraformOutput(this, "kubeconfig_command", { value: this.cluster.kubeconfigCommand, description: "Writes a kubeconfig for the cluster" });
    if (this.bastion) {
      new TerraformOutput(this, "bastion_id", { value: this.bastion.bastionId, description: "OCID of the bastion in front of the private API endpoint" });
      new TerraformOutput(this, "bastion_session_command", { value: this.bastion.sessionCommand, description: "Creates a port-forwarding session to the API endpoint" });
      new TerraformOutput(this, "bastion_tunnel_command", {
        value: this.bastion.tunnelCommand,
        description: "Opens the session's SSH tunnel (put the session's OCID in place of <session OCID>)",
      });
    }
  }
}

/**
 * A private endpoint (`vcn`) is reached from private addresses only: a public CIDR means the
 * machine is on the internet, which needs `public` (or `bastion`) access. No CIDR at all leaves
 * the endpoint to the cluster's own nodes and pods.
 */
function checkPrivateApiClients(scope: Construct, cidrs: readonly string[]): void {
  const publicCidrs = cidrs.map((c) => parseCidr(c, "apiAccess.clientCidrs").cidr).filter((c) => !isPrivateCidr(c));
  if (publicCidrs.length) {
    throw new Error(
      `apiAccess.clientCidrs: ${publicCidrs.join(", ")} ${publicCidrs.length > 1 ? "are" : "is"} not private; with apiAccess vcn the endpoint has only a private IP, ` +
        `reached from ${PRIVATE_RANGES.join(", ")}. For machines on the internet use apiAccess { kind: "public", clientCidrs } (or "bastion")`,
    );
  }
  if (cidrs.length === 0) {
    Annotations.of(scope).addWarning(
      "apiAccess vcn without clientCidrs: the API endpoint admits only the cluster's nodes and pods on 6443, so Terraform and kubectl cannot reach it; " +
        "set apiAccess.clientCidrs (reference app: OKE_API_CLIENT_CIDRS) to the private CIDR of the runner in the VCN or a peered network, e.g. 10.0.128.0/24",
    );
  }
}
