import { Construct, IConstruct } from "constructs";
import { Annotations, Aspects, IAspect, IStackSynthesizer, ISynthesisSession, TerraformResource, TerraformStack, checkSameEngine } from "../cdktf";
import { COMPLIANCE_RULES, COMPLIANCE_RULE_IDS, ComplianceRule, ResourceView, Violation } from "./compliance-rules";

/** A check a resource failed: which, where, and how to comply. */
export interface Finding {
  readonly id: string;
  readonly rule: string;
  readonly path: string;
  readonly detail: string;
  readonly fix: string;
}

/** A finding that a waiver silenced, with the waiver's reason. */
export interface WaivedFinding extends Finding {
  readonly reason: string;
}

const WAIVER = "oke-virtual-nodes:compliance-waiver";
const MIN_REASON_LENGTH = 10;

export interface ComplianceChecksOptions {
  /**
   * Rules to run.
   * @default COMPLIANCE_RULES, every check
   */
  readonly rules?: readonly ComplianceRule[];
}

/**
 * The compliance checks as a cdktf Aspect: `Aspects.of(stack).add(new ComplianceChecks())`. At synth
 * it reads every resource of the stack as Terraform JSON (the library's and your own, made with
 * the generated bindings or the prebuilt providers) and fails synthesis with one error per
 * violation: its id, the rule, the construct path and the fix. `ComplianceChecks.waive` silences a
 * check for one construct and what is below it, with a written reason; waived findings are listed
 * as info annotations and in `waived`.
 */
export class ComplianceChecks implements IAspect {
  /** Waives check `id` for `scope` and its children; the reason is shown in the synth output. */
  public static waive(scope: IConstruct, id: string, reason: string): void {
    if (!COMPLIANCE_RULE_IDS.includes(id)) {
      throw new Error(`compliance waiver: "${id}" is not a check id; use one of ${COMPLIANCE_RULE_IDS.join(", ")}`);
    }
    if (reason.trim().length < MIN_REASON_LENGTH) {
      throw new Error(`compliance waiver for ${id} on ${scope.node.path}: give a reason of at least ${MIN_REASON_LENGTH} characters`);
    }
    scope.node.addMetadata(WAIVER, { id, reason: reason.trim() });
  }

  /** Violations found at each stack's last synth. */
  public readonly findings: Finding[] = [];
  /** Violations silenced by a waiver at each stack's last synth. */
  public readonly waived: WaivedFinding[] = [];
  private readonly rules: readonly ComplianceRule[];
  private readonly stacks = new Set<TerraformStack>();

  public constructor(options: ComplianceChecksOptions = {}) {
    this.rules = options.rules ?? COMPLIANCE_RULES;
  }

  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.stacks.has(node)) return;
    const stack = node;
    this.stacks.add(stack);
    reuseResolutionInSynth(stack);
    // Validations run after every aspect, when the stack's resources are final.
    stack.node.addValidation({
      validate: () => {
        const json = stack.toTerraform();
        const errors = this.check(stack, json);
        if (errors.length === 0 && synthesizing.has(stack)) resolvedByChecks.set(stack, json);
        return errors;
      },
    });
  }

  /** Runs the rules on one stack; returns the error messages (empty when it complies). */
  public checkStack(stack: TerraformStack): string[] {
    return this.check(stack, stack.toTerraform());
  }

  private check(stack: TerraformStack, json: object): string[] {
    // A stack synthesized again replaces what it found before.
    const ofThisStack = (f: Finding) => f.path === stack.node.path || f.path.startsWith(`${stack.node.path}/`);
    this.findings.splice(0, this.findings.length, ...this.findings.filter((f) => !ofThisStack(f)));
    this.waived.splice(0, this.waived.length, ...this.waived.filter((f) => !ofThisStack(f)));
    const resources = resourceViews(stack, json);
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
    const errors: string[] = [];
    for (const rule of this.rules) {
      for (const violation of rule.check(resources)) {
        const finding = toFinding(rule, violation);
        const waiver = waiverFor(byPath.get(finding.path), rule.id);
        if (waiver) {
          this.waived.push({ ...finding, reason: waiver });
          Annotations.of(byPath.get(finding.path)!).addInfo(`compliance check ${rule.id} waived: ${waiver}`);
        } else {
          this.findings.push(finding);
          errors.push(describeFinding(finding));
        }
      }
    }
    return errors;
  }
}

/** @internal */
export function describeFinding(f: Finding): string {
  return `[${f.id}] ${f.rule}: ${f.detail} — at ${f.path} — fix: ${f.fix}`;
}

function toFinding(rule: ComplianceRule, violation: Violation): Finding {
  return { id: rule.id, rule: rule.rule, path: violation.resource.path, detail: violation.detail, fix: rule.fix };
}

/**
 * The stack's resources as its synthesized Terraform JSON, each with its construct path.
 * @internal
 */
export function resourceViews(stack: TerraformStack, json: { resource?: Record<string, Record<string, Record<string, unknown>>> }): ResourceView[] {
  const pathOf = new Map<string, string>();
  for (const c of stack.node.findAll()) {
    // Not `instanceof`: in a cdktn app the generated bindings and prebuilt providers are built on
    // the `cdktf` alias, another copy of the engine than this module's (lib/cdktf.ts).
    if (TerraformResource.isTerraformResource(c)) pathOf.set(`${c.terraformResourceType}.${stack.getLogicalId(c)}`, c.node.path);
  }
  return Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName).map(([name, body]) => ({ type, name, path: pathOf.get(`${type}.${name}`) ?? `${stack.node.path}/${name}`, body })),
  );
}

/** Stacks inside their synthesizer's `synthesize()` (App.synth), set up by reuseResolutionInSynth. */
const synthesizing = new WeakSet<TerraformStack>();
/** Per stack: its Terraform JSON as the checks resolved it during the validations of that synthesis. */
const resolvedByChecks = new WeakMap<TerraformStack, object>();

/**
 * Resolving a stack is most of a synth's cost, and the checks resolve it in the validations. The
 * synthesizer resolves it again to write it, a few steps later in the same `synthesize()`, with
 * nothing in between that changes the configuration (custom synthesis, collecting annotations):
 * that call takes the checks' result instead. Outside `App.synth` (`Testing.synth`, a direct
 * `toTerraform()`, HCL output) nothing is reused, and whatever the synthesis leaves is dropped
 * when it ends, even by an error.
 */
function reuseResolutionInSynth(stack: TerraformStack): void {
  if (stack.synthesizer instanceof ResolutionReusingSynthesizer) return;
  stack.synthesizer = new ResolutionReusingSynthesizer(stack, stack.synthesizer);
  const toTerraform = stack.toTerraform;
  stack.toTerraform = () => {
    const json = resolvedByChecks.get(stack);
    resolvedByChecks.delete(stack);
    return json ?? toTerraform.call(stack);
  };
}

class ResolutionReusingSynthesizer implements IStackSynthesizer {
  public constructor(
    private readonly stack: TerraformStack,
    private readonly inner: IStackSynthesizer,
  ) {}

  public synthesize(session: ISynthesisSession): void {
    synthesizing.add(this.stack);
    try {
      this.inner.synthesize(session);
    } finally {
      synthesizing.delete(this.stack);
      resolvedByChecks.delete(this.stack);
    }
  }
}

function waiverFor(construct: IConstruct | undefined, id: string): string | undefined {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    const waiver = c.node.metadata.find((m) => m.type === WAIVER && (m.data as { id: string }).id === id);
    if (waiver) return (waiver.data as { reason: string }).reason;
  }
  return undefined;
}

/**
 * Adds the checks to a stack, or to every stack under a scope (an App) at the time of the call.
 * Each stack gets them itself: cdktf (0.21) and cdktn (0.24) run a stack's aspects and those below
 * it, never an App's, so checks added to the App alone would silently check nothing.
 */
export function addComplianceChecks(scope: Construct, checks = new ComplianceChecks()): ComplianceChecks {
  checkSameEngine(scope);
  const stacks = scope.node.findAll().filter((c) => TerraformStack.isStack(c));
  // Set up before the first synth: aspects (visit) run inside the synthesizer's synthesize().
  stacks.forEach(reuseResolutionInSynth);
  for (const target of stacks.length > 0 ? stacks : [scope]) Aspects.of(target).add(checks);
  return checks;
}
