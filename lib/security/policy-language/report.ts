/**
 * The least-privilege report: one row per grant of every `oci_identity_policy` in synthesized
 * stacks, `manage` and aggregate (`*-family`, `all-resources`) grants marked. Pure: no cdktf imports.
 */
import { PolicyGrant, grantOf } from "./grants";
import { parsePolicyStatement } from "./parser";

export interface GrantRow extends PolicyGrant {
  readonly stack: string;
  /** The policy's name (or its Terraform name when the name is a reference). */
  readonly policy: string;
}

/** A stack as its Terraform JSON. */
export interface StackJson {
  readonly name: string;
  readonly json: { resource?: Record<string, Record<string, unknown>> };
}

export function policyGrantRows(stacks: readonly StackJson[]): GrantRow[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.json.resource?.oci_identity_policy ?? {}).flatMap(([logicalId, body]) => {
      const { name, statements } = body as { name?: unknown; statements?: unknown };
      const policy = typeof name === "string" && !name.includes("${") ? name : logicalId;
      return (Array.isArray(statements) ? statements : []).flatMap((statement) => {
        try {
          const grant = grantOf(parsePolicyStatement(String(statement)));
          return grant ? [{ ...grant, stack: stack.name, policy }] : [];
        } catch {
          return []; // the synth-time checks report it
        }
      });
    }),
  );
}

const cell = (s: string) => s.replace(/\|/g, "\\|");
/** References are known at apply only; the report shows where one narrows a grant, not its text. */
const shortRefs = (s: string) => s.replace(/\$\{[^}]*\}/g, "${…}");

/** Markdown: one row per grant; the Flags column marks `manage`, families and workload principals. */
export function iamGrantTable(stacks: readonly StackJson[]): string {
  const rows = ["| Stack | Policy | Subject | Verb | Resource type | Location | Conditions | Flags |", "|---|---|---|---|---|---|---|---|"];
  for (const g of policyGrantRows(stacks)) {
    const flags = [g.manage ? "**manage**" : "", g.family ? "**family**" : ""].filter(Boolean).join(", ");
    // A workload is named by its conditions; the rest of them is what narrows the grant.
    const subject = g.workloadName ? `workload ${g.workloadName}` : g.subject;
    const conditions = g.workload ? g.narrowing : g.conditions;
    rows.push(`| ${[g.stack, g.policy, subject, g.verb, g.resourceType, shortRefs(g.location), shortRefs(conditions) || "—", flags || "—"].map(cell).join(" | ")} |`);
  }
  return rows.join("\n");
}
