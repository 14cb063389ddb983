/**
 * A policy statement as a grant, for the least-privilege report: who gets which access to what,
 * where, under which conditions. Pure: no cdktf imports.
 */
import { PolicyCondition, GrantStatement, StatementLocation, PolicyStatement, PolicySubject, resourceTypeEntry } from "./parser";

export interface PolicyGrant {
  readonly subject: string;
  /** The verb, or the permission list. */
  readonly verb: string;
  readonly resourceType: string;
  readonly location: string;
  readonly conditions: string;
  /** Grants `manage`. */
  readonly manage: boolean;
  /** Names an aggregate type (`*-family`, `all-resources`) rather than one resource type. */
  readonly family: boolean;
  /** The subject is an OKE workload (`request.principal.type = 'workload'`). */
  readonly workload: boolean;
  /** For a workload: `<namespace>/<service account>` as its conditions name them. */
  readonly workloadName?: string;
  /** The conditions beyond those that name the principal (type, namespace, service account, cluster). */
  readonly narrowing: string;
}

/** @internal */
export function describeSubject(s: PolicySubject): string {
  switch (s.kind) {
    case "any-user":
    case "any-group":
      return s.kind;
    case "service":
      return `service ${s.name}`;
    default:
      return s.id ? `${s.kind} id ${s.id}` : `${s.kind} ${s.domain ? `${s.domain}/` : ""}${s.name}`;
  }
}

/** @internal */
export function describeLocation(l: StatementLocation): string {
  switch (l.kind) {
    case "tenancy":
      return l.alias ? `tenancy ${l.alias}` : "tenancy";
    case "any-tenancy":
      return "any-tenancy";
    default:
      return `compartment ${l.id ? `id ${l.id}` : l.name}${l.ofTenancy ? ` of tenancy ${l.ofTenancy}` : ""}`;
  }
}

/** @internal */
export function describeCondition(c: PolicyCondition | undefined): string {
  if (!c) return "";
  if (c.kind === "single") {
    if (c.operator === "in") return `${c.variable} in (${c.values.join(", ")})`;
    if (c.operator === "between") return `${c.variable} between ${c.values[0]} and ${c.values[1]}`;
    return `${c.variable} ${c.operator} ${c.values[0]}`;
  }
  return `${c.kind} {${c.conditions.map(describeCondition).join(", ")}}`;
}

/** Single conditions that must all hold (the top level and `all {…}` groups). */
function requiredConditions(c: PolicyCondition | undefined): PolicyCondition[] {
  if (!c) return [];
  if (c.kind === "single") return [c];
  return c.kind === "all" ? c.conditions.flatMap(requiredConditions) : [];
}

export function isWorkloadGrant(statement: GrantStatement): boolean {
  return requiredConditions(statement.condition).some(
    (c) => c.kind === "single" && c.variable.toLowerCase() === "request.principal.type" && c.operator === "=" && c.values.some((v) => v.replace(/'/g, "").toLowerCase() === "workload"),
  );
}

const PRINCIPAL_VARIABLES = ["request.principal.type", "request.principal.namespace", "request.principal.service_account", "request.principal.cluster_id"];
const valueOf = (c: PolicyCondition | undefined, variable: string) =>
  requiredConditions(c).find((x) => x.kind === "single" && x.variable.toLowerCase() === variable && x.operator === "=");

/** Conditions other than the principal's, as text. */
function narrowingOf(c: PolicyCondition | undefined): string {
  if (!c) return "";
  if (c.kind === "single") return PRINCIPAL_VARIABLES.includes(c.variable.toLowerCase()) ? "" : describeCondition(c);
  if (c.kind === "any") return describeCondition(c);
  return c.conditions.map(narrowingOf).filter(Boolean).join(", ");
}

export function grantOf(statement: PolicyStatement): PolicyGrant | undefined {
  if (statement.kind === "define") return undefined;
  const workload = isWorkloadGrant(statement);
  const ns = valueOf(statement.condition, "request.principal.namespace");
  const sa = valueOf(statement.condition, "request.principal.service_account");
  const plain = (x: PolicyCondition | undefined) => (x?.kind === "single" ? x.values[0].replace(/^'|'$/g, "") : "?");
  const entry = resourceTypeEntry(statement.resourceType);
  const resourceType = statement.permissions ? "(permissions)" : statement.resourceType!;
  return {
    subject: statement.subjects.map(describeSubject).join(", ") + (statement.ofTenancy ? ` of tenancy ${statement.ofTenancy}` : ""),
    verb: statement.permissions ? `{${statement.permissions.join(", ")}}` : statement.verb!,
    resourceType: statement.with ? `${resourceType} with ${statement.with.resourceType} in ${describeLocation(statement.with.location)}` : resourceType,
    location: describeLocation(statement.location),
    conditions: describeCondition(statement.condition),
    manage: statement.verb === "manage",
    family: !!entry?.family || /-family$/.test(statement.resourceType ?? ""),
    workload,
    workloadName: workload ? `${plain(ns)}/${plain(sa)}` : undefined,
    narrowing: narrowingOf(statement.condition),
  };
}
