/**
 * IPv4 addresses as integers: the little the CIDR planning and the compliance checks need, without
 * a dependency (ip-address cost more to load than all of the planning). Pure: no cdktf imports.
 * @internal
 */

/** An IPv4 block: its first and last address as integers and its prefix length. */
export interface Ipv4Block {
  readonly first: number;
  readonly last: number;
  readonly prefixLength: number;
}

const OCTET = /^(0|[1-9]\d{0,2})$/;

/** The address as an integer, or why it is not a dotted-quad IPv4 address. */
export function parseIpv4Address(text: string): number | string {
  const parts = text.split(".");
  if (parts.length !== 4) return "an IPv4 address has four numbers separated by dots";
  let value = 0;
  for (const part of parts) {
    if (/^0\d/.test(part)) return "IPv4 addresses can't have leading zeroes";
    if (!OCTET.test(part) || Number(part) > 255) return `${part} is not a number from 0 to 255`;
    value = value * 256 + Number(part);
  }
  return value;
}

/** The block `a.b.c.d/n`, or why it is not one. Host bits may be set: `first` is then below the address. */
export function parseIpv4Block(text: string): { block: Ipv4Block; address: number } | string {
  const slash = text.indexOf("/");
  if (slash < 0) return "no prefix length (/n)";
  const address = parseIpv4Address(text.slice(0, slash));
  if (typeof address === "string") return address;
  const prefix = text.slice(slash + 1);
  if (!/^(0|[1-9]\d?)$/.test(prefix) || Number(prefix) > 32) return `the prefix length /${prefix} is not from 0 to 32`;
  const prefixLength = Number(prefix);
  const size = 2 ** (32 - prefixLength);
  const first = address - (address % size);
  return { block: { first, last: first + size - 1, prefixLength }, address };
}

/** `a.b.c.d` of an integer address. */
export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

/** True when `inner` lies wholly in `outer`. */
export function blockContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}
