/**
 * What a synth produced, readable without opening the JSON: resources by kind per stack, and the
 * IP capacity plan of the subnets that hold virtual nodes and pods. Pure: no cdktf imports.
 */
import { iamGrantTable, usableIps, type CapacityCheck } from "oke-virtual-nodes";

/** A synthesized stack: its name and its Terraform JSON. */
export interface SynthesizedStack {
  readonly name: string;
  readonly json: { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>> };
}

/** `kubernetes_manifest` resources are counted by the kind of object they hold. */
function kindOf(type: string, resource: unknown): string {
  if (type === "kubernetes_manifest") {
    const kind = (resource as { manifest?: { kind?: string } }).manifest?.kind;
    return kind ? `kubernetes_manifest (${kind})` : type;
  }
  return type;
}

export function resourceCounts(stack: SynthesizedStack): [string, number][] {
  const counts = new Map<string, number>();
  for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
    for (const resource of Object.values(byName)) {
      const kind = kindOf(type, resource);
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
  }
  // Code-unit order: localeCompare would load ICU's collator, a twentieth of the synth's run.
  return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function resourceCountTable(stacks: readonly SynthesizedStack[]): string {
  const rows = ["| Stack | Resource | Count |", "|---|---|---|"];
  for (const stack of stacks) {
    const counts = resourceCounts(stack);
    const total = counts.reduce((sum, [, n]) => sum + n, 0);
    for (const [kind, n] of counts) rows.push(`| ${stack.name} | ${kind} | ${n} |`);
    rows.push(`| ${stack.name} | **total** | **${total}** |`);
  }
  return rows.join("\n");
}

export function capacityTable(checks: readonly CapacityCheck[]): string {
  const rows = ["| Subnet | CIDR | Usable IPs | Required | Headroom left | Smallest prefix that fits |", "|---|---|---|---|---|---|"];
  for (const check of checks) {
    const r = check.required;
    const parts = [
      r.virtualNodes ? `${r.virtualNodes} virtual nodes` : undefined,
      `${r.workloadPods} workload pods at peak`,
      `${r.systemPods} system pods`,
      `${r.headroomIps} headroom (${r.headroomPercent}%)`,
    ].filter(Boolean);
    const fits =
      check.smallestFittingPrefix === undefined ? "none (over a /16)" : `/${check.smallestFittingPrefix} (${usableIps(check.smallestFittingPrefix)} usable)`;
    rows.push(`| ${check.subnet} | ${check.cidr} | ${check.usableIps} | ${r.total} = ${parts.join(" + ")} | ${check.usableIps - r.total} | ${fits} |`);
  }
  return rows.join("\n");
}

/** The summary main.ts prints after a synth; the capacity plan only when a network was planned here. */
export function synthSummary(stacks: readonly SynthesizedStack[], capacity: readonly CapacityCheck[]): string {
  const parts = ["Resources by stack:", "", resourceCountTable(stacks)];
  if (capacity.length) parts.push("", "IP capacity plan:", "", capacityTable(capacity));
  parts.push("", "IAM grants (least-privilege report; manage and family grants marked):", "", iamGrantTable(stacks));
  return parts.join("\n");
}
