/**
 * Schema gate: checks the OCI blocks of a synthesized cdktf stack against the pinned provider
 * schema (`terraform providers schema -json` output), because neither Terraform nor the registry
 * is reachable from the test environment. Pure TypeScript + fs, no cdktf dependency.
 */
import * as fs from "fs";
import * as path from "path";

export interface SchemaViolation {
  /** e.g. "resource.oci_core_subnet.pods", "data.oci_core_services.osn", "provider.oci[0]" */
  address: string;
  /** e.g. "tcp_options[0].destination_port_range[0].min"; "" for the block itself */
  path: string;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Schema model (subset of the `providers schema -json` format we rely on)
// ---------------------------------------------------------------------------------------------

/** cty JSON type: "string" | "number" | "bool" | "dynamic" | [kind, element/attributes...]. */
type CtyType = string | [string, ...unknown[]];

interface NestedType {
  nesting_mode: "single" | "list" | "set" | "map";
  attributes: Record<string, AttributeSchema>;
  min_items?: number;
  max_items?: number;
}

interface AttributeSchema {
  type?: CtyType;
  nested_type?: NestedType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
}

interface BlockTypeSchema {
  nesting_mode: "single" | "group" | "list" | "set" | "map";
  block: BlockSchema;
  min_items?: number;
  max_items?: number;
}

interface BlockSchema {
  attributes?: Record<string, AttributeSchema>;
  block_types?: Record<string, BlockTypeSchema>;
}

interface OciSchema {
  version: string;
  provider: BlockSchema;
  resources: Record<string, BlockSchema>;
  dataSources: Record<string, BlockSchema>;
}

const SCHEMA_FILE = path.join(__dirname, "..", "..", "schema", "oracle-oci-7.12.0.json");
const PROVIDER_ADDRESS = "registry.terraform.io/oracle/oci";
const ACCEPTED_SOURCES = new Set(["oracle/oci", PROVIDER_ADDRESS]);

// Top-level keys Terraform/cdktf handle themselves; only skipped when the schema lacks them.
const RESOURCE_META_KEYS = new Set([
  "//",
  "depends_on",
  "count",
  "for_each",
  "provider",
  "lifecycle",
  "connection",
  "provisioner",
]);
const PROVIDER_META_KEYS = new Set(["//", "alias"]);

let cachedSchema: OciSchema | undefined;

/** The schema file is ~150 kB; parse it once per Jest worker, not once per test. */
function loadSchema(): OciSchema {
  if (!cachedSchema) {
    const raw = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
    const oci = raw.provider_schemas[PROVIDER_ADDRESS];
    const unwrap = (m: Record<string, { block: BlockSchema }>) =>
      Object.fromEntries(Object.entries(m).map(([name, s]) => [name, s.block]));
    cachedSchema = {
      version: raw.provider_versions[PROVIDER_ADDRESS],
      provider: oci.provider.block,
      resources: unwrap(oci.resource_schemas),
      dataSources: unwrap(oci.data_source_schemas),
    };
  }
  return cachedSchema;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Returns every schema violation in the OCI provider/resource/data blocks of a synthesized stack. */
export function checkOciSchema(synthesized: string | object): SchemaViolation[] {
  const config = (typeof synthesized === "string" ? JSON.parse(synthesized) : synthesized) as Json;
  const schema = loadSchema();
  const out: SchemaViolation[] = [];
  const ctx = (address: string): Ctx => ({ address, out });

  const providers = asRecord(config.provider)?.oci;
  const providerConfigs = providers === undefined ? [] : Array.isArray(providers) ? providers : [providers];
  providerConfigs.forEach((p, i) => checkBody(p, schema.provider, ctx(`provider.oci[${i}]`), "", PROVIDER_META_KEYS));

  let ociBlocks = providerConfigs.length;
  for (const [kind, schemas] of [
    ["resource", schema.resources],
    ["data", schema.dataSources],
  ] as const) {
    for (const [type, instances] of Object.entries(asRecord(config[kind]) ?? {})) {
      if (!type.startsWith("oci_")) continue; // kubernetes, helm, random, ... are not ours to check
      for (const [name, body] of Object.entries(asRecord(instances) ?? {})) {
        ociBlocks++;
        const c = ctx(`${kind}.${type}.${name}`);
        const blockSchema = schemas[type];
        if (blockSchema) checkBody(body, blockSchema, c, "", RESOURCE_META_KEYS);
        else report(c, "", `unknown ${kind === "data" ? "data source" : "resource"} type "${type}"`);
      }
    }
  }

  if (ociBlocks > 0) checkRequiredProvider(config, schema.version, out);
  return out;
}

/** Throws one Error listing every violation (one per line) if the stack breaks the OCI schema. */
export function expectOciSchemaValid(synthesized: string | object): void {
  const violations = checkOciSchema(synthesized);
  if (violations.length === 0) return;
  const lines = violations.map(formatViolation);
  throw new Error(`OCI schema gate: ${violations.length} violation(s)\n${lines.join("\n")}`);
}

export function formatViolation(v: SchemaViolation): string {
  return v.path ? `  ${v.address} ${v.path}: ${v.message}` : `  ${v.address}: ${v.message}`;
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
interface Ctx {
  address: string;
  out: SchemaViolation[];
}

function report(ctx: Ctx, at: string, message: string): void {
  ctx.out.push({ address: ctx.address, path: at, message });
}

function join(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asRecord(v: unknown): Json | undefined {
  return isPlainObject(v) ? v : undefined;
}

/** A string holding `${...}` is only known at apply time, so it satisfies any type. */
function isExpression(v: unknown): boolean {
  return typeof v === "string" && v.includes("${");
}

/** Checks one block body: its keys, required attributes and required nested blocks. */
function checkBody(body: unknown, schema: BlockSchema, ctx: Ctx, at: string, metaKeys?: Set<string>): void {
  if (isExpression(body)) return;
  if (!isPlainObject(body)) {
    report(ctx, at, `expected a block (object), got ${describe(body)}`);
    return;
  }
  const attributes = schema.attributes ?? {};
  const blockTypes = schema.block_types ?? {};
  // Blocks generated by a `dynamic` construct have an unknown item count.
  const dynamicBlocks = new Set<string>();

  for (const [key, value] of Object.entries(body)) {
    if (attributes[key]) checkAttribute(value, attributes[key], ctx, join(at, key));
    else if (blockTypes[key]) checkNestedBlock(value, blockTypes[key], ctx, join(at, key));
    else if (key === "dynamic" && isPlainObject(value)) checkDynamic(value, blockTypes, ctx, at, dynamicBlocks);
    else if (!metaKeys?.has(key)) report(ctx, join(at, key), "unknown attribute or block");
  }

  for (const [name, attr] of Object.entries(attributes)) {
    if (attr.required && body[name] == null) report(ctx, join(at, name), "required attribute is missing");
  }
  for (const [name, bt] of Object.entries(blockTypes)) {
    const min = bt.min_items ?? 0;
    if (min > 0 && body[name] == null && !dynamicBlocks.has(name)) {
      report(ctx, join(at, name), `required block is missing (min_items ${min})`);
    }
  }
}

/** cdktf emits `dynamic: { <block>: { for_each, iterator?, content } }` for iterated blocks. */
function checkDynamic(
  dynamic: Json,
  blockTypes: Record<string, BlockTypeSchema>,
  ctx: Ctx,
  at: string,
  seen: Set<string>,
): void {
  for (const [name, spec] of Object.entries(dynamic)) {
    const bt = blockTypes[name];
    const where = join(at, `dynamic.${name}`);
    if (!bt) report(ctx, where, "unknown block in dynamic");
    else if (isPlainObject(spec)) checkBody(spec.content, bt.block, ctx, join(where, "content"));
    seen.add(name);
  }
}

/** Accepts a block as one object or an array of objects; counts items and recurses into each. */
function checkNestedBlock(value: unknown, bt: BlockTypeSchema, ctx: Ctx, at: string): void {
  if (value == null || isExpression(value)) return;
  if (bt.nesting_mode === "map") {
    if (!isPlainObject(value)) report(ctx, at, `expected a map of blocks keyed by label, got ${describe(value)}`);
    else for (const [label, item] of Object.entries(value)) checkBody(item, bt.block, ctx, `${at}[${JSON.stringify(label)}]`);
    return;
  }
  const items = Array.isArray(value) ? value : [value];
  const single = bt.nesting_mode === "single" || bt.nesting_mode === "group";
  checkItemCount(items.length, bt.min_items ?? 0, single ? 1 : bt.max_items, ctx, at);
  items.forEach((item, i) => checkBody(item, bt.block, ctx, single && !Array.isArray(value) ? at : `${at}[${i}]`));
}

function checkItemCount(count: number, min: number, max: number | undefined, ctx: Ctx, at: string, noun = "block"): void {
  if (count < min) report(ctx, at, `needs at least ${min} ${noun}(s), got ${count}`);
  if (max !== undefined && max > 0 && count > max) report(ctx, at, `allows at most ${max} ${noun}(s), got ${count}`);
}

// ---------------------------------------------------------------------------------------------
// Attributes and values
// ---------------------------------------------------------------------------------------------

function checkAttribute(value: unknown, attr: AttributeSchema, ctx: Ctx, at: string): void {
  if (value == null) return; // null means "unset"; a missing required attribute is reported by checkBody
  if (attr.computed && !attr.optional && !attr.required) {
    report(ctx, at, "computed-only attribute cannot be set");
    return;
  }
  if (attr.nested_type) checkNestedAttribute(value, attr.nested_type, ctx, at);
  else if (attr.type !== undefined) checkValue(value, attr.type, ctx, at);
}

/** Protocol-6 nested attributes behave like blocks made only of attributes. */
function checkNestedAttribute(value: unknown, nt: NestedType, ctx: Ctx, at: string): void {
  if (isExpression(value)) return;
  const body: BlockSchema = { attributes: nt.attributes };
  switch (nt.nesting_mode) {
    case "single":
      checkBody(value, body, ctx, at);
      return;
    case "map":
      if (!isPlainObject(value)) report(ctx, at, `expected a map of objects, got ${describe(value)}`);
      else for (const [k, item] of Object.entries(value)) checkBody(item, body, ctx, `${at}[${JSON.stringify(k)}]`);
      return;
    default:
      if (!Array.isArray(value)) {
        report(ctx, at, `expected a ${nt.nesting_mode} of objects, got ${describe(value)}`);
        return;
      }
      checkItemCount(value.length, nt.min_items ?? 0, nt.max_items, ctx, at, "item");
      value.forEach((item, i) => checkBody(item, body, ctx, `${at}[${i}]`));
  }
}

/** Checks a literal against a cty type, applying Terraform's implicit primitive conversions. */
function checkValue(value: unknown, type: CtyType, ctx: Ctx, at: string): void {
  if (value == null || isExpression(value) || type === "dynamic") return;
  if (typeof type === "string") {
    if (!primitiveAccepts(type, value)) report(ctx, at, `expected ${type}, got ${describe(value)}`);
    return;
  }
  const [kind, arg, optionalAttrs] = type;
  switch (kind) {
    case "list":
    case "set":
      if (!Array.isArray(value)) report(ctx, at, `expected ${kind} of ${typeName(arg)}, got ${describe(value)}`);
      else value.forEach((v, i) => checkValue(v, arg as CtyType, ctx, `${at}[${i}]`));
      return;
    case "map":
      if (!isPlainObject(value)) report(ctx, at, `expected map of ${typeName(arg)}, got ${describe(value)}`);
      else for (const [k, v] of Object.entries(value)) checkValue(v, arg as CtyType, ctx, `${at}[${JSON.stringify(k)}]`);
      return;
    case "object":
      checkObject(value, arg as Record<string, CtyType>, (optionalAttrs as string[] | undefined) ?? [], ctx, at);
      return;
    case "tuple":
      checkTuple(value, arg as CtyType[], ctx, at);
      return;
    default:
      report(ctx, at, `schema uses unsupported type ${JSON.stringify(type)}`);
  }
}

function checkObject(value: unknown, attrs: Record<string, CtyType>, optional: string[], ctx: Ctx, at: string): void {
  if (!isPlainObject(value)) {
    report(ctx, at, `expected object, got ${describe(value)}`);
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    // Terraform would silently drop an extra attribute; flag it since it is almost always a typo.
    if (!(k in attrs)) report(ctx, join(at, k), "unknown object attribute");
    else checkValue(v, attrs[k], ctx, join(at, k));
  }
  for (const k of Object.keys(attrs)) {
    if (!(k in value) && !optional.includes(k)) report(ctx, join(at, k), "object attribute is missing");
  }
}

function checkTuple(value: unknown, elements: CtyType[], ctx: Ctx, at: string): void {
  if (!Array.isArray(value) || value.length !== elements.length) {
    report(ctx, at, `expected tuple of ${elements.length} element(s), got ${describe(value)}`);
    return;
  }
  value.forEach((v, i) => checkValue(v, elements[i], ctx, `${at}[${i}]`));
}

const NUMBER_LITERAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Mirrors cty's safe primitive conversions: number/bool -> string, numeric string -> number, "true"/"false" -> bool. */
function primitiveAccepts(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
    case "number":
      return typeof value === "number" || (typeof value === "string" && NUMBER_LITERAL.test(value));
    case "bool":
      return typeof value === "boolean" || value === "true" || value === "false";
    default:
      return false;
  }
}

function typeName(t: unknown): string {
  return typeof t === "string" ? t : JSON.stringify(t);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  const shown = typeof value === "object" ? "" : ` ${JSON.stringify(value)}`;
  return `${typeof value}${shown}`;
}

// ---------------------------------------------------------------------------------------------
// terraform.required_providers.oci
// ---------------------------------------------------------------------------------------------

function checkRequiredProvider(config: Json, schemaVersion: string, out: SchemaViolation[]): void {
  const ctx: Ctx = { address: "terraform.required_providers.oci", out };
  const req = asRecord(asRecord(asRecord(config.terraform)?.required_providers)?.oci);
  if (!req) {
    report(ctx, "", "missing; OCI blocks need { source: \"oracle/oci\", version }");
    return;
  }
  if (typeof req.source !== "string" || !ACCEPTED_SOURCES.has(req.source)) {
    report(ctx, "source", `expected "oracle/oci", got ${describe(req.source)}`);
  }
  if (typeof req.version !== "string" || !constraintAdmits(req.version, schemaVersion)) {
    report(ctx, "version", `constraint ${describe(req.version)} does not admit schema version ${schemaVersion}`);
  }
}

type Version = [number, number, number];

function parseVersion(text: string): { v: Version; segments: number } | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  return { v: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)], segments: m.slice(1).filter(Boolean).length };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Small subset of Terraform version constraints: comma-joined `op version` terms, all must hold. */
function constraintAdmits(constraint: string, versionText: string): boolean {
  const version = parseVersion(versionText)?.v;
  if (!version) return false;
  return constraint.split(",").every((term) => {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(term);
    const bound = m ? parseVersion(m[2]) : undefined;
    if (!m || !bound) return false; // unparseable -> reject rather than guess
    const cmp = compare(version, bound.v);
    switch (m[1] ?? "=") {
      case "=":
        return cmp === 0;
      case "!=":
        return cmp !== 0;
      case ">":
        return cmp > 0;
      case ">=":
        return cmp >= 0;
      case "<":
        return cmp < 0;
      case "<=":
        return cmp <= 0;
      default:
        return cmp >= 0 && compare(version, pessimisticUpperBound(bound.v, bound.segments)) < 0;
    }
  });
}

/** "~> 7.12" allows < 8.0.0; "~> 7.12.0" allows < 7.13.0 (only the rightmost part may grow). */
function pessimisticUpperBound([major, minor]: Version, segments: number): Version {
  return segments >= 3 ? [major, minor + 1, 0] : [major + 1, 0, 0];
}
