/**
 * OCI region identifiers (reference §14): `<geo>-<name…>-<n>`, e.g. `eu-frankfurt-1`,
 * `us-gov-ashburn-1`, `eu-dcc-milan-1`. Pure: no cdktf imports.
 */
import { isReference } from "./references";

const REGION = /^[a-z]{2}(-[a-z]+)+-[1-9][0-9]*$/;

export function checkRegion(region: string, what = "region"): string {
  if (isReference(region)) return region;
  if (typeof region !== "string" || !REGION.test(region)) {
    throw new Error(
      `${what}: "${region}" is not an OCI region identifier; expected <geo>-<name>-<n> in lower case, e.g. eu-frankfurt-1 or us-gov-ashburn-1`,
    );
  }
  return region;
}
