/**
 * The catalogue's API over real HTTP against the compiled app (node dist/server.js), connected to
 * a real MariaDB as its least-privilege user over verified TLS.
 */
import { startCatalogue } from "./support/catalogue";
import type { Catalogue } from "./support/catalogue";
import { call } from "./support/http";

let catalogue: Catalogue;
let url: string;

beforeAll(async () => {
  catalogue = await startCatalogue({ app: true });
  url = catalogue.app!.url;
});

afterAll(async () => {
  await catalogue?.close();
});

let skuCounter = 0;
const newProduct = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  sku: `SKU-${++skuCounter}`,
  name: "Espresso cup",
  priceCents: 1250,
  currency: "EUR",
  ...overrides,
});

describe("CRUD", () => {
  test("create, read, update, delete round trip", async () => {
    // WHEN a product is created
    const created = await call(url, "POST", "/products", newProduct({ description: "Porcelain, 80 ml", stock: 7 }));
    // THEN 201 with the stored product, its location and version
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(Number),
      sku: expect.stringMatching(/^SKU-/),
      name: "Espresso cup",
      description: "Porcelain, 80 ml",
      priceCents: 1250,
      currency: "EUR",
      stock: 7,
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: created.body.createdAt,
    });
    const id = created.body.id as number;
    expect(created.headers.get("location")).toBe(`/products/${id}`);
    expect(created.headers.get("etag")).toBe('"1"');

    // WHEN read back THEN the same product
    const read = await call(url, "GET", `/products/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    // WHEN updated at its current version THEN the change applies and the version moves on
    const updated = await call(url, "PATCH", `/products/${id}`, { version: 1, priceCents: 1390, stock: 6 });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id, priceCents: 1390, stock: 6, version: 2, name: "Espresso cup", createdAt: created.body.createdAt });
    expect(updated.headers.get("etag")).toBe('"2"');
    expect((await call(url, "GET", `/products/${id}`)).body).toEqual(updated.body);

    // WHEN deleted THEN 204, and the product is gone
    expect((await call(url, "DELETE", `/products/${id}`)).status).toBe(204);
    expect((await call(url, "GET", `/products/${id}`)).status).toBe(404);
  });

  test("unknown ids get 404 on read, update and delete", async () => {
    const missing = 987654321;
    for (const [method, body] of [
      ["GET", undefined],
      ["PATCH", { version: 1, name: "x" }],
      ["DELETE", undefined],
    ] as const) {
      const response = await call(url, method, `/products/${missing}`, body);
      expect({ method, status: response.status, field: response.body.field }).toEqual({ method, status: 404, field: "params.id" });
      expect(response.body.message).toBe(`product ${missing} does not exist`);
    }
  });

  test("a second product with the same sku gets 409 naming the field", async () => {
    const product = newProduct();
    expect((await call(url, "POST", "/products", product)).status).toBe(201);
    const again = await call(url, "POST", "/products", product);
    expect(again.status).toBe(409);
    expect(again.body.field).toBe("body.sku");
  });
});

describe("pagination", () => {
  test("pages follow the cursor in id order, without gaps or repeats, and stop", async () => {
    // GIVEN 25 products of a tagged batch
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push((await call(url, "POST", "/products", newProduct({ name: `paged ${i}` }))).body.id);
    // WHEN walking all pages of 10
    const seen: number[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const page = await call(url, "GET", `/products?limit=10&cursor=${cursor}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(10);
      seen.push(...page.body.items.map((item: { id: number }) => item.id));
      pages++;
      if (page.body.nextCursor === null) break;
      expect(page.body.nextCursor).toBe(page.body.items[page.body.items.length - 1].id);
      cursor = page.body.nextCursor;
    }
    // THEN every product once, ascending, and the batch is in there in order
    expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(pages).toBe(Math.max(1, Math.ceil(seen.length / 10)));
  });

  test("limit defaults to 20 and is bounded to 1–100", async () => {
    for (let i = 0; i < 21; i++) await call(url, "POST", "/products", newProduct());
    expect((await call(url, "GET", "/products")).body.items).toHaveLength(20);
    for (const limit of ["0", "101", "-1", "ten", "1.5"]) {
      const response = await call(url, "GET", `/products?limit=${limit}`);
      expect({ limit, status: response.status, field: response.body.field }).toEqual({ limit, status: 400, field: "querystring.limit" });
    }
    const unknown = await call(url, "GET", "/products?limit=5&offset=3");
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toBe("querystring.offset");
  });
});

describe("validation: 400 naming the field", () => {
  test.each([
    ["wrong type", { priceCents: "12.50" }, "body.priceCents", "must be integer"],
    ["number as string is not coerced", { stock: "7" }, "body.stock", "must be integer"],
    ["negative price", { priceCents: -1 }, "body.priceCents", "must be >= 0"],
    ["bad currency", { currency: "euro" }, "body.currency", 'must match pattern "^[A-Z]{3}$"'],
    ["oversized field", { name: "x".repeat(201) }, "body.name", "must NOT have more than 200 characters"],
    ["unknown field", { colour: "red" }, "body.colour", "is not a known field"],
    ["id is server-assigned", { id: 5 }, "body.id", "is not a known field"],
  ])("%s", async (_case, change, field, message) => {
    const response = await call(url, "POST", "/products", { ...newProduct(), ...change });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ statusCode: 400, error: "Bad Request", field, message: `${field} ${message}` });
  });

  test("a missing required field is named", async () => {
    const { name: _name, ...withoutName } = newProduct();
    const response = await call(url, "POST", "/products", withoutName);
    expect(response.status).toBe(400);
    expect(response.body.field).toBe("body.name");
    expect(response.body.message).toBe("body.name is required");
  });

  test("bad ids are named", async () => {
    for (const id of ["abc", "0", "-3", "1.5", "99999999999999999999", "1%20OR%201=1"]) {
      const response = await call(url, "GET", `/products/${id}`);
      expect({ id, status: response.status, field: response.body.field }).toEqual({ id, status: 400, field: "params.id" });
    }
  });

  test("an update without a version, or with only a version, is refused", async () => {
    const id = (await call(url, "POST", "/products", newProduct())).body.id;
    const noVersion = await call(url, "PATCH", `/products/${id}`, { name: "new" });
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.field).toBe("body.version");
    const nothingToChange = await call(url, "PATCH", `/products/${id}`, { version: 1 });
    expect(nothingToChange.status).toBe(400);
    expect(nothingToChange.body.field).toBe("body");
  });

  test("an oversized body gets 400 naming the body (and is not stored); malformed JSON gets 400", async () => {
    const sku = `BIG-${Date.now()}`;
    const big = await call(url, "POST", "/products", { ...newProduct(), sku, description: "x".repeat(20_000) });
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ statusCode: 400, error: "Bad Request", field: "body", message: "body is larger than 16384 bytes" });
    // Nothing was stored: the same sku is still free.
    expect((await call(url, "POST", "/products", { ...newProduct(), sku })).status).toBe(201);
    const oversizedPatch = await call(url, "PATCH", "/products/1", { version: 1, description: "x".repeat(20_000) });
    expect(oversizedPatch.status).toBe(400);
    expect(oversizedPatch.body.field).toBe("body");
    const malformed = await call(url, "POST", "/products", '{"sku": "A", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.field).toBe("body");
  });
});

describe("optimistic concurrency", () => {
  test("a stale version gets 409 with the current version, and changes nothing", async () => {
    const id = (await call(url, "POST", "/products", newProduct())).body.id;
    expect((await call(url, "PATCH", `/products/${id}`, { version: 1, name: "first" })).status).toBe(200);
    const stale = await call(url, "PATCH", `/products/${id}`, { version: 1, name: "second" });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ field: "body.version", currentVersion: 2 });
    expect((await call(url, "GET", `/products/${id}`)).body).toMatchObject({ name: "first", version: 2 });
  });

  test("50 concurrent read-modify-write updates of one row lose nothing silently", async () => {
    // GIVEN one product with stock 0
    const id = (await call(url, "POST", "/products", newProduct({ stock: 0 }))).body.id;
    // WHEN 50 clients each read it and write stock + 1 at the version they read, all at once
    const results = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const read = await call(url, "GET", `/products/${id}`);
        return call(url, "PATCH", `/products/${id}`, { version: read.body.version, stock: read.body.stock + 1 });
      }),
    );
    // THEN each either applied (200) or was refused (409), nothing else
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    const applied = results.filter((r) => r.status === 200);
    expect(applied.length).toBeGreaterThanOrEqual(1);
    // AND the applied ones wrote distinct consecutive versions, each one's stock = its version - 1
    expect(applied.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(Array.from({ length: applied.length }, (_, i) => i + 2));
    for (const r of applied) expect(r.body.stock).toBe(r.body.version - 1);
    // AND the final row counts exactly the applied increments (a lost update would leave it lower)
    const final = (await call(url, "GET", `/products/${id}`)).body;
    expect(final.version).toBe(1 + applied.length);
    expect(final.stock).toBe(applied.length);
  });
});

describe("SQL injection", () => {
  const payloads = [
    "Robert'); DROP TABLE products;--",
    "' OR '1'='1",
    '" OR ""="',
    "1; DELETE FROM products WHERE 1=1; --",
    "\\'; SELECT SLEEP(5); --",
    "`products`; TRUNCATE products",
    "%_\\%",
    "😀 ünïcödé \u0000 NUL",
  ];

  test("strings are stored verbatim and harm nothing", async () => {
    const before = await catalogue.db.sql("SELECT COUNT(*) FROM products", { database: "shop" });
    const ids: number[] = [];
    for (const payload of payloads) {
      const created = await call(url, "POST", "/products", newProduct({ name: payload, description: payload }));
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      const read = await call(url, "GET", `/products/${created.body.id}`);
      expect(read.body.name).toBe(payload);
      expect(read.body.description).toBe(payload);
    }
    // Updates go through the same binding.
    const patched = await call(url, "PATCH", `/products/${ids[0]}`, { version: 1, name: payloads[1] });
    expect(patched.body.name).toBe(payloads[1]);
    // The table is intact: every earlier row plus the new ones.
    const after = await catalogue.db.sql("SELECT COUNT(*) FROM products", { database: "shop" });
    expect(Number(after[0]![0])).toBe(Number(before[0]![0]) + payloads.length);
  });

  test("injection through the id and the query string is refused by validation", async () => {
    expect((await call(url, "GET", `/products/${encodeURIComponent("1 OR 1=1")}`)).status).toBe(400);
    expect((await call(url, "GET", `/products?cursor=${encodeURIComponent("0 UNION SELECT 1")}`)).status).toBe(400);
  });
});

describe("probes", () => {
  test("liveness and readiness answer 200 with the database up and migrated", async () => {
    expect(await call(url, "GET", "/healthz")).toMatchObject({ status: 200, body: { status: "ok" } });
    expect(await call(url, "GET", "/readyz")).toMatchObject({ status: 200, body: { status: "ready" } });
  });

  test("the app logs JSON lines", async () => {
    await call(url, "GET", "/products/424242");
    // LOG_LEVEL=warn in the fixture: startup is logged at info, so only check the lines are JSON with a level.
    for (const entry of catalogue.app!.logs()) expect(entry).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String) }));
    expect(catalogue.app!.stderr()).toBe("");
  });
});
