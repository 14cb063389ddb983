import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { TerraformStack } from "../cdktf";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import type { IMySqlDatabase } from "../database/mysql-database";
import type { INetwork } from "../network/network";
import type { ISecretsVault, IVaultSecret } from "../security/secrets-vault";
import type { IWorkloadIdentity } from "../security/workload-identity";
import { POD_READINESS_GATE_LABEL, namespaceManifest, serviceAccountManifest } from "./app-manifests";
import { planAppWorkload } from "./app-workload-plan";
import { ClusterAccess } from "../cluster/cluster-access";
import type { ClusterServices } from "./cluster-services";
import { DatabaseBootstrap, MigrateCommand } from "./database-bootstrap";
import { ClientTlsMode, DatabaseEnvNames } from "./database-bootstrap-manifests";
import { PodResources } from "./helm-values";
import { NativeIngressClass } from "./native-ingress-class";
import { IngressRuleOptions, NativeIngressExposure } from "./native-ingress-exposure";
import { SecretSync } from "./secret-sync";
import { PodTemplateOptions, VirtualNodeDeployment } from "./virtual-node-deployment";

export interface AppDatabaseOptions {
  /** The database the app connects to. */
  readonly database: IMySqlDatabase;
  /** The schema (database) name the app uses. */
  readonly schemaName: string;
  /**
   * The MySQL user the app connects as. Without `bootstrap`, give its password secret too.
   * @default with `bootstrap`, the app's name with '-' as '_'; without, the database's admin user
   */
  readonly user?: string;
  /**
   * The Vault secret with `user`'s password.
   * @default with `bootstrap`, a generated password stored in the database's vault (the secret
   * resource in this construct's stack); without, the database's admin password secret
   */
  readonly passwordSecret?: IVaultSecret;
  /**
   * Create the app's database and its own user (row access to that database only) and run the
   * migrations, in Jobs the Deployment waits for (see `DatabaseBootstrap`).
   * @default none: the app connects as `user` (or the admin) to an existing schema
   */
  readonly bootstrap?: DatabaseBootstrapOptions;
  /**
   * Environment variable names.
   * @default DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME
   */
  readonly envNames?: Partial<DatabaseEnvNames>;
}

export interface DatabaseBootstrapOptions {
  /**
   * The migrations (DDL), run with the admin credentials in the app's env names after the user
   * exists, e.g. `{ command: ["node", "dist/migrate.js"] }`; `false` for none.
   */
  readonly migrate: MigrateCommand | false;
  /**
   * The MySQL 8 client image that creates the database and user.
   * @default DEFAULT_MYSQL_CLIENT_IMAGE
   */
  readonly clientImage?: string;
  /**
   * TLS of the client's connection.
   * @default "required"
   */
  readonly tlsMode?: ClientTlsMode;
  /**
   * CPU and memory of each Job's pod.
   * @default 250m CPU, 512Mi memory
   */
  readonly resources?: PodResources;
  /**
   * Minutes Terraform waits for each Job.
   * @default 15
   */
  readonly timeoutMinutes?: number;
}

/** A Vault secret exposed to the app as an environment variable. */
export interface AppSecret {
  /** Environment variable (and key in the synced Kubernetes Secret). */
  readonly envName: string;
  readonly secret: IVaultSecret;
}

export interface AutoscalingOptions {
  /**
   * Fewest pods, at least 2 (one per fault domain survives a disruption).
   * @default 2
   */
  readonly minReplicas?: number;
  /**
   * Most pods; with the rollout surge it joins the pod subnet's capacity check.
   * @default 10
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU utilization (percent of the request) the HPA aims for.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
  /**
   * Extra pods during a rolling update, percent of the replicas.
   * @default 25
   */
  readonly surgePercent?: number;
}

/** The app's Ingress rule and load balancer (see NativeIngressExposure). */
export type AppIngressOptions = IngressRuleOptions;

export interface AppWorkloadProps extends PodTemplateOptions {
  /** The cluster the app runs on (created here or `VirtualNodeCluster.fromExisting`). */
  readonly cluster: IVirtualNodeCluster;
  /**
   * The cluster's network: the LB → pod rule and the pod-capacity check go there.
   * @default the cluster's network
   */
  readonly network?: INetwork;
  /** Namespace created for the app (RFC 1123 label). */
  readonly namespace: string;
  /**
   * Name of the Deployment, Service and the rest (RFC 1035 label).
   * @default the namespace
   */
  readonly name?: string;
  /**
   * The MySQL database, its endpoint and credentials passed in as environment variables.
   * @default no database
   */
  readonly database?: AppDatabaseOptions;
  /**
   * More Vault secrets for the app, synced into the same Kubernetes Secret.
   * @default []
   */
  readonly secrets?: AppSecret[];
  /**
   * The vault holding every secret the app reads.
   * @default the database's vault
   */
  readonly vault?: ISecretsVault;
  /**
   * External Secrets settings.
   * @default refresh every hour; service account `<name>-secrets`
   */
  readonly externalSecrets?: { readonly refreshInterval?: string; readonly serviceAccountName?: string };
  /**
   * Registry credentials for pulling the image (and the migrate Job's): a Vault secret holding
   * JSON `{"username": "<tenancy-namespace>/<user>", "password": "<auth token>"}`. External Secrets
   * renders it as a `kubernetes.io/dockerconfigjson` Secret for the image's registry host, listed
   * in `imagePullSecrets`. Required for images on OCIR (`*.ocir.io`).
   * @default none: the image is pulled anonymously
   */
  readonly imagePullCredentials?: IVaultSecret;
  /**
   * The cluster services (External Secrets with its CRDs, metrics-server for the HPA) this app
   * relies on, in a stack applied before this one: the app's stack then depends on theirs.
   * @default none: set `clusterServicesInstalledElsewhere` instead
   */
  readonly clusterServices?: ClusterServices;
  /**
   * Says External Secrets (with its CRDs) and metrics-server are installed some other way.
   * @default false: `clusterServices` is required
   */
  readonly clusterServicesInstalledElsewhere?: boolean;
  /**
   * Ingress through the OCI native ingress controller, or `false` for none.
   * @default an ingress for any host on "/", with the app's own load balancer
   */
  readonly ingress?: AppIngressOptions | false;
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
}

/**
 * An app server on OKE virtual nodes, reading its database password from OCI Vault. It composes
 * parts that are usable alone: a `VirtualNodeDeployment` (Deployment fit for virtual nodes,
 * ClusterIP Service, HPA, PodDisruptionBudget), a `SecretSync` (External Secrets' SecretStore on
 * OKE workload identity and the ExternalSecrets mapping the Vault secrets to Kubernetes Secrets,
 * with IAM grants for exactly its service account), a `NativeIngressExposure` (Ingress through
 * the OCI native ingress controller behind a flexible load balancer in the LB NSG, and the LB → pod
 * rule on the container port), and with `database.bootstrap` a `DatabaseBootstrap`. It adds the
 * namespace, the app's service account and its pod demand on the network.
 *
 * The props are checked first (`planAppWorkload`, pure), then the parts are made.
 *
 * It belongs in a stack applied after the cluster services (External Secrets installs the CRDs of
 * its SecretStore and ExternalSecret; reference §12).
 */
export class AppWorkload extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly containerPort: number;
  /** The network the app's rules and capacity demand went to. */
  public readonly network: INetwork;
  /** The service account the app's pods run as (no API token mounted). */
  public readonly serviceAccountName: string;
  /** The service account External Secrets authenticates as; the Vault grant names exactly it. */
  public readonly secretsServiceAccountName: string;
  /** The OCI principal of `secretsServiceAccountName`. */
  public readonly secretsReader?: IWorkloadIdentity;
  /** The app's secret sync (store, ExternalSecrets, identity and grants), when it reads secrets. */
  public readonly secretSync?: SecretSync;
  /** The Kubernetes Secret External Secrets writes. */
  public readonly secretName: string;
  /** The `kubernetes.io/dockerconfigjson` Secret the pods pull with, when there are credentials. */
  public readonly imagePullSecretName?: string;
  /** The database bootstrap Jobs, with `database.bootstrap`. */
  public readonly databaseBootstrap?: DatabaseBootstrap;
  /** The MySQL user the app connects as, with a database. */
  public readonly databaseUser?: string;
  /** The Vault secret with `databaseUser`'s password, with a database. */
  public readonly databasePasswordSecret?: IVaultSecret;
  public readonly maxReplicas: number;
  public readonly minReplicas: number;
  /** The Deployment, Service, HPA and PDB. */
  public readonly deployment: VirtualNodeDeployment;
  /** The Ingress, its class and the LB → pod rule, unless `ingress: false`. */
  public readonly exposure?: NativeIngressExposure;
  /** The ingress class the app's Ingress uses, when it has one. */
  public readonly ingressClass?: NativeIngressClass;
  /** Every Kubernetes object, by kind. */
  public readonly manifests: Record<string, Manifest> = {};

  public constructor(scope: Construct, id: string, props: AppWorkloadProps) {
    super(scope, id);
    const { cluster } = props;
    const network = props.network ?? cluster.network;
    if (!network) throw new Error(`${this.node.path}: the cluster has no network attached; pass network`);
    this.network = network;
    const plan = checkedAt(this, () => planAppWorkload(props));
    this.namespace = plan.namespace;
    this.name = plan.name;
    this.containerPort = plan.deployment.containerPort;
    this.serviceAccountName = plan.deployment.serviceAccountName;
    this.secretsServiceAccountName = plan.secretsServiceAccountName;
    this.secretName = plan.secretName;
    this.minReplicas = plan.deployment.minReplicas;
    this.maxReplicas = plan.deployment.maxReplicas;
    const scaling = plan.deployment;
    this.checkClusterServices(props);

    const provider = props.provider ?? ClusterAccess.of(this, cluster, props.kubernetesAccess).kubernetesProvider;
    const ingress = plan.ingress;
    const namespace = this.manifest("namespace", namespaceManifest(this.namespace, ingress ? { [POD_READINESS_GATE_LABEL]: "enabled" } : {}), provider);
    const appAccount = this.manifest("service-account", serviceAccountManifest(this.serviceAccountName, this.namespace, false), provider, [namespace]);

    // The database user: with a bootstrap, the app's own user and a generated password.
    const vault = props.vault ?? props.database?.database.vault;
    if (props.database && plan.database) {
      const db = props.database;
      this.databaseUser = plan.database.user;
      this.databasePasswordSecret =
        db.passwordSecret ??
        (plan.database.bootstrapped
          ? vault!.addSecret("db-app-password", {
              scope: this,
              secretName: `${this.namespace}-${this.name}-mysql-password`,
              description: `MySQL password of ${this.namespace}/${this.name}'s own database user`,
            })
          : db.database.passwordSecret);
    }

    // Secrets: the database password and any others, synced by External Secrets.
    const secretData: AppSecret[] = [
      ...(plan.database ? [{ envName: plan.database.envNames.password, secret: this.databasePasswordSecret! }] : []),
      ...(props.secrets ?? []),
    ];
    const pullSecretDeps: Manifest[] = [];
    if (secretData.length || props.imagePullCredentials) {
      this.secretSync = new SecretSync(this, "secret-sync", {
        cluster,
        vault: vault!,
        namespace: this.namespace,
        storeName: `${this.name}-vault`,
        serviceAccountName: this.secretsServiceAccountName,
        refreshInterval: plan.refreshInterval,
        dependsOn: [namespace],
        provider,
        addressesOfParent: true,
      });
      this.secretsReader = this.secretSync.reader;
      this.manifests["secrets-service-account"] = this.secretSync.manifests["secrets-service-account"];
      this.manifests["secret-store"] = this.secretSync.store;
      if (secretData.length) {
        this.manifests["external-secret"] = this.secretSync.syncSecrets("external-secret", {
          name: this.name,
          targetName: this.secretName,
          data: secretData.map((d) => ({ key: d.envName, secret: d.secret })),
          dependsOn: [namespace],
        });
      }
      if (props.imagePullCredentials) {
        this.imagePullSecretName = `${this.name}-registry`;
        // Waits until External Secrets has written the Secret: pods created before it would back off.
        const pull = this.secretSync.syncDockerConfig("registry-external-secret", {
          name: `${this.name}-registry`,
          targetName: this.imagePullSecretName,
          registryHost: plan.registryHost!,
          credentials: props.imagePullCredentials,
          dependsOn: [namespace],
          waitMinutes: 10,
        });
        this.manifests["registry-external-secret"] = pull;
        pullSecretDeps.push(pull);
      }
    }

    if (props.database?.bootstrap) {
      const options = props.database.bootstrap;
      this.databaseBootstrap = new DatabaseBootstrap(this, "database-bootstrap", {
        cluster,
        provider,
        namespace: this.namespace,
        name: this.name,
        database: props.database.database,
        vault: vault!,
        schemaName: props.database.schemaName,
        appUser: this.databaseUser!,
        appPasswordSecret: this.databasePasswordSecret!,
        migrate: options.migrate ? { ...options.migrate, image: plan.migrateImage! } : false,
        clientImage: options.clientImage,
        tlsMode: options.tlsMode,
        envNames: props.database.envNames,
        imagePullSecrets: this.imagePullSecretName ? [this.imagePullSecretName] : [],
        runAs: { user: plan.deployment.runAsUser, group: plan.deployment.runAsGroup },
        resources: options.resources,
        timeoutMinutes: options.timeoutMinutes,
        refreshInterval: plan.refreshInterval,
        dependsOn: [namespace, ...pullSecretDeps],
      });
    }

    this.deployment = new VirtualNodeDeployment(this, "deployment", {
      ...props,
      name: this.name,
      serviceAccountName: this.serviceAccountName,
      env: {},
      imagePullSecrets: this.imagePullSecretName ? [this.imagePullSecretName] : [],
      dependsOn: [namespace],
      deploymentDependsOn: [appAccount, ...pullSecretDeps, ...(this.databaseBootstrap ? [this.databaseBootstrap.completion] : [])],
      provider,
      addressesOfParent: true,
      addPodDemand: false,
    });
    for (const { name, value } of plan.deployment.env) this.deployment.addEnv(name, value);
    for (const envName of plan.secretEnvNames) this.deployment.addSecretEnv(envName, this.secretName);
    if (plan.database) {
      const envNames = plan.database.envNames;
      this.deployment.addEnv(envNames.host, props.database!.database.endpointHost);
      this.deployment.addEnv(envNames.port, String(props.database!.database.port));
      this.deployment.addEnv(envNames.user, this.databaseUser!);
      this.deployment.addEnv(envNames.schema, props.database!.schemaName);
    }
    Object.assign(this.manifests, {
      deployment: this.deployment.deployment,
      service: this.deployment.service,
      autoscaler: this.deployment.autoscaler,
      "disruption-budget": this.deployment.disruptionBudget,
    });

    if (ingress) {
      this.exposure = new NativeIngressExposure(this, "exposure", {
        ...(props.ingress || {}),
        cluster,
        network,
        namespace: this.namespace,
        serviceName: this.name,
        containerPort: this.containerPort,
        provider,
        dependsOn: [namespace, this.deployment.service],
        ingressClassDependsOn: [namespace],
        addressesOfParent: true,
      });
      this.ingressClass = this.exposure.ingressClass;
      this.manifests.ingress = this.exposure.ingress;
    }

    network.addPodDemand({
      workloads: [
        { name: `${this.namespace}/${this.name}`, maxReplicas: this.maxReplicas, surgePercent: scaling.surgePercent },
        // The bootstrap Jobs run one pod at a time, while the old pods still serve.
        ...(this.databaseBootstrap ? [{ name: `${this.namespace}/${this.name}-db-jobs`, maxReplicas: 1, surgePercent: 0 }] : []),
      ],
    }, this);
  }

  /** Adds an environment variable to the app container. */
  public addEnv(name: string, value: string): void {
    this.deployment.addEnv(name, value);
  }

  /** Adds a container next to the app's (a sidecar); it is checked like the app's. */
  public addContainer(container: IContainer): void {
    this.deployment.addContainer(container);
  }

  /**
   * Changes the pod template after the library has built it (the CDK escape hatch). Patches run
   * in order at synth, and the result is checked against the virtual-node rules.
   */
  public patchPodTemplate(patch: (template: IPodTemplateSpec) => void): void {
    this.deployment.patchPodTemplate(patch);
  }

  /** The final pod template: built, then patched. */
  public podTemplate(): IPodTemplateSpec {
    return this.deployment.podTemplate();
  }

  private checkClusterServices(props: AppWorkloadProps): void {
    const services = props.clusterServices;
    if (services && props.clusterServicesInstalledElsewhere) {
      throw new Error(`${this.node.path}: clusterServices and clusterServicesInstalledElsewhere are both set; keep one`);
    }
    if (!services) {
      if (props.clusterServicesInstalledElsewhere) return;
      throw new Error(
        `${this.node.path}: say where External Secrets (its CRDs) and metrics-server (the HPA's metrics) come from: ` +
          `pass clusterServices (a ClusterServices in a stack applied before this one), or set clusterServicesInstalledElsewhere: true when they are installed some other way`,
      );
    }
    const own = TerraformStack.of(this);
    const theirs = TerraformStack.of(services);
    if (own === theirs) {
      throw new Error(
        `${this.node.path}: clusterServices is in this app's stack (${own.node.id}); the app's custom resources need External Secrets' CRDs when the stack is planned, ` +
          `so put ClusterServices in a stack of its own, applied before this one (reference §12)`,
      );
    }
    if (!services.externalSecrets) throw new Error(`${this.node.path}: clusterServices does not install External Secrets (externalSecrets.enabled is false); the app's secrets need it`);
    if (!services.metricsServer) throw new Error(`${this.node.path}: clusterServices does not install metrics-server (metricsServer.enabled is false); the app's HPA needs it`);
    own.addDependency(theirs);
  }

  private manifest(id: string, body: object, provider: KubernetesProvider, dependsOn: Manifest[] = [], wait?: { type: string }): Manifest {
    const manifest = new Manifest(this, id, {
      provider,
      manifest: body as Record<string, unknown>,
      dependsOn: dependsOn.length ? dependsOn : undefined,
      ...(wait ? { wait: { condition: [{ type: wait.type, status: "True" }] }, timeouts: { create: "10m", update: "10m" } } : {}),
    });
    this.manifests[id] = manifest;
    return manifest;
  }
}

