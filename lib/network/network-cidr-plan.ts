/**
 * CIDR planning and pod-subnet sizing for the OKE virtual-node network.
 *
 * Pure: no cdktf imports, so it is tested without synthesis and reused by later constructs
 * (the cluster checks its pods/services CIDRs against the VCN with `cidrsOverlap`).
 */
import { formatIpv4, parseIpv4Block } from "./ipv4";

/** The subnets of the reference network, in the order they are carved out of the VCN. */
export type SubnetName = "api" | "nodes" | "pods" | "lb" | "db";
export const SUBNET_NAMES: readonly SubnetName[] = ["api", "nodes", "pods", "lb", "db"];

/** OCI keeps the first two and the last address of every subnet. */
export const OCI_RESERVED_IPS_PER_SUBNET = 3;
/** OCI's limit on private IPs in one VCN. */
export const OCI_MAX_PRIVATE_IPS_PER_VCN = 64_000;
/** OCI accepts VCN and subnet prefixes from /16 to /30. */
export const OCI_MIN_PREFIX = 16;
export const OCI_MAX_PREFIX = 30;

/** Prefix lengths used when a subnet's CIDR is carved automatically (Oracle's example layout). */
export const DEFAULT_SUBNET_PREFIXES: Record<SubnetName, number> = {
  api: 28,
  nodes: 19,
  pods: 19,
  lb: 24,
  db: 24,
};
/** Virtual nodes alone need few IPs: used for the node subnet when pods have their own subnet. */
export const DEFAULT_SEPARATE_NODE_SUBNET_PREFIX = 24;

export interface Cidr {
  /** Canonical `a.b.c.d/n` form. */
  readonly cidr: string;
  readonly prefixLength: number;
  /** First address as an integer. */
  readonly first: bigint;
  /** Last address as an integer. */
  readonly last: bigint;
}

/**
 * Parses an IPv4 CIDR and rejects anything Terraform would pass but OCI would not mean:
 * missing prefix, host bits set, leading zeroes.
 * @param what names the setting in error messages, e.g. `subnets.pods.cidr`.
 */
export function parseCidr(value: string, what: string): Cidr {
  const example = "e.g. 10.0.0.0/16";
  if (typeof value !== "string" || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(value)) {
    throw new Error(`${what}: "${value}" is not an IPv4 CIDR; expected a.b.c.d/n, ${example}`);
  }
  const parsed = parseIpv4Block(value);
  if (typeof parsed === "string") {
    throw new Error(`${what}: "${value}" is not a valid IPv4 CIDR (${parsed}); ${example}`);
  }
  const { block, address } = parsed;
  const network = formatIpv4(block.first);
  if (block.first !== address) {
    throw new Error(`${what}: "${value}" has host bits set; the network address of that block is ${network}/${block.prefixLength}`);
  }
  return { cidr: `${network}/${block.prefixLength}`, prefixLength: block.prefixLength, first: BigInt(block.first), last: BigInt(block.last) };
}

/** @internal */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** @internal */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

/** Addresses OCI lets instances use in a subnet of this prefix: 2^(32−prefix) − 3. */
export function usableIps(prefixLength: number): number {
  return 2 ** (32 - prefixLength) - OCI_RESERVED_IPS_PER_SUBNET;
}

/**
 * The longest prefix (smallest subnet) with at least `requiredIps` usable addresses, or
 * `undefined` when even a /16 is too small.
 * @internal
 */
export function smallestPrefixFor(requiredIps: number): number | undefined {
  for (let prefix = OCI_MAX_PREFIX; prefix >= OCI_MIN_PREFIX; prefix--) {
    if (usableIps(prefix) >= requiredIps) return prefix;
  }
  return undefined;
}

function cidrFromRange(first: bigint, prefixLength: number): Cidr {
  const size = 2n ** BigInt(32 - prefixLength);
  return {
    cidr: `${formatIpv4(Number(first))}/${prefixLength}`,
    prefixLength,
    first,
    last: first + size - 1n,
  };
}

/** Link-local (RFC 3927), multicast (RFC 5771) and loopback (RFC 1122) blocks. */
const NOT_FOR_VCNS: readonly Cidr[] = ["169.254.0.0/16", "224.0.0.0/4", "127.0.0.0/8"].map((range) => parseCidr(range, "range"));

/**
 * The VCN CIDR: private or public ranges are fine, link-local, multicast and loopback are not.
 * @internal
 */
export function parseVcnCidr(value: string): Cidr {
  const vcn = parseCidr(value, "vcnCidr");
  if (vcn.prefixLength < OCI_MIN_PREFIX || vcn.prefixLength > OCI_MAX_PREFIX) {
    throw new Error(
      `vcnCidr: "${value}" has prefix /${vcn.prefixLength}; OCI allows VCN prefixes from /${OCI_MIN_PREFIX} to /${OCI_MAX_PREFIX}`,
    );
  }
  if (NOT_FOR_VCNS.some((range) => vcn.first <= range.last && range.first <= vcn.last)) {
    throw new Error(
      `vcnCidr: "${value}" is a link-local, multicast or loopback range that OCI does not allow; use an RFC 1918 range such as 10.0.0.0/16`,
    );
  }
  return vcn;
}

export interface SubnetRequest {
  /** Explicit CIDR; carved automatically when absent. */
  readonly cidr?: string;
  /** Prefix length for automatic carving. */
  readonly prefixLength?: number;
}

export interface PlannedSubnet extends Cidr {
  readonly name: SubnetName;
  readonly usableIps: number;
  /** True when the user gave the CIDR, false when it was carved. */
  readonly explicit: boolean;
}

export interface SubnetPlanInput {
  readonly vcnCidr: string;
  /** The subnets to plan, in carving order; a name absent here gets no subnet. */
  readonly subnets: Partial<Record<SubnetName, SubnetRequest>>;
}

export interface SubnetPlan {
  readonly vcn: Cidr;
  readonly subnets: Partial<Record<SubnetName, PlannedSubnet>>;
}

/**
 * Places every subnet inside the VCN: explicit CIDRs are validated as given, the others are
 * carved in `SUBNET_NAMES` order at the next aligned free block (which reproduces Oracle's
 * example layout for 10.0.0.0/16: api .0.0/28, nodes .32.0/19, lb .64.0/24).
 */
export function planSubnets(input: SubnetPlanInput): SubnetPlan {
  const vcn = parseVcnCidr(input.vcnCidr);
  const names = SUBNET_NAMES.filter((name) => input.subnets[name] !== undefined);
  const placed: PlannedSubnet[] = [];

  for (const name of names) {
    const request = input.subnets[name]!;
    if (request.cidr === undefined) continue;
    const what = `subnets.${name}.cidr`;
    const cidr = parseCidr(request.cidr, what);
    checkSubnetPrefix(cidr.prefixLength, vcn, what, request.cidr);
    if (!cidrContains(vcn, cidr)) {
      throw new Error(`${what}: ${cidr.cidr} is outside the VCN ${vcn.cidr}; choose a block inside ${vcn.cidr}`);
    }
    const clash = placed.find((other) => cidrsOverlap(other, cidr));
    if (clash) {
      throw new Error(
        `${what}: ${cidr.cidr} overlaps subnets.${clash.name} (${clash.cidr}); subnets in one VCN must not overlap`,
      );
    }
    placed.push({ ...cidr, name, usableIps: usableIps(cidr.prefixLength), explicit: true });
  }

  let cursor = vcn.first;
  for (const name of names) {
    const request = input.subnets[name]!;
    if (request.cidr !== undefined) continue;
    const prefixLength = request.prefixLength ?? DEFAULT_SUBNET_PREFIXES[name];
    checkSubnetPrefix(prefixLength, vcn, `subnets.${name}.prefixLength`, String(prefixLength));
    // Next free block after the previous one; failing that, any gap left earlier in the VCN.
    const block = findFreeBlock(vcn, prefixLength, cursor, placed) ?? findFreeBlock(vcn, prefixLength, vcn.first, placed);
    if (!block) {
      const taken = placed.map((p) => `${p.name} ${p.cidr}`).join(", ");
      throw new Error(
        `subnets.${name}: no free /${prefixLength} left in VCN ${vcn.cidr} (taken: ${taken}); use a larger vcnCidr or a longer prefixLength`,
      );
    }
    placed.push({ ...block, name, usableIps: usableIps(prefixLength), explicit: false });
    cursor = block.last + 1n;
  }

  const subnets: Partial<Record<SubnetName, PlannedSubnet>> = {};
  for (const name of names) subnets[name] = placed.find((p) => p.name === name);
  return { vcn, subnets };
}

function checkSubnetPrefix(prefixLength: number, vcn: Cidr, what: string, value: string): void {
  if (!Number.isInteger(prefixLength) || prefixLength < vcn.prefixLength || prefixLength > OCI_MAX_PREFIX) {
    throw new Error(
      `${what}: "${value}" gives a /${prefixLength} subnet; in VCN ${vcn.cidr} a subnet prefix must be from /${vcn.prefixLength} to /${OCI_MAX_PREFIX}`,
    );
  }
}

function findFreeBlock(vcn: Cidr, prefixLength: number, from: bigint, taken: readonly Cidr[]): Cidr | undefined {
  const size = 2n ** BigInt(32 - prefixLength);
  // Blocks must start on a multiple of their size.
  let start = ((from + size - 1n) / size) * size;
  while (start + size - 1n <= vcn.last) {
    const candidate = cidrFromRange(start, prefixLength);
    const clash = taken.find((t) => cidrsOverlap(t, candidate));
    if (!clash) return candidate;
    start = ((clash.last + 1n + size - 1n) / size) * size;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Pod-subnet sizing
// ---------------------------------------------------------------------------------------------

/** A Deployment (or similar) whose pods run on virtual nodes. */
export interface WorkloadDemand {
  /** Name shown in the capacity report. */
  readonly name: string;
  /** The HPA's maxReplicas, or the fixed replica count. */
  readonly maxReplicas: number;
  /**
   * Rolling-update surge in percent of maxReplicas (Kubernetes rounds surge up).
   * @default 25 (the Deployment default maxSurge)
   */
  readonly surgePercent?: number;
}

/** A system component whose pods run on virtual nodes (External Secrets, metrics-server, …). */
export interface SystemComponent {
  readonly name: string;
  readonly pods: number;
}

export interface PodDemand {
  /**
   * Virtual nodes placed in the node subnet (one IP each).
   * @default 0 — the cluster adds its node pools' sizes
   */
  readonly virtualNodes?: number;
  /**
   * Application workloads.
   * @default []
   */
  readonly workloads?: WorkloadDemand[];
  /**
   * System components whose pods run on virtual nodes; the constructs that install them add
   * themselves (the cluster's CoreDNS, the OKE add-ons, External Secrets, metrics-server).
   * @default []
   */
  readonly systemComponents?: SystemComponent[];
  /**
   * Further system pods no construct registers (Jobs, operators you install yourself).
   * @default 4
   */
  readonly systemPods?: number;
  /**
   * Spare capacity on top of the peak, in percent.
   * @default 25
   */
  readonly headroomPercent?: number;
}

export const DEFAULT_SYSTEM_PODS = 4;
export const DEFAULT_HEADROOM_PERCENT = 25;
export const DEFAULT_SURGE_PERCENT = 25;

export interface IpRequirement {
  readonly virtualNodes: number;
  readonly workloadPods: number;
  readonly systemPods: number;
  readonly headroomPercent: number;
  readonly headroomIps: number;
  readonly total: number;
}

/**
 * Peak pods of one workload: maxReplicas plus the rolling-update surge, rounded up.
 * @internal
 */
export function peakPods(workload: WorkloadDemand): number {
  const surge = workload.surgePercent ?? DEFAULT_SURGE_PERCENT;
  requireWholeNumber(workload.maxReplicas, `workload "${workload.name}" maxReplicas`, 1);
  if (!(surge >= 0 && surge <= 100)) {
    throw new Error(`workload "${workload.name}" surgePercent: ${surge} is outside 0–100`);
  }
  return workload.maxReplicas + Math.ceil((workload.maxReplicas * surge) / 100);
}

/**
 * IPs a subnet needs: virtual nodes (if they live in it) + peak pods + system pods (if pods
 * live in it), plus headroom on the sum.
 * @internal
 */
export function requiredIps(demand: PodDemand, hosts: { nodes: boolean; pods: boolean }): IpRequirement {
  const headroomPercent = demand.headroomPercent ?? DEFAULT_HEADROOM_PERCENT;
  const otherSystemPods = demand.systemPods ?? DEFAULT_SYSTEM_PODS;
  const virtualNodes = demand.virtualNodes ?? 0;
  requireWholeNumber(virtualNodes, "virtualNodes", 0);
  requireWholeNumber(otherSystemPods, "systemPods", 0);
  for (const component of demand.systemComponents ?? []) requireWholeNumber(component.pods, `system component "${component.name}" pods`, 0);
  const systemPods = otherSystemPods + (demand.systemComponents ?? []).reduce((sum, c) => sum + c.pods, 0);
  if (!(headroomPercent >= 0 && headroomPercent <= 1000)) {
    throw new Error(`headroomPercent: ${headroomPercent} is outside 0–1000`);
  }
  const workloadPods = (demand.workloads ?? []).reduce((sum, w) => sum + peakPods(w), 0);
  const base = (hosts.nodes ? virtualNodes : 0) + (hosts.pods ? workloadPods + systemPods : 0);
  const headroomIps = Math.ceil((base * headroomPercent) / 100);
  return {
    virtualNodes: hosts.nodes ? virtualNodes : 0,
    workloadPods: hosts.pods ? workloadPods : 0,
    systemPods: hosts.pods ? systemPods : 0,
    headroomPercent,
    headroomIps,
    total: base + headroomIps,
  };
}

export interface CapacityCheck {
  readonly subnet: SubnetName;
  readonly cidr: string;
  readonly usableIps: number;
  readonly required: IpRequirement;
  readonly fits: boolean;
  /** The smallest prefix whose usable IPs cover the requirement (undefined: more than a /16). */
  readonly smallestFittingPrefix: number | undefined;
}

export function checkCapacity(subnet: SubnetName, cidr: string, required: IpRequirement): CapacityCheck {
  const parsed = parseCidr(cidr, `subnets.${subnet}.cidr`);
  const usable = usableIps(parsed.prefixLength);
  return {
    subnet,
    cidr: parsed.cidr,
    usableIps: usable,
    required,
    fits: usable >= required.total,
    smallestFittingPrefix: smallestPrefixFor(required.total),
  };
}

/**
 * One-line explanation of a failed check: required vs usable IPs and the prefix that fits.
 * @internal
 */
export function describeCapacityShortfall(check: CapacityCheck): string {
  const r = check.required;
  const parts = [
    r.virtualNodes ? `${r.virtualNodes} virtual nodes` : undefined,
    `${r.workloadPods} peak workload pods`,
    `${r.systemPods} system pods`,
    `${r.headroomIps} headroom (${r.headroomPercent}%)`,
  ].filter(Boolean);
  const fix =
    check.smallestFittingPrefix === undefined
      ? `no single subnet can hold that many (a /${OCI_MIN_PREFIX} has ${usableIps(OCI_MIN_PREFIX)}); lower the demand`
      : `use a /${check.smallestFittingPrefix} or larger (${usableIps(check.smallestFittingPrefix)} usable IPs)`;
  return (
    `${check.subnet} subnet ${check.cidr} has ${check.usableIps} usable IPs but the plan needs ${r.total} ` +
    `(${parts.join(" + ")}); ${fix}`
  );
}

function requireWholeNumber(value: number, what: string, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${what}: ${value} must be a whole number ≥ ${min}`);
  }
}
