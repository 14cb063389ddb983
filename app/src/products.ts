import type { Pool, ResultSetHeader, RowDataPacket } from "mysql2/promise";

/** A product of the catalogue as the API shows it. */
export interface Product {
  id: number;
  sku: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  stock: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewProduct {
  sku: string;
  name: string;
  description?: string;
  priceCents: number;
  currency: string;
  stock?: number;
}

export type ProductChanges = Partial<NewProduct>;

export type UpdateResult =
  | { readonly kind: "updated"; readonly product: Product }
  | { readonly kind: "not-found" }
  | { readonly kind: "conflict"; readonly currentVersion: number };

export class DuplicateSkuError extends Error {
  constructor(readonly sku: string) {
    super(`a product with sku "${sku}" already exists`);
    this.name = "DuplicateSkuError";
  }
}

/** API field → column. The only strings that ever enter SQL text besides the fixed statements. */
const COLUMNS: Readonly<Record<keyof NewProduct, string>> = {
  sku: "sku",
  name: "name",
  description: "description",
  priceCents: "price_cents",
  currency: "currency",
  stock: "stock",
};

const SELECT_COLUMNS = "id, sku, name, description, price_cents, currency, stock, version, created_at, updated_at";

interface ProductRow extends RowDataPacket {
  id: number;
  sku: string;
  name: string;
  description: string;
  price_cents: number;
  currency: string;
  stock: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toProduct(row: ProductRow): Product {
  return {
    id: Number(row.id),
    sku: row.sku,
    name: row.name,
    description: row.description,
    priceCents: Number(row.price_cents),
    currency: row.currency,
    stock: Number(row.stock),
    version: Number(row.version),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function isDuplicateKey(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ER_DUP_ENTRY";
}

/** The catalogue's SQL: parameterized statements only (prepared with `execute`, or escaped by mysql2's `query`). */
export class ProductRepository {
  constructor(private readonly pool: Pool) {}

  async create(input: NewProduct, now = new Date()): Promise<Product> {
    const description = input.description ?? "";
    const stock = input.stock ?? 0;
    try {
      const [result] = await this.pool.execute<ResultSetHeader>(
        "INSERT INTO products (sku, name, description, price_cents, currency, stock, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
        [input.sku, input.name, description, input.priceCents, input.currency, stock, now, now],
      );
      const iso = now.toISOString();
      return { id: Number(result.insertId), sku: input.sku, name: input.name, description, priceCents: input.priceCents, currency: input.currency, stock, version: 1, createdAt: iso, updatedAt: iso };
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateSkuError(input.sku);
      throw error;
    }
  }

  async get(id: number): Promise<Product | undefined> {
    const [rows] = await this.pool.execute<ProductRow[]>(`SELECT ${SELECT_COLUMNS} FROM products WHERE id = ?`, [id]);
    return rows[0] === undefined ? undefined : toProduct(rows[0]);
  }

  /** Keyset pagination: the page after `afterId`, in id order; `nextCursor` is set when more follow. */
  async list(limit: number, afterId: number): Promise<{ items: Product[]; nextCursor: number | null }> {
    // `query` (client-side escaping) rather than `execute`: MySQL 8.0.22+ rejects a prepared LIMIT ? bound as a double.
    const [rows] = await this.pool.query<ProductRow[]>(`SELECT ${SELECT_COLUMNS} FROM products WHERE id > ? ORDER BY id LIMIT ?`, [afterId, limit + 1]);
    const items = rows.slice(0, limit).map(toProduct);
    const nextCursor = rows.length > limit ? items[items.length - 1]!.id : null;
    return { items, nextCursor };
  }

  /**
   * Applies `changes` only if the row is still at `expectedVersion` (optimistic concurrency); the row
   * returned is the one this update wrote (read in the same transaction, under the row lock).
   */
  async update(id: number, expectedVersion: number, changes: ProductChanges, now = new Date()): Promise<UpdateResult> {
    const fields = (Object.keys(COLUMNS) as (keyof NewProduct)[]).filter((field) => changes[field] !== undefined);
    const assignments = fields.map((field) => `${COLUMNS[field]} = ?`);
    const values = fields.map((field) => changes[field] as string | number);
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      try {
        const [result] = await connection.execute<ResultSetHeader>(
          `UPDATE products SET ${[...assignments, "version = version + 1", "updated_at = ?"].join(", ")} WHERE id = ? AND version = ?`,
          [...values, now, id, expectedVersion],
        );
        let outcome: UpdateResult;
        if (result.affectedRows === 1) {
          const [rows] = await connection.execute<ProductRow[]>(`SELECT ${SELECT_COLUMNS} FROM products WHERE id = ?`, [id]);
          outcome = { kind: "updated", product: toProduct(rows[0]!) };
        } else {
          const [rows] = await connection.execute<ProductRow[]>("SELECT version FROM products WHERE id = ?", [id]);
          outcome = rows[0] === undefined ? { kind: "not-found" } : { kind: "conflict", currentVersion: Number(rows[0].version) };
        }
        await connection.commit();
        return outcome;
      } catch (error) {
        await connection.rollback().catch(() => undefined);
        if (isDuplicateKey(error)) throw new DuplicateSkuError(String(changes.sku));
        throw error;
      }
    } finally {
      connection.release();
    }
  }

  async delete(id: number): Promise<boolean> {
    const [result] = await this.pool.execute<ResultSetHeader>("DELETE FROM products WHERE id = ?", [id]);
    return result.affectedRows === 1;
  }
}
