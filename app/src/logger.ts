import type { LoggerOptions } from "pino";

/** pino options shared by the server and the migrations: JSON lines on stdout, secrets redacted. */
export function loggerOptions(level: string, name: string): LoggerOptions {
  return {
    level,
    name,
    base: { service: "shop-catalogue" },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: ["req.headers.authorization", "req.headers.cookie", "password", "*.password"], censor: "[redacted]" },
  };
}
