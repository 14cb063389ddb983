import { IConstruct } from "constructs";

/**
 * The OCI region a stack's provider is configured for, recorded on the stack so lower layers
 * (cluster, workloads) can read it without importing the stack classes (layering: common →
 * network/security → database/cluster → workloads → checks → stacks). A symbol registered with
 * `Symbol.for` so it is found even when the stack comes from another copy of the library.
 */
const STACK_REGION = Symbol.for("oke-virtual-nodes.stackRegion");

/** Records that `stack` (a TerraformStack) deploys to `region`. Called by `OciStack`. */
export function recordStackRegion(stack: IConstruct, region: string): void {
  Object.defineProperty(stack, STACK_REGION, { value: region, enumerable: false, configurable: true });
}

/**
 * The region recorded for the stack that holds `scope`, or undefined when that stack has none
 * (a plain TerraformStack).
 */
export function stackRegionOf(scope: IConstruct): string | undefined {
  for (const c of scope.node.scopes.slice().reverse()) {
    const region = (c as unknown as Record<symbol, unknown>)[STACK_REGION];
    if (typeof region === "string") return region;
  }
  return undefined;
}
