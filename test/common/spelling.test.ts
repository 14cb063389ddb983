import { closestCandidate, editDistance, likelyTypoOf } from "../../lib/common/spelling";

describe("editDistance", () => {
  test.each([
    ["manage", "manage", 0],
    ["mange", "manage", 1], // dropped letter
    ["familly", "family", 1], // doubled letter
    ["frankfrut", "frankfurt", 1], // swapped neighbours count once
    ["", "abc", 3],
    ["kitten", "sitting", 3],
  ])("GIVEN %j and %j THEN %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe("closestCandidate", () => {
  test("GIVEN candidates THEN the nearest one with its distance, the first of equals", () => {
    expect(closestCandidate("eu-frankfrut-1", ["eu-frankfurt-1", "eu-amsterdam-1"])).toEqual({ candidate: "eu-frankfurt-1", distance: 1 });
    expect(closestCandidate("ab", ["ax", "ay"])).toEqual({ candidate: "ax", distance: 1 });
  });

  test("GIVEN no candidates THEN undefined", () => {
    expect(closestCandidate("x", [])).toBeUndefined();
  });
});

describe("likelyTypoOf", () => {
  test("GIVEN a typo within a third of the word THEN the candidate, after normalizing", () => {
    expect(likelyTypoOf("MANGE", ["inspect", "read", "use", "manage"], (s) => s.toLowerCase())).toBe("manage");
  });

  test("GIVEN a word far from every candidate THEN undefined", () => {
    expect(likelyTypoOf("compartmentalize", ["read", "use"])).toBeUndefined();
  });
});
