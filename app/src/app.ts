import Ajv from "ajv";
import Fastify, { LogController } from "fastify";
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { LoggerOptions } from "pino";
import type { Pool } from "mysql2/promise";
import { DuplicateSkuError, ProductRepository } from "./products";
import type { NewProduct, Product, ProductChanges } from "./products";
import type { ReadinessCheck } from "./readiness";

/**
 * Largest request body accepted (a product is well under 3 KiB). A larger body is refused before
 * parsing with 400 naming the field `body`, like every other bad input (the contract: bad
 * input gets 400 naming the field), rather than Fastify's default 413.
 */
export const BODY_LIMIT_BYTES = 16 * 1024;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface AppOptions {
  readonly pool: Pool;
  readonly readiness: ReadinessCheck;
  /** pino options, or a logger to reuse. */
  readonly logger: LoggerOptions | FastifyBaseLogger;
  /** True once shutdown began: readiness fails so traffic drains away while requests finish. */
  readonly isDraining?: () => boolean;
}

const productFields = {
  sku: { type: "string", minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
  name: { type: "string", minLength: 1, maxLength: 200 },
  description: { type: "string", maxLength: 2000 },
  priceCents: { type: "integer", minimum: 0, maximum: 1_000_000_000_000 },
  currency: { type: "string", pattern: "^[A-Z]{3}$" },
  stock: { type: "integer", minimum: 0, maximum: 4_294_967_295 },
} as const;

const createBodySchema = {
  type: "object",
  additionalProperties: false,
  required: ["sku", "name", "priceCents", "currency"],
  properties: productFields,
} as const;

const patchBodySchema = {
  type: "object",
  additionalProperties: false,
  required: ["version"],
  properties: { ...productFields, version: { type: "integer", minimum: 1, maximum: 4_294_967_295 } },
} as const;

const idParamsSchema = {
  type: "object",
  additionalProperties: false,
  required: ["id"],
  properties: { id: { type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

const listQuerySchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    limit: { type: "integer", minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    cursor: { type: "integer", minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
  },
} as const;

const productSchema = {
  type: "object",
  required: ["id", "sku", "name", "description", "priceCents", "currency", "stock", "version", "createdAt", "updatedAt"],
  properties: {
    id: { type: "integer" },
    sku: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    priceCents: { type: "integer" },
    currency: { type: "string" },
    stock: { type: "integer" },
    version: { type: "integer" },
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
  },
} as const;

const listSchema = {
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: { type: "array", items: productSchema }, nextCursor: { type: ["integer", "null"] } },
} as const;

/**
 * Bodies are validated strictly (no type coercion, unknown fields rejected rather than stripped);
 * path and query strings are coerced to their declared types, which is what they are on the wire.
 */
function validatorCompilers(): { body: Ajv; other: Ajv } {
  const common = { allErrors: false, removeAdditional: false, useDefaults: true, strict: true } as const;
  return {
    body: new Ajv({ ...common, coerceTypes: false }),
    other: new Ajv({ ...common, coerceTypes: true }),
  };
}

/** The field an Ajv error is about, as `body.priceCents`, `params.id`, `querystring.limit`. */
function fieldOf(context: string, error: { instancePath: string; keyword: string; params: Record<string, unknown> }): string {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (error.keyword === "additionalProperties") path.push(String(error.params.additionalProperty));
  if (error.keyword === "required") path.push(String(error.params.missingProperty));
  return [context, ...path].join(".");
}

function validationMessage(field: string, error: { keyword: string; message?: string }): string {
  switch (error.keyword) {
    case "additionalProperties":
      return `${field} is not a known field`;
    case "required":
      return `${field} is required`;
    default:
      return `${field} ${error.message ?? "is invalid"}`;
  }
}

const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function sendError(reply: FastifyReply, statusCode: number, message: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(statusCode).send({ statusCode, error: STATUS_NAMES[statusCode] ?? "Error", message, ...extra });
}

/** Connection-level database failures: the request may succeed later, so 503 rather than 500. */
const UNAVAILABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EPIPE", "PROTOCOL_CONNECTION_LOST", "POOL_CLOSED", "ER_CON_COUNT_ERROR"]);

function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message, fatal } = error as { code?: unknown; message?: unknown; fatal?: unknown };
  // mysql2 marks errors that broke or prevented the connection (network, TLS, handshake) as fatal.
  if (fatal === true) return true;
  if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return true;
  return typeof message === "string" && message.startsWith("Queue limit reached");
}

const etag = (product: Product): string => `"${product.version}"`;

/** The catalogue's HTTP API; no listening, no signals (server.ts does that), so tests can `inject`. */
export function buildApp(options: AppOptions): FastifyInstance {
  const isLoggerInstance = typeof (options.logger as FastifyBaseLogger).child === "function";
  const app = Fastify({
    ...(isLoggerInstance ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: options.logger as LoggerOptions }),
    bodyLimit: BODY_LIMIT_BYTES,
    // One log line per request (onResponse below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: "x-request-id",
    // Above the OCI load balancer's 60 s idle timeout, so the LB never reuses a connection we just closed.
    keepAliveTimeout: 65_000,
    requestTimeout: 30_000,
    return503OnClosing: true,
    forceCloseConnections: "idle",
  });
  const compilers = validatorCompilers();
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? compilers.body : compilers.other).compile(schema));

  const repository = new ProductRepository(options.pool);
  const isDraining = options.isDraining ?? (() => false);

  // While draining, each response closes its connection: clients reconnect (through the load
  // balancer, to another pod), and a connection busy at close() time does not linger as keep-alive.
  app.addHook("onSend", async (_request, reply) => {
    if (isDraining()) reply.header("connection", "close");
  });

  app.addHook("onResponse", async (request, reply) => {
    const probe = request.url === "/healthz" || request.url === "/readyz";
    const entry = { reqId: request.id, method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs: Math.round(reply.elapsedTime * 100) / 100 };
    if (probe && reply.statusCode < 500) request.log.debug(entry, "request completed");
    else request.log.info(entry, "request completed");
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const first = error.validation[0]!;
      const field = fieldOf(error.validationContext ?? "request", first as never);
      return sendError(reply, 400, validationMessage(field, first as never), { field });
    }
    if (error instanceof DuplicateSkuError) return sendError(reply, 409, error.message, { field: "body.sku" });
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") return sendError(reply, 400, `body is larger than ${BODY_LIMIT_BYTES} bytes`, { field: "body" });
    if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return sendError(reply, 400, `body is not valid JSON`, { field: "body" });
    }
    if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, error.message);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      return sendError(reply, 503, "the database is unavailable; retry later");
    }
    request.log.error({ err: error }, "request failed");
    return sendError(reply, 500, "internal error");
  });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_request, reply) => {
    if (isDraining()) return reply.code(503).send({ status: "unready", reason: "shutting down" });
    const result = await options.readiness();
    if (result.ready) return { status: "ready" };
    return reply.code(503).send({ status: "unready", reason: result.reason });
  });

  app.post<{ Body: NewProduct }>("/products", { schema: { body: createBodySchema, response: { 201: productSchema } } }, async (request, reply) => {
    const product = await repository.create(request.body);
    return reply.code(201).header("location", `/products/${product.id}`).header("etag", etag(product)).send(product);
  });

  app.get<{ Querystring: { limit: number; cursor: number } }>("/products", { schema: { querystring: listQuerySchema, response: { 200: listSchema } } }, async (request) =>
    repository.list(request.query.limit, request.query.cursor),
  );

  app.get<{ Params: { id: number } }>("/products/:id", { schema: { params: idParamsSchema, response: { 200: productSchema } } }, async (request, reply) => {
    const product = await repository.get(request.params.id);
    if (product === undefined) return sendError(reply, 404, `product ${request.params.id} does not exist`, { field: "params.id" });
    return reply.header("etag", etag(product)).send(product);
  });

  app.patch<{ Params: { id: number }; Body: ProductChanges & { version: number } }>(
    "/products/:id",
    { schema: { params: idParamsSchema, body: patchBodySchema, response: { 200: productSchema } } },
    async (request, reply) => {
      const { version, ...changes } = request.body;
      if (Object.keys(changes).length === 0) {
        return sendError(reply, 400, `body has no field to change besides version; send at least one of ${Object.keys(productFields).join(", ")}`, { field: "body" });
      }
      const result = await repository.update(request.params.id, version, changes);
      switch (result.kind) {
        case "updated":
          return reply.header("etag", etag(result.product)).send(result.product);
        case "not-found":
          return sendError(reply, 404, `product ${request.params.id} does not exist`, { field: "params.id" });
        case "conflict":
          return sendError(reply, 409, `body.version ${version} is stale: product ${request.params.id} is at version ${result.currentVersion}; read it again and retry`, {
            field: "body.version",
            currentVersion: result.currentVersion,
          });
      }
    },
  );

  app.delete<{ Params: { id: number } }>("/products/:id", { schema: { params: idParamsSchema } }, async (request, reply) => {
    const deleted = await repository.delete(request.params.id);
    if (!deleted) return sendError(reply, 404, `product ${request.params.id} does not exist`, { field: "params.id" });
    return reply.code(204).send();
  });

  return app;
}
