/**
 * A MySqlDatabase's props, checked and resolved into a plan before anything is created: shape,
 * storage, backups, deletion, maintenance, version, HeatWave and the admin account.
 *
 * Pure: no cdktf imports. Errors name the offending prop and what would be valid; the database
 * prefixes them with its construct path.
 */
import { OcidType, checkOcid } from "../common/ocid";
import type { SubnetRef } from "../network/network";
import { mysqlPasswordSettings } from "../security/mysql-password-policy";
import type { MySqlBackupOptions, MySqlDatabaseProps, MySqlStorageOptions } from "./mysql-database";

export const MIN_STORAGE_GB = 50;
export const MIN_BACKUP_RETENTION_DAYS = 1;
export const MAX_BACKUP_RETENTION_DAYS = 35;
export const MAX_HEATWAVE_NODES = 64;

/**
 * Names MySQL HeatWave keeps for itself (administrator accounts, replication, MySQL's system
 * users). Oracle may reserve more; those fail at apply.
 */
export const RESERVED_MYSQL_ADMIN_NAMES: readonly string[] = [
  "root",
  "administrator",
  "ociadmin",
  "ocirpl",
  "mysql.sys",
  "mysql.session",
  "mysql.infoschema",
];

/**
 * Shape names, by family: ECPU (`MySQL.2`, `MySQL.8`, …), the always-free `MySQL.Free`,
 * HeatWave-enabled (`MySQL.HeatWave.VM.Standard`) and legacy OCPU (`MySQL.VM.Standard.E4.1.8GB`).
 */
const SHAPE_FORMS: readonly RegExp[] = [
  /^MySQL\.\d+$/,
  /^MySQL\.Free$/,
  /^MySQL\.HeatWave\.(VM|BM)\.[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/,
  /^MySQL\.(VM|BM)\.[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*\.\d+\.\d+GB$/,
];
/** HeatWave node shapes: `HeatWave.512GB` (current) or `MySQL.HeatWave.VM.Standard.E3` (legacy). */
const HEATWAVE_SHAPE_FORMS: readonly RegExp[] = [/^HeatWave\.\d+GB$/, /^MySQL\.HeatWave\.(VM|BM)\.[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/];
/** Conservative: a letter, then letters, digits and '_', 1–32 characters in all. */
const ADMIN_USERNAME = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const HOSTNAME_LABEL = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const MYSQL_VERSION = /^\d+\.\d+(\.\d+)?([-.][A-Za-z0-9]+)*$/;

export interface MySqlDatabasePlan {
  readonly compartmentId: string;
  readonly adminUsername: string;
  readonly shape: string;
  readonly hostnameLabel: string;
  readonly mysqlVersion?: string;
  readonly isHighlyAvailable: boolean;
  readonly storage: { readonly initialGb: number; readonly autoExpand: boolean; readonly maxGb?: number };
  readonly backups: { readonly isEnabled: boolean; readonly retentionDays: number; readonly windowStartTime: string; readonly pitr: boolean };
  readonly deletion: { readonly deleteProtected: boolean; readonly finalBackup: boolean; readonly retainAutomaticBackups: boolean };
  /** "<day> HH:MM", day lower-cased. */
  readonly maintenanceWindowStart: string;
  readonly heatWave?: { readonly shape: string; readonly nodeCount: number };
  readonly mysqlXProtocol: boolean;
  readonly createServicePolicies: boolean;
  readonly createKeyPolicy: boolean;
  /** Accepted but risky settings, for synth warnings. */
  readonly warnings: readonly string[];
}

export interface MySqlDatabasePlanContext {
  /** The display name, after the environment prefix. */
  readonly name: string;
  /** The network's compartment, the default. */
  readonly networkCompartmentId: string;
  /** The network's DB subnet. */
  readonly dbSubnet: SubnetRef;
}

/** Checks `props` and resolves every default; throws on the first bad value. */
export function planMySqlDatabase(props: Omit<MySqlDatabaseProps, "network" | "vault">, context: MySqlDatabasePlanContext): MySqlDatabasePlan {
  const compartmentId = checkOcid(props.compartmentId ?? context.networkCompartmentId, "compartmentId", OcidType.compartment);
  const adminUsername = checkAdminUsername(props.adminUsername ?? "dbadmin");
  const shape = checkShape(props.shape ?? "MySQL.2");
  const hostnameLabel = checkHostnameLabel(props.hostnameLabel ?? toHostnameLabel(context.name));
  const storage = resolveStorage(props.storage ?? {});
  const backups = resolveBackups(props.backups ?? {});
  const maintenanceWindowStart = checkMaintenanceWindow(props.maintenanceWindowStart ?? "sun 02:00");
  const isHighlyAvailable = props.isHighlyAvailable ?? true;
  if (props.mysqlVersion !== undefined && !MYSQL_VERSION.test(props.mysqlVersion)) {
    throw new Error(`mysqlVersion "${props.mysqlVersion}" is not a MySQL version such as 8.4.4 or 8.0.41`);
  }
  if (isHighlyAvailable && props.mysqlVersion !== undefined && versionBelow(props.mysqlVersion, [8, 0, 24])) {
    // Oracle, "Enabling or Disabling High Availability": MySQL 8.0.24 or higher.
    throw new Error(`mysqlVersion "${props.mysqlVersion}" cannot be highly available; MySQL HeatWave needs 8.0.24 or later for high availability`);
  }
  if (context.dbSubnet.isPublic) {
    throw new Error(`the network's db subnet (${context.dbSubnet.subnetId}) is public; the database must be in a private subnet`);
  }
  if (props.adminPasswordSecret && props.adminPasswordRules) {
    throw new Error(
      `adminPasswordRules apply to a generated password only; adminPasswordSecret "${props.adminPasswordSecret.secretName}" is given, so drop one of the two`,
    );
  }
  // Checked here too (the vault checks again when it generates the password) so the error names the database.
  if (props.adminPasswordRules) mysqlPasswordSettings(props.adminPasswordRules);
  let heatWave: MySqlDatabasePlan["heatWave"];
  if (props.heatWave) {
    const nodeCount = props.heatWave.nodeCount ?? 1;
    if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > MAX_HEATWAVE_NODES) {
      throw new Error(`heatWave.nodeCount ${nodeCount} is not allowed; use 1–${MAX_HEATWAVE_NODES}`);
    }
    const heatWaveShape = props.heatWave.shape ?? "HeatWave.512GB";
    if (!HEATWAVE_SHAPE_FORMS.some((form) => form.test(heatWaveShape))) {
      throw new Error(`heatWave.shape "${heatWaveShape}" is not a HeatWave shape name; use e.g. HeatWave.512GB or HeatWave.32GB`);
    }
    heatWave = { shape: heatWaveShape, nodeCount };
  }
  const deletion = props.deletion ?? {};
  return {
    compartmentId,
    adminUsername,
    shape,
    hostnameLabel,
    mysqlVersion: props.mysqlVersion,
    isHighlyAvailable,
    storage,
    backups,
    deletion: {
      deleteProtected: deletion.deleteProtected ?? true,
      finalBackup: deletion.finalBackup ?? true,
      retainAutomaticBackups: deletion.retainAutomaticBackups ?? true,
    },
    maintenanceWindowStart,
    heatWave,
    mysqlXProtocol: props.mysqlXProtocol ?? false,
    createServicePolicies: props.createServicePolicies ?? true,
    createKeyPolicy: props.createKeyPolicy ?? true,
    warnings: backups.isEnabled
      ? []
      : ["backups.enabled is false: no automatic backups and no point-in-time recovery; a lost DB system cannot be restored"],
  };
}

function versionBelow(version: string, minimum: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map((p) => Number.parseInt(p, 10));
  for (let i = 0; i < minimum.length; i++) {
    const part = Number.isNaN(parts[i]) || parts[i] === undefined ? 0 : parts[i];
    if (part !== minimum[i]) return part < minimum[i];
  }
  return false;
}

function checkAdminUsername(username: string): string {
  if (RESERVED_MYSQL_ADMIN_NAMES.includes(username.toLowerCase())) {
    throw new Error(
      `adminUsername "${username}" is reserved by MySQL HeatWave (${RESERVED_MYSQL_ADMIN_NAMES.join(", ")}); pick another, e.g. "dbadmin"`,
    );
  }
  if (!ADMIN_USERNAME.test(username)) {
    throw new Error(
      `adminUsername "${username}" is not valid; use 1–32 letters, digits and '_', starting with a letter`,
    );
  }
  return username;
}

function checkShape(shape: string): string {
  if (!SHAPE_FORMS.some((form) => form.test(shape))) {
    throw new Error(
      `shape "${shape}" is not a MySQL HeatWave shape name; use an ECPU shape such as MySQL.2 or MySQL.8, MySQL.HeatWave.VM.Standard, or a legacy one such as MySQL.VM.Standard.E4.1.8GB`,
    );
  }
  return shape;
}

function toHostnameLabel(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^[^a-z]+/, "")
    .slice(0, 63)
    .replace(/-+$/, "");
  return label || "mysql";
}

function checkHostnameLabel(label: string): string {
  if (!HOSTNAME_LABEL.test(label)) {
    throw new Error(
      `hostnameLabel "${label}" is not valid; use 1–63 lower-case letters, digits and '-', starting with a letter and not ending with '-'`,
    );
  }
  return label;
}

function resolveStorage(options: MySqlStorageOptions): MySqlDatabasePlan["storage"] {
  const initialGb = options.initialGb ?? MIN_STORAGE_GB;
  if (!Number.isInteger(initialGb) || initialGb < MIN_STORAGE_GB) {
    throw new Error(`storage.initialGb ${initialGb} is too small; MySQL HeatWave needs at least ${MIN_STORAGE_GB} GB`);
  }
  const autoExpand = options.autoExpand ?? true;
  const maxGb = options.maxGb ?? initialGb * 4;
  if (!Number.isInteger(maxGb) || maxGb < initialGb) {
    throw new Error(`storage.maxGb ${maxGb} is below storage.initialGb ${initialGb}; auto-expand needs a maximum of at least the initial size`);
  }
  return { initialGb, autoExpand, maxGb: autoExpand ? maxGb : undefined };
}

function resolveBackups(options: MySqlBackupOptions): MySqlDatabasePlan["backups"] {
  const retentionDays = options.retentionDays ?? 7;
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_BACKUP_RETENTION_DAYS || retentionDays > MAX_BACKUP_RETENTION_DAYS) {
    throw new Error(
      `backups.retentionDays ${retentionDays} is not allowed; MySQL HeatWave keeps automatic backups ${MIN_BACKUP_RETENTION_DAYS}–${MAX_BACKUP_RETENTION_DAYS} days`,
    );
  }
  const windowStartTime = options.windowStartTime ?? "00:00";
  if (!TIME_OF_DAY.test(windowStartTime)) {
    throw new Error(`backups.windowStartTime "${windowStartTime}" is not a time of day "HH:MM" (UTC), e.g. "00:00"`);
  }
  const isEnabled = options.enabled ?? true;
  const pitr = options.pointInTimeRecovery ?? true;
  if (options.pointInTimeRecovery && !isEnabled) {
    throw new Error("backups.pointInTimeRecovery needs automatic backups; set backups.enabled to true or drop pointInTimeRecovery");
  }
  return { isEnabled, retentionDays, windowStartTime, pitr: pitr && isEnabled };
}

function checkMaintenanceWindow(window: string): string {
  const match = /^([A-Za-z]{3}) (\S+)$/.exec(window);
  if (!match || !DAYS.includes(match[1].toLowerCase()) || !TIME_OF_DAY.test(match[2])) {
    throw new Error(`maintenanceWindowStart "${window}" is not "<day> HH:MM" (UTC) with a day of mon…sun, e.g. "sun 02:00"`);
  }
  return `${match[1].toLowerCase()} ${match[2]}`;
}
