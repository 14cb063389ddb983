/**
 * Settings: defaults, and every bad or missing one stops the process with exit code 1 and one
 * line naming the variable (checked against the compiled entry points, as Kubernetes runs them).
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadServerConfig } from "../src/config";
import { APP_DIR } from "./support/mariadb-server";

const BASE = { DB_HOST: "db.example.internal", DB_USER: "shop_app", DB_PASSWORD: "secret", DB_NAME: "shop" };
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "app-config-test-"));
  writeFileSync(join(dir, "not-pem.txt"), "hello\n");
  // A real certificate, so only DB_HOST is wrong in the verify-identity case.
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=config test", "-keyout", join(dir, "key.pem"), "-out", join(dir, "ca.pem")], { stdio: "ignore" });
  writeFileSync(join(dir, "broken.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("defaults", () => {
  test("port 8080 on all interfaces, MySQL port 3306, TLS required without CA, 25 s shutdown with 5 s drain", () => {
    const config = loadServerConfig(BASE);
    expect(config).toMatchObject({ port: 8080, host: "0.0.0.0", logLevel: "info", shutdownTimeoutMs: 25_000, shutdownDelayMs: 5_000 });
    expect(config.db).toMatchObject({ host: "db.example.internal", port: 3306, user: "shop_app", database: "shop", tlsMode: "required", poolSize: 10 });
    expect(config.db.caPem).toBeUndefined();
  });

  test("the shutdown fits the 30 s grace period Kubernetes gives pods on virtual nodes", () => {
    expect(loadServerConfig(BASE).shutdownTimeoutMs).toBeLessThan(30_000);
  });
});

interface EntryResult {
  readonly status: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

function runEntry(entry: "server" | "migrate", env: Record<string, string>): Promise<EntryResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(APP_DIR, "dist", `${entry}.js`)], { env, encoding: "utf8", timeout: 20_000 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

describe("a bad setting stops the server with one line naming it", () => {
  const cases: [string, Record<string, string | undefined>, string][] = [
    ["DB_HOST missing", { DB_HOST: undefined }, "DB_HOST"],
    ["DB_USER missing", { DB_USER: undefined }, "DB_USER"],
    ["DB_PASSWORD missing", { DB_PASSWORD: undefined }, "DB_PASSWORD"],
    ["DB_NAME missing", { DB_NAME: undefined }, "DB_NAME"],
    ["DB_NAME not an identifier", { DB_NAME: "shop`; DROP DATABASE x" }, "DB_NAME"],
    ["DB_PORT not a number", { DB_PORT: "mysql" }, "DB_PORT"],
    ["DB_PORT out of range", { DB_PORT: "70000" }, "DB_PORT"],
    ["PORT out of range", { PORT: "0" }, "PORT"],
    ["PORT not a number", { PORT: "80a" }, "PORT"],
    ["DB_TLS_MODE unknown", { DB_TLS_MODE: "preferred" }, "DB_TLS_MODE"],
    ["verify-ca without a CA", { DB_TLS_MODE: "verify-ca" }, "DB_TLS_CA_FILE"],
    ["verify-identity with a missing CA file", { DB_TLS_MODE: "verify-identity", DB_TLS_CA_FILE: "/nonexistent/ca.pem" }, "DB_TLS_CA_FILE"],
    ["verify-identity with an IP address (mysql2 cannot check it)", { DB_TLS_MODE: "verify-identity", DB_TLS_CA_FILE: "<dir>/ca.pem", DB_HOST: "10.0.3.7" }, "DB_HOST"],
    ["CA file without PEM", { DB_TLS_MODE: "verify-ca", DB_TLS_CA_FILE: "<dir>/not-pem.txt" }, "DB_TLS_CA_FILE"],
    ["CA file with a broken certificate", { DB_TLS_MODE: "verify-ca", DB_TLS_CA_FILE: "<dir>/broken.pem" }, "DB_TLS_CA_FILE"],
    ["CA file with a mode that ignores it", { DB_TLS_MODE: "required", DB_TLS_CA_FILE: "<dir>/not-pem.txt" }, "DB_TLS_CA_FILE"],
    ["LOG_LEVEL unknown", { LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    ["SHUTDOWN_TIMEOUT_SECONDS not a number", { SHUTDOWN_TIMEOUT_SECONDS: "soon" }, "SHUTDOWN_TIMEOUT_SECONDS"],
    ["drain delay not below the timeout", { SHUTDOWN_DELAY_SECONDS: "25" }, "SHUTDOWN_DELAY_SECONDS"],
  ];

  // Started all at once (each is a Node process that exits at once) to keep the suite fast.
  const results = new Map<string, Promise<EntryResult>>();
  beforeAll(() => {
    for (const [name, change] of cases) {
      const env: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...BASE, ...change })) if (value !== undefined) env[key] = value.replace("<dir>", dir);
      results.set(name, runEntry("server", env));
    }
  });

  test.each(cases)("%s", async (name, _change, variable) => {
    const result = await results.get(name)!;
    expect(result.status).toBe(1);
    const lines = result.stderr.split("\n").filter((line) => line !== "");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^shop-catalogue: ${variable}: `));
    expect(result.stdout).toBe("");
  });

  test("the migration entry point does the same for its settings", async () => {
    const { DB_PASSWORD: _omit, ...env } = BASE;
    const result = await runEntry("migrate", env);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("shop-catalogue migrate: DB_PASSWORD: is not set\n");
  });
});
