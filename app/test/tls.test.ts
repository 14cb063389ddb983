/**
 * TLS to the database, per DB_TLS_MODE, with the pool options the app uses, against a MariaDB
 * whose certificate is signed by a test CA and names only DNS:localhost.
 */
import type { RowDataPacket } from "mysql2/promise";
import { loadDatabaseConfig } from "../src/config";
import { createPool } from "../src/db";
import { APP_USER, DATABASE, startCatalogue } from "./support/catalogue";
import type { Catalogue } from "./support/catalogue";
import { call } from "./support/http";
import { dbEnv, startApp, startMariaDb } from "./support/mariadb-server";

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await startCatalogue();
});
afterAll(async () => {
  await catalogue?.close();
});

type Mode = "required" | "verify-ca" | "verify-identity" | "disabled";

/** Connects as the app would with these settings and returns the session's TLS cipher ("" = plain). */
async function sessionCipher(settings: { mode: Mode; caFile?: string; host?: string; asRoot?: boolean }): Promise<string> {
  const user = settings.asRoot ? catalogue.db.rootUser : APP_USER;
  const password = settings.asRoot ? catalogue.db.rootPassword : catalogue.appPassword;
  const env = dbEnv(catalogue.db, { user, password, database: DATABASE, tlsMode: settings.mode, ...(settings.caFile ? { caFile: settings.caFile } : {}), ...(settings.host ? { host: settings.host } : {}) });
  const pool = createPool(loadDatabaseConfig(env), { connectionLimit: 1, connectTimeout: 5000 });
  try {
    const [rows] = await pool.query<RowDataPacket[]>("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    return String(rows[0]?.Value ?? "");
  } finally {
    await pool.end();
  }
}

test("required (the default): encrypted, certificate not checked", async () => {
  expect(await sessionCipher({ mode: "required" })).not.toBe("");
});

test("verify-ca with the CA that signed the server's certificate: encrypted", async () => {
  expect(await sessionCipher({ mode: "verify-ca" })).not.toBe("");
});

test("verify-ca with an unrelated CA: refused by the client", async () => {
  await expect(sessionCipher({ mode: "verify-ca", caFile: catalogue.db.otherCaFile })).rejects.toMatchObject({
    code: "HANDSHAKE_SSL_ERROR",
    message: expect.stringMatching(/self-signed certificate in certificate chain|unable to verify|unable to get (local )?issuer/i),
  });
});

test("verify-identity: DB_HOST named in the certificate passes", async () => {
  expect(await sessionCipher({ mode: "verify-identity", host: "localhost" })).not.toBe("");
});

test("verify-identity: a certificate for another name is refused, while verify-ca accepts it", async () => {
  // GIVEN a server whose certificate (same CA) names db.example.internal, reached as localhost
  const other = await startMariaDb({ certificateNames: ["db.example.internal"] });
  try {
    const settings = (mode: "verify-ca" | "verify-identity") =>
      loadDatabaseConfig(dbEnv(other, { user: other.rootUser, password: other.rootPassword, database: "mysql", host: "localhost", tlsMode: mode }));
    const connect = async (mode: "verify-ca" | "verify-identity") => {
      const pool = createPool(settings(mode), { connectionLimit: 1 });
      try {
        await pool.query("SELECT 1");
      } finally {
        await pool.end();
      }
    };
    await expect(connect("verify-identity")).rejects.toMatchObject({ code: "HANDSHAKE_SSL_ERROR", message: expect.stringMatching(/does not match certificate's altnames/) });
    await expect(connect("verify-ca")).resolves.toBeUndefined();
  } finally {
    await other.stop();
  }
});

test("disabled: plain text, which the app user (REQUIRE SSL) is refused", async () => {
  expect(await sessionCipher({ mode: "disabled", asRoot: true })).toBe("");
  await expect(sessionCipher({ mode: "disabled" })).rejects.toMatchObject({ code: "ER_ACCESS_DENIED_ERROR" });
});

test("the running app with a wrong CA stays alive but not ready, and logs why", async () => {
  const app = await startApp({ env: { ...catalogue.appEnv, DB_TLS_CA_FILE: catalogue.db.otherCaFile, LOG_LEVEL: "info" } });
  try {
    expect((await call(app.url, "GET", "/healthz")).status).toBe(200);
    const ready = await call(app.url, "GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body.reason).toMatch(/^database unreachable: HANDSHAKE_SSL_ERROR \(.*(self-signed certificate in certificate chain|unable to verify|unable to get)/);
    expect((await call(app.url, "GET", "/products/1")).status).toBe(503);
  } finally {
    await app.stop();
  }
});
