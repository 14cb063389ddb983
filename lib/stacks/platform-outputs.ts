/**
 * The platform stack's outputs that the later stacks cannot do without (`importPlatform`), for
 * checking an outputs file before anything is built. Pure: no cdktf imports.
 */
import { NSG_ROLES } from "../network/network-security-rules";
import type { ExistingPlatformAttributes } from "./platform";

export const REQUIRED_PLATFORM_OUTPUTS: readonly (keyof ExistingPlatformAttributes)[] = [
  "compartment_id",
  "vcn_id",
  "api_subnet_id",
  "nodes_subnet_id",
  "lb_subnet_id",
  ...NSG_ROLES.map((role) => `${role}_nsg_id` as const),
  "vault_id",
  "vault_key_id",
  "cluster_id",
  "mysql_endpoint",
  "mysql_admin_username",
  "mysql_password_secret_id",
  "mysql_password_secret_name",
];

/** The required outputs `outputs` lacks (absent, empty or not a string), all of them. */
export function missingPlatformOutputs(outputs: Readonly<Record<string, unknown>>): string[] {
  return REQUIRED_PLATFORM_OUTPUTS.filter((key) => typeof outputs[key] !== "string" || outputs[key] === "");
}
