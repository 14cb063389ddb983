/**
 * OCI realms and the regions the library knows in each, with their region keys. A tenancy lives
 * in one realm and reaches only that realm's regions; OCIDs carry the realm
 * (`ocid1.<type>.<realm>.…`). Pure: no cdktf imports.
 *
 * Sources: Oracle, "Regions and Availability Domains"
 * (https://docs.oracle.com/en-us/iaas/Content/General/Concepts/regions.htm: region identifier,
 * region key, realm key), and the region/realm tables of Oracle's OCI SDKs (oci-go-sdk
 * `common/regions.go`, 2025), which also give each realm's domain. New regions appear: a region
 * missing here is warned about, not refused.
 */
import { closestCandidate } from "./spelling";

/** A realm: its key (`oc1`), its second-level domain, and what it is. */
export interface Realm {
  readonly key: string;
  readonly domain: string;
  readonly description: string;
}

export const REALMS: Readonly<Record<string, Realm>> = Object.fromEntries(
  (
    [
      ["oc1", "oraclecloud.com", "commercial"],
      ["oc2", "oraclegovcloud.com", "US Government (FedRAMP)"],
      ["oc3", "oraclegovcloud.com", "US Government (DISA IL5)"],
      ["oc4", "oraclegovcloud.uk", "UK Government"],
      ["oc8", "oraclecloud8.com", "Japan dedicated"],
      ["oc9", "oraclecloud9.com", "Oman dedicated"],
      ["oc10", "oraclecloud10.com", "Australia dedicated"],
      ["oc14", "oraclecloud14.com", "EU dedicated"],
      ["oc15", "oraclecloud15.com", "Bangladesh dedicated"],
      ["oc19", "oraclecloud.eu", "EU Sovereign Cloud"],
      ["oc20", "oraclecloud20.com", "Serbia dedicated"],
      ["oc21", "oraclecloud21.com", "Qatar dedicated"],
      ["oc23", "oraclecloud23.com", "US dedicated"],
      ["oc24", "oraclecloud24.com", "Switzerland dedicated"],
      ["oc26", "oraclecloud26.com", "UAE dedicated"],
      ["oc29", "oraclecloud29.com", "UAE dedicated"],
      ["oc35", "oraclecloud35.com", "Korea dedicated"],
      ["oc42", "oraclecloud42.com", "US dedicated"],
      ["oc51", "oraclecloud51.com", "Hungary dedicated"],
    ] as const
  ).map(([key, domain, description]) => [key, { key, domain, description }]),
);

/** A region: its key (the three-letter code in endpoints and AD names) and its realm. */
export interface RegionInfo {
  readonly id: string;
  readonly key: string;
  readonly realm: string;
}

const BY_REALM: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  oc1: [
    ["af-johannesburg-1", "JNB"], ["ap-batam-1", "HSG"], ["ap-chennai-1", "DES"], ["ap-chuncheon-1", "YNY"],
    ["ap-delhi-1", "ONM"], ["ap-hyderabad-1", "HYD"], ["ap-melbourne-1", "MEL"], ["ap-mumbai-1", "BOM"],
    ["ap-osaka-1", "KIX"], ["ap-seoul-1", "ICN"], ["ap-singapore-1", "SIN"], ["ap-singapore-2", "XSP"],
    ["ap-sydney-1", "SYD"], ["ap-tokyo-1", "NRT"], ["ca-montreal-1", "YUL"], ["ca-toronto-1", "YYZ"],
    ["eu-amsterdam-1", "AMS"], ["eu-frankfurt-1", "FRA"], ["eu-madrid-1", "MAD"], ["eu-madrid-3", "ORF"],
    ["eu-marseille-1", "MRS"], ["eu-milan-1", "LIN"], ["eu-paris-1", "CDG"], ["eu-stockholm-1", "ARN"],
    ["eu-turin-1", "NRQ"], ["eu-zurich-1", "ZRH"], ["il-jerusalem-1", "MTZ"], ["me-abudhabi-1", "AUH"],
    ["me-dubai-1", "DXB"], ["me-jeddah-1", "JED"], ["me-riyadh-1", "RUH"], ["mx-monterrey-1", "MTY"],
    ["mx-queretaro-1", "QRO"], ["sa-bogota-1", "BOG"], ["sa-santiago-1", "SCL"], ["sa-saopaulo-1", "GRU"],
    ["sa-valparaiso-1", "VAP"], ["sa-vinhedo-1", "VCP"], ["uk-cardiff-1", "CWL"], ["uk-london-1", "LHR"],
    ["us-ashburn-1", "IAD"], ["us-chicago-1", "ORD"], ["us-columbus-1", "VKZ"], ["us-phoenix-1", "PHX"],
    ["us-saltlake-2", "AGA"], ["us-sanjose-1", "SJC"],
  ],
  oc2: [["us-langley-1", "LFI"], ["us-luke-1", "LUF"]],
  oc3: [["us-gov-ashburn-1", "RIC"], ["us-gov-chicago-1", "PIA"], ["us-gov-phoenix-1", "TUS"]],
  oc4: [["uk-gov-london-1", "LTN"], ["uk-gov-cardiff-1", "BRS"]],
  oc8: [["ap-chiyoda-1", "NJA"], ["ap-ibaraki-1", "UKB"]],
  oc9: [["me-dcc-muscat-1", "MCT"], ["me-ibri-1", "IBR"]],
  oc10: [["ap-dcc-canberra-1", "WGA"]],
  oc14: [["eu-dcc-dublin-1", "ORK"], ["eu-dcc-dublin-2", "SNN"], ["eu-dcc-milan-1", "BGY"], ["eu-dcc-milan-2", "MXP"], ["eu-dcc-rating-1", "DUS"], ["eu-dcc-rating-2", "DTM"]],
  oc15: [["ap-dcc-gazipur-1", "DAC"]],
  oc19: [["eu-frankfurt-2", "STR"], ["eu-madrid-2", "VLL"]],
  oc20: [["eu-jovanovac-1", "BEG"]],
  oc21: [["me-dcc-doha-1", "DOH"]],
  oc23: [["us-somerset-1", "EBB"], ["us-thames-1", "EBL"]],
  oc24: [["eu-crissier-1", "AVF"], ["eu-dcc-zurich-1", "AVZ"]],
  oc26: [["me-abudhabi-3", "AHU"], ["me-alain-1", "RBA"]],
  oc29: [["me-abudhabi-2", "RKT"], ["me-abudhabi-4", "SHJ"]],
  oc35: [["ap-chuncheon-2", "BNO"], ["ap-seoul-2", "DTZ"], ["ap-suwon-1", "DLN"]],
  oc42: [["us-ashburn-2", "YXJ"], ["us-newark-1", "PGC"]],
  oc51: [["eu-budapest-1", "JSK"]],
};

export const REGIONS: Readonly<Record<string, RegionInfo>> = Object.fromEntries(
  Object.entries(BY_REALM).flatMap(([realm, regions]) => regions.map(([id, key]) => [id, { id, key, realm }])),
);

/** The region the library knows under this identifier, or undefined. */
export function regionInfo(region: string): RegionInfo | undefined {
  return Object.prototype.hasOwnProperty.call(REGIONS, region) ? REGIONS[region] : undefined;
}

/** The realm key in an OCID (`ocid1.<type>.<realm>.…`), or undefined when it is not one. */
export function realmOfOcid(ocid: string): string | undefined {
  const match = typeof ocid === "string" ? /^ocid1\.[a-z0-9]+\.(oc[0-9]+)\./.exec(ocid) : null;
  return match?.[1];
}

/** The known region closest in spelling to `region` (edit distance), for "did you mean". */
export function closestRegion(region: string): string {
  return closestCandidate(region, Object.keys(REGIONS))?.candidate ?? "";
}

/**
 * Checks that a literal OCID belongs to `realm` (the region's); references and unknown realms pass.
 * @param what names the prop or setting in the error.
 */
export function checkOcidRealm(ocid: string | undefined, what: string, realm: string | undefined, region: string): void {
  if (ocid === undefined || realm === undefined) return;
  const ocidRealm = realmOfOcid(ocid);
  if (ocidRealm !== undefined && ocidRealm !== realm) {
    throw new Error(
      `${what}: "${ocid}" is an OCID of realm ${ocidRealm}, but region ${region} is in realm ${realm}; a tenancy reaches only its own realm's regions. ` +
        `Use an OCID of realm ${realm}, or a region of realm ${ocidRealm} (${regionsOf(ocidRealm).slice(0, 3).join(", ") || "see Oracle's Regions page"})`,
    );
  }
}

/** The regions the library knows in `realm`. */
export function regionsOf(realm: string): string[] {
  return (BY_REALM[realm] ?? []).map(([id]) => id);
}

