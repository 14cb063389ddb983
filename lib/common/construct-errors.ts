import type { IConstruct } from "constructs";

/**
 * Runs a check and puts `scope`'s construct path in front of its error, so a bad value is traced
 * to the construct that got it. An error that already starts with the path is left as it is.
 * @internal
 */
export function withPath<T>(scope: IConstruct, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const prefix = `${scope.node.path}: `;
    if (e.message.startsWith(prefix)) throw e;
    throw new Error(prefix + e.message);
  }
}
