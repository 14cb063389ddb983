/**
 * The Network's props, checked and resolved into a plan before anything is created: subnets and
 * their CIDRs, DNS labels, the reference rule table's options, flow logs and the base pod demand.
 *
 * Pure: no cdktf imports. Errors name the offending prop and what would be valid; the Network
 * prefixes them with its construct path.
 */
import { OcidType, checkOcid } from "../common/ocid";
import type { NetworkProps, SubnetOptions } from "./network";
import {
  DEFAULT_SEPARATE_NODE_SUBNET_PREFIX,
  PodDemand,
  SubnetName,
  SubnetPlan,
  parseCidr,
  planSubnets,
  requiredIps,
} from "./network-cidr-plan";
import { RuleTableOptions } from "./network-security-rules";

export const FLOW_LOG_RETENTION_DAYS: readonly number[] = [30, 60, 90, 120, 150, 180];
const DNS_LABEL = /^[a-zA-Z][a-zA-Z0-9]{0,14}$/;

/** A subnet as it will be created. */
export interface NetworkSubnet {
  readonly name: SubnetName;
  readonly cidr: string;
  readonly isPublic: boolean;
  readonly dnsLabel: string;
  /** Display-name suffix: `nodes-pods-subnet` when pods share the node subnet. */
  readonly displayName: string;
}

export interface NetworkPlan {
  readonly compartmentId: string;
  readonly vcnCidr: string;
  readonly vcnDnsLabel: string;
  readonly podsShareNodeSubnet: boolean;
  /** Where every subnet goes (the CIDR planner's result). */
  readonly subnetPlan: SubnetPlan;
  readonly subnets: readonly NetworkSubnet[];
  /** The options of the reference NSG rule table. */
  readonly rules: RuleTableOptions;
  /** True when `apiClientCidrs` opens the API endpoint to 0.0.0.0/0 (accepted with a warning). */
  readonly apiOpenToInternet: boolean;
  /** Flow logs, or undefined when turned off. */
  readonly flowLogs?: { readonly retentionDays: number };
  readonly podCapacity: PodDemand;
}

/** Checks `props` and resolves every default; throws on the first bad value. */
export function planNetwork(props: NetworkProps): NetworkPlan {
  const compartmentId = checkOcid(props.compartmentId, "compartmentId", OcidType.compartment);
  const podsShareNodeSubnet = !(props.separatePodSubnet ?? false);
  const podCapacity = props.podCapacity ?? {};
  // Bad numbers fail here, where they were given, not at the capacity check.
  requiredIps(podCapacity, { nodes: true, pods: true });

  const subnetOptions = resolveSubnetOptions(props, podsShareNodeSubnet);
  const subnetPlan = planSubnets({ vcnCidr: props.vcnCidr ?? "10.0.0.0/16", subnets: subnetOptions });
  const vcnCidr = subnetPlan.vcn.cidr;
  const vcnDnsLabel = checkDnsLabel(props.vcnDnsLabel ?? "okevcn", "vcnDnsLabel");
  const subnets = (Object.keys(subnetPlan.subnets) as SubnetName[]).map((name): NetworkSubnet => ({
    name,
    cidr: subnetPlan.subnets[name]!.cidr,
    isPublic: subnetOptions[name]!.public!,
    dnsLabel: checkDnsLabel(subnetOptions[name]!.dnsLabel ?? name, `subnets.${name}.dnsLabel`),
    displayName: name === "nodes" && podsShareNodeSubnet ? "nodes-pods-subnet" : `${name}-subnet`,
  }));

  const apiClientCidrs = (props.apiClientCidrs ?? []).map((c) => parseCidr(c, "apiClientCidrs").cidr);
  const lbPublic = subnetOptions.lb!.public!;
  const lbClientCidrs = (props.loadBalancerClientCidrs ?? (lbPublic ? ["0.0.0.0/0"] : [vcnCidr])).map(
    (c) => parseCidr(c, "loadBalancerClientCidrs").cidr,
  );
  const lbListenerPorts = props.loadBalancerListenerPorts ?? [80, 443];
  for (const port of lbListenerPorts) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`loadBalancerListenerPorts: ${port} is not a TCP port; use whole numbers from 1 to 65535`);
    }
  }

  const flowLogsEnabled = props.flowLogs?.enabled ?? true;
  const retentionDays = props.flowLogs?.retentionDays ?? 90;
  if (flowLogsEnabled && !FLOW_LOG_RETENTION_DAYS.includes(retentionDays)) {
    throw new Error(`flowLogs.retentionDays: ${retentionDays} is not allowed; use one of ${FLOW_LOG_RETENTION_DAYS.join(", ")}`);
  }

  return {
    compartmentId,
    vcnCidr,
    vcnDnsLabel,
    podsShareNodeSubnet,
    subnetPlan,
    subnets,
    rules: {
      apiClientCidrs,
      podInternetEgress: props.podInternetEgress ?? true,
      lbListenerPorts,
      lbClientCidrs,
      mysqlXProtocol: props.mysqlXProtocol ?? false,
    },
    apiOpenToInternet: apiClientCidrs.includes("0.0.0.0/0"),
    flowLogs: flowLogsEnabled ? { retentionDays } : undefined,
    podCapacity,
  };
}

function resolveSubnetOptions(props: NetworkProps, podsShareNodeSubnet: boolean): Partial<Record<SubnetName, SubnetOptions>> {
  const given = props.subnets ?? {};
  if (podsShareNodeSubnet && given.pods) {
    throw new Error(`subnets.pods is set but pods share the virtual-node subnet; set separatePodSubnet: true or configure subnets.nodes`);
  }
  const names: SubnetName[] = podsShareNodeSubnet ? ["api", "nodes", "lb", "db"] : ["api", "nodes", "pods", "lb", "db"];
  const resolved: Partial<Record<SubnetName, SubnetOptions>> = {};
  for (const subnetName of names) {
    const options = given[subnetName] ?? {};
    const mayBePublic = subnetName === "api" || subnetName === "lb";
    if (options.public && !mayBePublic) {
      const why =
        subnetName === "db" ? "the database subnet must be private" : "OKE virtual nodes need regional private subnets for virtual nodes and pods";
      throw new Error(`subnets.${subnetName}.public is true: ${why}; remove it or set it to false`);
    }
    const prefixLength =
      options.prefixLength ?? (subnetName === "nodes" && !podsShareNodeSubnet ? DEFAULT_SEPARATE_NODE_SUBNET_PREFIX : undefined);
    resolved[subnetName] = { ...options, prefixLength, public: options.public ?? subnetName === "lb" };
  }
  return resolved;
}

/** A VCN or subnet DNS label: 1–15 letters and digits, starting with a letter. */
export function checkDnsLabel(label: string, what: string): string {
  if (!DNS_LABEL.test(label)) {
    throw new Error(`${what}: "${label}" is not a valid DNS label; use 1–15 letters and digits starting with a letter`);
  }
  return label;
}
