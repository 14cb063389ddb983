import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { Lazy, TerraformStack } from "../cdktf";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { OcidType, checkOcid } from "../common/ocid";
import { isReference } from "../common/references";
import { checkMySqlUserName } from "../database/app-user-sql";
import type { IMySqlDatabase } from "../database/mysql-database";
import type { INetwork } from "../network/network";
import { Port } from "../network/network-security-rules";
import type { ISecretsVault, IVaultSecret } from "../security/secrets-vault";
import type { IWorkloadIdentity } from "../security/workload-identity";
import {
  APP_CONTAINER,
  DeploymentInput,
  IngressTls,
  POD_READINESS_GATE_LABEL,
  deploymentManifest,
  horizontalPodAutoscalerManifest,
  ingressManifest,
  namespaceManifest,
  podDisruptionBudgetManifest,
  serviceAccountManifest,
  serviceManifest,
} from "./app-manifests";
import { kubernetesProviderFor } from "./cluster-providers";
import type { ClusterServices } from "./cluster-services";
import { DatabaseBootstrap, MigrateCommand } from "./database-bootstrap";
import { ClientTlsMode, DEFAULT_DATABASE_ENV_NAMES, DatabaseEnvNames } from "./database-bootstrap-manifests";
import { PodResources } from "./helm-values";
import { NativeIngressClass, NativeIngressClassOptions } from "./native-ingress-class";
import { parseQuantity } from "./quantity";
import { SecretSync } from "./secret-sync";
import { checkImage, imageRegistryHost, isOcirHost } from "./image-reference";
import { describeViolations, podSpecViolations } from "./virtual-node-pod-rules";

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

export interface AppIngressOptions {
  /**
   * Host name of the rule; without it any host matches.
   * @default any host
   */
  readonly host?: string;
  /**
   * Path prefix routed to the app.
   * @default "/"
   */
  readonly path?: string;
  /**
   * TLS: a Kubernetes TLS secret in the app's namespace, or an OCI Certificates certificate OCID.
   * @default plain HTTP on the listener
   */
  readonly tls?: IngressTls;
  /**
   * The app speaks TLS on its container port.
   * @default false (the load balancer talks plain HTTP to the pods)
   */
  readonly backendTls?: boolean;
  /**
   * Share an ingress class (one load balancer) with other apps.
   * @default a class and load balancer of this app's own, with `loadBalancer`'s settings
   */
  readonly ingressClass?: NativeIngressClass;
  /**
   * Load balancer settings of the app's own ingress class.
   * @default flexible 10–100 Mbps, public when the network's LB subnet is public
   */
  readonly loadBalancer?: Omit<NativeIngressClassOptions, "cluster" | "network" | "namespace" | "name" | "provider" | "kubernetesAccess">;
}

export interface AppWorkloadProps {
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
  /** Container image with an explicit tag or digest, e.g. `fra.ocir.io/ns/shop:1.4.2`; not `latest`. */
  readonly image: string;
  /**
   * The port the app listens on for HTTP (not 30000–32767).
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * CPU and memory of each pod; virtual nodes need requests = limits.
   * @default 500m CPU, 1Gi memory
   */
  readonly resources?: PodResources;
  /**
   * HTTP paths of the probes.
   * @default liveness "/healthz", readiness "/readyz"
   */
  readonly probes?: { readonly livenessPath?: string; readonly readinessPath?: string };
  /**
   * Horizontal autoscaling on CPU.
   * @default 2–10 pods at 70 % CPU, 25 % surge
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * UID and GID the containers run as; above 10000 so they match no host user.
   * @default 10001 and 10001
   */
  readonly runAs?: { readonly user?: number; readonly group?: number };
  /**
   * Plain environment variables.
   * @default {}
   */
  readonly env?: Record<string, string>;
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
   * How strictly pods spread over availability domains, fault domains and virtual nodes.
   * @default ScheduleAnyway over DEFAULT_TOPOLOGY_KEYS, maxSkew 1
   */
  readonly spread?: { readonly whenUnsatisfiable?: "ScheduleAnyway" | "DoNotSchedule"; readonly topologyKeys?: string[] };
  /**
   * A writable /tmp (the one emptyDir virtual nodes allow) beside the read-only root filesystem.
   * @default true
   */
  readonly tmpVolume?: boolean;
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
 * Availability domain, fault domain and virtual node: OKE labels virtual nodes with
 * topology.kubernetes.io/zone and oci.oraclecloud.com/fault-domain (Oracle, "Supported Labels").
 */
export const DEFAULT_TOPOLOGY_KEYS = ["topology.kubernetes.io/zone", "oci.oraclecloud.com/fault-domain", "kubernetes.io/hostname"];

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const MIN_UID = 10001;
const MAX_UID = 2147483647;

/**
 * An app server on OKE virtual nodes, reading its database password from OCI Vault: a namespace,
 * a Deployment fit for virtual nodes (validated, with every patch), a ClusterIP Service, an HPA
 * and a PodDisruptionBudget; External Secrets' SecretStore (OKE workload identity) and
 * ExternalSecret mapping the Vault secrets to one Kubernetes Secret, with the IAM policy for
 * exactly the store's service account; an Ingress through the OCI native ingress controller
 * behind a flexible load balancer in the LB NSG, and the LB → pod rule on the container port.
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
  /** The ingress class the app's Ingress uses, when it has one. */
  public readonly ingressClass?: NativeIngressClass;
  /** Every Kubernetes object, by kind. */
  public readonly manifests: Record<string, Manifest> = {};
  private readonly deploymentInput: Omit<DeploymentInput, "env" | "extraContainers">;
  private readonly env: IEnvVar[] = [];
  private readonly extraContainers: IContainer[] = [];
  private readonly patches: ((template: IPodTemplateSpec) => void)[] = [];
  private rendered?: IDeployment;

  public constructor(scope: Construct, id: string, props: AppWorkloadProps) {
    super(scope, id);
    const { cluster } = props;
    const network = props.network ?? cluster.network;
    if (!network) throw new Error(`${this.node.path}: the cluster has no network attached; pass network`);
    this.network = network;
    this.namespace = checkDns1123Label(props.namespace, "namespace");
    this.name = checkDns1035Label(props.name ?? props.namespace, "name");
    this.containerPort = checkContainerPort(props.containerPort ?? 8080);
    this.serviceAccountName = this.name;
    this.secretsServiceAccountName = checkDns1123Subdomain(props.externalSecrets?.serviceAccountName ?? `${this.name}-secrets`, "externalSecrets.serviceAccountName");
    this.secretName = `${this.name}-secrets`;
    const scaling = checkAutoscaling(props.autoscaling ?? {});
    this.minReplicas = scaling.minReplicas;
    this.maxReplicas = scaling.maxReplicas;
    const resources = props.resources ?? { cpu: "500m", memory: "1Gi" };
    parseQuantity(resources.cpu, "resources.cpu");
    parseQuantity(resources.memory, "resources.memory");
    const runAsUser = checkUid(props.runAs?.user ?? MIN_UID, "runAs.user");
    const runAsGroup = checkUid(props.runAs?.group ?? MIN_UID, "runAs.group");
    const refreshInterval = props.externalSecrets?.refreshInterval ?? "1h";
    if (!DURATION.test(refreshInterval)) {
      throw new Error(`externalSecrets.refreshInterval: "${refreshInterval}" is not a duration such as 1h, 30m or 1h30m`);
    }

    this.deploymentInput = {
      name: this.name,
      namespace: this.namespace,
      image: checkImage(props.image),
      containerPort: this.containerPort,
      cpu: resources.cpu,
      memory: resources.memory,
      livenessPath: checkPath(props.probes?.livenessPath ?? "/healthz", "probes.livenessPath"),
      readinessPath: checkPath(props.probes?.readinessPath ?? "/readyz", "probes.readinessPath"),
      runAsUser,
      runAsGroup,
      serviceAccountName: this.serviceAccountName,
      surgePercent: scaling.surgePercent,
      whenUnsatisfiable: props.spread?.whenUnsatisfiable ?? "ScheduleAnyway",
      topologyKeys: props.spread?.topologyKeys ?? DEFAULT_TOPOLOGY_KEYS,
      tmpVolume: props.tmpVolume ?? true,
    };
    for (const [name, value] of Object.entries(props.env ?? {})) this.addEnv(name, value);

    this.checkClusterServices(props);
    const provider = props.provider ?? kubernetesProviderFor(this, cluster, props.kubernetesAccess);
    const ingress = props.ingress === false ? undefined : props.ingress ?? {};
    const namespace = this.manifest("namespace", namespaceManifest(this.namespace, ingress ? { [POD_READINESS_GATE_LABEL]: "enabled" } : {}), provider);
    const inNamespace = (id: string, body: object, dependsOn: Manifest[] = []) => this.manifest(id, body, provider, [namespace, ...dependsOn]);

    const appAccount = inNamespace("service-account", serviceAccountManifest(this.serviceAccountName, this.namespace, false));

    // The database user: with a bootstrap, the app's own user and a generated password.
    const vaultOrUndefined = props.vault ?? props.database?.database.vault;
    if (props.database) {
      const db = props.database;
      const bootstrapped = db.bootstrap !== undefined;
      this.databaseUser = bootstrapped
        ? checkMySqlUserName(db.user ?? this.name.replace(/-/g, "_").slice(0, 32), "database.user")
        : db.user ?? db.database.adminUsername;
      this.databasePasswordSecret =
        db.passwordSecret ??
        (bootstrapped
          ? vaultOrUndefined!.addSecret("db-app-password", {
              scope: this,
              secretName: `${this.namespace}-${this.name}-mysql-password`,
              description: `MySQL password of ${this.namespace}/${this.name}'s own database user`,
            })
          : db.database.passwordSecret);
    }
    const registryHost = imageRegistryHost(this.deploymentInput.image);
    const migrateImage = props.database?.bootstrap?.migrate ? props.database.bootstrap.migrate.image ?? this.deploymentInput.image : undefined;
    for (const [what, image] of [["image", this.deploymentInput.image], ["database.bootstrap.migrate.image", migrateImage]] as const) {
      if (image && isOcirHost(imageRegistryHost(image)) && !props.imagePullCredentials) {
        throw new Error(
          `${this.node.path}: ${what} "${image}" is on OCIR, which needs registry credentials; pass imagePullCredentials: a Vault secret holding {"username": "<tenancy-namespace>/<user>", "password": "<auth token>"}`,
        );
      }
    }

    // Secrets: the database password and any others, synced by External Secrets.
    const secretData = this.secretData(props);
    const pullSecretDeps: Manifest[] = [];
    if (secretData.length || props.imagePullCredentials) {
      const vault = vaultOrUndefined;
      if (!vault) throw new Error(`${this.node.path}: secrets are listed but no vault; pass vault`);
      this.secretSync = new SecretSync(this, "secret-sync", {
        cluster,
        vault,
        namespace: this.namespace,
        storeName: `${this.name}-vault`,
        serviceAccountName: this.secretsServiceAccountName,
        refreshInterval,
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
        const server = registryHost;
        if (!server || isReference(server)) {
          throw new Error(`${this.node.path}: image "${this.deploymentInput.image}" names no literal registry host for the pull secret; give the image as <host>/<path>:<tag>`);
        }
        this.imagePullSecretName = `${this.name}-registry`;
        // Waits until External Secrets has written the Secret: pods created before it would back off.
        const pull = this.secretSync.syncDockerConfig("registry-external-secret", {
          name: `${this.name}-registry`,
          targetName: this.imagePullSecretName,
          registryHost: server,
          credentials: props.imagePullCredentials,
          dependsOn: [namespace],
          waitMinutes: 10,
        });
        this.manifests["registry-external-secret"] = pull;
        pullSecretDeps.push(pull);
      }
      for (const { envName } of secretData) {
        this.env.push({ name: envName, valueFrom: { secretKeyRef: { name: this.secretName, key: envName } } });
      }
    }
    if (props.database) this.addDatabaseEnv(props.database);

    if (props.database?.bootstrap) {
      const options = props.database.bootstrap;
      this.databaseBootstrap = new DatabaseBootstrap(this, "database-bootstrap", {
        cluster,
        provider,
        namespace: this.namespace,
        name: this.name,
        database: props.database.database,
        vault: vaultOrUndefined!,
        schemaName: props.database.schemaName,
        appUser: this.databaseUser!,
        appPasswordSecret: this.databasePasswordSecret!,
        migrate: options.migrate ? { ...options.migrate, image: migrateImage! } : false,
        clientImage: options.clientImage,
        tlsMode: options.tlsMode,
        envNames: props.database.envNames,
        imagePullSecrets: this.imagePullSecretName ? [this.imagePullSecretName] : [],
        runAs: { user: runAsUser, group: runAsGroup },
        resources: options.resources,
        timeoutMinutes: options.timeoutMinutes,
        refreshInterval,
        dependsOn: [namespace, ...pullSecretDeps],
      });
    }

    const deployment = this.manifest("deployment", Lazy.anyValue({ produce: () => this.deploymentObject() }), provider, [
      namespace,
      appAccount,
      ...pullSecretDeps,
      ...(this.databaseBootstrap ? [this.databaseBootstrap.completion] : []),
    ]);
    const service = inNamespace("service", serviceManifest(this.name, this.namespace));
    inNamespace("autoscaler", horizontalPodAutoscalerManifest(this.name, this.namespace, scaling), [deployment]);
    inNamespace("disruption-budget", podDisruptionBudgetManifest(this.name, this.namespace));

    if (ingress) {
      this.ingressClass =
        ingress.ingressClass ??
        new NativeIngressClass(this, "ingress-class", {
          ...ingress.loadBalancer,
          cluster,
          network,
          namespace: this.namespace,
          name: `${this.namespace}-${this.name}`,
          provider,
          dependsOn: [namespace],
        });
      const host = ingress.host === undefined ? undefined : checkHost(ingress.host);
      if (ingress.tls && "certificateId" in ingress.tls) checkOcid(ingress.tls.certificateId, "ingress.tls.certificateId", OcidType.certificate);
      if (ingress.tls && "secretName" in ingress.tls) checkDns1123Subdomain(ingress.tls.secretName, "ingress.tls.secretName");
      inNamespace(
        "ingress",
        ingressManifest({
          name: this.name,
          namespace: this.namespace,
          ingressClassName: this.ingressClass.name,
          host,
          path: checkPath(ingress.path ?? "/", "ingress.path"),
          pathType: "Prefix",
          tls: ingress.tls,
          backendTls: ingress.backendTls ?? false,
        }),
        [service, this.ingressClass.ingressClassManifest],
      );
      // The native ingress controller targets pod IP : container port (VCN-native pods), so the
      // LB NSG must reach the pods on exactly that port; OKE manages no LB rules on virtual nodes.
      network
        .securityGroup("lb")
        .allowTo(network.securityGroup("pods"), Port.tcp(this.containerPort), `The load balancer reaches pods on ${this.containerPort} (ingress backends)`, this);
    }

    network.addPodDemand({
      workloads: [
        { name: `${this.namespace}/${this.name}`, maxReplicas: this.maxReplicas, surgePercent: scaling.surgePercent },
        // The bootstrap Jobs run one pod at a time, while the old pods still serve.
        ...(this.databaseBootstrap ? [{ name: `${this.namespace}/${this.name}-db-jobs`, maxReplicas: 1, surgePercent: 0 }] : []),
      ],
    });
    this.node.addValidation({ validate: () => this.validatePodTemplate() });
  }

  /** Adds an environment variable to the app container. */
  public addEnv(name: string, value: string): void {
    if (!ENV_NAME.test(name)) {
      throw new Error(`env: "${name}" is not an environment variable name; use letters, digits, '_', '-' and '.', not starting with a digit`);
    }
    if (this.env.some((e) => e.name === name)) throw new Error(`env: ${name} is set twice`);
    this.env.push({ name, value });
    this.rendered = undefined;
  }

  /** Adds a container next to the app's (a sidecar); it is checked like the app's. */
  public addContainer(container: IContainer): void {
    checkDns1123Label(container.name, "container name");
    if ([APP_CONTAINER, ...this.extraContainers.map((c) => c.name)].includes(container.name)) {
      throw new Error(`container name "${container.name}" is taken; pick another`);
    }
    this.extraContainers.push(container);
    this.rendered = undefined;
  }

  /**
   * Changes the pod template after the library has built it (the CDK escape hatch). Patches run
   * in order at synth, and the result is checked against the virtual-node rules.
   */
  public patchPodTemplate(patch: (template: IPodTemplateSpec) => void): void {
    this.patches.push(patch);
    this.rendered = undefined;
  }

  /** The final pod template: built, then patched. */
  public podTemplate(): IPodTemplateSpec {
    return this.deploymentObject().spec!.template;
  }

  /** The Deployment as emitted: built from the props, env and sidecars, then patched; made once until they change. */
  private deploymentObject(): IDeployment {
    if (!this.rendered) {
      const deployment = deploymentManifest({
        ...this.deploymentInput,
        env: this.env,
        extraContainers: this.extraContainers,
        imagePullSecrets: this.imagePullSecretName ? [this.imagePullSecretName] : [],
      });
      for (const patch of this.patches) patch(deployment.spec!.template);
      this.rendered = deployment;
    }
    return this.rendered;
  }

  private validatePodTemplate(): string[] {
    const violations = podSpecViolations(this.podTemplate().spec ?? { containers: [] }, "spec.template.spec");
    return violations.length ? [describeViolations(`Deployment ${this.namespace}/${this.name}`, violations)] : [];
  }

  private secretData(props: AppWorkloadProps): AppSecret[] {
    const data: AppSecret[] = [];
    if (props.database) {
      const envNames = { ...DEFAULT_DATABASE_ENV_NAMES, ...props.database.envNames };
      data.push({ envName: envNames.password, secret: this.databasePasswordSecret! });
    }
    data.push(...(props.secrets ?? []));
    const seen = new Set<string>();
    for (const { envName } of data) {
      if (!ENV_NAME.test(envName)) throw new Error(`secrets: "${envName}" is not an environment variable name`);
      if (seen.has(envName)) throw new Error(`secrets: ${envName} is mapped twice; each secret needs its own envName`);
      seen.add(envName);
    }
    return data;
  }

  private addDatabaseEnv(options: AppDatabaseOptions): void {
    const envNames = { ...DEFAULT_DATABASE_ENV_NAMES, ...options.envNames };
    if (options.user !== undefined && options.passwordSecret === undefined && options.bootstrap === undefined) {
      throw new Error(`database.user "${options.user}" is given without database.passwordSecret; give the secret holding that user's password`);
    }
    if (!/^[A-Za-z0-9_$]{1,64}$/.test(options.schemaName)) {
      throw new Error(`database.schemaName: "${options.schemaName}" is not a MySQL schema name; use 1–64 letters, digits, '_' and '$'`);
    }
    this.addEnv(envNames.host, options.database.endpointHost);
    this.addEnv(envNames.port, String(options.database.port));
    this.addEnv(envNames.user, this.databaseUser!);
    this.addEnv(envNames.schema, options.schemaName);
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

function checkDns1035Label(value: string, what: string): string {
  if (value.length > 63 || !DNS1035_LABEL.test(value)) {
    throw new Error(`${what}: "${value}" is not a valid Kubernetes Service name; use at most 63 lower-case letters, digits and '-', starting with a letter`);
  }
  return value;
}

function checkContainerPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`containerPort: ${port} is not a TCP port; use 1–65535`);
  }
  if (port >= 30000 && port <= 32767) {
    throw new Error(`containerPort: ${port} is in 30000-32767, which virtual nodes reserve for NodePorts; use another port such as 8080`);
  }
  return port;
}

function checkAutoscaling(options: AutoscalingOptions) {
  const minReplicas = options.minReplicas ?? 2;
  const maxReplicas = options.maxReplicas ?? Math.max(10, minReplicas);
  const targetCpuUtilization = options.targetCpuUtilization ?? 70;
  const surgePercent = options.surgePercent ?? 25;
  if (!Number.isInteger(minReplicas) || minReplicas < 2) {
    throw new Error(`autoscaling.minReplicas: ${minReplicas} is too few; use at least 2 so a disruption leaves a pod serving`);
  }
  if (!Number.isInteger(maxReplicas) || maxReplicas < minReplicas) {
    throw new Error(`autoscaling.maxReplicas: ${maxReplicas} is below minReplicas ${minReplicas}`);
  }
  if (!Number.isInteger(targetCpuUtilization) || targetCpuUtilization < 1 || targetCpuUtilization > 100) {
    throw new Error(`autoscaling.targetCpuUtilization: ${targetCpuUtilization} is not a percentage from 1 to 100`);
  }
  if (!Number.isInteger(surgePercent) || surgePercent < 0 || surgePercent > 100) {
    throw new Error(`autoscaling.surgePercent: ${surgePercent} is not a percentage from 0 to 100`);
  }
  return { minReplicas, maxReplicas, targetCpuUtilization, surgePercent };
}

function checkUid(id: number, what: string): number {
  if (!Number.isInteger(id) || id < MIN_UID || id > MAX_UID) {
    throw new Error(`${what}: ${id} is not allowed; use a whole number from ${MIN_UID} to ${MAX_UID} (above 10000, so it matches no user of the image's host)`);
  }
  return id;
}

function checkPath(path: string, what: string): string {
  if (!/^\/[^\s]*$/.test(path)) throw new Error(`${what}: "${path}" is not an HTTP path; start it with '/' and leave out spaces`);
  return path;
}

function checkHost(host: string): string {
  if (host.length > 253 || !HOST.test(host)) {
    throw new Error(`ingress.host: "${host}" is not a DNS name; use lower-case labels such as shop.example.com (a leading "*." is allowed)`);
  }
  return host;
}

