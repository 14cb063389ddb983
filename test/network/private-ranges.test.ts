import { PRIVATE_RANGES, isPrivateCidr } from "../../lib/network/private-ranges";
import { parseCidr } from "../../lib/network/network-cidr-plan";

describe("PRIVATE_RANGES", () => {
  test("THEN exactly RFC 1918's three blocks and RFC 6598's shared address space", () => {
    expect([...PRIVATE_RANGES]).toEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]);
  });
});

describe("isPrivateCidr", () => {
  test.each([
    // each range whole, and its first and last single address
    ["10.0.0.0/8", true],
    ["10.0.0.0/32", true],
    ["10.255.255.255/32", true],
    ["172.16.0.0/12", true],
    ["172.16.0.0/32", true],
    ["172.31.255.255/32", true],
    ["172.16.5.0/24", true],
    ["192.168.0.0/16", true],
    ["192.168.0.0/32", true],
    ["192.168.255.255/32", true],
    ["100.64.0.0/10", true],
    ["100.64.0.0/32", true],
    ["100.127.255.255/32", true],
  ])("GIVEN %s, inside a private range, THEN private", (cidr, expected) => {
    expect(isPrivateCidr(cidr)).toBe(expected);
  });

  test.each([
    // the addresses just outside each range
    ["9.255.255.255/32"],
    ["11.0.0.0/32"],
    ["172.15.255.255/32"],
    ["172.32.0.0/32"],
    ["192.167.255.255/32"],
    ["192.169.0.0/32"],
    ["100.63.255.255/32"],
    ["100.128.0.0/32"],
    // blocks that only partly overlap or contain a range
    ["10.0.0.0/7"],
    ["172.0.0.0/11"],
    ["192.168.0.0/15"],
    ["100.0.0.0/9"],
    ["0.0.0.0/0"],
    // public neighbours people mistake for private
    ["172.32.0.0/16"],
    ["100.128.0.0/16"],
    ["203.0.113.0/24"],
  ])("GIVEN %s, not wholly inside a private range, THEN not private", (cidr) => {
    expect(isPrivateCidr(cidr)).toBe(false);
  });

  test("GIVEN a parsed Cidr THEN the same answer as for its string", () => {
    expect(isPrivateCidr(parseCidr("100.100.0.0/16", "test"))).toBe(true);
    expect(isPrivateCidr(parseCidr("100.128.0.0/16", "test"))).toBe(false);
  });

  test.each([
    ["10.0.0.1/8", 'CIDR: "10.0.0.1/8" has host bits set; the network address of that block is 10.0.0.0/8'],
    ["10.0.0.0", 'CIDR: "10.0.0.0" is not an IPv4 CIDR; expected a.b.c.d/n, e.g. 10.0.0.0/16'],
  ])("GIVEN %s THEN an error naming the value", (cidr, message) => {
    expect(() => isPrivateCidr(cidr)).toThrow(message);
  });
});
