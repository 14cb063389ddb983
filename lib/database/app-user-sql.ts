/**
 * The SQL that gives an app its own MySQL user with row access to its own database only, in the
 * subset MySQL 8 (HeatWave) and MariaDB 10.11 both accept. Every statement is idempotent, so
 * running the list twice changes nothing. Pure: no cdktf imports.
 */

/** The only privileges the app user gets: row access, no DDL, no GRANT OPTION. */
export const APP_USER_PRIVILEGES = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;

/** MySQL user names are at most 32 characters; this library takes letters, digits and '_'. */
const USER_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;
/** Schema names as AppWorkload takes them: 1–64 letters, digits, '_' and '$'. */
const SCHEMA_NAME = /^[A-Za-z0-9_$]{1,64}$/;
/** A host part: '%', a name or IP with '%' and '_' wildcards, or `<ip>/<netmask>`. */
const HOST = /^[A-Za-z0-9.%_:/-]{1,255}$/;
/**
 * Characters a password may not hold here: a quote or backslash would end or change the SQL
 * string literal (backslash means different things with and without NO_BACKSLASH_ESCAPES), and
 * control characters (newline, NUL) break the client's statement parsing.
 */
const FORBIDDEN_PASSWORD = /['\\\u0000-\u001f\u007f]/;

/** Names that are not SQL identifiers MySQL's and MariaDB's clients accept unquoted in every position. */
export function checkMySqlUserName(user: string, what = "user"): string {
  if (!USER_NAME.test(user)) {
    throw new Error(`${what}: "${user}" is not a MySQL user name this library creates; use 1–32 letters, digits and '_', not starting with a digit`);
  }
  return user;
}

export function checkSchemaName(schema: string, what = "schemaName"): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`${what}: "${schema}" is not a MySQL schema name; use 1–64 letters, digits, '_' and '$'`);
  }
  return schema;
}

/**
 * A SQL string literal of `value`; refuses what could end or alter the literal.
 * @internal
 */
export function sqlPasswordLiteral(value: string, what = "password"): string {
  if (value.length === 0 || FORBIDDEN_PASSWORD.test(value)) {
    throw new Error(`${what}: a password for the bootstrap SQL must be non-empty and hold no quote, backslash or control character`);
  }
  return `'${value}'`;
}

export interface AppUserSqlInput {
  /** The app's database (schema); created when missing. */
  readonly database: string;
  /** The app's user; created when missing. */
  readonly user: string;
  /** The user's password, set on every run (no quote, backslash or control character). */
  readonly password: string;
  /**
   * The host part of the account.
   * @default "%" (any host: the database's NSG admits only the pods)
   */
  readonly host?: string;
}

/**
 * The statements, in order: the database, the user, its password (re)set, and the grant of
 * exactly `APP_USER_PRIVILEGES` on `<database>.*`. Identifiers are backtick-quoted.
 */
export function appUserStatements(input: AppUserSqlInput): string[] {
  const database = checkSchemaName(input.database, "database");
  const user = checkMySqlUserName(input.user);
  const host = input.host ?? "%";
  if (!HOST.test(host)) throw new Error(`host: "${host}" is not a MySQL account host; use '%', a host name or an IP (with % wildcards or /netmask)`);
  const account = `'${user}'@'${host}'`;
  const password = sqlPasswordLiteral(input.password);
  return [
    `CREATE DATABASE IF NOT EXISTS \`${database}\``,
    `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${password}`,
    // Sets the password again on every run, so a rotated Vault secret takes effect.
    `ALTER USER ${account} IDENTIFIED BY ${password}`,
    `GRANT ${APP_USER_PRIVILEGES.join(", ")} ON \`${database}\`.* TO ${account}`,
  ];
}
