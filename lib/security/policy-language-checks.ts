import { IConstruct } from "constructs";
import { DefaultTokenResolver, IAspect, StringConcat, TerraformResource, TerraformStack, Tokenization } from "../cdktf";
import { PolicyExtraVocabulary, checkPolicyDocument, describePolicyProblem } from "./policy-language";

export interface PolicyLanguageChecksOptions {
  /**
   * Resource types and variables OCI documents that the library's vocabulary lacks; they are
   * accepted in every statement of the stacks under the scope given.
   * @default none
   */
  readonly extraVocabulary?: PolicyExtraVocabulary;
}

interface ScopeState {
  /** Set on a stack whose validation is installed. */
  installed: boolean;
  readonly resourceTypes: Set<string>;
  readonly variables: Set<string>;
}

// Kept on the construct object, so that however many constructs, stacks and apps ask for the
// checks, each stack is checked once (and a second copy of the library sees the first one's state).
const STATE = Symbol.for("oke-virtual-nodes/policy-language-checks");
type WithState = IConstruct & { [STATE]?: ScopeState };

function stateOf(scope: IConstruct): ScopeState {
  const s = scope as WithState;
  if (!s[STATE]) Object.defineProperty(s, STATE, { value: { installed: false, resourceTypes: new Set(), variables: new Set() }, enumerable: false });
  return s[STATE]!;
}

/** The extra vocabulary given on the stack and on every scope above it. */
function extraVocabularyFor(stack: TerraformStack): PolicyExtraVocabulary {
  const states = stack.node.scopes.map((s) => (s as WithState)[STATE]).filter((s): s is ScopeState => !!s);
  return { resourceTypes: states.flatMap((s) => [...s.resourceTypes]), variables: states.flatMap((s) => [...s.variables]) };
}

/**
 * Checks every `oci_identity_policy` of `stack` when it synthesizes: the library's and the user's
 * own (generated `IdentityPolicy` binding, escape hatches, overrides). OciStack and every library
 * construct that writes a policy call this; the same stack asked twice is checked once.
 * @internal
 */
export function installPolicyLanguageChecks(stack: TerraformStack, options: PolicyLanguageChecksOptions = {}): void {
  const state = stateOf(stack);
  for (const t of options.extraVocabulary?.resourceTypes ?? []) state.resourceTypes.add(t);
  for (const v of options.extraVocabulary?.variables ?? []) state.variables.add(v);
  if (state.installed) return;
  state.installed = true;
  stack.node.addValidation({ validate: () => policyLanguageErrors(stack, extraVocabularyFor(stack)) });
}

/**
 * The checks as an Aspect for one stack: `Aspects.of(stack).add(new PolicyLanguageChecks())`.
 * cdktf 0.21 runs only the Aspects of stacks and what is below them (an Aspect added to the App
 * is never invoked), so for a whole app use `addPolicyLanguageChecks(app)`.
 */
export class PolicyLanguageChecks implements IAspect {
  public constructor(private readonly options: PolicyLanguageChecksOptions = {}) {}

  public visit(node: IConstruct): void {
    if (TerraformStack.isStack(node)) installPolicyLanguageChecks(node, this.options);
  }
}

/**
 * Checks the IAM policies of every stack under `scope` (an App, or one stack) at synth, stacks
 * added later included. Stacks made with OciStack, and stacks holding a library construct that
 * writes a policy, are checked without it; call it for plain TerraformStacks of your own.
 */
export function addPolicyLanguageChecks(scope: IConstruct, options: PolicyLanguageChecksOptions = {}): void {
  const stacks = () => scope.node.findAll().filter((c): c is TerraformStack => TerraformStack.isStack(c));
  for (const stack of stacks()) installPolicyLanguageChecks(stack, options);
  if (TerraformStack.isStack(scope)) return;
  const state = stateOf(scope);
  for (const t of options.extraVocabulary?.resourceTypes ?? []) state.resourceTypes.add(t);
  for (const v of options.extraVocabulary?.variables ?? []) state.variables.add(v);
  if (state.installed) return;
  state.installed = true;
  // Stacks created after this call and never installed are checked when the scope validates
  // (the App validates after its stacks).
  scope.node.addValidation({
    validate: () => stacks().filter((s) => !(s as WithState)[STATE]?.installed).flatMap((s) => policyLanguageErrors(s, extraVocabularyFor(s))),
  });
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** The synth errors of one stack's policies, each naming the policy's construct path. */
export function policyLanguageErrors(stack: TerraformStack, extraVocabulary?: PolicyExtraVocabulary): string[] {
  // Not `instanceof`: in a cdktn app the generated bindings are built on the aliased engine copy.
  const policies = stack.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && c.terraformResourceType === "oci_identity_policy");
  return policies.flatMap((policy) => {
    // Only the policies are resolved (as the stack's JSON would hold them, overrides included), not the whole stack.
    const json = Tokenization.resolve(policy.toTerraform(), { scope: stack, resolver: RESOLVER }) as { resource?: Record<string, Record<string, unknown>> };
    const body = Object.values(json.resource?.[policy.terraformResourceType] ?? {})[0];
    if (!body || typeof body !== "object") return [];
    return checkPolicyDocument(body, extraVocabulary).problems.map((p) => describePolicyProblem(policy.node.path, p));
  });
}
