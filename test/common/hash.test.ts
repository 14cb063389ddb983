import { shortHash } from "../../lib/common/hash";

describe("shortHash", () => {
  test("GIVEN the same input THEN the same hash, across calls (names stay stable across synths)", () => {
    expect(shortHash("oke-app/app/deployment")).toBe(shortHash("oke-app/app/deployment"));
  });

  test("GIVEN a known input THEN the known value (the algorithm must not change: names and addresses derive from it)", () => {
    // 31-multiplier string hash over UTF-16 code units, unsigned 32-bit, base 36.
    let expected = 0;
    for (const ch of "cluster") expected = (Math.imul(expected, 31) + ch.charCodeAt(0)) >>> 0;
    expect(shortHash("cluster")).toBe(expected.toString(36));
    expect(shortHash("")).toBe("0");
    expect(shortHash("a")).toBe((97).toString(36));
  });

  test("GIVEN similar inputs THEN different hashes, at most 7 base-36 digits", () => {
    const hashes = ["a/b", "a/c", "b/a", "ab", "network/pods", "network/pod"].map(shortHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const h of [...hashes, shortHash("x".repeat(1000))]) expect(h).toMatch(/^[0-9a-z]{1,7}$/);
  });
});
