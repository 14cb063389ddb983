import { ConfigError, loadServerConfig } from "./config";

/** Readiness answers before the probe's 2 s timeout even when the database hangs. */
const READINESS_TIMEOUT_MS = 1500;

async function main(): Promise<void> {
  let config;
  try {
    config = loadServerConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`shop-catalogue: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Loaded after the settings are checked, so a bad setting fails in milliseconds.
  const [{ pino }, { buildApp }, { createPool }, { loggerOptions }, { databaseReadiness }] = await Promise.all([
    import("pino"),
    import("./app"),
    import("./db"),
    import("./logger"),
    import("./readiness"),
  ]);
  const logger = pino(loggerOptions(config.logLevel, "server"));
  const pool = createPool(config.db);
  let draining = false;
  const app = buildApp({ pool, logger, readiness: databaseReadiness(pool, READINESS_TIMEOUT_MS), isDraining: () => draining });

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (draining) return;
    draining = true;
    const deadline = setTimeout(() => {
      logger.error({ signal, timeoutMs: config.shutdownTimeoutMs }, "shutdown timed out; exiting with requests unfinished");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    logger.info({ signal, delayMs: config.shutdownDelayMs, timeoutMs: config.shutdownTimeoutMs }, "shutting down: readiness fails, requests still served");
    // Kubernetes removes the pod from Service endpoints and the load balancer asynchronously; keep
    // serving meanwhile so no request lands on a closed port.
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    try {
      // Stops accepting, lets in-flight requests finish, closes idle keep-alive connections.
      await app.close();
      await pool.end();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
    logger.info({ signal }, "stopped");
    process.exit(0);
  };
  process.once("SIGTERM", (signal) => void shutdown(signal));
  process.once("SIGINT", (signal) => void shutdown(signal));

  await app.listen({ port: config.port, host: config.host });
  logger.info(
    { port: config.port, db: { host: config.db.host, port: config.db.port, user: config.db.user, database: config.db.database, tlsMode: config.db.tlsMode } },
    "listening",
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`shop-catalogue: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
