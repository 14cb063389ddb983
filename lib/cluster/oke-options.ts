/**
 * Validation of OKE cluster and virtual-node-pool settings (reference §3). Pure: no cdktf imports.
 */

/** Pod shapes virtual nodes run. */
export const VIRTUAL_NODE_POD_SHAPES = ["Pod.Standard.E3.Flex", "Pod.Standard.E4.Flex", "Pod.Standard.A1.Flex"] as const;
export type PodShape = (typeof VIRTUAL_NODE_POD_SHAPES)[number];

/** Every OCI availability domain has these three fault domains. */
export const FAULT_DOMAINS = ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"] as const;

/** The native ingress controller add-on needs 1.28; virtual nodes themselves 1.25. */
export const MIN_KUBERNETES_VERSION = { major: 1, minor: 28 };
/**
 * Default cluster version. Unconfirmed which versions OKE offers on the day you deploy: list them
 * with `oci ce cluster-options get --cluster-option-id all` and set `kubernetesVersion`.
 */
export const DEFAULT_KUBERNETES_VERSION = "v1.34.1";

/** @internal */
export function checkKubernetesVersion(version: string): string {
  const match = /^v(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!match) {
    throw new Error(`kubernetesVersion: "${version}" is not of the form vX.Y.Z, e.g. ${DEFAULT_KUBERNETES_VERSION}`);
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const { major: minMajor, minor: minMinor } = MIN_KUBERNETES_VERSION;
  if (major < minMajor || (major === minMajor && minor < minMinor)) {
    throw new Error(
      `kubernetesVersion: ${version} is older than v${minMajor}.${minMinor}, the oldest version the OCI native ingress controller add-on supports`,
    );
  }
  return version;
}

/** @internal */
export function checkPodShape(shape: string): PodShape {
  if (!(VIRTUAL_NODE_POD_SHAPES as readonly string[]).includes(shape)) {
    throw new Error(`podShape: "${shape}" is not a virtual-node pod shape; use one of ${VIRTUAL_NODE_POD_SHAPES.join(", ")}`);
  }
  return shape as PodShape;
}

/** @internal */
export function checkFaultDomains(faultDomains: readonly string[], where: string): string[] {
  if (faultDomains.length === 0) {
    throw new Error(`${where}: faultDomains is empty; list one or more of ${FAULT_DOMAINS.join(", ")}`);
  }
  for (const fd of faultDomains) {
    if (!(FAULT_DOMAINS as readonly string[]).includes(fd)) {
      throw new Error(`${where}: "${fd}" is not a fault domain; use ${FAULT_DOMAINS.join(", ")}`);
    }
  }
  if (new Set(faultDomains).size !== faultDomains.length) {
    throw new Error(`${where}: faultDomains lists a fault domain twice: ${faultDomains.join(", ")}`);
  }
  return [...faultDomains];
}

/** Where virtual nodes go: one availability domain and some or all of its fault domains. */
export interface PlacementOption {
  /** Full AD name, e.g. `Uocm:EU-FRANKFURT-1-AD-1`. */
  readonly availabilityDomain: string;
  /**
   * Fault domains of that AD.
   * @default all three
   */
  readonly faultDomains?: string[];
}

/**
 * Checks a placement list: at least one AD, no AD twice, known fault domains (all by default).
 * @internal
 */
export function checkPlacement(placement: readonly PlacementOption[], what: string): PlacementOption[] {
  if (placement.length === 0) throw new Error(`${what} is empty; give at least one availability domain`);
  const ads = placement.map((p) => p.availabilityDomain);
  if (new Set(ads).size !== ads.length) throw new Error(`${what} lists an availability domain twice: ${ads.join(", ")}`);
  return placement.map((p) => ({
    availabilityDomain: p.availabilityDomain,
    faultDomains: checkFaultDomains(p.faultDomains ?? [...FAULT_DOMAINS], `${what} ${p.availabilityDomain}`),
  }));
}

/** @internal */
export function checkPoolSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`virtual node pool size: ${size} must be a whole number ≥ 1`);
  }
  return size;
}

const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Kubernetes label (and taint) keys: optional DNS-subdomain prefix + '/' + name of ≤ 63 characters.
 * @internal
 */
export function checkLabelKey(key: string, what: string): string {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefixOk = prefix === undefined || (prefix.length <= 253 && LABEL_PREFIX.test(prefix));
  if (!prefixOk || name.length > 63 || !LABEL_NAME.test(name)) {
    throw new Error(
      `${what}: "${key}" is not a valid Kubernetes label key; use [prefix/]name with a name of at most 63 letters, digits, '-', '_' or '.'`,
    );
  }
  return key;
}

/**
 * Kubernetes label values: empty, or ≤ 63 letters, digits, '-', '_', '.' starting and ending alphanumeric.
 * @internal
 */
export function checkLabelValue(value: string, what: string): string {
  if (value !== "" && (value.length > 63 || !LABEL_NAME.test(value))) {
    throw new Error(
      `${what}: "${value}" is not a valid Kubernetes label value; use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
    );
  }
  return value;
}

export const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
export type TaintEffect = (typeof TAINT_EFFECTS)[number];

/** @internal */
export function checkTaintEffect(effect: string, what: string): TaintEffect {
  if (!(TAINT_EFFECTS as readonly string[]).includes(effect)) {
    throw new Error(`${what}: "${effect}" is not a taint effect; use ${TAINT_EFFECTS.join(", ")}`);
  }
  return effect as TaintEffect;
}
