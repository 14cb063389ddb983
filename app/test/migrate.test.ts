/**
 * Migrations (node dist/migrate.js, as the bootstrap Job runs it with admin credentials) and the
 * app's least-privilege database user, against a real MariaDB.
 */
import type { Pool } from "mysql2/promise";
import { loadDatabaseConfig } from "../src/config";
import { createPool } from "../src/db";
import { LATEST_MIGRATION, MIGRATION_NAMES } from "../src/migrations";
import { APP_USER, DATABASE, startCatalogue } from "./support/catalogue";
import type { Catalogue } from "./support/catalogue";
import { call } from "./support/http";
import { dbEnv, runMigrate, startApp } from "./support/mariadb-server";

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await startCatalogue({ migrate: false });
});
afterAll(async () => {
  await catalogue?.close();
});

const schemaState = async (): Promise<string[][]> => [
  ...(await catalogue.db.sql("SHOW CREATE TABLE products", { database: DATABASE })),
  ...(await catalogue.db.sql("SELECT name, timestamp FROM kysely_migration ORDER BY name", { database: DATABASE })),
  ...(await catalogue.db.sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'shop' ORDER BY TABLE_NAME")),
];

describe("migrations", () => {
  test("readiness waits for migrations; the first run applies them, the second changes nothing", async () => {
    // GIVEN the app started before its schema exists
    const app = await startApp({ env: catalogue.appEnv });
    try {
      // THEN it is alive but not ready, and says why
      expect((await call(app.url, "GET", "/healthz")).status).toBe(200);
      const unready = await call(app.url, "GET", "/readyz");
      expect(unready.status).toBe(503);
      expect(unready.body.reason).toMatch(/migrations have not run/);

      // WHEN migrations run as root
      const first = await runMigrate({ env: catalogue.rootEnv });
      expect(first.code).toBe(0);
      expect(first.logs.filter((entry) => entry.msg === "migration").map((entry) => [entry.migration, entry.status])).toEqual(MIGRATION_NAMES.map((name) => [name, "Success"]));
      // THEN the app turns ready
      expect((await call(app.url, "GET", "/readyz")).status).toBe(200);
      const before = await schemaState();
      expect(before.map((row) => row[0])).toEqual(expect.arrayContaining(["products", "kysely_migration", "kysely_migration_lock"]));

      // WHEN they run again THEN nothing is applied and nothing changes
      const second = await runMigrate({ env: catalogue.rootEnv });
      expect(second.code).toBe(0);
      expect(second.logs.find((entry) => entry.msg === "schema already at the latest migration")).toMatchObject({ applied: 0, latest: LATEST_MIGRATION });
      expect(await schemaState()).toEqual(before);
    } finally {
      await app.stop();
    }
  });

  test("two runs at once serialize (Kysely takes a lock) and both succeed", async () => {
    const env = { ...catalogue.rootEnv, DB_NAME: "concurrent_db" };
    const [a, b] = await Promise.all([runMigrate({ env }), runMigrate({ env })]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const rows = await catalogue.db.sql("SELECT name FROM kysely_migration", { database: "concurrent_db" });
    expect(rows.map((row) => row[0])).toEqual(MIGRATION_NAMES);
  });

  test("a missing database is created", async () => {
    const result = await runMigrate({ env: { ...catalogue.rootEnv, DB_NAME: "created_by_migrate" } });
    expect(result.code).toBe(0);
    expect(result.logs.find((entry) => entry.msg === "database created")).toMatchObject({ database: "created_by_migrate" });
    expect(await catalogue.db.sql("SHOW TABLES", { database: "created_by_migrate" })).toEqual(expect.arrayContaining([["products"]]));
  });

  test("the app user cannot run migrations (it has no DDL rights)", async () => {
    await catalogue.db.createAppDatabase({ database: "empty_db", user: "empty_app", password: "Pw-empty-1", requireSsl: true });
    const result = await runMigrate({ env: dbEnv(catalogue.db, { user: "empty_app", password: "Pw-empty-1", database: "empty_db" }) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/CREATE command denied|denied/i);
  });
});

describe("the app's database user is least-privilege", () => {
  let pool: Pool;
  beforeAll(() => {
    pool = createPool(loadDatabaseConfig(catalogue.appEnv), { connectionLimit: 1 });
  });
  afterAll(async () => {
    await pool.end();
  });

  test("it may read and write rows of its own database", async () => {
    await expect(pool.query("SELECT COUNT(*) FROM products")).resolves.toBeDefined();
  });

  test.each([
    ["CREATE TABLE", "CREATE TABLE shop.evil (id INT)"],
    ["DROP TABLE", "DROP TABLE shop.products"],
    ["ALTER TABLE", "ALTER TABLE shop.products ADD COLUMN evil INT"],
    ["read another database", "SELECT * FROM concurrent_db.products"],
    ["read the grant tables", "SELECT user FROM mysql.user"],
    ["CREATE USER", "CREATE USER 'evil'@'%' IDENTIFIED BY 'x'"],
    ["GRANT", `GRANT SELECT ON shop.* TO '${APP_USER}'@'%'`],
    ["CREATE DATABASE", "CREATE DATABASE evil"],
  ])("%s is refused by the server", async (_case, statement) => {
    await expect(pool.query(statement)).rejects.toMatchObject({ code: expect.stringMatching(/^ER_(TABLEACCESS_DENIED_ERROR|DBACCESS_DENIED_ERROR|SPECIFIC_ACCESS_DENIED_ERROR|ACCESS_DENIED_ERROR|ACCESS_DENIED_NO_PASSWORD_ERROR)$/) });
  });

  test("its grants are exactly row access on its own database", async () => {
    const grants = (await catalogue.db.sql(`SHOW GRANTS FOR '${APP_USER}'@'%'`)).map((row) => row[0]!.replace(/ IDENTIFIED BY PASSWORD '[^']*'/, ""));
    expect(grants).toEqual([`GRANT USAGE ON *.* TO \`${APP_USER}\`@\`%\` REQUIRE SSL`, `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${DATABASE}\`.* TO \`${APP_USER}\`@\`%\``]);
  });
});
