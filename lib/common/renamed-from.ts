/**
 * Declaring a rename of a stateful resource, so Terraform moves it in the state instead of
 * destroying the old address and creating the new one. See README "Stable addresses".
 */
import type { TerraformResource } from "../cdktf";

/**
 * Emits `moved { from = <oldAddress>, to = <resource's address> }` in the resource's stack
 * (cdktf's `moveFromId`), after a construct id or path changed the resource's logical id.
 * `oldAddress` is the address Terraform has in its state: `type.logical_id`, as in the golden list
 * or `terraform state list`; a bare logical id is accepted and given the resource's type. It must
 * name the same type (Terraform cannot move between types) and another address than the new one.
 * Keep the call until every deployed state has applied it.
 * @returns the resource, for chaining
 */
export function renamedFrom<T extends TerraformResource>(resource: T, oldAddress: string): T {
  const type = resource.terraformResourceType;
  const address = oldAddress.includes(".") ? oldAddress : `${type}.${oldAddress}`;
  const match = /^([a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(address);
  if (!match) {
    throw new Error(`${resource.node.path}: renamedFrom("${oldAddress}") is not a Terraform resource address; give "${type}.<old logical id>", as \`terraform state list\` shows it`);
  }
  if (match[1] !== type) {
    throw new Error(`${resource.node.path}: renamedFrom("${oldAddress}") names a ${match[1]}, but this resource is a ${type}; Terraform moves state only between resources of the same type`);
  }
  if (match[2] === resource.friendlyUniqueId) {
    throw new Error(`${resource.node.path}: renamedFrom("${oldAddress}") is this resource's own address; give the address it had before the rename`);
  }
  resource.moveFromId(address);
  return resource;
}
