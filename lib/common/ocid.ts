/**
 * OCID checks for values given as literals (reference: OCI "Resource Identifiers":
 * `ocid1.<RESOURCE TYPE>.<REALM>.[REGION][.FUTURE USE].<UNIQUE ID>`). References pass untouched.
 * Pure: no cdktf imports.
 */
import { isReference } from "./references";

/** The resource-type part of the OCIDs the library takes. */
export const OcidType = {
  compartment: ["compartment", "tenancy"],
  tenancy: ["tenancy"],
  vcn: ["vcn"],
  subnet: ["subnet"],
  nsg: ["networksecuritygroup"],
  vault: ["vault"],
  key: ["key"],
  secret: ["vaultsecret"],
  cluster: ["cluster"],
  certificate: ["certificate"],
  dbSystem: ["mysqldbsystem"],
  publicIp: ["publicip"],
} as const satisfies Record<string, readonly string[]>;

const OCID = /^ocid1\.([a-z0-9]+)\.(oc[0-9]+)\.([a-z0-9-]*)(\.[a-z0-9-]*)?\.([a-z0-9]+)$/;

/**
 * Checks `value` as an OCID of one of `types`; returns it unchanged.
 * @param what names the prop in the error, e.g. `compartmentId`.
 */
export function checkOcid(value: string, what: string, types: readonly string[]): string {
  if (isReference(value)) return value;
  const match = typeof value === "string" ? OCID.exec(value) : null;
  const expected = types.map((t) => `ocid1.${t}.<realm>.[region].<id>`).join(" or ");
  if (!match) {
    throw new Error(`${what}: "${value}" is not an OCID; expected ${expected}`);
  }
  if (!types.includes(match[1])) {
    throw new Error(`${what}: "${value}" is the OCID of a ${match[1]}; expected ${expected}`);
  }
  return value;
}

/**
 * `checkOcid` for optional props.
 * @internal
 */
export function checkOptionalOcid(value: string | undefined, what: string, types: readonly string[]): string | undefined {
  return value === undefined ? undefined : checkOcid(value, what, types);
}
