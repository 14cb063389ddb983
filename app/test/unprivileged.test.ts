/**
 * The app as Kubernetes runs it on virtual nodes: UID/GID 10001, nothing writable but /tmp.
 * Here the app's files belong to root and the working directory is "/", so any write outside
 * /tmp fails; the contract test at the repository root adds a read-only copy of the app.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { startCatalogue } from "./support/catalogue";
import type { Catalogue } from "./support/catalogue";
import { call } from "./support/http";
import { APP_DIR, startApp } from "./support/mariadb-server";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
// Switching users needs root (CI runs as root); elsewhere this says so rather than pass.
const describeAsRoot = isRoot ? describe : describe.skip;

describeAsRoot("as UID/GID 10001 (needs root to switch user)", () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    catalogue = await startCatalogue();
  });
  afterAll(async () => {
    await catalogue?.close();
  });

  test("user 10001 cannot write the app's files or the working directory", () => {
    const attempt = (path: string): string =>
      execFileSync(process.execPath, ["-e", `try { require("fs").writeFileSync(${JSON.stringify(path)}, "x"); console.log("written") } catch (e) { console.log(e.code) }`], { uid: 10001, gid: 10001, encoding: "utf8" }).trim();
    expect(attempt(join(APP_DIR, "dist", "probe.txt"))).toBe("EACCES");
    expect(attempt("/probe.txt")).toBe("EACCES");
  });

  test("serves CRUD and probes, and stops cleanly on SIGTERM", async () => {
    const app = await startApp({ env: { ...catalogue.appEnv, LOG_LEVEL: "info" }, uid: 10001, gid: 10001 });
    expect((await call(app.url, "GET", "/readyz")).status).toBe(200);
    const created = await call(app.url, "POST", "/products", { sku: "UID-1", name: "Teapot", priceCents: 3200, currency: "EUR" });
    expect(created.status).toBe(201);
    expect((await call(app.url, "PATCH", `/products/${created.body.id}`, { version: 1, stock: 4 })).body.version).toBe(2);
    expect((await call(app.url, "DELETE", `/products/${created.body.id}`)).status).toBe(204);
    app.child.kill("SIGTERM");
    expect(await app.waitForExit(10_000)).toEqual({ code: 0, signal: null });
    expect(app.stderr()).toBe("");
    expect(app.stdout()).not.toContain(catalogue.appPassword);
    expect(app.logs().find((entry) => entry.msg === "listening")).toMatchObject({ port: app.port, db: { user: "shop_app", tlsMode: "verify-ca" } });
  });
});
