import { REALMS, REGIONS, checkOcidRealm, closestRegion, realmOfOcid, regionInfo, regionsOf } from "../../lib/common/realms";
import { checkRegion } from "../../lib/common/region";

describe("the realm table", () => {
  test("THEN each known region has its realm and region key (Oracle's Regions page)", () => {
    expect(regionInfo("eu-frankfurt-1")).toEqual({ id: "eu-frankfurt-1", key: "FRA", realm: "oc1" });
    expect(regionInfo("us-ashburn-1")).toEqual({ id: "us-ashburn-1", key: "IAD", realm: "oc1" });
    expect(regionInfo("us-langley-1")).toEqual({ id: "us-langley-1", key: "LFI", realm: "oc2" });
    expect(regionInfo("us-gov-ashburn-1")).toEqual({ id: "us-gov-ashburn-1", key: "RIC", realm: "oc3" });
    expect(regionInfo("uk-gov-london-1")).toEqual({ id: "uk-gov-london-1", key: "LTN", realm: "oc4" });
    expect(regionInfo("ap-chiyoda-1")).toEqual({ id: "ap-chiyoda-1", key: "NJA", realm: "oc8" });
    expect(regionInfo("eu-dcc-milan-1")).toEqual({ id: "eu-dcc-milan-1", key: "BGY", realm: "oc14" });
    expect(regionInfo("eu-frankfurt-2")).toEqual({ id: "eu-frankfurt-2", key: "STR", realm: "oc19" });
    expect(regionInfo("toString")).toBeUndefined();
    expect(regionInfo("eu-frankfrut-1")).toBeUndefined();
  });

  test("THEN every region is a well-formed identifier, keys are unique, and every realm is described", () => {
    const regions = Object.values(REGIONS);
    for (const region of regions) {
      expect(checkRegion(region.id)).toBe(region.id);
      expect(region.key).toMatch(/^[A-Z]{3}$/);
      expect(REALMS[region.realm]).toBeDefined();
    }
    expect(new Set(regions.map((r) => r.key)).size).toBe(regions.length);
    expect(Object.keys(REALMS).every((realm) => regionsOf(realm).length > 0)).toBe(true);
    expect(REALMS.oc1).toEqual({ key: "oc1", domain: "oraclecloud.com", description: "commercial" });
    expect(REALMS.oc19.domain).toBe("oraclecloud.eu");
  });

  test("GIVEN OCIDs THEN their realm", () => {
    expect(realmOfOcid("ocid1.tenancy.oc1..aaaaaaaat")).toBe("oc1");
    expect(realmOfOcid("ocid1.cluster.oc2.us-langley-1.aaaaaaaac")).toBe("oc2");
    expect(realmOfOcid("ocid1.compartment.oc14..aaaa")).toBe("oc14");
    expect(realmOfOcid("${var.compartment}")).toBeUndefined();
  });

  test.each([
    ["eu-frankfrut-1", "eu-frankfurt-1"],
    ["us-ashburn-2x", "us-ashburn-2"],
    ["uk-londn-1", "uk-london-1"],
    ["us-langly-1", "us-langley-1"],
  ])("GIVEN the unknown region %s THEN the closest known one is %s", (typo, closest) => {
    expect(closestRegion(typo)).toBe(closest);
  });

  test("GIVEN an OCID of another realm THEN an error naming the prop, both realms and the region", () => {
    expect(() => checkOcidRealm("ocid1.tenancy.oc1..aaaaaaaat", "tenancyId", "oc2", "us-langley-1")).toThrow(
      /^tenancyId: "ocid1\.tenancy\.oc1\.\.aaaaaaaat" is an OCID of realm oc1, but region us-langley-1 is in realm oc2; .* Use an OCID of realm oc2, or a region of realm oc1/,
    );
    expect(() => checkOcidRealm("ocid1.tenancy.oc2..aaaaaaaat", "tenancyId", "oc2", "us-langley-1")).not.toThrow();
    // An unknown region's realm is unknown: nothing to compare.
    expect(() => checkOcidRealm("ocid1.tenancy.oc2..aaaaaaaat", "tenancyId", undefined, "xx-new-1")).not.toThrow();
  });
});
