import { checkRegion } from "../../lib/common/region";

describe("checkRegion", () => {
  test.each(["eu-frankfurt-1", "us-ashburn-1", "us-gov-ashburn-1", "us-langley-1", "eu-dcc-milan-1", "uk-gov-london-1", "ap-dcc-canberra-1", "sa-saopaulo-1", "me-dubai-1", "eu-madrid-3", "${var.region}"])(
    "GIVEN %s THEN it is accepted",
    (region) => {
      expect(checkRegion(region)).toBe(region);
    },
  );

  test.each(["", "frankfurt", "eu-frankfurt", "EU-FRANKFURT-1", "eu-frankfurt-1a", "eu--frankfurt-1", "e-frankfurt-1", "eu-frankfurt-0", "eu_frankfurt_1", " eu-frankfurt-1", "FRA"])(
    "GIVEN %j THEN a clear error naming it",
    (region) => {
      expect(() => checkRegion(region)).toThrow(
        `region: "${region}" is not an OCI region identifier; expected <geo>-<name>-<n> in lower case, e.g. eu-frankfurt-1 or us-gov-ashburn-1`,
      );
    },
  );
});
