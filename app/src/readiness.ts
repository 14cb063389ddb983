import type { Pool, RowDataPacket } from "mysql2/promise";
import { MIGRATION_NAMES, MIGRATION_TABLE } from "./migrations";

export type ReadinessResult = { readonly ready: true } | { readonly ready: false; readonly reason: string };
export type ReadinessCheck = () => Promise<ReadinessResult>;

function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === "string") return code;
    if (typeof message === "string") return message;
  }
  return String(error);
}

/** "CODE (message)" for the probe's answer: a TLS failure's code alone (HANDSHAKE_SSL_ERROR) hides why. */
function describe(error: unknown): string {
  const code = errorCode(error);
  const message = typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" && message !== code ? `${code} (${message})` : code;
}

async function check(pool: Pool): Promise<ReadinessResult> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(`SELECT name FROM ${MIGRATION_TABLE}`);
    const applied = new Set(rows.map((row) => String(row.name)));
    // Migrations this build does not know are fine: a newer release's Job may have run them already
    // while this pod still serves (rolling update); its schema must stay compatible one version back.
    const missing = MIGRATION_NAMES.filter((name) => !applied.has(name));
    if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(", ")} (run node dist/migrate.js)` };
    return { ready: true };
  } catch (error) {
    const code = errorCode(error);
    if (code === "ER_NO_SUCH_TABLE") return { ready: false, reason: `migrations have not run (no ${MIGRATION_TABLE} table; run node dist/migrate.js)` };
    return { ready: false, reason: `database unreachable: ${describe(error)}` };
  }
}

/**
 * Ready when the database answers and every migration this build knows is applied. Answers within
 * `timeoutMs` even when the database hangs (the probe's own timeout is 2 s).
 */
export function databaseReadiness(pool: Pool, timeoutMs: number): ReadinessCheck {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ReadinessResult>((resolve) => {
      timer = setTimeout(() => resolve({ ready: false, reason: `database did not answer within ${timeoutMs} ms` }), timeoutMs);
    });
    try {
      return await Promise.race([check(pool), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
