import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";

/** How the app talks TLS to MySQL. */
export type TlsMode = "required" | "verify-ca" | "verify-identity" | "disabled";
export const TLS_MODES: readonly TlsMode[] = ["required", "verify-ca", "verify-identity", "disabled"];

export interface DatabaseConfig {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly tlsMode: TlsMode;
  /** PEM bundle of the CAs to trust (verify-ca / verify-identity). */
  readonly caPem?: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
  /** From SIGTERM until the process must be gone; past it the app exits 1. */
  readonly shutdownTimeoutMs: number;
  /** After SIGTERM, keep serving (readiness already failing) this long so endpoints and the load balancer catch up. */
  readonly shutdownDelayMs: number;
  readonly db: DatabaseConfig;
}

/** A setting that is missing or invalid; `message` is one line that starts with the variable's name. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`${variable}: ${detail}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** MySQL identifiers we accept as database names: unquoted-safe, at most 64 characters. */
const DB_NAME_PATTERN = /^[A-Za-z0-9_]{1,64}$/;
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value === "") throw new ConfigError(name, "is not set");
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number; use ${min}–${max}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is out of range; use ${min}–${max}`);
  return value;
}

function readCaBundle(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError("DB_TLS_CA_FILE", `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new ConfigError("DB_TLS_CA_FILE", `${path} holds no PEM certificate`);
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw new ConfigError("DB_TLS_CA_FILE", `${path} holds a PEM block that is not a valid X.509 certificate`);
    }
  }
  return pem;
}

/** The database settings, shared by the server and the migration entry point. */
export function loadDatabaseConfig(env: Env): DatabaseConfig {
  const host = required(env, "DB_HOST");
  const port = integer(env, "DB_PORT", 3306, 1, 65535);
  const user = required(env, "DB_USER");
  const password = required(env, "DB_PASSWORD");
  const database = required(env, "DB_NAME");
  if (!DB_NAME_PATTERN.test(database)) {
    throw new ConfigError("DB_NAME", `"${database}" is not a plain MySQL identifier; use 1–64 letters, digits or underscores`);
  }
  const tlsModeRaw = env.DB_TLS_MODE === undefined || env.DB_TLS_MODE === "" ? "required" : env.DB_TLS_MODE;
  if (!(TLS_MODES as readonly string[]).includes(tlsModeRaw)) {
    throw new ConfigError("DB_TLS_MODE", `"${tlsModeRaw}" is not one of ${TLS_MODES.join(", ")}`);
  }
  const tlsMode = tlsModeRaw as TlsMode;
  const caFile = env.DB_TLS_CA_FILE;
  let caPem: string | undefined;
  if (tlsMode === "verify-ca" || tlsMode === "verify-identity") {
    if (caFile === undefined || caFile === "") throw new ConfigError("DB_TLS_CA_FILE", `is not set; DB_TLS_MODE=${tlsMode} needs the CA bundle (PEM) that signed the server's certificate`);
    caPem = readCaBundle(caFile);
  } else if (caFile !== undefined && caFile !== "") {
    // A CA given with a mode that would ignore it is a misunderstanding worth stopping for.
    throw new ConfigError("DB_TLS_CA_FILE", `is set but DB_TLS_MODE=${tlsMode} does not verify certificates; use verify-ca or verify-identity`);
  }
  if (tlsMode === "verify-identity" && isIP(host) !== 0) {
    // mysql2 checks the certificate against DB_HOST only when it is a name (for an IP it would check "localhost").
    throw new ConfigError("DB_HOST", `"${host}" is an IP address; DB_TLS_MODE=verify-identity needs the DNS name the server's certificate carries (or use verify-ca)`);
  }
  return {
    host,
    port,
    user,
    password,
    database,
    tlsMode,
    ...(caPem === undefined ? {} : { caPem }),
    poolSize: integer(env, "DB_POOL_SIZE", 10, 1, 200),
    connectTimeoutMs: integer(env, "DB_CONNECT_TIMEOUT_MS", 5000, 100, 60000),
  };
}

/** LOG_LEVEL (pino's levels). @default info */
export function loadLogLevel(env: Env): string {
  const logLevel = env.LOG_LEVEL === undefined || env.LOG_LEVEL === "" ? "info" : env.LOG_LEVEL;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError("LOG_LEVEL", `"${logLevel}" is not one of ${LOG_LEVELS.join(", ")}`);
  return logLevel;
}

/** All settings of the server; throws ConfigError naming the first bad variable. */
export function loadServerConfig(env: Env): ServerConfig {
  const port = integer(env, "PORT", 8080, 1, 65535);
  const logLevel = loadLogLevel(env);
  const shutdownTimeoutMs = integer(env, "SHUTDOWN_TIMEOUT_SECONDS", 25, 1, 3600) * 1000;
  const shutdownDelayMs = integer(env, "SHUTDOWN_DELAY_SECONDS", 5, 0, 3600) * 1000;
  if (shutdownDelayMs >= shutdownTimeoutMs) {
    throw new ConfigError("SHUTDOWN_DELAY_SECONDS", `${shutdownDelayMs / 1000} must be below SHUTDOWN_TIMEOUT_SECONDS (${shutdownTimeoutMs / 1000}) to leave time for in-flight requests`);
  }
  return { port, host: "0.0.0.0", logLevel, shutdownTimeoutMs, shutdownDelayMs, db: loadDatabaseConfig(env) };
}
