import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { isReference } from "../common/references";
import type { ISecretsVault, IVaultSecret } from "../security/secrets-vault";
import { IWorkloadIdentity, WorkloadIdentity } from "../security/workload-identity";
import { serviceAccountManifest } from "./app-manifests";
import { ClusterAccess } from "../cluster/cluster-access";
import { pinAddresses } from "./part-addresses";
import { dockerConfigExternalSecretManifest, externalSecretManifest, secretStoreManifest } from "./custom-resources";

export interface SecretSyncProps {
  /** The cluster whose workload identity External Secrets authenticates with. */
  readonly cluster: IVirtualNodeCluster;
  /** The vault holding the secrets; each synced secret is granted to exactly this sync's service account. */
  readonly vault: ISecretsVault;
  /** Namespace of the service account, the SecretStore and the ExternalSecrets (it must exist). */
  readonly namespace: string;
  /** Name of the SecretStore. */
  readonly storeName: string;
  /** The service account External Secrets authenticates as (created here, no API token mounted). */
  readonly serviceAccountName: string;
  /**
   * How often External Secrets re-reads the Vault.
   * @default "1h"
   */
  readonly refreshInterval?: string;
  /**
   * Objects the service account and the SecretStore wait for (the namespace).
   * @default []
   */
  readonly dependsOn?: Manifest[];
  /**
   * How the Kubernetes provider reaches the cluster.
   * @default the OCI CLI's token (`oci ce cluster generate-token`)
   */
  readonly kubernetesAccess?: KubernetesAccess;
  /**
   * The Kubernetes provider to use.
   * @default one per stack and cluster, configured from the cluster's kubeconfig
   */
  readonly provider?: KubernetesProvider;
  /**
   * Give the resources the Terraform addresses they had before this part was split out of its
   * parent (AppWorkload, DatabaseBootstrap), so existing state keeps them.
   * @internal
   */
  readonly addressesOfParent?: boolean;
}

/** One Vault secret as one key of the Kubernetes Secret. */
export interface SyncedSecretKey {
  /** Key in the Kubernetes Secret (for an app, its environment variable). */
  readonly key: string;
  readonly secret: IVaultSecret;
}

export interface SyncSecretsOptions {
  /** Name of the ExternalSecret. */
  readonly name: string;
  /** Name of the Kubernetes Secret External Secrets writes. */
  readonly targetName: string;
  /** The Vault secrets and their keys. */
  readonly data: SyncedSecretKey[];
  /**
   * Objects the ExternalSecret waits for, besides the SecretStore.
   * @default []
   */
  readonly dependsOn?: Manifest[];
  /**
   * Terraform waits until External Secrets has written the Secret (condition Ready), for at most
   * this many minutes; pods that need the Secret at start then find it.
   * @default no waiting
   */
  readonly waitMinutes?: number;
}

export interface SyncDockerConfigOptions {
  /** Name of the ExternalSecret. */
  readonly name: string;
  /** Name of the `kubernetes.io/dockerconfigjson` Secret, for `imagePullSecrets`. */
  readonly targetName: string;
  /** The registry host the credentials are for, e.g. `fra.ocir.io`. */
  readonly registryHost: string;
  /** Vault secret holding JSON `{"username": …, "password": …}`. */
  readonly credentials: IVaultSecret;
  /**
   * Objects the ExternalSecret waits for, besides the SecretStore.
   * @default []
   */
  readonly dependsOn?: Manifest[];
  /**
   * Minutes Terraform waits until the Secret is written (pods created before it would back off).
   * @default 10
   */
  readonly waitMinutes?: number;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Vault secrets synced into Kubernetes Secrets by External Secrets, with least privilege: a
 * service account of its own, its OKE workload identity, IAM grants on exactly the secrets it
 * syncs, a SecretStore on the vault, and one ExternalSecret per `syncSecrets` /
 * `syncDockerConfig`. External Secrets (its CRDs) must be installed in a stack applied before.
 */
export class SecretSync extends Construct {
  /** The SecretStore's name. */
  public readonly storeName: string;
  /** The service account External Secrets authenticates as; the Vault grants name exactly it. */
  public readonly serviceAccountName: string;
  /** The OCI principal of `serviceAccountName`. */
  public readonly reader: IWorkloadIdentity;
  /** The SecretStore. */
  public readonly store: Manifest;
  /** Every Kubernetes object, by id. */
  public readonly manifests: Record<string, Manifest> = {};
  private readonly vault: ISecretsVault;
  private readonly namespace: string;
  private readonly refreshInterval: string;
  private readonly provider: KubernetesProvider;
  private readonly addressesOfParent: boolean;

  public constructor(scope: Construct, id: string, props: SecretSyncProps) {
    super(scope, id);
    this.namespace = checkedAt(this, () => checkDns1123Label(props.namespace, "namespace"));
    this.storeName = checkedAt(this, () => checkDns1123Subdomain(props.storeName, "storeName"));
    this.serviceAccountName = checkedAt(this, () => checkDns1123Subdomain(props.serviceAccountName, "serviceAccountName"));
    this.refreshInterval = props.refreshInterval ?? "1h";
    if (!DURATION.test(this.refreshInterval)) {
      throw new Error(`${this.node.path}: refreshInterval: "${this.refreshInterval}" is not a duration such as 1h, 30m or 1h30m`);
    }
    this.vault = props.vault;
    this.addressesOfParent = props.addressesOfParent ?? false;
    this.provider = props.provider ?? ClusterAccess.of(this, props.cluster, props.kubernetesAccess).kubernetesProvider;
    const before = props.dependsOn ?? [];
    this.reader = new WorkloadIdentity(this, "secrets-reader", { cluster: props.cluster, namespace: this.namespace, serviceAccount: this.serviceAccountName });
    const account = this.manifest("secrets-service-account", serviceAccountManifest(this.serviceAccountName, this.namespace, false), before);
    this.store = this.manifest(
      "secret-store",
      secretStoreManifest({ name: this.storeName, namespace: this.namespace, vaultId: props.vault.vaultId, region: props.cluster.region, serviceAccountName: this.serviceAccountName }),
      [...before, account],
    );
  }

  /** Grants this sync's service account read on each secret and syncs them into one Kubernetes Secret. */
  public syncSecrets(id: string, options: SyncSecretsOptions): Manifest {
    if (!options.data.length) throw new Error(`${this.node.path}: syncSecrets("${id}") lists no secrets`);
    const seen = new Set<string>();
    for (const { key } of options.data) {
      if (seen.has(key)) throw new Error(`${this.node.path}: key ${key} is mapped twice in "${id}"; each secret needs its own key`);
      seen.add(key);
    }
    for (const { secret } of options.data) this.pin(this.vault.grantSecretRead(this.reader, secret));
    return this.manifest(
      id,
      externalSecretManifest({
        name: options.name,
        namespace: this.namespace,
        storeName: this.storeName,
        targetName: options.targetName,
        refreshInterval: this.refreshInterval,
        data: options.data.map((d) => ({ secretKey: d.key, vaultSecretName: d.secret.secretName })),
      }),
      [...(options.dependsOn ?? []), this.store],
      options.waitMinutes,
    );
  }

  /** Grants read on `credentials` and renders them as a `kubernetes.io/dockerconfigjson` Secret for `registryHost`. */
  public syncDockerConfig(id: string, options: SyncDockerConfigOptions): Manifest {
    if (isReference(options.registryHost) || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:\d+)?$/.test(options.registryHost)) {
      throw new Error(`${this.node.path}: registryHost "${options.registryHost}" is not a literal registry host such as fra.ocir.io`);
    }
    this.pin(this.vault.grantSecretRead(this.reader, options.credentials));
    return this.manifest(
      id,
      dockerConfigExternalSecretManifest({
        name: options.name,
        namespace: this.namespace,
        storeName: this.storeName,
        targetName: options.targetName,
        refreshInterval: this.refreshInterval,
        registryHost: options.registryHost,
        vaultSecretName: options.credentials.secretName,
      }),
      [...(options.dependsOn ?? []), this.store],
      options.waitMinutes ?? 10,
    );
  }

  private pin(construct: Construct): void {
    if (this.addressesOfParent) pinAddresses(construct, this);
  }

  private manifest(id: string, body: object, dependsOn: Manifest[], waitMinutes?: number): Manifest {
    const manifest = new Manifest(this, id, {
      provider: this.provider,
      manifest: body as Record<string, unknown>,
      dependsOn: dependsOn.length ? dependsOn : undefined,
      ...(waitMinutes !== undefined
        ? { wait: { condition: [{ type: "Ready", status: "True" }] }, timeouts: { create: `${waitMinutes}m`, update: `${waitMinutes}m` } }
        : {}),
    });
    this.pin(manifest);
    this.manifests[id] = manifest;
    return manifest;
  }
}
