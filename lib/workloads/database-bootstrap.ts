import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IContainer } from "kubernetes-models/v1/Container";
import { IResolveContext, Lazy, TerraformResource, TerraformStack } from "../cdktf";
import type { IVirtualNodeCluster } from "../cluster/virtual-node-cluster";
import { checkedAt } from "../common/construct-errors";
import { shortHash } from "../common/hash";
import { checkDns1123Label } from "../common/kubernetes-names";
import { checkMySqlUserName, checkSchemaName } from "../database/app-user-sql";
import { IMySqlDatabase, RESERVED_MYSQL_ADMIN_NAMES } from "../database/mysql-database";
import type { ISecretsVault, IVaultSecret } from "../security/secrets-vault";
import type { IWorkloadIdentity } from "../security/workload-identity";
import { serviceAccountManifest } from "./app-manifests";
import {
  APP_PASSWORD_ENV,
  ClientTlsMode,
  DEFAULT_DATABASE_ENV_NAMES,
  DatabaseEnvNames,
  bootstrapJobManifest,
  bootstrapScript,
  secretEnv,
} from "./database-bootstrap-manifests";
import { PodResources } from "./helm-values";
import { checkImage } from "./image-reference";
import { parseQuantity } from "./quantity";
import { SecretSync } from "./secret-sync";
import { describeViolations, podSpecViolations } from "./virtual-node-pod-rules";

/**
 * The MySQL client image of the bootstrap Job: Docker Hub's official MySQL 8.4 LTS image (public,
 * no login; amd64 and arm64), pinned by version. Oracle's `container-registry.oracle.com/mysql/community-server`
 * carries the same client; pass it (or a mirror in your OCIR) as `clientImage` to avoid Docker Hub's
 * anonymous pull limits.
 */
export const DEFAULT_MYSQL_CLIENT_IMAGE = "docker.io/library/mysql:8.4.11";

/** The command of the Job that runs the app image's migrations. */
export interface MigrateCommand {
  /** The container's command (entrypoint), e.g. `["node", "dist/migrate.js"]`. */
  readonly command: string[];
  /**
   * Its arguments.
   * @default none
   */
  readonly args?: string[];
  /**
   * The image holding the migrations.
   * @default the app's image
   */
  readonly image?: string;
}

export interface DatabaseBootstrapProps {
  /** The cluster whose workload identity reads the admin password. */
  readonly cluster: IVirtualNodeCluster;
  /** The Kubernetes provider (the app's). */
  readonly provider: KubernetesProvider;
  /** The app's namespace (it must exist: pass its manifest in `dependsOn`). */
  readonly namespace: string;
  /** Prefix of the objects' names: `<name>-db-bootstrap-<hash>`, `<name>-db-migrate-<hash>`. */
  readonly name: string;
  /** The database, its endpoint and admin credentials (the bootstrap credentials). */
  readonly database: IMySqlDatabase;
  /** The vault holding the admin and the app user's passwords. */
  readonly vault: ISecretsVault;
  /** The app's schema (database), created when missing. */
  readonly schemaName: string;
  /** The app's MySQL user, created when missing, with SELECT, INSERT, UPDATE, DELETE on the schema only. */
  readonly appUser: string;
  /** The Vault secret with the app user's password (no quote, backslash or control character). */
  readonly appPasswordSecret: IVaultSecret;
  /** The app image's migrations, run as the admin after the user exists; `false` for none. */
  readonly migrate: (MigrateCommand & { readonly image: string }) | false;
  /**
   * The MySQL 8 client image of the first Job (it runs `/bin/sh` and `mysql`).
   * @default DEFAULT_MYSQL_CLIENT_IMAGE
   */
  readonly clientImage?: string;
  /**
   * TLS of the client's connection.
   * @default "required" (HeatWave serves TLS)
   */
  readonly tlsMode?: ClientTlsMode;
  /**
   * Environment variable names of the connection in the migrate Job (the app's names).
   * @default DEFAULT_DATABASE_ENV_NAMES
   */
  readonly envNames?: Partial<DatabaseEnvNames>;
  /**
   * Pull secrets of both Jobs' pods.
   * @default none
   */
  readonly imagePullSecrets?: string[];
  /**
   * UID and GID of the Jobs' containers.
   * @default 10001 and 10001
   */
  readonly runAs?: { readonly user?: number; readonly group?: number };
  /**
   * CPU and memory of each Job's pod (requests = limits).
   * @default 250m CPU, 512Mi memory
   */
  readonly resources?: PodResources;
  /**
   * Retries of a failed pod before the Job fails.
   * @default 4
   */
  readonly backoffLimit?: number;
  /**
   * How long Terraform waits for each Job to complete (and the Job may run) before failing.
   * @default 15 minutes
   */
  readonly timeoutMinutes?: number;
  /**
   * External Secrets refresh interval of the bootstrap secrets.
   * @default "1h"
   */
  readonly refreshInterval?: string;
  /**
   * Objects the Jobs wait for (the namespace, the pull secret).
   * @default none
   */
  readonly dependsOn?: Manifest[];
}

/**
 * Prepares an app's database before its Deployment rolls, with least privilege: a Job with a
 * MySQL client creates the app's database and user and grants that user row access to that
 * database only (`appUserStatements`); a second Job runs the app image's migrations (DDL) with
 * the admin credentials. Both wait for `Complete` (`kubernetes_manifest` `wait`), so whatever
 * depends on `completion` rolls after them.
 *
 * The admin password is readable by this construct's own External Secrets service account only
 * (`<name>-bootstrap-secrets`: its own SecretStore, ExternalSecret, workload identity and Vault
 * grant); the Jobs' pods run as `<name>-db-bootstrap` without an API token.
 */
export class DatabaseBootstrap extends Construct {
  /** The Job creating the database and the app user. */
  public readonly userJob: Manifest;
  /** The Job running the migrations, when there is one. */
  public readonly migrateJob?: Manifest;
  /** The last Job: depend on it to start after the database is ready. */
  public readonly completion: Manifest;
  /** The Job objects as emitted; their names are made at synth, when their content is resolved. */
  public get jobObjects(): object[] {
    return this.jobs.map((j) => {
      if (!j.rendered) throw new Error(`${this.node.path}: the Jobs are named at synth; read jobObjects after it`);
      return j.rendered;
    });
  }
  /** The Jobs' names (their hash changes with the image, the command or the SQL); known at synth. */
  public get jobNames(): string[] {
    return this.jobObjects.map((j) => (j as { metadata: { name: string } }).metadata.name);
  }
  /** The OCI principal that reads the admin password: External Secrets' service account of the bootstrap. */
  public readonly secretsReader: IWorkloadIdentity;
  /** The sync of the admin and app passwords (store, ExternalSecret, identity and grants). */
  public readonly secretSync: SecretSync;
  public readonly secretsServiceAccountName: string;
  /** The service account the Jobs' pods run as. */
  public readonly serviceAccountName: string;
  /** The Kubernetes Secret holding the admin and the app user's passwords. */
  public readonly secretName: string;
  private readonly jobs: { rendered?: object }[] = [];

  public constructor(scope: Construct, id: string, props: DatabaseBootstrapProps) {
    super(scope, id);
    const namespace = checkedAt(this, () => checkDns1123Label(props.namespace, "namespace"));
    const name = checkedAt(this, () => checkDns1123Label(props.name, "name"));
    const schemaName = checkedAt(this, () => checkSchemaName(props.schemaName, "database.schemaName"));
    const appUser = checkedAt(this, () => checkMySqlUserName(props.appUser, "database.user"));
    if (appUser === props.database.adminUsername) {
      throw new Error(`${this.node.path}: database.user: "${appUser}" is the database's admin user; the app needs a user of its own`);
    }
    if (RESERVED_MYSQL_ADMIN_NAMES.includes(appUser.toLowerCase())) {
      throw new Error(`${this.node.path}: database.user: "${appUser}" is reserved by MySQL HeatWave (${RESERVED_MYSQL_ADMIN_NAMES.join(", ")}); pick another`);
    }
    const envNames = { ...DEFAULT_DATABASE_ENV_NAMES, ...props.envNames };
    const clientImage = checkedAt(this, () => checkImage(props.clientImage ?? DEFAULT_MYSQL_CLIENT_IMAGE));
    const resources = props.resources ?? { cpu: "250m", memory: "512Mi" };
    checkedAt(this, () => parseQuantity(resources.cpu, "bootstrap resources.cpu"));
    checkedAt(this, () => parseQuantity(resources.memory, "bootstrap resources.memory"));
    const backoffLimit = props.backoffLimit ?? 4;
    if (!Number.isInteger(backoffLimit) || backoffLimit < 0 || backoffLimit > 20) {
      throw new Error(`${this.node.path}: bootstrap backoffLimit: ${backoffLimit} is not a whole number from 0 to 20`);
    }
    const timeoutMinutes = props.timeoutMinutes ?? 15;
    if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1 || timeoutMinutes > 180) {
      throw new Error(`${this.node.path}: bootstrap timeoutMinutes: ${timeoutMinutes} is not a whole number of minutes from 1 to 180`);
    }
    const runAsUser = props.runAs?.user ?? 10001;
    const runAsGroup = props.runAs?.group ?? 10001;

    this.serviceAccountName = `${name}-db-bootstrap`;
    this.secretsServiceAccountName = `${name}-bootstrap-secrets`;
    this.secretName = `${name}-bootstrap-secrets`;
    const storeName = `${name}-bootstrap-vault`;
    const provider = props.provider;
    const manifest = (mid: string, body: object, dependsOn: Manifest[], wait?: { type: string }) =>
      new Manifest(this, mid, {
        provider,
        manifest: body as Record<string, unknown>,
        dependsOn: dependsOn.length ? dependsOn : undefined,
        ...(wait
          ? {
              wait: { condition: [{ type: wait.type, status: "True" }] },
              timeouts: { create: `${timeoutMinutes}m`, update: `${timeoutMinutes}m` },
            }
          : {}),
      });
    const before = props.dependsOn ?? [];

    // The admin password: only this construct's External Secrets service account may read it.
    this.secretSync = new SecretSync(this, "secret-sync", {
      cluster: props.cluster,
      vault: props.vault,
      namespace,
      storeName,
      serviceAccountName: this.secretsServiceAccountName,
      refreshInterval: props.refreshInterval ?? "1h",
      dependsOn: before,
      provider,
      addressesOfParent: true,
    });
    this.secretsReader = this.secretSync.reader;
    const jobAccount = manifest("service-account", serviceAccountManifest(this.serviceAccountName, namespace, false), before);
    // Waits until External Secrets has written the Secret, so the Jobs' pods find it.
    const secrets = this.secretSync.syncSecrets("external-secret", {
      name: `${name}-bootstrap`,
      targetName: this.secretName,
      data: [
        { key: envNames.password, secret: props.database.passwordSecret },
        { key: APP_PASSWORD_ENV, secret: props.appPasswordSecret },
      ],
      waitMinutes: timeoutMinutes,
    });

    const adminEnv = [
      { name: envNames.host, value: props.database.endpointHost },
      { name: envNames.port, value: String(props.database.port) },
      { name: envNames.user, value: props.database.adminUsername },
      secretEnv(envNames.password, this.secretName),
    ];
    const containerResources = { requests: { ...resources }, limits: { ...resources } };
    const userContainer: IContainer = {
      name: "create-user",
      image: clientImage,
      command: ["/bin/sh", "-c", checkedAt(this, () => bootstrapScript({ database: schemaName, user: appUser, env: envNames, tlsMode: props.tlsMode ?? "required" }))],
      env: [...adminEnv, secretEnv(APP_PASSWORD_ENV, this.secretName)],
      resources: containerResources,
    };
    const migrate = props.migrate;
    const migrateContainer: IContainer | undefined = migrate
      ? {
          name: "migrate",
          image: checkedAt(this, () => checkImage(migrate.image)),
          command: checkedAt(this, () => checkCommand(migrate.command)),
          ...(migrate.args?.length ? { args: migrate.args } : {}),
          env: [...adminEnv, { name: envNames.schema, value: schemaName }],
          resources: containerResources,
        }
      : undefined;

    // Job names carry a hash of what the Jobs run. A Job's pod template is immutable, so a new
    // image, command or SQL cannot update a finished Job: the new name makes Terraform replace it,
    // and the replacement runs again (and is waited for) before the Deployment changes. The hash is
    // of the resolved content (references as their Terraform expressions), so it is stable across
    // synths and changes when a referenced resource is swapped.
    const contentHash = (context: IResolveContext) =>
      shortHash(JSON.stringify(context.resolve([userContainer, migrateContainer ?? null, props.imagePullSecrets ?? [], runAsUser, runAsGroup])));
    const job = (suffix: string, container: IContainer, jobName: string) =>
      bootstrapJobManifest({
        name: jobName,
        namespace,
        labels: { "app.kubernetes.io/name": `${name}-db-${suffix}`, "app.kubernetes.io/part-of": name },
        container,
        serviceAccountName: this.serviceAccountName,
        runAsUser,
        runAsGroup,
        imagePullSecrets: props.imagePullSecrets ?? [],
        backoffLimit,
        activeDeadlineSeconds: timeoutMinutes * 60,
      });
    const maxName = `${name}-db-migrate-`.length + 7; // shortHash is at most 7 base-36 digits
    if (maxName > 63) throw new Error(`${this.node.path}: name: "${name}" is too long for the Jobs' names (${name}-db-migrate-<hash>); use at most ${name.length - (maxName - 63)} characters`);
    const addJob = (id: string, suffix: string, container: IContainer, dependsOn: Manifest[]) => {
      // Checked now, with a stand-in name: the pod rules do not look at it.
      const check = job(suffix, container, `${name}-db-${suffix}`);
      const violations = podSpecViolations(check.spec!.template.spec!, "spec.template.spec");
      if (violations.length) throw new Error(`${this.node.path}: ` + describeViolations(`Job ${namespace}/${name}-db-${suffix}`, violations));
      const entry: { rendered?: object } = {};
      this.jobs.push(entry);
      const produce = (context: IResolveContext) => (entry.rendered = job(suffix, container, `${name}-db-${suffix}-${contentHash(context)}`));
      // The name's hash sees references, not the values behind them: when a referenced value
      // changes (a new database endpoint), this record of the pod's inputs changes and Terraform
      // replaces the Job instead of updating its immutable pod template.
      const inputs = new TerraformResource(this, `${id}-inputs`, { terraformResourceType: "terraform_data" });
      inputs.addOverride("input", Lazy.anyValue({ produce: () => ({ container, imagePullSecrets: props.imagePullSecrets ?? [] }) }));
      const jobManifest = manifest(id, Lazy.anyValue({ produce }), dependsOn, { type: "Complete" });
      // A bare address: Terraform JSON takes no `${…}` in lifecycle arguments (cdktf renders one).
      jobManifest.addOverride("lifecycle.replace_triggered_by", [
        Lazy.stringValue({ produce: () => `terraform_data.${TerraformStack.of(this).getLogicalId(inputs)}` }),
      ]);
      return jobManifest;
    };
    this.userJob = addJob("user-job", "bootstrap", userContainer, [...before, jobAccount, secrets]);
    this.migrateJob = migrateContainer ? addJob("migrate-job", "migrate", migrateContainer, [this.userJob]) : undefined;
    this.completion = this.migrateJob ?? this.userJob;
  }
}

function checkCommand(command: string[]): string[] {
  if (!Array.isArray(command) || command.length === 0 || command.some((c) => typeof c !== "string" || c === "")) {
    throw new Error(`database.bootstrap.migrate.command: ${JSON.stringify(command)} is not a command; give the program and its fixed arguments, e.g. ["node", "dist/migrate.js"]`);
  }
  return command;
}
