import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";

/**
 * The schema's history, oldest first. Names sort in the order they apply; never edit an applied
 * migration, add a new one. DDL is written for what both MySQL 8 (HeatWave) and MariaDB 10.11 accept:
 * utf8mb4_unicode_ci (MySQL 8's default utf8mb4_0900_ai_ci does not exist in MariaDB), DATETIME(3)
 * set by the app in UTC, InnoDB.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "0001_create_products": {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`
        CREATE TABLE products (
          id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
          sku VARCHAR(64) NOT NULL,
          name VARCHAR(200) NOT NULL,
          description VARCHAR(2000) NOT NULL DEFAULT '',
          price_cents BIGINT UNSIGNED NOT NULL,
          currency CHAR(3) NOT NULL,
          stock INT UNSIGNED NOT NULL DEFAULT 0,
          version INT UNSIGNED NOT NULL DEFAULT 1,
          created_at DATETIME(3) NOT NULL,
          updated_at DATETIME(3) NOT NULL,
          PRIMARY KEY (id),
          UNIQUE KEY products_sku_unique (sku)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
      `.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await sql`DROP TABLE products`.execute(db);
    },
  },
};

/** Kysely's bookkeeping tables (its defaults, named here because readiness reads the first). */
export const MIGRATION_TABLE = "kysely_migration";
export const MIGRATION_LOCK_TABLE = "kysely_migration_lock";

export const MIGRATION_NAMES: readonly string[] = Object.keys(migrations).sort();
export const LATEST_MIGRATION: string = MIGRATION_NAMES[MIGRATION_NAMES.length - 1]!;
