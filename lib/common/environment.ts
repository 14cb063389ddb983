/**
 * One environment name (`dev`, `prod`, …) for a whole construct tree: set once (an `OciStack`'s
 * `environment` prop, or the context key on the App), it starts the display and policy names the
 * library writes, so two environments in one compartment do not collide (OCI wants policy names
 * unique in the tenancy, OCIR repository names unique in the tenancy namespace). Terraform
 * addresses (construct ids) do not change. No cdktf imports.
 */
import type { IConstruct } from "constructs";

/** The context key the library reads, e.g. `new App({ context: { [ENVIRONMENT_CONTEXT_KEY]: "dev" } })`. */
export const ENVIRONMENT_CONTEXT_KEY = "oke-virtual-nodes:environment";

const ENVIRONMENT = /^[a-z][a-z0-9-]{0,23}$/;

/**
 * Checks an environment name: lower-case letters, digits and '-', at most 24, starting with a letter.
 * @internal
 */
export function checkEnvironment(value: unknown, what = "environment"): string {
  if (typeof value !== "string" || !ENVIRONMENT.test(value) || value.endsWith("-")) {
    throw new Error(`${what}: "${String(value)}" is not an environment name; use up to 24 lower-case letters, digits and '-', starting with a letter, e.g. dev or prod`);
  }
  return value;
}

/**
 * The environment of `scope`, from the nearest context (stack or App).
 * @internal
 */
export function environmentOf(scope: IConstruct): string | undefined {
  const value = scope.node.tryGetContext(ENVIRONMENT_CONTEXT_KEY);
  return value === undefined || value === null || value === "" ? undefined : checkEnvironment(value, `context ${ENVIRONMENT_CONTEXT_KEY}`);
}

/**
 * `name` prefixed with `<environment>-` (once), or unchanged without an environment.
 * @internal
 */
export function environmentName(scope: IConstruct, name: string): string {
  const environment = environmentOf(scope);
  if (!environment || name.startsWith(`${environment}-`)) return name;
  return `${environment}-${name}`;
}
