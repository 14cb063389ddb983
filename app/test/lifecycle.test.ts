/**
 * The running app's probes and shutdown: readiness follows the database, liveness does not;
 * SIGTERM drains in-flight requests and exits 0 within the grace period.
 */
import { createConnection } from "mysql2/promise";
import type { Connection } from "mysql2/promise";
import { startCatalogue } from "./support/catalogue";
import type { Catalogue } from "./support/catalogue";
import { call } from "./support/http";
import { startApp } from "./support/mariadb-server";

let catalogue: Catalogue;

beforeAll(async () => {
  catalogue = await startCatalogue();
});
afterAll(async () => {
  await catalogue?.close();
});

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs = 15_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("readiness turns unready when the database stops and ready when it returns; liveness stays up", async () => {
  const app = await startApp({ env: catalogue.appEnv });
  try {
    // GIVEN a ready app that has served a request
    expect((await call(app.url, "GET", "/readyz")).status).toBe(200);
    expect((await call(app.url, "POST", "/products", { sku: "LIFE-1", name: "Mug", priceCents: 900, currency: "EUR" })).status).toBe(201);

    // WHEN the database stops
    await catalogue.db.stopServer();
    // THEN readiness fails (and answers within the probe's 2 s timeout), liveness does not, requests get 503
    await waitFor("readiness 503", async () => (await call(app.url, "GET", "/readyz")).status === 503);
    const started = Date.now();
    const unready = await call(app.url, "GET", "/readyz");
    expect(Date.now() - started).toBeLessThan(2000);
    expect(unready.body).toMatchObject({ status: "unready", reason: expect.stringMatching(/^database (unreachable|did not answer)/) });
    expect(await call(app.url, "GET", "/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect((await call(app.url, "GET", "/products/1")).status).toBe(503);

    // WHEN it returns THEN ready again, with the data
    await catalogue.db.startServer();
    await waitFor("readiness 200", async () => (await call(app.url, "GET", "/readyz")).status === 200);
    expect((await call(app.url, "GET", "/products?limit=5")).body.items).toEqual([expect.objectContaining({ sku: "LIFE-1" })]);
    expect(app.child.exitCode).toBeNull();
  } finally {
    await app.stop();
  }
});

describe("SIGTERM", () => {
  let admin: Connection;
  beforeEach(async () => {
    admin = await createConnection({ host: catalogue.db.host, port: catalogue.db.port, user: catalogue.db.rootUser, password: catalogue.db.rootPassword, database: "shop", ssl: { ca: catalogue.db.caPem } });
  });
  afterEach(async () => {
    await admin.end().catch(() => undefined);
  });

  /** Holds the product's row lock, so PATCHes of it wait inside the app until released. */
  async function lockRow(id: number): Promise<() => Promise<void>> {
    await admin.beginTransaction();
    await admin.query("SELECT id FROM products WHERE id = ? FOR UPDATE", [id]);
    return () => admin.commit();
  }

  test("in-flight requests complete, readiness fails during the drain delay, the process exits 0 in time", async () => {
    const app = await startApp({ env: { ...catalogue.appEnv, SHUTDOWN_DELAY_SECONDS: "1", SHUTDOWN_TIMEOUT_SECONDS: "10", LOG_LEVEL: "info" } });
    const created = await call(app.url, "POST", "/products", { sku: "TERM-1", name: "Plate", priceCents: 1500, currency: "EUR" });
    const id = created.body.id as number;
    const release = await lockRow(id);
    // GIVEN five updates waiting on the row lock inside the app
    const inFlight = Array.from({ length: 5 }, (_, i) => call(app.url, "PATCH", `/products/${id}`, { version: 1, stock: i + 1 }));
    await new Promise((resolve) => setTimeout(resolve, 300));

    // WHEN Kubernetes sends SIGTERM
    const signalled = Date.now();
    app.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    // THEN during the drain delay readiness fails but requests are still served
    expect((await call(app.url, "GET", "/readyz")).status).toBe(503);
    expect((await call(app.url, "GET", `/products/${id}`)).status).toBe(200);
    // AND after the delay, with the updates still waiting, the process does not exit
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.child.exitCode).toBeNull();

    // WHEN the lock is released THEN every in-flight update completes (one applies, the rest are stale)
    await release();
    const statuses = (await Promise.all(inFlight)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    // AND the process exits 0, well within the timeout and Kubernetes' 30 s grace period
    const exit = await app.waitForExit(10_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    // AND new connections are refused now
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
    expect(app.logs().map((entry) => entry.msg)).toEqual(expect.arrayContaining(["shutting down: readiness fails, requests still served", "stopped"]));
    // AND the applied update is in the database
    expect(await catalogue.db.sql(`SELECT version FROM products WHERE id = ${id}`, { database: "shop" })).toEqual([["2"]]);
  });

  test("requests that outlive SHUTDOWN_TIMEOUT_SECONDS: the process exits 1 at the deadline rather than hang", async () => {
    const app = await startApp({ env: { ...catalogue.appEnv, SHUTDOWN_DELAY_SECONDS: "0", SHUTDOWN_TIMEOUT_SECONDS: "2" } });
    const id = (await call(app.url, "POST", "/products", { sku: "TERM-2", name: "Bowl", priceCents: 1100, currency: "EUR" })).body.id as number;
    const release = await lockRow(id);
    const stuck = call(app.url, "PATCH", `/products/${id}`, { version: 1, stock: 3 }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    app.child.kill("SIGTERM");
    const exit = await app.waitForExit(10_000);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(app.logs().map((entry) => entry.msg)).toContain("shutdown timed out; exiting with requests unfinished");
    await release();
    await stuck;
  });
});
