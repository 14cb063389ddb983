import { Kysely, Migrator, MysqlDialect } from "kysely";
import type { RowDataPacket } from "mysql2/promise";
import { pino } from "pino";
import type { Logger } from "pino";
import { ConfigError, loadDatabaseConfig, loadLogLevel } from "./config";
import type { DatabaseConfig } from "./config";
import { createCallbackPoolFor, createPool } from "./db";
import { loggerOptions } from "./logger";
import { LATEST_MIGRATION, MIGRATION_LOCK_TABLE, MIGRATION_TABLE, migrations } from "./migrations";

/**
 * Creates DB_NAME if it is missing, then applies pending migrations (Kysely's Migrator, which
 * serializes concurrent runs with GET_LOCK). Run with DDL rights (the bootstrap Job's admin
 * credentials); running it again changes nothing.
 */
async function ensureDatabase(config: DatabaseConfig, logger: Logger): Promise<void> {
  const pool = createPool(config, { database: undefined, connectionLimit: 1 });
  try {
    const [rows] = await pool.execute<RowDataPacket[]>("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [config.database]);
    if (rows.length > 0) return;
    // Identifiers cannot be bound as parameters; DB_NAME is checked against [A-Za-z0-9_]{1,64} in config.ts.
    await pool.query(`CREATE DATABASE IF NOT EXISTS \`${config.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    logger.info({ database: config.database }, "database created");
  } finally {
    await pool.end();
  }
}

async function main(): Promise<number> {
  let config: DatabaseConfig;
  let logLevel: string;
  try {
    config = loadDatabaseConfig(process.env);
    logLevel = loadLogLevel(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`shop-catalogue migrate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const logger = pino(loggerOptions(logLevel, "migrate"));
  await ensureDatabase(config, logger);
  const db = new Kysely<unknown>({ dialect: new MysqlDialect({ pool: createCallbackPoolFor(config, { connectionLimit: 1 }) }) });
  try {
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => ({ ...migrations }) },
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    const { error, results = [] } = await migrator.migrateToLatest();
    for (const result of results) logger.info({ migration: result.migrationName, direction: result.direction, status: result.status }, "migration");
    if (error !== undefined) {
      logger.error({ err: error }, "migrations failed");
      return 1;
    }
    const applied = results.filter((result) => result.status === "Success").length;
    logger.info({ database: config.database, applied, latest: LATEST_MIGRATION }, applied === 0 ? "schema already at the latest migration" : "schema migrated");
    return 0;
  } finally {
    await db.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`shop-catalogue migrate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
