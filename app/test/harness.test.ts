/** The MariaDB harness itself: no silent skip when the server is missing; clean stop. */
import { existsSync } from "node:fs";
import { assertMariaDbInstalled, MARIADB_NOT_INSTALLED, startMariaDb } from "./support/mariadb-server";

test("a missing server binary fails with one line naming the package", () => {
  expect(() => assertMariaDbInstalled("/nonexistent/mariadbd")).toThrow(new Error("mariadb-server is not installed: apt-get install mariadb-server"));
  expect(MARIADB_NOT_INSTALLED.split("\n")).toHaveLength(1);
});

test("the server listens on 127.0.0.1 only, with TLS, and stop() removes its folder", async () => {
  const db = await startMariaDb();
  expect(await db.sql("SELECT @@bind_address, @@have_ssl, @@port")).toEqual([["127.0.0.1", "YES", String(db.port)]]);
  await db.stop();
  expect(db.isRunning()).toBe(false);
  expect(existsSync(db.dir)).toBe(false);
});
