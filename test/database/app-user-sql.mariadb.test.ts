/**
 * The library's bootstrap SQL (appUserStatements) on a real server: Debian's MariaDB 10.11, started
 * by the app's test harness (127.0.0.1, free port, TLS). Run as the admin twice (idempotent), then
 * as the app user: row access to its own database works, DDL, other databases, CREATE USER and
 * GRANT are refused by the server. Then the app's migrate entry with the admin's credentials.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { APP_DIR, MariaDbServer, dbEnv, runMigrate, startMariaDb } from "../../app/test/support/mariadb-server";
import { appUserStatements } from "../../lib/database/app-user-sql";

jest.setTimeout(60_000);

/** The outcome of SQL run through the `mariadb` client as a given user: rows, or the server's error code. */
interface SqlOutcome {
  readonly rows?: string[][];
  /** e.g. 1142 from "ERROR 1142 (42000) at line 1: CREATE command denied …" */
  readonly errorCode?: number;
  readonly error?: string;
}

function sqlAs(server: MariaDbServer, user: string, password: string, statements: string, database?: string): Promise<SqlOutcome> {
  const args = [
    "--no-defaults", "--protocol=TCP", "-h", server.host, "-P", String(server.port), "-u", user,
    "--ssl", `--ssl-ca=${server.caFile}`, "--batch", "--skip-column-names", "--raw",
    ...(database ? [`--database=${database}`] : []), "-e", statements,
  ];
  return new Promise((resolve) => {
    execFile("mariadb", args, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", MYSQL_PWD: password, HOME: server.dir }, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        const code = /^ERROR (\d+)/m.exec(String(stderr));
        resolve({ errorCode: code ? Number(code[1]) : undefined, error: String(stderr).trim() || error.message });
      } else {
        resolve({ rows: String(stdout).split("\n").filter((l) => l !== "").map((l) => l.split("\t")) });
      }
    });
  });
}

// MariaDB error codes (https://mariadb.com/kb/en/mariadb-error-codes/):
const ER_DBACCESS_DENIED_ERROR = 1044; // access denied to a database (CREATE DATABASE, USE, GRANT on it)
const ER_ACCESS_DENIED_ERROR = 1045; // wrong user or password
const ER_TABLEACCESS_DENIED_ERROR = 1142; // "<command> command denied to user … for table …"
const ER_SPECIFIC_ACCESS_DENIED_ERROR = 1227; // needs a global privilege (CREATE USER)

const DATABASE = "shop_api";
const USER = "shop_api";
const PASSWORD = "Bootstrap-1_pw.~()*,=:";

describe("appUserStatements on a real MariaDB server", () => {
  let server: MariaDbServer;
  const bootstrap = async (password: string, database = DATABASE, user = USER): Promise<void> => {
    // Exactly the library's statements, as the bootstrap Job sends them (one batch, admin credentials).
    await server.sql(appUserStatements({ database, user, password }).join(";\n"));
  };
  const showGrants = (): Promise<string[][]> => server.sql(`SHOW GRANTS FOR '${USER}'@'%'`);
  const asApp = (statements: string, password = PASSWORD, database: string | undefined = DATABASE): Promise<SqlOutcome> => sqlAs(server, USER, password, statements, database);

  beforeAll(async () => {
    server = await startMariaDb();
    // A table in another database the app user must not read.
    await server.sql("CREATE DATABASE other_app; CREATE TABLE other_app.secrets (id INT PRIMARY KEY, v VARCHAR(20)); INSERT INTO other_app.secrets VALUES (1, 'not yours')");
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("GIVEN the harness's fresh server THEN no anonymous account exists to shadow 'shop_api'@'%'", async () => {
    // An anonymous account whose host matches the client (''@'127.0.0.1', ''@'%'…) is at least as
    // specific as '%' and would be picked instead of the app user. The harness removes none: MariaDB
    // 10.11's mariadb-install-db creates none (its accounts: mariadb.sys@localhost, root@localhost,
    // and the harness's root@127.0.0.1). Should a version create them, this fails first.
    expect(await server.sql("SELECT user, host FROM mysql.user WHERE user = ''")).toEqual([]);
  });

  test("WHEN the statements run twice as the admin THEN the second run succeeds and changes nothing", async () => {
    await bootstrap(PASSWORD);
    const grantsAfterFirst = await showGrants();
    const accountsAfterFirst = await server.sql("SELECT user, host FROM mysql.user ORDER BY user, host");
    await expect(bootstrap(PASSWORD)).resolves.toBeUndefined();
    expect(await showGrants()).toEqual(grantsAfterFirst);
    expect(await server.sql("SELECT user, host FROM mysql.user ORDER BY user, host")).toEqual(accountsAfterFirst);
    expect(await server.sql(`SHOW DATABASES LIKE '${DATABASE}'`)).toEqual([[DATABASE]]);
    // THEN exactly row access on its own database, no GRANT OPTION.
    const grants = grantsAfterFirst.map(([grant]) => grant);
    expect(grants).toHaveLength(2);
    expect(grants[0]).toMatch(/^GRANT USAGE ON \*\.\* TO `shop_api`@`%` IDENTIFIED BY PASSWORD '\*[0-9A-F]{40}'$/);
    expect(grants[1]).toBe("GRANT SELECT, INSERT, UPDATE, DELETE ON `shop_api`.* TO `shop_api`@`%`");
    expect(grants.join("\n")).not.toMatch(/GRANT OPTION|ALL PRIVILEGES/);
    // AND the password still works after the re-run.
    expect(await asApp("SELECT CURRENT_USER()")).toEqual({ rows: [["shop_api@%"]] });
  });

  test("WHEN re-run with a changed password (a rotated Vault secret) THEN the new one works, the old one is refused, grants stay", async () => {
    const grantsBefore = await showGrants();
    const rotated = "Rotated-2_pw=:*";
    await bootstrap(rotated);
    expect(await asApp("SELECT 1", rotated)).toEqual({ rows: [["1"]] });
    expect((await asApp("SELECT 1", PASSWORD)).errorCode).toBe(ER_ACCESS_DENIED_ERROR);
    // Only the password hash differs.
    const withoutHash = (rows: string[][]): string[] => rows.map(([grant]) => grant.replace(/ IDENTIFIED BY PASSWORD '[^']*'/, ""));
    expect(withoutHash(await showGrants())).toEqual(withoutHash(grantsBefore));
    await bootstrap(PASSWORD);
    expect(await asApp("SELECT 1")).toEqual({ rows: [["1"]] });
  });

  describe("connected as the app user", () => {
    beforeAll(async () => {
      await bootstrap(PASSWORD);
      // A table made by the admin (as migrations would be).
      await server.sql("CREATE TABLE IF NOT EXISTS items (id INT PRIMARY KEY, name VARCHAR(40))", { database: DATABASE });
    });

    test("THEN SELECT, INSERT, UPDATE and DELETE on its own database work", async () => {
      expect(await asApp("INSERT INTO items VALUES (1, 'cup'), (2, 'pot')")).toEqual({ rows: [] });
      expect(await asApp("UPDATE items SET name = 'mug' WHERE id = 1")).toEqual({ rows: [] });
      expect(await asApp("DELETE FROM items WHERE id = 2")).toEqual({ rows: [] });
      expect(await asApp("SELECT id, name FROM items ORDER BY id")).toEqual({ rows: [["1", "mug"]] });
    });

    test.each([
      ["CREATE TABLE", "CREATE TABLE t2 (id INT)", ER_TABLEACCESS_DENIED_ERROR, /CREATE command denied/],
      ["DROP TABLE", "DROP TABLE items", ER_TABLEACCESS_DENIED_ERROR, /DROP command denied/],
      ["ALTER TABLE", "ALTER TABLE items ADD COLUMN extra INT", ER_TABLEACCESS_DENIED_ERROR, /ALTER command denied/],
      ["CREATE INDEX", "CREATE INDEX items_name ON items (name)", ER_TABLEACCESS_DENIED_ERROR, /INDEX command denied/],
      ["TRUNCATE", "TRUNCATE TABLE items", ER_TABLEACCESS_DENIED_ERROR, /DROP command denied/],
      ["reading another database", "SELECT v FROM other_app.secrets", ER_TABLEACCESS_DENIED_ERROR, /SELECT command denied .* for table `other_app`\.`secrets`/],
      ["reading the privilege tables", "SELECT user FROM mysql.user", ER_TABLEACCESS_DENIED_ERROR, /SELECT command denied/],
      ["CREATE DATABASE", "CREATE DATABASE evil", ER_DBACCESS_DENIED_ERROR, /Access denied .* to database 'evil'/],
      ["DROP DATABASE", `DROP DATABASE ${DATABASE}`, ER_DBACCESS_DENIED_ERROR, /Access denied/],
      ["CREATE USER", "CREATE USER 'evil'@'%' IDENTIFIED BY 'x'", ER_SPECIFIC_ACCESS_DENIED_ERROR, /CREATE USER privilege/],
      ["GRANT", `GRANT SELECT ON ${DATABASE}.* TO 'shop_api'@'%'`, ER_DBACCESS_DENIED_ERROR, /Access denied/],
    ])("WHEN it tries %s THEN the server refuses it", async (_what, statement, code, message) => {
      const outcome = await asApp(statement);
      expect(outcome.errorCode).toBe(code);
      expect(outcome.error).toMatch(message);
    });

    test("THEN USE of another database is refused and its table stays unread", async () => {
      const outcome = await sqlAs(server, USER, PASSWORD, "SELECT 1", "other_app");
      expect(outcome.errorCode).toBe(ER_DBACCESS_DENIED_ERROR);
      expect(await asApp("SHOW DATABASES")).toEqual({ rows: [["information_schema"], [DATABASE]] });
    });

    test("AND after the refusals the schema and accounts are unchanged", async () => {
      expect(await server.sql("SHOW TABLES", { database: DATABASE })).toEqual([["items"]]);
      expect(await server.sql("SELECT user FROM mysql.user WHERE user IN ('evil')")).toEqual([]);
      expect(await server.sql(`SHOW DATABASES LIKE 'evil'`)).toEqual([]);
    });
  });

  describe("with the app's migrate entry (app/dist/migrate.js)", () => {
    const distMigrate = join(APP_DIR, "dist", "migrate.js");
    beforeAll(() => {
      if (!existsSync(distMigrate)) throw new Error(`${distMigrate} is missing: run \`npm run test:app\` (it builds app/dist) first`);
    });

    test("WHEN migrations run with the admin's credentials after the bootstrap THEN the app user can CRUD the migrated table", async () => {
      await bootstrap(PASSWORD, "shop_catalogue", "catalogue_app");
      const admin = dbEnv(server, { user: server.rootUser, password: server.rootPassword, database: "shop_catalogue" });
      const migrated = await runMigrate({ env: admin });
      expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: "" });
      const app = (statements: string): Promise<SqlOutcome> => sqlAs(server, "catalogue_app", PASSWORD, statements, "shop_catalogue");
      expect(
        await app(
          "INSERT INTO products (sku, name, price_cents, currency, created_at, updated_at) VALUES ('S-1', 'Cup', 100, 'EUR', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));" +
            "UPDATE products SET version = version + 1, stock = 3 WHERE sku = 'S-1';" +
            "SELECT sku, stock, version FROM products;" +
            "DELETE FROM products WHERE sku = 'S-1';" +
            "SELECT COUNT(*) FROM products",
        ),
      ).toEqual({ rows: [["S-1", "3", "2"], ["0"]] });
      // AND the migration history is readable (readiness checks it) but not writable.
      expect((await app("SELECT COUNT(*) FROM kysely_migration")).rows).toEqual([["1"]]);
      // AND running migrate again as the admin changes nothing.
      const again = await runMigrate({ env: admin });
      expect(again.code).toBe(0);
      expect(again.logs.find((entry) => entry.msg === "schema already at the latest migration")).toBeDefined();
    });

    test("WHEN the app user runs the migrations on its (bootstrapped, empty) database THEN the server refuses the DDL and nothing is created", async () => {
      await bootstrap(PASSWORD, "shop_fresh", "fresh_app");
      const asAppUser = await runMigrate({ env: dbEnv(server, { user: "fresh_app", password: PASSWORD, database: "shop_fresh" }) });
      expect(asAppUser.code).toBe(1);
      expect(asAppUser.stdout + asAppUser.stderr).toMatch(/CREATE command denied to user 'fresh_app'@'(127\.0\.0\.1|localhost)'/);
      expect(await server.sql("SHOW TABLES", { database: "shop_fresh" })).toEqual([]);
    });
  });
});
