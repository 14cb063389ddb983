/**
 * A Mermaid diagram of synthesized stacks: the VCN with its subnets, gateways and what runs in
 * each subnet, and the traffic paths the NSG rules open (ICMP path discovery left out). It is read
 * from the Terraform JSON, so it shows what was synthesized, across stacks: references through
 * `terraform_remote_state` are followed to the stack that outputs them. Pure: no cdktf imports.
 */
import type { SynthesizedStack } from "./synth-summary";

type Json = Record<string, any>;

const REF = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[^}]*\}$/;
const REMOTE = /^\$\{data\.terraform_remote_state\.([^.]+)\.outputs\.([^}]+)\}$/;

/** Where a value points: a resource of some stack, found through remote state when need be. */
class Resolver {
  private readonly byName = new Map<string, SynthesizedStack>();
  public constructor(private readonly stacks: readonly SynthesizedStack[]) {
    for (const stack of stacks) this.byName.set(stack.name, stack);
  }

  public resource(stack: SynthesizedStack, ref: unknown): { type: string; body: Json } | undefined {
    if (typeof ref !== "string") return undefined;
    const remote = REMOTE.exec(ref);
    if (remote) {
      const source = this.remoteStack(stack, remote[1]);
      const value = (source?.json as Json | undefined)?.output?.[remote[2]]?.value;
      return source ? this.resource(source, value) : undefined;
    }
    const local = REF.exec(ref);
    if (!local) return undefined;
    const body = (stack.json.resource ?? {})[local[1]]?.[local[2]];
    return body ? { type: local[1], body: body as Json } : undefined;
  }

  private remoteStack(stack: SynthesizedStack, dataName: string): SynthesizedStack | undefined {
    const config = (stack.json.data as Json | undefined)?.terraform_remote_state?.[dataName]?.config ?? {};
    const name: string | undefined = config.workspaces?.name ?? /terraform\.(.+)\.tfstate$/.exec(config.path ?? "")?.[1];
    return this.stacks.find((s) => s.name === name || (name !== undefined && name.endsWith(s.name)));
  }
}

const ROLE_BY_NSG_NAME = /-(api|nodes|pods|lb|db)-nsg$/;
const NODE_OF_ROLE: Record<string, string> = { api: "endpoint", nodes: "pool", pods: "pods", lb: "loadbalancer", db: "mysql" };

function traffic(rule: Json): string | undefined {
  const range = rule.tcp_options?.destination_port_range ?? rule.udp_options?.destination_port_range;
  const ports = range ? (range.min === range.max ? `${range.min}` : `${range.min}-${range.max}`) : "all";
  switch (rule.protocol) {
    case "6":
      return `TCP ${ports}`;
    case "17":
      return `UDP ${ports}`;
    case "all":
      return "all";
    default:
      return undefined; // ICMP path discovery: left out of the picture
  }
}

function all(stacks: readonly SynthesizedStack[], type: string): { stack: SynthesizedStack; name: string; body: Json }[] {
  return stacks.flatMap((stack) => Object.entries((stack.json.resource ?? {})[type] ?? {}).map(([name, body]) => ({ stack, name, body: body as Json })));
}

const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

export function architectureDiagram(stacks: readonly SynthesizedStack[]): string {
  const resolve = new Resolver(stacks);
  const lines = ["flowchart LR"];
  const vcn = all(stacks, "oci_core_vcn")[0]?.body;
  const subnets = all(stacks, "oci_core_subnet").map((s) => s.body);
  const subnetOf = (label: string) => subnets.find((s) => s.dns_label === label);
  const pool = all(stacks, "oci_containerengine_virtual_node_pool")[0]?.body;
  const db = all(stacks, "oci_mysql_mysql_db_system")[0]?.body;
  const releases = all(stacks, "helm_release").map((r) => r.body.chart as string);
  const manifests = all(stacks, "kubernetes_manifest").map((m) => m.body.manifest as Json);
  const deployments = manifests.filter((m) => m.kind === "Deployment");
  const hpas = manifests.filter((m) => m.kind === "HorizontalPodAutoscaler");
  const addons = all(stacks, "oci_containerengine_addon").map((a) => a.body.addon_name as string);

  lines.push(`  clients(("Internet / clients"))`);
  lines.push(`  osn[${quote("Oracle Services Network")}]`);
  lines.push(`  vault[(${quote(`OCI Vault: HSM key, ${all(stacks, "oci_vault_secret").length} secret(s)`)})]`);
  lines.push(`  subgraph vcn[${quote(`VCN ${vcn?.cidr_blocks?.join(", ") ?? ""}`)}]`);
  lines.push(`    igw[Internet gateway]`, `    nat[NAT gateway]`, `    sgw[Service gateway]`);
  const subnetBlock = (label: string, id: string, body: string[]) => {
    const subnet = subnetOf(label);
    if (!subnet) return;
    const visibility = subnet.prohibit_public_ip_on_vnic ? "private" : "public";
    lines.push(`    subgraph ${id}[${quote(`${label} subnet ${subnet.cidr_block} (${visibility})`)}]`, ...body.map((b) => `      ${b}`), "    end");
  };
  subnetBlock("api", "apiSubnet", [`endpoint[${quote("OKE enhanced cluster: API endpoint")}]`]);
  const podsSubnet = subnetOf("pods") ? "pods" : "nodes";
  const workloads = deployments.map((d) => {
    const hpa = hpas.find((h) => h.metadata.name === d.metadata.name && h.metadata.namespace === d.metadata.namespace);
    return `${d.metadata.namespace}/${d.metadata.name}${hpa ? ` ${hpa.spec.minReplicas}–${hpa.spec.maxReplicas} pods` : ""}`;
  });
  const podLines = [`pods[${quote(["Pods (VCN-native IPs)", ...workloads, ...releases.map((r) => `${r} (Helm)`), ...addons.map((a) => `${a} add-on`)].join("<br/>"))}]`];
  const poolLine = `pool[${quote(`Virtual node pool: ${pool?.size ?? 0} nodes, ${pool?.pod_configuration?.shape ?? ""}`)}]`;
  subnetBlock("nodes", "nodesSubnet", podsSubnet === "nodes" ? [poolLine, ...podLines] : [poolLine]);
  if (podsSubnet === "pods") subnetBlock("pods", "podsSubnet", podLines);
  subnetBlock("lb", "lbSubnet", [`loadbalancer[${quote("OCI flexible load balancer (native ingress controller)")}]`]);
  subnetBlock("db", "dbSubnet", [`mysql[(${quote(`MySQL HeatWave ${db?.shape_name ?? ""}${db?.is_highly_available ? ", HA" : ""}`)})]`]);
  lines.push("  end");

  const roleOf = (stack: SynthesizedStack, ref: unknown) => {
    const nsg = resolve.resource(stack, ref);
    return nsg?.type === "oci_core_network_security_group" ? ROLE_BY_NSG_NAME.exec(nsg.body.display_name ?? "")?.[1] : undefined;
  };
  // Gateways: the LB subnet routes through the internet gateway, pods' own internet egress (when
  // the NSGs allow it) through NAT, Oracle services through the service gateway.
  lines.push("  loadbalancer --- igw --- clients", "  sgw --- osn --- vault");
  const egressToInternet = all(stacks, "oci_core_network_security_group_security_rule").some(
    ({ stack, body }) => body.direction === "EGRESS" && body.destination === "0.0.0.0/0" && roleOf(stack, body.network_security_group_id) === "pods",
  );
  if (egressToInternet) lines.push("  pods -. egress .-> nat --> clients");

  // Traffic the NSG rules open, from the receiving side.
  const edges = new Map<string, Set<string>>();
  const addEdge = (from: string, to: string, label: string) => {
    const key = `${from}|${to}`;
    if (!edges.has(key)) edges.set(key, new Set());
    edges.get(key)!.add(label);
  };
  for (const { stack, body: rule } of all(stacks, "oci_core_network_security_group_security_rule")) {
    const label = traffic(rule);
    const role = roleOf(stack, rule.network_security_group_id);
    if (!label || !role) continue;
    if (rule.direction === "INGRESS") {
      const from = rule.source_type === "NETWORK_SECURITY_GROUP" ? roleOf(stack, rule.source) : undefined;
      if (from) addEdge(NODE_OF_ROLE[from], NODE_OF_ROLE[role], label);
      else if (rule.source_type === "CIDR_BLOCK") addEdge("clients", NODE_OF_ROLE[role], `${label} from ${rule.source}`);
    } else if (rule.destination_type === "SERVICE_CIDR_BLOCK") {
      addEdge(NODE_OF_ROLE[role], "sgw", label);
    }
  }
  for (const [key, labels] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    const [from, to] = key.split("|");
    lines.push(`  ${from} -->|${quote([...labels].sort().join(", "))}| ${to}`);
  }
  return lines.join("\n");
}
