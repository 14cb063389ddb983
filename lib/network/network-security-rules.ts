/**
 * The network security group rules OKE virtual nodes need (reference §1.1), as data.
 *
 * Pure: no cdktf imports. A rule's identity is (direction, peer, traffic): that is what its
 * Terraform address is made of. Each carries a readable sentence as its description in OCI, so
 * the console explains every open port, but editing a sentence changes no address.
 */

/** One NSG per role. */
export type NsgRole = "api" | "nodes" | "pods" | "lb" | "db";
export const NSG_ROLES: readonly NsgRole[] = ["api", "nodes", "pods", "lb", "db"];

export const PORTS = {
  kubernetesApi: 6443,
  /** Virtual node and pod → control plane; also the workload-identity token exchange. */
  okeControlPlane: 12250,
  kubelet: 10250,
  kubeProxyHealth: 10256,
  nodePortMin: 30000,
  nodePortMax: 32767,
  https: 443,
  mysql: 3306,
  mysqlX: 33060,
} as const;

export type Traffic =
  | { readonly protocol: "tcp" | "udp"; readonly fromPort?: number; readonly toPort?: number }
  | { readonly protocol: "icmp"; readonly type: number; readonly code?: number }
  | { readonly protocol: "all" };

/** Constructors for `Traffic`, readable at the call site: `Port.tcp(6443)`. */
export const Port = {
  tcp: (port: number): Traffic => ({ protocol: "tcp", fromPort: checkPort(port), toPort: port }),
  tcpRange: (from: number, to: number): Traffic => checkRange({ protocol: "tcp", fromPort: from, toPort: to }),
  allTcp: (): Traffic => ({ protocol: "tcp" }),
  udp: (port: number): Traffic => ({ protocol: "udp", fromPort: checkPort(port), toPort: port }),
  /** ICMP type 3 code 4, "fragmentation needed": path-MTU discovery. */
  icmpPathDiscovery: (): Traffic => ({ protocol: "icmp", type: 3, code: 4 }),
  allTraffic: (): Traffic => ({ protocol: "all" }),
};

/**
 * A peer as the rule table names it: one of the five NSGs by role, a CIDR, or the Oracle Services
 * Network. The Network turns these into `Peer`s (its own NSGs, `Peer.ipv4`, `Peer.oracleServices`).
 */
export type RoleRulePeer =
  | { readonly kind: "nsg"; readonly role: NsgRole }
  | { readonly kind: "cidr"; readonly cidr: string }
  | { readonly kind: "oracle-services" };

/** One row of the reference rule table. Its identity is (direction, peer, traffic); the description explains it. */
export interface RoleRule {
  readonly direction: RuleDirection;
  readonly peer: RoleRulePeer;
  readonly traffic: Traffic;
  readonly description: string;
}

export type RuleDirection = "ingress" | "egress";

/** The rules of each NSG, in order. */
export type NsgRuleTable = Record<NsgRole, RoleRule[]>;

export interface RuleTableOptions {
  /** CIDRs of kubectl / Terraform clients allowed to reach the API endpoint on 6443. */
  readonly apiClientCidrs: readonly string[];
  /** Pods and virtual nodes may reach 0.0.0.0/0 (through the NAT gateway). */
  readonly podInternetEgress: boolean;
  readonly lbListenerPorts: readonly number[];
  readonly lbClientCidrs: readonly string[];
  /** Open MySQL's X protocol (33060) from pods as well as 3306. */
  readonly mysqlXProtocol: boolean;
}

/** OCI caps rule descriptions at 255 characters. */
export const MAX_DESCRIPTION_LENGTH = 255;

const role = (r: NsgRole): RoleRulePeer => ({ kind: "nsg", role: r });
const cidr = (c: string): RoleRulePeer => ({ kind: "cidr", cidr: c });
const anyIpv4 = (): RoleRulePeer => cidr("0.0.0.0/0");
const oracleServices = (): RoleRulePeer => ({ kind: "oracle-services" });

function rule(t: NsgRuleTable, on: NsgRole, direction: RuleDirection, peer: RoleRulePeer, traffic: Traffic, description: string): void {
  t[on].push({ direction, peer, traffic, description });
}

/** Both sides of `from → to` (stateful NSGs need egress on the sender and ingress on the receiver). */
function connect(t: NsgRuleTable, from: NsgRole, to: NsgRole, traffic: Traffic, description: string): void {
  rule(t, from, "egress", role(to), traffic, description);
  rule(t, to, "ingress", role(from), traffic, description);
}

function ingress(t: NsgRuleTable, on: NsgRole, from: RoleRulePeer, traffic: Traffic, description: string): void {
  rule(t, on, "ingress", from, traffic, description);
}

function egress(t: NsgRuleTable, on: NsgRole, to: RoleRulePeer, traffic: Traffic, description: string): void {
  rule(t, on, "egress", to, traffic, description);
}

/**
 * Exactly the rules of reference §1.1 for the five NSGs. Rows that the reference lists on both
 * sides of a connection are added as connections; one-sided rows (asymmetric protocols,
 * external peers) as single rules.
 */
export function virtualNodeRuleTable(options: RuleTableOptions): NsgRuleTable {
  const t: NsgRuleTable = { api: [], nodes: [], pods: [], lb: [], db: [] };
  const { kubernetesApi, okeControlPlane, nodePortMin, nodePortMax, kubeProxyHealth, https, mysql, mysqlX } = PORTS;
  const nsg = role;

  // API endpoint
  for (const client of options.apiClientCidrs) {
    ingress(t, "api", cidr(client), Port.tcp(kubernetesApi), `Kubernetes clients in ${client} reach the API endpoint on ${kubernetesApi}`);
  }
  connect(t, "nodes", "api", Port.tcp(kubernetesApi), `Virtual nodes reach the Kubernetes API server on ${kubernetesApi}`);
  connect(t, "pods", "api", Port.tcp(kubernetesApi), `Pods reach the Kubernetes API server on ${kubernetesApi}`);
  connect(t, "nodes", "api", Port.tcp(okeControlPlane), `Virtual nodes reach the OKE control plane on ${okeControlPlane}`);
  connect(t, "pods", "api", Port.tcp(okeControlPlane), `Pods reach the OKE control plane on ${okeControlPlane} (workload identity token exchange)`);
  connect(t, "nodes", "api", Port.icmpPathDiscovery(), "Virtual nodes send path-MTU discovery to the API endpoint");
  egress(t, "api", oracleServices(), Port.tcp(https), "The API endpoint reaches Oracle Services Network on 443");
  connect(t, "api", "nodes", Port.allTcp(), "The API server reaches virtual nodes on any TCP port");
  // Asymmetric in Oracle's tables: the endpoint may send anything to pods (VCN-native
  // networking, admission webhooks), pods accept TCP from it.
  egress(t, "api", nsg("pods"), Port.allTraffic(), "The API server reaches pods on any protocol (webhooks, VCN-native pod networking)");
  ingress(t, "pods", nsg("api"), Port.allTcp(), "The API server reaches pods on any TCP port (webhooks)");
  connect(t, "api", "nodes", Port.icmpPathDiscovery(), "The API endpoint sends path-MTU discovery to virtual nodes");

  // Pods ↔ pods and pods ↔ virtual nodes (kubelet, metrics)
  ingress(t, "pods", nsg("pods"), Port.allTraffic(), "Pods accept traffic from other pods on any protocol");
  egress(t, "pods", nsg("pods"), Port.allTraffic(), "Pods send traffic to other pods on any protocol");
  connect(t, "pods", "nodes", Port.allTraffic(), "Pods reach virtual nodes on any protocol (kubelet, metrics)");
  connect(t, "nodes", "pods", Port.allTraffic(), "Virtual nodes reach pods on any protocol");
  ingress(t, "pods", nsg("api"), Port.icmpPathDiscovery(), "The API endpoint sends path-MTU discovery to pods");
  egress(t, "pods", nsg("api"), Port.icmpPathDiscovery(), "Pods send path-MTU discovery to the API endpoint");
  for (const sender of ["nodes", "pods"] as const) {
    const who = sender === "nodes" ? "Virtual nodes" : "Pods";
    egress(t, sender, oracleServices(), Port.allTcp(), `${who} reach Oracle Services Network on any TCP port (registry, vault, logging)`);
    if (options.podInternetEgress) {
      egress(t, sender, anyIpv4(), Port.allTraffic(), `${who} reach the internet through the NAT gateway (image pulls, external APIs)`);
    }
  }

  // Load balancers. OKE never manages these rules for virtual nodes; the LB targets pod IPs.
  for (const client of options.lbClientCidrs) {
    for (const port of options.lbListenerPorts) {
      ingress(t, "lb", cidr(client), Port.tcp(port), `Clients in ${client} reach the load balancer listener on ${port}`);
    }
  }
  connect(t, "lb", "pods", Port.tcpRange(nodePortMin, nodePortMax), `The load balancer reaches pods on NodePorts ${nodePortMin}-${nodePortMax}`);
  connect(t, "lb", "pods", Port.tcp(kubeProxyHealth), `The load balancer health-checks pods on ${kubeProxyHealth}`);

  // Database: pods only.
  connect(t, "pods", "db", Port.tcp(mysql), `Pods reach MySQL on ${mysql}`);
  if (options.mysqlXProtocol) connect(t, "pods", "db", Port.tcp(mysqlX), `Pods reach MySQL X protocol on ${mysqlX}`);

  return t;
}

/**
 * Short human form, e.g. `TCP 6443`, `TCP 30000-32767`, `ICMP 3/4`, `all`.
 * @internal
 */
export function describeTraffic(traffic: Traffic): string {
  switch (traffic.protocol) {
    case "all":
      return "all";
    case "icmp":
      return `ICMP ${traffic.type}${traffic.code === undefined ? "" : `/${traffic.code}`}`;
    default: {
      const proto = traffic.protocol.toUpperCase();
      if (traffic.fromPort === undefined) return `${proto} all`;
      return traffic.fromPort === traffic.toPort ? `${proto} ${traffic.fromPort}` : `${proto} ${traffic.fromPort}-${traffic.toPort}`;
    }
  }
}

/** Short human form of a table peer, e.g. `NSG pods`, `0.0.0.0/0`, `OSN`. */
export function describeRoleRulePeer(peer: RoleRulePeer): string {
  switch (peer.kind) {
    case "nsg":
      return `NSG ${peer.role}`;
    case "cidr":
      return peer.cidr;
    case "oracle-services":
      return "OSN";
  }
}

/** Ports CIS OCI 2.1–2.4 forbid opening to 0.0.0.0/0. */
export const ADMIN_PORTS = [22, 3389] as const;

/**
 * The admin ports (SSH, RDP) that traffic of this kind reaches.
 * @internal
 */
export function adminPortsIn(traffic: Traffic): number[] {
  if (traffic.protocol === "all") return [...ADMIN_PORTS];
  if (traffic.protocol !== "tcp") return [];
  const { fromPort, toPort } = traffic;
  return ADMIN_PORTS.filter((p) => fromPort === undefined || (p >= fromPort && p <= (toPort ?? fromPort)));
}

/** True when an ingress rule from `sourceCidr` would let the whole internet reach SSH or RDP. */
export function opensAdminPortToInternet(direction: RuleDirection, sourceCidr: string | undefined, traffic: Traffic): boolean {
  if (direction !== "ingress" || sourceCidr !== "0.0.0.0/0") return false;
  return adminPortsIn(traffic).length > 0;
}

/**
 * The one validation of a rule, whoever adds it: a description OCI accepts, and no SSH/RDP from
 * the internet (CIS OCI 2.1–2.4). Returns the problems, empty when the rule is fine.
 */
export function ruleProblems(rule: {
  readonly direction: RuleDirection;
  readonly sourceCidr?: string;
  readonly traffic: Traffic;
  readonly description: string;
}): string[] {
  const problems: string[] = [];
  const { description } = rule;
  if (description.length === 0 || description.length > MAX_DESCRIPTION_LENGTH) {
    problems.push(`rule description must be 1–${MAX_DESCRIPTION_LENGTH} characters, got ${description.length}: "${description}"`);
  }
  if (opensAdminPortToInternet(rule.direction, rule.sourceCidr, rule.traffic)) {
    problems.push(
      `rule "${description}" would open ${ADMIN_PORTS.join("/")} to 0.0.0.0/0 (CIS OCI 2.3/2.4); restrict its source CIDR or ports`,
    );
  }
  return problems;
}

/**
 * The traffic part of a rule's Terraform address: `tcp-6443`, `tcp-30000-32767`, `tcp-all`,
 * `udp-53`, `icmp-3-4`, `all`. Two traffics have the same key exactly when they are the same.
 */
export function trafficKey(traffic: Traffic): string {
  switch (traffic.protocol) {
    case "all":
      return "all";
    case "icmp":
      return traffic.code === undefined ? `icmp-${traffic.type}` : `icmp-${traffic.type}-${traffic.code}`;
    default:
      if (traffic.fromPort === undefined) return `${traffic.protocol}-all`;
      return traffic.fromPort === (traffic.toPort ?? traffic.fromPort)
        ? `${traffic.protocol}-${traffic.fromPort}`
        : `${traffic.protocol}-${traffic.fromPort}-${traffic.toPort}`;
  }
}

/** A CIDR as part of a Terraform address: `10.0.0.0/16` → `cidr-10-0-0-0-16`. */
export function cidrKey(cidr: string): string {
  return `cidr-${cidr.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
}

/** A readable default description from a rule's identity, e.g. "ingress from NSG pods on TCP 3306". */
export function defaultDescription(direction: RuleDirection, peer: string, traffic: Traffic): string {
  return `${direction} ${direction === "ingress" ? "from" : "to"} ${peer} on ${describeTraffic(traffic)}`;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port ${port} is not a TCP/UDP port; use a whole number from 1 to 65535`);
  }
  return port;
}

function checkRange(traffic: Traffic & { fromPort?: number; toPort?: number }): Traffic {
  checkPort(traffic.fromPort!);
  checkPort(traffic.toPort!);
  if (traffic.fromPort! > traffic.toPort!) {
    throw new Error(`port range ${traffic.fromPort}-${traffic.toPort} is reversed; give the lower port first`);
  }
  return traffic;
}

/**
 * The table as Markdown (one row per rule), for the README.
 * @internal
 */
export function ruleTableMarkdown(table: NsgRuleTable): string {
  const rows = ["| NSG | Direction | Peer | Traffic | Description |", "|---|---|---|---|---|"];
  for (const role of NSG_ROLES) {
    for (const { direction, peer, traffic, description } of table[role]) {
      rows.push(`| ${role} | ${direction === "ingress" ? "in" : "out"} | ${describeRoleRulePeer(peer)} | ${describeTraffic(traffic)} | ${description} |`);
    }
  }
  return rows.join("\n");
}
