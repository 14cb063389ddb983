import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import type { KubernetesAccess } from "../cluster/virtual-node-cluster";
import { OcidType, checkOcid } from "../common/ocid";
import type { IVaultSecret } from "../security/secrets-vault";
import { AppWorkload, AppWorkloadProps, DatabaseBootstrapOptions } from "../workloads/app-workload";
import { OciStack, OciStackProps } from "./oci-stack";
import type { PlatformRefs } from "./platform";

export interface AppStackProps extends OciStackProps {
  /**
   * The platform: a `PlatformStack` of the same app, or, for one made elsewhere,
   * `(stack) => importPlatform(stack, "platform", outputs)` (made inside this stack).
   */
  readonly platform: PlatformRefs | ((stack: OciStack) => PlatformRefs);
  /** The app; cluster, network and database come from the platform. */
  readonly app: Omit<AppWorkloadProps, "cluster" | "network" | "database" | "kubernetesAccess" | "provider" | "image"> & {
    /**
     * The image.
     * @default the platform's image repository with `imageTag`
     */
    readonly image?: string;
    /**
     * Tag of the platform repository's image.
     * @default "1.0.0"
     */
    readonly imageTag?: string;
    /**
     * The MySQL schema the app uses, or `false` for no database.
     * @default the app's name with '-' as '_'
     */
    readonly schemaName?: string | false;
    /**
     * Create the app's database and own user and run its migrations before the Deployment rolls.
     * @default none: the app connects as the admin
     */
    readonly bootstrap?: DatabaseBootstrapOptions;
  };
  /**
   * Registry credentials in the platform's vault: a secret holding JSON
   * `{"username": "<tenancy-namespace>/<user>", "password": "<auth token>"}` (see AppWorkload's
   * `imagePullCredentials`), by OCID and name (External Secrets reads it by name).
   * @default none: the image is pulled anonymously (an OCIR image then fails at synth)
   */
  readonly registrySecret?: { readonly secretId: string; readonly secretName: string };
  /**
   * More stacks to deploy first. The cluster-services stack is ordered by `app.clusterServices`
   * (a `ClusterServices`, e.g. `ClusterServicesStack.services`), which AppWorkload requires unless
   * `app.clusterServicesInstalledElsewhere` is set.
   * @default none
   */
  readonly after?: OciStack[];
  /**
   * How the Kubernetes provider reaches the cluster.
   * @default the OCI CLI's token, endpoint from the kubeconfig
   */
  readonly kubernetesAccess?: KubernetesAccess;
}

/** The app server on the platform's cluster, in a stack applied after the cluster services. */
export class AppStack extends OciStack {
  public readonly workload: AppWorkload;

  public constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    for (const stack of props.after ?? []) this.addDependency(stack);
    const source = props.platform;
    // An import's missing outputs name this stack.
    const platform = typeof source === "function" ? checkedAt(this, () => source(this)) : source;
    const { image, imageTag, schemaName, bootstrap, ...app } = props.app;
    const name = app.name ?? app.namespace;
    const resolvedImage = image ?? (platform.imageRepository ? `${platform.imageRepository}:${imageTag ?? "1.0.0"}` : undefined);
    if (!resolvedImage) throw new Error(`${this.node.path}: app.image is not set and the platform has no image repository; give the image`);
    this.workload = new AppWorkload(this, "app", {
      ...app,
      image: resolvedImage,
      cluster: platform.cluster,
      network: platform.network,
      database: schemaName === false ? undefined : { database: platform.database, schemaName: schemaName ?? name.replace(/-/g, "_"), bootstrap },
      imagePullCredentials: app.imagePullCredentials ?? (props.registrySecret ? this.platformSecret(platform, props.registrySecret) : undefined),
      kubernetesAccess: props.kubernetesAccess,
    });
  }

  private platformSecret(platform: PlatformRefs, secret: { secretId: string; secretName: string }): IVaultSecret {
    return {
      secretId: checkedAt(this, () => checkOcid(secret.secretId, "registrySecret.secretId", OcidType.secret)),
      secretName: secret.secretName,
      vaultId: platform.database.vault.vaultId,
      compartmentId: platform.database.vault.compartmentId,
    };
  }
}
