import { closestName, editDistance, unknownSettingWarnings } from "../../reference/setting-names";

describe("setting names", () => {
  test.each([
    ["OKE_API_ACCESS", "OKE_API_ACCESS", 0],
    ["OKE_API_ACESS", "OKE_API_ACCESS", 1],
    ["REGOIN", "REGION", 1], // a transposition is one edit
    ["abc", "", 3],
  ])("GIVEN %s and %s THEN the edit distance is %d", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  test("GIVEN a typo THEN the closest name, ignoring case and separators", () => {
    expect(closestName("oke-api-access", ["OKE_API_ACCESS", "OKE_APP_NAME"])).toBe("OKE_API_ACCESS");
    expect(closestName("nodepoolsize", ["nodePoolSize", "appName"])).toBe("nodePoolSize");
  });

  test("GIVEN a name unlike any known one THEN no suggestion", () => {
    expect(closestName("OKE_COMPLETELY_DIFFERENT", ["OKE_API_ACCESS", "OKE_APP_NAME"])).toBeUndefined();
  });

  test("GIVEN variables outside the checked namespaces THEN no warning, whatever their name", () => {
    expect(unknownSettingWarnings({ OKEAPIACCESS: "x", TF_LOG: "DEBUG", OCIREGION: "x" }, {}, [{ env: "OKE_API_ACCESS", context: "apiAccess" }])).toEqual([]);
  });

  test("GIVEN a variable set to undefined (unset) THEN no warning", () => {
    expect(unknownSettingWarnings({ OKE_API_ACESS: undefined }, {}, [{ env: "OKE_API_ACCESS", context: "apiAccess" }])).toEqual([]);
  });
});
