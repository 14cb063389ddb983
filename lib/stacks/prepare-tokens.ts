/**
 * cdktf 0.21's preparing pass (`TerraformStack.prepareStack`), at a fraction of its cost. The pass
 * resolves every element of a stack with `preparing` set; a reference to another stack's resource
 * meets that flag and registers the cross-stack output and remote state (cdktf's `Reference`,
 * tfExpression.js, is the only code that reads it), and the results are thrown away. cdktf gets
 * there by resolving each element's whole configuration, node by node; here the configuration is
 * walked plainly and only what can hold a token is resolved, with the same flag and resolver:
 * resolvables (Lazy values, dynamic blocks, iterators), strings with a token marker or an encoded
 * number, token numbers, and whole lists and maps where list, number or map tokens can sit. Every
 * token cdktf's pass resolves is resolved, so the same references are registered.
 */
import { DefaultTokenResolver, StringConcat, TerraformElement, TerraformStack, Token, Tokenization } from "../cdktf";

const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** In every string token marker: `${TfToken[`, `#{TfToken[` (lists), `&{TfToken[` (maps). */
const TOKEN_MARKER = "TfToken[";
/** A number token written into a string reads as a huge float (`-1.8881545897087626e+289`). */
const ENCODED_NUMBER = /\de[+-]?\d/;

/**
 * Resolves, with `preparing` set, what of each element of `stack` can hold a token.
 * @internal
 */
export function prepareStackTokens(stack: TerraformStack): void {
  for (const element of elementsOf(stack, [])) visit(stack, element.toTerraform());
}

/** The stack's elements, not those of stacks nested in it (as cdktf's own pass). */
function elementsOf(node: { node: { children: readonly unknown[] } }, into: TerraformElement[]): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children as { node: { children: readonly unknown[] } }[]) {
    if (!TerraformStack.isStack(child)) elementsOf(child, into);
  }
  return into;
}

function visit(stack: TerraformStack, value: unknown): void {
  if (value === undefined || value === null || typeof value === "boolean") return;
  if (typeof value === "string" || typeof value === "number") {
    if (mayHoldToken(value)) prepare(stack, value);
    return;
  }
  if (typeof value !== "object" || Tokenization.isResolvable(value)) return prepare(stack, value);
  if (Array.isArray(value)) {
    // A list token or a number list token is an element of its list: resolve the list, as cdktf does.
    if (value.some((x) => typeof x === "number" || (typeof x === "string" && mayHoldToken(x)))) return prepare(stack, value);
    for (const item of value) visit(stack, item);
    return;
  }
  const prototype = Object.getPrototypeOf(value);
  // A map token is a key; an object that is not plain data is cdktf's to judge (it may refuse it).
  if ((prototype !== Object.prototype && prototype !== null) || Object.keys(value).some(mayHoldToken)) return prepare(stack, value);
  for (const item of Object.values(value)) visit(stack, item);
}

function mayHoldToken(value: string | number): boolean {
  return typeof value === "number" ? Token.isUnresolved(value) : value.includes(TOKEN_MARKER) || ENCODED_NUMBER.test(value);
}

function prepare(stack: TerraformStack, value: unknown): void {
  Tokenization.resolve(value, { scope: stack, preparing: true, resolver: RESOLVER });
}
