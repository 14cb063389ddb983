import { Construct, IConstruct } from "constructs";
import { environmentName } from "../common/environment";
import { DataOciIdentityAvailabilityDomains } from "../../.gen/providers/oci/data-oci-identity-availability-domains";
import type { MysqlHeatWaveCluster } from "../../.gen/providers/oci/mysql-heat-wave-cluster";
import { MysqlMysqlDbSystem } from "../../.gen/providers/oci/mysql-mysql-db-system";
import { Annotations, Fn, Token } from "../cdktf";
import { atPath, checkedAt } from "../common/construct-errors";
import { isReference } from "../common/references";
import { IamPolicy, deploymentPolicyName } from "../security/iam-policy";
import { mysqlKeyStatement, mysqlNetworkStatements } from "../security/iam-statements";
import { MySqlPasswordRules } from "../security/mysql-password-policy";
import { INetwork } from "../network/network";
import { Connections, IConnectable } from "../network/connections";
import { NetworkSecurityGroup } from "../network/network-security-group";
import { PORTS, Port } from "../network/network-security-rules";
import { ISecretsVault, IVaultSecret } from "../security/secrets-vault";
import { IWorkloadIdentity } from "../security/workload-identity";
import { planMySqlDatabase } from "./mysql-database-plan";

export {
  MAX_BACKUP_RETENTION_DAYS,
  MAX_HEATWAVE_NODES,
  MIN_BACKUP_RETENTION_DAYS,
  MIN_STORAGE_GB,
  RESERVED_MYSQL_ADMIN_NAMES,
} from "./mysql-database-plan";

export interface MySqlStorageOptions {
  /**
   * Initial data storage in GB, at least 50.
   * @default 50
   */
  readonly initialGb?: number;
  /**
   * Grow the storage automatically as data grows.
   * @default true
   */
  readonly autoExpand?: boolean;
  /**
   * The most auto-expand may grow to, in GB; at least `initialGb`.
   * @default 4 × initialGb
   */
  readonly maxGb?: number;
}

export interface MySqlBackupOptions {
  /**
   * Daily automatic backups.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days to keep automatic backups, 1–35.
   * @default 7
   */
  readonly retentionDays?: number;
  /**
   * Point-in-time recovery (needs automatic backups).
   * @default true
   */
  readonly pointInTimeRecovery?: boolean;
  /**
   * Start of the 30-minute daily backup window, "HH:MM" UTC.
   * @default "00:00"
   */
  readonly windowStartTime?: string;
}

export interface MySqlDeletionOptions {
  /**
   * Refuse deletion until this is turned off (and applied).
   * @default true
   */
  readonly deleteProtected?: boolean;
  /**
   * Take a final backup when the DB system is deleted.
   * @default true
   */
  readonly finalBackup?: boolean;
  /**
   * Keep the automatic backups when the DB system is deleted.
   * @default true
   */
  readonly retainAutomaticBackups?: boolean;
}

export interface HeatWaveClusterOptions {
  /**
   * HeatWave node shape.
   * @default "HeatWave.512GB"
   */
  readonly shape?: string;
  /**
   * Number of HeatWave nodes, 1–64.
   * @default 1
   */
  readonly nodeCount?: number;
}

export interface MySqlDatabaseProps {
  /** The network; the DB system goes into its private `db` subnet with only the `db` NSG. */
  readonly network: INetwork;
  /** Holds the admin password secret; its key encrypts the database at rest. */
  readonly vault: ISecretsVault;
  /**
   * Compartment of the DB system.
   * @default the network's compartment
   */
  readonly compartmentId?: string;
  /**
   * Display name; also the default hostname label and secret-name prefix.
   * @default "oke-vn-mysql"
   */
  readonly name?: string;
  /**
   * DNS hostname label of the DB endpoint (unique in the subnet, RFC 1123 label).
   * @default `name`, lower-cased, with other characters than letters, digits and '-' as '-'
   */
  readonly hostnameLabel?: string;
  /**
   * Admin user name: 1–32 letters, digits and '_', starting with a letter, not a name MySQL
   * HeatWave reserves (root, administrator, ociadmin, ocirpl, mysql.*). Fixed at creation:
   * changing it later replaces the DB system (which deletion protection then refuses).
   * @default "dbadmin"
   */
  readonly adminUsername?: string;
  /**
   * A Vault secret holding the admin password, wired by reference. It must carry its value as a
   * Terraform reference (a generated secret or one with content from a sensitive variable).
   * The password is used when the DB system is created; later changes are ignored (rotate it in
   * MySQL and in the secret).
   * @default a generated password secret in `vault`, named `<name>-admin-password` (other
   * characters than letters, digits, '.', '_' and '-' in the name become '-')
   */
  readonly adminPasswordSecret?: IVaultSecret;
  /**
   * Rules of the generated admin password (not together with `adminPasswordSecret`).
   * @default 24 characters, at least one of each class MySQL requires
   */
  readonly adminPasswordRules?: MySqlPasswordRules;
  /**
   * Availability domain of the primary instance.
   * @default the first availability domain of the region
   */
  readonly availabilityDomain?: string;
  /**
   * DB system shape: ECPU `MySQL.<n>`, `MySQL.HeatWave.*` or legacy `MySQL.VM.Standard.E4.1.8GB` style.
   * @default "MySQL.2"
   */
  readonly shape?: string;
  /**
   * Data storage.
   * @default 50 GB, auto-expand up to 200 GB
   */
  readonly storage?: MySqlStorageOptions;
  /**
   * MySQL server version, e.g. "8.4.4".
   * @default the service's default version
   */
  readonly mysqlVersion?: string;
  /**
   * Three instances across availability or fault domains. Oracle does not let this be turned
   * off again once on.
   * @default true
   */
  readonly isHighlyAvailable?: boolean;
  /**
   * Automatic backups.
   * @default on, 7 days, point-in-time recovery, window at 00:00 UTC
   */
  readonly backups?: MySqlBackupOptions;
  /**
   * What happens on deletion.
   * @default delete-protected, final backup required, automatic backups retained
   */
  readonly deletion?: MySqlDeletionOptions;
  /**
   * Start of the 2-hour weekly maintenance window, "<day> HH:MM" UTC, e.g. "sun 02:00".
   * @default "sun 02:00"
   */
  readonly maintenanceWindowStart?: string;
  /**
   * Add a HeatWave cluster (in-memory query accelerator) to the DB system.
   * @default none
   */
  readonly heatWave?: HeatWaveClusterOptions;
  /**
   * Let pods reach MySQL's X protocol on 33060 as well as 3306.
   * @default false
   */
  readonly mysqlXProtocol?: boolean;
  /**
   * Create the policies MySQL HeatWave needs for this DB system: the `mysqldbsystem` principal may
   * update the DB NSG's members and create and attach its VNIC (Oracle, "Mandatory Policies and
   * Permissions": mandatory for DB systems in NSGs). Turn off where an administrator owns IAM.
   * @default true
   */
  readonly createServicePolicies?: boolean;
  /**
   * With the service policies, also let the `mysqldbsystem` principal `use key-delegate` on the
   * vault key it encrypts with. Unconfirmed in Oracle's MySQL documentation (public HeatWave
   * Terraform uses it); the statement grants no more than the key use BYOK needs.
   * @default true
   */
  readonly createKeyPolicy?: boolean;
}

/** A MySQL database as apps see it: where to connect, as whom, and the password's Vault secret. */
export interface IMySqlDatabase extends IConstruct {
  /** Host name clients connect to. */
  readonly endpointHost: string;
  /** Classic MySQL protocol port. */
  readonly port: number;
  readonly adminUsername: string;
  /** The Vault secret with the admin password. */
  readonly passwordSecret: IVaultSecret;
  /** The vault holding `passwordSecret`. */
  readonly vault: ISecretsVault;
  /** Lets a workload-identity principal read the admin password secret (e.g. External Secrets). */
  grantPasswordRead(principal: IWorkloadIdentity): IamPolicy;
}

export interface ExistingMySqlDatabaseAttributes {
  readonly endpointHost: string;
  /**
   * @default 3306
   */
  readonly port?: number;
  readonly adminUsername: string;
  /** The Vault secret with the password, e.g. `{ secretId, secretName, vaultId, compartmentId }`. */
  readonly passwordSecret: IVaultSecret;
  /** The vault holding the secret (`SecretsVault.fromExisting`). */
  readonly vault: ISecretsVault;
}

/**
 * A MySQL HeatWave DB system for the app: private, in the network's DB subnet, reachable only from
 * pods (3306, and 33060 when asked), admin password generated into the Vault and wired by
 * reference, encrypted with the vault's key, backed up with point-in-time recovery and protected
 * from deletion.
 */
export class MySqlDatabase extends Construct implements IMySqlDatabase, IConnectable {
  /** A database made elsewhere, for apps that connect to it. */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingMySqlDatabaseAttributes): IMySqlDatabase {
    return new ExistingMySqlDatabase(scope, id, attrs);
  }

  /** Host name clients connect to: the endpoint's DNS name, or its IP when it has none. */
  public readonly endpointHost: string;
  /** The endpoint's private IP address. */
  public readonly endpointIp: string;
  /** Classic MySQL protocol port. */
  public readonly port: number = PORTS.mysql;
  /** X protocol port; set only when `mysqlXProtocol` opens it to pods. */
  public readonly xPort?: number;
  public readonly adminUsername: string;
  /** The Vault secret with the admin password (name for External Secrets, OCID for policies). */
  public readonly passwordSecret: IVaultSecret;
  /** The DB NSG, the only NSG on the DB system. */
  public readonly securityGroup: NetworkSecurityGroup;
  /**
   * Who may reach the database, default port 3306:
   * `database.connections.allowDefaultPortFrom(network.connections("pods"), "…", this)`.
   */
  public readonly connections: Connections;
  public readonly compartmentId: string;
  public readonly dbSystem: MysqlMysqlDbSystem;
  public readonly heatWaveCluster?: MysqlHeatWaveCluster;
  public readonly vault: ISecretsVault;
  /** The policies for the `mysqldbsystem` principal, one per compartment they reach into. */
  public readonly servicePolicies: IamPolicy[] = [];

  public constructor(scope: Construct, id: string, props: MySqlDatabaseProps) {
    super(scope, id);
    const { network, vault } = props;
    const name = environmentName(this, props.name ?? "oke-vn-mysql");
    const subnet = network.subnet("db");
    // Validation first (pure, props → plan); then only resource creation.
    const plan = checkedAt(this, () => planMySqlDatabase(props, { name, networkCompartmentId: network.compartmentId, dbSubnet: subnet }));
    this.vault = vault;
    this.compartmentId = plan.compartmentId;
    this.adminUsername = plan.adminUsername;
    for (const warning of plan.warnings) Annotations.of(this).addWarning(warning);

    this.securityGroup = network.securityGroup("db");
    this.connections = new Connections({ securityGroups: [this.securityGroup], defaultPort: Port.tcp(PORTS.mysql) });
    // Rules are identified by (direction, peer, port): on a created network these are the
    // Network's own rules (no-ops); on an imported one they are created here.
    const pods = network.connections("pods");
    this.connections.allowDefaultPortFrom(pods, `Pods reach MySQL on ${PORTS.mysql}`, this);
    if (plan.mysqlXProtocol) {
      this.connections.allowFrom(pods, Port.tcp(PORTS.mysqlX), `Pods reach MySQL X protocol on ${PORTS.mysqlX}`, this);
      this.xPort = PORTS.mysqlX;
    }

    this.passwordSecret =
      props.adminPasswordSecret ??
      vault.addSecret(`${id}-admin-password`, {
        secretName: `${name.replace(/[^A-Za-z0-9._-]+/g, "-")}-admin-password`,
        description: `Admin password of MySQL DB system ${name} (user ${this.adminUsername})`,
        password: props.adminPasswordRules,
      });
    const adminPassword = this.passwordSecret.value;
    if (adminPassword === undefined || !Token.isUnresolved(adminPassword)) {
      throw new Error(
        `${this.node.path}: adminPasswordSecret "${this.passwordSecret.secretName}" ${adminPassword === undefined ? "carries no value" : "holds a literal password"}; pass a generated secret or one whose content comes from a sensitive variable, so no password appears in the synthesized configuration`,
      );
    }

    if (plan.createServicePolicies) this.addServicePolicies(name, network, plan.createKeyPolicy);

    const availabilityDomain =
      props.availabilityDomain ??
      new DataOciIdentityAvailabilityDomains(this, "availability-domains", { compartmentId: this.compartmentId })
        .availabilityDomains.get(0).name;

    this.dbSystem = new MysqlMysqlDbSystem(this, "db-system", {
      compartmentId: this.compartmentId,
      availabilityDomain,
      displayName: name,
      description: "MySQL HeatWave DB system of the OKE virtual-nodes reference architecture",
      shapeName: plan.shape,
      mysqlVersion: plan.mysqlVersion,
      subnetId: subnet.subnetId,
      nsgIds: [this.securityGroup.nsgId],
      hostnameLabel: plan.hostnameLabel,
      port: PORTS.mysql,
      portX: PORTS.mysqlX,
      adminUsername: this.adminUsername,
      adminPassword,
      isHighlyAvailable: plan.isHighlyAvailable,
      dataStorageSizeInGb: plan.storage.initialGb,
      dataStorage: { isAutoExpandStorageEnabled: plan.storage.autoExpand, maxStorageSizeInGbs: plan.storage.maxGb },
      backupPolicy: {
        isEnabled: plan.backups.isEnabled,
        retentionInDays: plan.backups.retentionDays,
        windowStartTime: plan.backups.windowStartTime,
        pitrPolicy: { isEnabled: plan.backups.pitr },
      },
      deletionPolicy: [
        {
          isDeleteProtected: plan.deletion.deleteProtected,
          finalBackup: plan.deletion.finalBackup ? "REQUIRE_FINAL_BACKUP" : "SKIP_FINAL_BACKUP",
          automaticBackupRetention: plan.deletion.retainAutomaticBackups ? "RETAIN" : "DELETE",
        },
      ],
      crashRecovery: "ENABLED",
      maintenance: { windowStartTime: plan.maintenanceWindowStart },
      // Customer-managed key from the vault; OCI calls it BYOK.
      encryptData: { keyGenerationType: "BYOK", keyId: vault.keyId },
      // OCI checks the policies when it creates the DB system's VNIC in the NSG and its encryption.
      dependsOn: this.servicePolicies.length ? this.servicePolicies.map((p) => p.policy) : undefined,
      lifecycle: {
        // admin_password forces a new DB system in the provider: a regenerated password must
        // never replace the database. Rotate it in MySQL and in the secret instead. Auto-expand
        // grows the storage beyond the initial size, which Terraform must not try to shrink.
        ignoreChanges: plan.storage.autoExpand ? ["admin_password", "data_storage_size_in_gb"] : ["admin_password"],
      },
    });
    // A DB without a DNS name has an empty endpoint host name; fall back to its IP.
    this.endpointIp = this.dbSystem.ipAddress;
    this.endpointHost = Fn.coalesce([this.dbSystem.endpoints.get(0).hostname, this.endpointIp]);

    if (plan.heatWave) {
      // Loaded only for a HeatWave cluster: other synths do not pay for its binding.
      const { MysqlHeatWaveCluster } = require("../../.gen/providers/oci/mysql-heat-wave-cluster") as typeof import("../../.gen/providers/oci/mysql-heat-wave-cluster");
      this.heatWaveCluster = new MysqlHeatWaveCluster(this, "heatwave-cluster", {
        dbSystemId: this.dbSystem.id,
        shapeName: plan.heatWave.shape,
        clusterSize: plan.heatWave.nodeCount,
      });
    }
  }

  /** Lets a workload-identity principal read the admin password secret (e.g. External Secrets). */
  public grantPasswordRead(principal: IWorkloadIdentity): IamPolicy {
    return this.vault.grantSecretRead(principal, this.passwordSecret);
  }

  /**
   * A policy can only name its own compartment and those below, so the statements are grouped by
   * the compartment they reach into: the network's (NSG and subnet) and the key's.
   */
  private addServicePolicies(name: string, network: INetwork, keyPolicy: boolean): void {
    const byCompartment = new Map<string, string[]>();
    const add = (compartmentId: string, statements: string[]) => byCompartment.set(compartmentId, [...(byCompartment.get(compartmentId) ?? []), ...statements]);
    add(network.compartmentId, mysqlNetworkStatements(network.compartmentId, network.compartmentId, this.compartmentId));
    if (keyPolicy) add(this.vault.compartmentId, [mysqlKeyStatement(this.vault.compartmentId, this.compartmentId)]);
    for (const [compartmentId, statements] of byCompartment) {
      const purpose = byCompartment.size === 1 ? "mysql-service" : compartmentId === network.compartmentId ? "mysql-network" : "mysql-key";
      this.servicePolicies.push(
        new IamPolicy(this, purpose, {
          compartmentId,
          name: deploymentPolicyName(`${name}-${purpose}`, compartmentId, this),
          description: `Lets MySQL HeatWave DB system ${name} join its NSG and use its encryption key`,
          statements,
        }),
      );
    }
  }
}

class ExistingMySqlDatabase extends Construct implements IMySqlDatabase {
  public readonly endpointHost: string;
  public readonly port: number;
  public readonly adminUsername: string;
  public readonly passwordSecret: IVaultSecret;
  public readonly vault: ISecretsVault;

  public constructor(scope: Construct, id: string, attrs: ExistingMySqlDatabaseAttributes) {
    super(scope, id);
    try {
      if (!isReference(attrs.endpointHost) && !/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(attrs.endpointHost)) {
        throw new Error(`endpointHost: "${attrs.endpointHost}" is not a host name or IP address`);
      }
      this.endpointHost = attrs.endpointHost;
      this.port = attrs.port ?? PORTS.mysql;
      if (!Number.isInteger(this.port) || this.port < 1 || this.port > 65535) {
        throw new Error(`port: ${this.port} is not a TCP port; use 1–65535 (MySQL listens on ${PORTS.mysql})`);
      }
      this.adminUsername = attrs.adminUsername;
      this.passwordSecret = attrs.passwordSecret;
      this.vault = attrs.vault;
    } catch (err) {
      throw atPath(this, err);
    }
  }

  public grantPasswordRead(principal: IWorkloadIdentity): IamPolicy {
    return this.vault.grantSecretRead(principal, this.passwordSecret);
  }
}
