/**
 * The golden list of stable Terraform addresses of the reference synth: per variant (settings) and
 * stack, the addresses of its stateful resources (STATEFUL_RESOURCE_TYPES). `npm run golden`
 * rewrites it; test/reference/golden-addresses.test.ts fails when one disappears without a
 * `moved` block. README "Stable addresses".
 */
import * as path from "path";
import { statefulAddresses } from "oke-virtual-nodes";
import { synthesizeReference } from "./reference-synth";
import type { SynthesizedStack } from "./synth-summary";

export const GOLDEN_ADDRESSES_FILE = path.join(__dirname, "..", "test", "reference", "__golden__", "addresses.json");

/** The settings of each variant the golden list covers: the default synth, and the API through a bastion. */
export const GOLDEN_VARIANTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  default: {},
  bastion: { OKE_API_ACCESS: "bastion", OKE_API_CLIENT_CIDRS: "203.0.113.0/24" },
};

export type GoldenAddresses = Record<string, Record<string, string[]>>;

/** Synthesizes each variant: its stacks as Terraform JSON, by variant. */
export function synthesizeVariants(): Record<string, SynthesizedStack[]> {
  return Object.fromEntries(Object.entries(GOLDEN_VARIANTS).map(([variant, env]) => [variant, synthesizeReference(env).stacks]));
}

/** The golden list from synthesized variants: variant → stack → sorted stateful addresses. */
export function goldenAddresses(variants: Record<string, SynthesizedStack[]>): GoldenAddresses {
  return Object.fromEntries(
    Object.entries(variants).map(([variant, stacks]) => [variant, Object.fromEntries(stacks.map((stack) => [stack.name, statefulAddresses(stack.json)]))]),
  );
}
