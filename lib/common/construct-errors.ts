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
 * `err` with the construct path in front of its message (once). A message that starts with the
 * path of this construct or of one of its children (a child construct's own error) keeps it.
 * @internal
 */
export function atPath(construct: IConstruct, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const path = construct.node.path;
  const named = message.startsWith(`${path}: `) || (path !== "" && message.startsWith(`${path}/`) && /^[^\s:]+: /.test(message));
  return new Error(named ? message : `${path}: ${message}`);
}
