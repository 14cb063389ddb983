/**
 * Fixture for the app's tests: a MariaDB server, the `shop` database migrated as root, a
 * least-privilege app user (SELECT, INSERT, UPDATE, DELETE on `shop` only, TLS required), and
 * optionally the compiled app running as a child process with that user's credentials.
 */
import { randomBytes } from "node:crypto";
import { dbEnv, runMigrate, startApp, startMariaDb } from "./mariadb-server";
import type { MariaDbServer, RunningApp, StartMariaDbOptions } from "./mariadb-server";

export const DATABASE = "shop";
export const APP_USER = "shop_app";

export interface Catalogue {
  readonly db: MariaDbServer;
  readonly appPassword: string;
  /** The app's environment: its own user, verify-ca with the test CA (PORT not set). */
  readonly appEnv: Record<string, string>;
  /** The same for root (what the bootstrap Job's migration step gets). */
  readonly rootEnv: Record<string, string>;
  /** Set when started with `app: true`. */
  readonly app?: RunningApp;
  close(): Promise<void>;
}

export async function startCatalogue(options: { readonly migrate?: boolean; readonly app?: boolean; readonly appEnv?: Record<string, string>; readonly server?: StartMariaDbOptions } = {}): Promise<Catalogue> {
  const db = await startMariaDb(options.server);
  let app: RunningApp | undefined;
  try {
    const appPassword = randomBytes(18).toString("base64url");
    await db.createAppDatabase({ database: DATABASE, user: APP_USER, password: appPassword, requireSsl: true });
    const appEnv = { ...dbEnv(db, { user: APP_USER, password: appPassword, database: DATABASE }), LOG_LEVEL: "warn", SHUTDOWN_DELAY_SECONDS: "0" };
    const rootEnv = dbEnv(db, { user: db.rootUser, password: db.rootPassword, database: DATABASE });
    if (options.migrate ?? true) {
      const result = await runMigrate({ env: rootEnv });
      if (result.code !== 0) throw new Error(`migrate failed (${result.code}):\n${result.stdout}${result.stderr}`);
    }
    if (options.app) app = await startApp({ env: { ...appEnv, ...options.appEnv } });
    return {
      db,
      appPassword,
      appEnv,
      rootEnv,
      ...(app === undefined ? {} : { app }),
      async close() {
        await app?.stop();
        await db.stop();
      },
    };
  } catch (error) {
    await app?.stop();
    await db.stop();
    throw error;
  }
}
