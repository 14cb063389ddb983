import { createHash } from "crypto";
import { IConstruct } from "constructs";
import type { TerraformStack } from "../cdktf";

type Element = IConstruct & { overrideLogicalId?: (id: string) => void; cdktfStack?: TerraformStack };

const pinned = new WeakSet<IConstruct>();

/**
 * Keeps the Terraform addresses a composite construct's resources had before it was split into
 * parts: `pinAddresses(node, part)` gives every Terraform element in `node`'s subtree the logical
 * id it would have without `part`'s own path component, as if `part` had the id "Default" (which
 * cdktf leaves out of logical ids). Call it as each resource is made: cdktf fixes a logical id
 * once it is read. The parts of one composite give their resources ids unique among its children.
 * @internal
 */
export function pinAddresses(node: IConstruct, part: IConstruct): void {
  for (const child of node.node.findAll()) pinAddress(child, part);
}

function pinAddress(node: IConstruct, part: IConstruct): void {
  const element = node as Element;
  if (pinned.has(node) || typeof element.overrideLogicalId !== "function" || !element.cdktfStack) return;
  const scopes = node.node.scopes;
  const components = scopes
    .slice(scopes.indexOf(element.cdktfStack) + 1)
    .filter((scope) => scope !== part)
    .map((scope) => scope.node.id);
  element.overrideLogicalId(uniqueId(components));
  pinned.add(node);
}

// cdktf's makeUniqueId (lib/private/unique.ts), which cdktf does not export: the human-readable
// path without repeated terms, then 8 hex digits of the path's MD5.
function uniqueId(path: string[]): string {
  const components = path.filter((c) => c !== "Default");
  if (components.length === 1 && components[0].replace(/[^A-Za-z0-9_-]/g, "").length <= 255) {
    return components[0].replace(/[^A-Za-z0-9_-]/g, "");
  }
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const c of components) if (human.length === 0 || !human[human.length - 1].endsWith(c)) human.push(c);
  return (
    human
      .filter((c) => c !== "Resource")
      .map((c) => c.replace(/[^A-Za-z0-9_-]/g, ""))
      .join("_")
      .slice(0, 240) +
    "_" +
    hash
  );
}
