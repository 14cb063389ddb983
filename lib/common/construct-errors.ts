/**
 * Errors that name the construct they come from. Pure: no cdktf imports.
 */
import type { IConstruct } from "constructs";

/**
 * Runs `check` (typically a pure validation of props) and rethrows its error prefixed with the
 * construct path, `stack/network: subnets.db.public is true: …`, so a user with several networks
 * or databases knows which one is wrong.
 * @internal
 */
export function checkedAt<T>(construct: IConstruct, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw atPath(construct, err);
  }
}

/**
 * `err` with the construct path in front of its message (once).
 * @internal
 */
export function atPath(construct: IConstruct, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = `${construct.node.path}: `;
  return new Error(message.startsWith(prefix) ? message : `${prefix}${message}`);
}
