import { IConstruct } from "constructs";
import { Annotations, Aspects, IAspect, TerraformResource, TerraformStack, Token } from "../cdktf";

/**
 * A resource binding with OCI's tag attributes: the generated bindings give every resource whose
 * schema has `freeform_tags` / `defined_tags` a setter and an `…Input` getter for them (the
 * provider schema in schema/ is what the bindings are generated from).
 */
interface TaggableResource {
  freeformTags?: Record<string, string>;
  readonly freeformTagsInput?: Record<string, string>;
  definedTags?: Record<string, string>;
  readonly definedTagsInput?: Record<string, string>;
}

function hasAttribute(node: IConstruct, name: "freeformTags" | "definedTags"): boolean {
  return TerraformResource.isTerraformResource(node) && name in node && `${name}Input` in node;
}

/** Tag keys each resource set itself, captured before any Tags aspect wrote to it. */
const ownKeys = new WeakMap<IConstruct, { freeform: Set<string>; defined: Set<string> }>();

/**
 * Per resource and tag ("freeformTags:key"), the depth of the scope whose Tags decided it: the
 * nearest scope wins whatever order the Aspects run in (an outer scope's aspect may be added to a
 * stack after the stack's own, see `Tags.attach`).
 */
const decidedAt = new WeakMap<IConstruct, Map<string, number>>();

/** Tags aspects of scopes above any stack (an App), kept for the stacks made after them. */
const TAGS_FOR_LATER_STACKS = Symbol.for("oke-virtual-nodes.tagsForLaterStacks");

/**
 * Adds the Tags of the scopes above `stack` (e.g. `Tags.of(app)` called before the stack was
 * made) to the stack's Aspects, since cdktf 0.21 runs only the Aspects of stacks and what is
 * below them. Called by `OciStack`.
 */
export function adoptOuterTags(stack: IConstruct): void {
  for (const scope of stack.node.scopes) {
    if (scope === stack) continue;
    const aspects = (scope as unknown as Record<symbol, IAspect[] | undefined>)[TAGS_FOR_LATER_STACKS] ?? [];
    for (const aspect of aspects) Aspects.of(stack).add(aspect);
  }
}

// OCI Tagging ("Tagging Overview", "Managing Tag Namespaces and Key Definitions"): a tag key has
// at most 100 characters and no periods or spaces (a period separates a defined tag's namespace
// from its key); a value at most 256 characters.
const TAG_KEY = /^[^.\s]{1,100}$/;
const DEFINED_TAG_KEY = /^[^.\s]{1,100}\.[^.\s]{1,100}$/;
const MAX_VALUE_LENGTH = 256;

function checkValue(value: string, what: string): string {
  if (typeof value !== "string" || (!Token.isUnresolved(value) && value.length > MAX_VALUE_LENGTH)) {
    throw new Error(`${what}: the value must be a string of at most ${MAX_VALUE_LENGTH} characters`);
  }
  return value;
}

class TagAspect implements IAspect {
  public constructor(
    private readonly scopePath: string,
    private readonly scopeDepth: number,
    private readonly kind: "freeformTags" | "definedTags",
    private readonly key: string,
    private readonly value: string | undefined,
  ) {}

  public visit(node: IConstruct): void {
    if (!hasAttribute(node, this.kind)) return;
    const resource = node as unknown as TaggableResource;
    const input = this.kind === "freeformTags" ? resource.freeformTagsInput : resource.definedTagsInput;
    let own = ownKeys.get(node);
    if (!own) {
      own = {
        freeform: new Set(Object.keys(resolvedMap(resource.freeformTagsInput) ?? {})),
        defined: new Set(Object.keys(resolvedMap(resource.definedTagsInput) ?? {})),
      };
      ownKeys.set(node, own);
    }
    const current = resolvedMap(input);
    if (input !== undefined && current === undefined) {
      Annotations.of(node).addWarning(
        `${this.kind} of ${node.node.path} is a Terraform expression; the tag "${this.key}" from Tags.of(${this.scopePath}) is not merged into it`,
      );
      return;
    }
    // The resource's own tags win; among Tags aspects, the one nearest the resource runs last.
    if ((this.kind === "freeformTags" ? own.freeform : own.defined).has(this.key)) return;
    const decided = decidedAt.get(node) ?? new Map<string, number>();
    decidedAt.set(node, decided);
    const tag = `${this.kind}:${this.key}`;
    if ((decided.get(tag) ?? -1) > this.scopeDepth) return;
    decided.set(tag, this.scopeDepth);
    const next = { ...(current ?? {}) };
    if (this.value === undefined) delete next[this.key];
    else next[this.key] = this.value;
    const value = Object.keys(next).length > 0 ? next : undefined;
    if (this.kind === "freeformTags") resource.freeformTags = value;
    else resource.definedTags = value;
  }
}

/** A map that is not a token, or undefined. */
function resolvedMap(map: Record<string, string> | undefined): Record<string, string> | undefined {
  if (map === undefined || Token.isUnresolved(map)) return undefined;
  return map;
}

/**
 * Tags on every taggable OCI resource under a scope, applied by an Aspect at synth (after aws-cdk's
 * `Tags`): `Tags.of(stack).add("cost-center", "shop")`. A resource is taggable when its schema
 * has `freeform_tags` (or `defined_tags` for `addDefined`). Merging: tags from `Tags.of` of
 * several scopes merge, the scope nearest the resource winning for the same key; tags a resource
 * was given directly (its own `freeformTags` / `definedTags`) win over all of them.
 */
export class Tags {
  /** The tags of `scope` and everything under it. */
  public static of(scope: IConstruct): Tags {
    return new Tags(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /** Adds the free-form tag `key` = `value`. */
  public add(key: string, value: string): void {
    if (!TAG_KEY.test(key)) {
      throw new Error(`${this.scope.node.path}: tag key "${key}" is not valid; use 1–100 characters without periods or spaces`);
    }
    this.attach("freeformTags", key, checkValue(value, `${this.scope.node.path}: tag "${key}"`));
  }

  /** Adds the defined tag `namespace.key` = `value` (the namespace and key must exist in the tenancy). */
  public addDefined(namespaceAndKey: string, value: string): void {
    if (!DEFINED_TAG_KEY.test(namespaceAndKey)) {
      throw new Error(
        `${this.scope.node.path}: defined tag "${namespaceAndKey}" is not valid; use "<namespace>.<key>", each 1–100 characters without periods or spaces`,
      );
    }
    this.attach("definedTags", namespaceAndKey, checkValue(value, `${this.scope.node.path}: defined tag "${namespaceAndKey}"`));
  }

  /** Removes the free-form tag `key` that an outer scope's `Tags.of(…).add` set (a resource's own tags stay). */
  public remove(key: string): void {
    this.attach("freeformTags", key, undefined);
  }

  private attach(kind: "freeformTags" | "definedTags", key: string, value: string | undefined): void {
    const aspect = new TagAspect(this.scope.node.path, this.scope.node.scopes.length, kind, key, value);
    Aspects.of(this.scope).add(aspect);
    if (this.scope.node.scopes.some((c) => TerraformStack.isStack(c))) return;
    // Above any stack (an App): cdktf 0.21 never runs the App's Aspects, so the stacks under the
    // scope get the aspect now, and OciStacks made later adopt it (adoptOuterTags).
    for (const stack of this.scope.node.findAll().filter((c) => TerraformStack.isStack(c))) Aspects.of(stack).add(aspect);
    const holder = this.scope as unknown as Record<symbol, IAspect[] | undefined>;
    if (!holder[TAGS_FOR_LATER_STACKS]) Object.defineProperty(holder, TAGS_FOR_LATER_STACKS, { value: [], enumerable: false });
    holder[TAGS_FOR_LATER_STACKS]!.push(aspect);
  }
}
