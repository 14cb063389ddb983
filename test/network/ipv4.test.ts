import { blockContains, formatIpv4, parseIpv4Address, parseIpv4Block } from "../../lib/network/ipv4";

describe("parseIpv4Address", () => {
  test.each<[string, number]>([
    ["0.0.0.0", 0],
    ["10.0.0.1", 167772161],
    ["255.255.255.255", 4294967295],
  ])("GIVEN %s THEN %d", (text, value) => {
    expect(parseIpv4Address(text)).toBe(value);
    expect(formatIpv4(value)).toBe(text);
  });

  test.each<[string, string]>([
    ["010.0.0.0", "leading zeroes"],
    ["10.00.0.0", "leading zeroes"],
    ["256.0.0.0", "256 is not a number from 0 to 255"],
    ["10.0.0", "four numbers"],
    ["10.0.0.0.0", "four numbers"],
    ["10.0.-1.0", "-1 is not a number from 0 to 255"],
    ["10.0.a.0", "a is not a number"],
    ["", "four numbers"],
  ])("GIVEN %s THEN it says why it is not an address", (text, reason) => {
    expect(parseIpv4Address(text)).toEqual(expect.stringContaining(reason));
  });
});

describe("parseIpv4Block", () => {
  test("GIVEN 10.20.0.0/16 THEN its first and last address and prefix", () => {
    expect(parseIpv4Block("10.20.0.0/16")).toEqual({ block: { first: parseIpv4Address("10.20.0.0"), last: parseIpv4Address("10.20.255.255"), prefixLength: 16 }, address: parseIpv4Address("10.20.0.0") });
  });

  test("GIVEN host bits set THEN the block of the address, and the address as given", () => {
    const parsed = parseIpv4Block("10.20.0.1/16") as { block: { first: number }; address: number };
    expect(formatIpv4(parsed.block.first)).toBe("10.20.0.0");
    expect(formatIpv4(parsed.address)).toBe("10.20.0.1");
  });

  test.each<[string, number, number]>([
    ["0.0.0.0/0", 0, 4294967295],
    ["8.8.8.8/32", 134744072, 134744072],
  ])("GIVEN %s THEN first %d, last %d", (text, first, last) => {
    expect(parseIpv4Block(text)).toMatchObject({ block: { first, last } });
  });

  test.each<[string, string]>([
    ["10.0.0.0", "no prefix length"],
    ["10.0.0.0/33", "/33 is not from 0 to 32"],
    ["10.0.0.0/016", "/016 is not from 0 to 32"],
    ["10.0.0.0/", "is not from 0 to 32"],
    ["300.0.0.0/8", "300 is not a number from 0 to 255"],
  ])("GIVEN %s THEN it says why it is not a block", (text, reason) => {
    expect(parseIpv4Block(text)).toEqual(expect.stringContaining(reason));
  });
});

describe("blockContains", () => {
  const block = (text: string) => (parseIpv4Block(text) as { block: { first: number; last: number; prefixLength: number } }).block;
  test.each<[string, string, boolean]>([
    ["10.0.0.0/8", "10.255.0.0/16", true],
    ["10.0.0.0/8", "10.0.0.0/8", true],
    ["10.0.0.0/8", "10.0.0.0/7", false],
    ["172.16.0.0/12", "172.32.0.0/16", false],
    ["192.168.0.0/16", "192.168.7.7/32", true],
  ])("GIVEN %s and %s THEN %s", (outer, inner, contained) => {
    expect(blockContains(block(outer), block(inner))).toBe(contained);
  });
});
