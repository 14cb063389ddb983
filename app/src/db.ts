import { createPool as createCallbackPool } from "mysql2";
import type { Pool as CallbackPool, PoolOptions, SslOptions } from "mysql2";
import type { Pool } from "mysql2/promise";
import type { DatabaseConfig } from "./config";

/**
 * TLS options for mysql2 by DB_TLS_MODE. mysql2 with an `ssl` object refuses a server without TLS,
 * so every mode but `disabled` is "TLS or no connection" (never the silent fallback of `preferred`).
 */
export function tlsOptions(db: DatabaseConfig): SslOptions | undefined {
  switch (db.tlsMode) {
    case "disabled":
      return undefined;
    case "required":
      // Encrypted, server not authenticated: what works against HeatWave's service-managed certificate (see README).
      return { rejectUnauthorized: false, minVersion: "TLSv1.2" };
    case "verify-ca":
      // Chain checked against the given CAs; the host name is not (a CA of its own, or an IP without a SAN).
      return { ca: db.caPem, rejectUnauthorized: true, verifyIdentity: false, minVersion: "TLSv1.2" };
    case "verify-identity":
      return { ca: db.caPem, rejectUnauthorized: true, verifyIdentity: true, minVersion: "TLSv1.2" };
  }
}

/** mysql2 options shared by the server's pool and the migrations. */
export function poolOptions(db: DatabaseConfig, overrides: Partial<PoolOptions> = {}): PoolOptions {
  const ssl = tlsOptions(db);
  return {
    host: db.host,
    port: db.port,
    user: db.user,
    password: db.password,
    database: db.database,
    ...(ssl === undefined ? {} : { ssl }),
    connectionLimit: db.poolSize,
    maxIdle: db.poolSize,
    idleTimeout: 60_000,
    waitForConnections: true,
    // Requests wait for a connection rather than fail, but not without bound (a stuck DB fails fast with 503).
    queueLimit: 1000,
    connectTimeout: db.connectTimeoutMs,
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
    charset: "utf8mb4_unicode_ci",
    // DATETIME values are UTC on the wire both ways, whatever the server's or the container's time zone.
    timezone: "Z",
    dateStrings: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: false,
    ...overrides,
  };
}

/** The callback pool (Kysely's MysqlDialect wants it); `.promise()` gives the promise API. */
export function createCallbackPoolFor(db: DatabaseConfig, overrides: Partial<PoolOptions> = {}): CallbackPool {
  return createCallbackPool(poolOptions(db, overrides));
}

export function createPool(db: DatabaseConfig, overrides: Partial<PoolOptions> = {}): Pool {
  return createCallbackPoolFor(db, overrides).promise();
}
