/**
 * Address ranges that never route on the internet, for the clients of a private API endpoint.
 * Pure: no cdktf imports.
 * - RFC 1918 (10/8, 172.16/12, 192.168/16): the ranges OCI VCNs, peered networks, VPN and
 *   FastConnect on-premises networks use.
 * - RFC 6598 shared address space (100.64.0.0/10): not routable on the internet either; carrier-
 *   grade NAT and some on-premises networks reach a VCN from it through VPN or FastConnect.
 */
import { Cidr, cidrContains, parseCidr } from "./network-cidr-plan";

export const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;

const PRIVATE = PRIVATE_RANGES.map((r) => parseCidr(r, "private range"));

/** True when every address of `cidr` is in one of `PRIVATE_RANGES`. */
export function isPrivateCidr(cidr: Cidr | string): boolean {
  const parsed = typeof cidr === "string" ? parseCidr(cidr, "CIDR") : cidr;
  return PRIVATE.some((range) => cidrContains(range, parsed));
}
