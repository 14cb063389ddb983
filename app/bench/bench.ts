/**
 * Load figures of the app server: requests/s and p50/p99 latency of a read by id and of an update,
 * at 1, 8 and 32 concurrent clients, against the compiled app and a throwaway MariaDB (durable
 * commits), both on loopback. Bounded: BENCH_SECONDS (default 5) per cell, 6 cells, plus a 1 s
 * warm-up each.
 *
 *   npm run bench:app                 (repository root) or  npm run bench  (app/)
 *   npm run bench:app -- --readme     also writes the table into ../README.md between its markers
 */
import autocannon from "autocannon";
import { randomBytes } from "node:crypto";
import { cpus } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dbEnv, runMigrate, startApp, startMariaDb } from "../test/support/mariadb-server";
import type { MariaDbServer, RunningApp } from "../test/support/mariadb-server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? "5");
const CLIENTS = [1, 8, 32] as const;
const PRODUCTS = 1000;
const TARGET_P99_READ_MS = 20;
const README = join(__dirname, "..", "..", "README.md");
const START_MARKER = "<!-- app-bench:start -->";
const END_MARKER = "<!-- app-bench:end -->";

interface Cell {
  readonly operation: string;
  readonly clients: number;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  readonly failures: number;
  readonly conflicts: number;
}

async function seed(url: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < PRODUCTS; i++) {
    const response = await fetch(`${url}/products`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sku: `BENCH-${i}`, name: `Bench product ${i}`, description: "x".repeat(200), priceCents: 1000 + i, currency: "EUR", stock: 100 }),
    });
    if (response.status !== 201) throw new Error(`seeding failed: ${response.status} ${await response.text()}`);
    ids.push(((await response.json()) as { id: number }).id);
  }
  return ids;
}

function runAutocannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    // A hard stop in case the run overstays its duration.
    const guard = setTimeout(() => instance.stop(), ((options.duration as number) + 10) * 1000);
    instance.on("done", () => clearTimeout(guard));
  });
}

async function measure(url: string, ids: number[], operation: "read by id" | "update", clients: number, seconds: number): Promise<Cell> {
  let next = 0;
  let conflicts = 0;
  const versions = new Map<number, number>(ids.map((id) => [id, 0]));
  const request: autocannon.Request =
    operation === "read by id"
      ? { method: "GET", setupRequest: (req) => ({ ...req, path: `/products/${ids[next++ % ids.length]}` }) }
      : {
          method: "PATCH",
          headers: { "content-type": "application/json" },
          // Round-robin over the products: no two clients write the same row at once, so 409s stay rare.
          setupRequest: (req) => {
            const id = ids[next++ % ids.length]!;
            return { ...req, path: `/products/${id}`, body: JSON.stringify({ version: versions.get(id), stock: next % 1000 }) };
          },
          onResponse: (status, body) => {
            const parsed = JSON.parse(body) as { id?: number; version?: number; currentVersion?: number };
            if (status === 200 && parsed.id !== undefined) versions.set(parsed.id, parsed.version!);
            if (status === 409) conflicts++;
          },
        };
  if (operation === "update") {
    // Versions as the database has them (the warm-up moved them on).
    for (const id of ids) versions.set(id, ((await (await fetch(`${url}/products/${id}`)).json()) as { version: number }).version);
  }
  const result = await runAutocannon({ url, connections: clients, duration: seconds, requests: [request], timeout: 10 });
  return {
    operation,
    clients,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx - conflicts,
    conflicts,
  };
}

function table(cells: readonly Cell[], context: string): string {
  const lines = [
    "| Operation | Clients | Requests/s | p50 (ms) | p99 (ms) | Requests | Errors |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...cells.map((c) => `| ${c.operation} | ${c.clients} | ${Math.round(c.requestsPerSecond)} | ${c.p50} | ${c.p99} | ${c.requests} | ${c.failures}${c.conflicts ? ` (+${c.conflicts} × 409)` : ""} |`),
  ];
  const read32 = cells.find((c) => c.operation === "read by id" && c.clients === 32);
  const verdict = read32 ? `p99 of a read by id at 32 clients: ${read32.p99} ms, target < ${TARGET_P99_READ_MS} ms: ${read32.p99 < TARGET_P99_READ_MS ? "met" : "**missed**"}.` : "";
  return `${lines.join("\n")}\n\n${context} ${verdict}`;
}

async function main(): Promise<void> {
  const writeReadme = process.argv.includes("--readme");
  let db: MariaDbServer | undefined;
  let app: RunningApp | undefined;
  try {
    db = await startMariaDb({ durable: true, innodbBufferPoolMiB: 256 });
    const appPassword = randomBytes(18).toString("base64url");
    await db.createAppDatabase({ database: "shop", user: "shop_app", password: appPassword, requireSsl: true });
    const migrated = await runMigrate({ env: dbEnv(db, { user: db.rootUser, password: db.rootPassword, database: "shop" }) });
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stdout}${migrated.stderr}`);
    // As deployed: the app user over verified TLS, a pool of 10, request logs at info.
    app = await startApp({ env: { ...dbEnv(db, { user: "shop_app", password: appPassword, database: "shop" }), LOG_LEVEL: "info", SHUTDOWN_DELAY_SECONDS: "0" } });
    const ids = await seed(app.url);
    const cells: Cell[] = [];
    for (const operation of ["read by id", "update"] as const) {
      for (const clients of CLIENTS) {
        await measure(app.url, ids, operation, clients, 1); // warm-up
        const cell = await measure(app.url, ids, operation, clients, SECONDS);
        cells.push(cell);
        process.stderr.write(`${operation} × ${clients}: ${Math.round(cell.requestsPerSecond)} req/s, p50 ${cell.p50} ms, p99 ${cell.p99} ms\n`);
      }
    }
    const cpu = cpus();
    const context =
      `${SECONDS} s per row after a 1 s warm-up, autocannon in the same process tree on the same machine ` +
      `(${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}), Node ${process.version}, MariaDB ${db.version} with durable commits, ` +
      `${PRODUCTS} products, app user over TLS (verify-ca), pool of 10, request logs at info; ${new Date().toISOString().slice(0, 10)}.`;
    const output = table(cells, context);
    process.stdout.write(`${output}\n`);
    if (writeReadme) {
      const readme = readFileSync(README, "utf8");
      const start = readme.indexOf(START_MARKER);
      const end = readme.indexOf(END_MARKER);
      if (start < 0 || end < start) throw new Error(`README.md has no ${START_MARKER} … ${END_MARKER} markers`);
      writeFileSync(README, `${readme.slice(0, start + START_MARKER.length)}\n${output}\n${readme.slice(end)}`);
      process.stderr.write("README.md updated\n");
    }
  } finally {
    await app?.stop();
    await db?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
