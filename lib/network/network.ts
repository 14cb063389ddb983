import { Construct, IConstruct } from "constructs";
import { environmentName } from "../common/environment";
import { CoreDefaultSecurityList } from "../../.gen/providers/oci/core-default-security-list";
import { CoreInternetGateway } from "../../.gen/providers/oci/core-internet-gateway";
import { CoreNatGateway } from "../../.gen/providers/oci/core-nat-gateway";
import { CoreRouteTable } from "../../.gen/providers/oci/core-route-table";
import { CoreServiceGateway } from "../../.gen/providers/oci/core-service-gateway";
import { CoreSubnet } from "../../.gen/providers/oci/core-subnet";
import { CoreVcn } from "../../.gen/providers/oci/core-vcn";
import { DataOciCoreServices } from "../../.gen/providers/oci/data-oci-core-services";
import { LoggingLog } from "../../.gen/providers/oci/logging-log";
import { LoggingLogGroup } from "../../.gen/providers/oci/logging-log-group";
import { Annotations, TerraformStack } from "../cdktf";
import { atPath, checkedAt } from "../common/construct-errors";
import { OcidType, checkOcid } from "../common/ocid";
import {
  CapacityCheck,
  PodDemand,
  SubnetName,
  SubnetPlan,
  checkCapacity,
  describeCapacityShortfall,
  parseCidr,
  peakPods,
  requiredIps,
  DEFAULT_SYSTEM_PODS,
  OCI_MAX_PRIVATE_IPS_PER_VCN,
} from "./network-cidr-plan";
import { LoadBalancerAnnotationOptions, loadBalancerAnnotations } from "./load-balancer-annotations";
import { Connections, Peer } from "./connections";
import { NetworkSecurityGroup } from "./network-security-group";
import { planNetwork } from "./network-plan";
import { NSG_ROLES, NsgRole, RoleRulePeer, virtualNodeRuleTable } from "./network-security-rules";

/** What a subnet is used for. `pods` resolves to the node subnet when the two are shared. */
export type SubnetRole = SubnetName;

export interface SubnetOptions {
  /**
   * The subnet's CIDR, inside the VCN.
   * @default carved automatically from the VCN CIDR
   */
  readonly cidr?: string;
  /**
   * Prefix length used when the CIDR is carved automatically.
   * @default api /28, nodes /19 (/24 when pods have their own subnet), pods /19, lb /24, db /24
   */
  readonly prefixLength?: number;
  /**
   * Public subnet (route to the internet gateway, public IPs allowed). Only the API endpoint and
   * load-balancer subnets may be public.
   * @default true for lb, false for all others
   */
  readonly public?: boolean;
  /**
   * DNS label (1–15 letters and digits, starting with a letter).
   * @default the subnet's name: api, nodes, pods, lb, db
   */
  readonly dnsLabel?: string;
}

/** A subnet as later constructs see it. */
export interface SubnetRef {
  readonly name: SubnetName;
  readonly subnetId: string;
  /** Known for subnets created here or imported with their CIDR. */
  readonly cidr?: string;
  readonly isPublic: boolean;
}

export interface FlowLogOptions {
  /**
   * Create a VCN flow log for every subnet (CIS OCI 4.13).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Days to keep flow logs: 30, 60, 90, 120, 150 or 180.
   * @default 90
   */
  readonly retentionDays?: number;
}

export interface NetworkProps {
  /** Compartment OCID for every network resource. */
  readonly compartmentId: string;
  /**
   * Prefix of display names.
   * @default "oke-vn"
   */
  readonly name?: string;
  /**
   * The VCN's CIDR block (/16 to /30).
   * @default "10.0.0.0/16"
   */
  readonly vcnCidr?: string;
  /**
   * The VCN's DNS label.
   * @default "okevcn"
   */
  readonly vcnDnsLabel?: string;
  /**
   * Give pods their own subnet instead of sharing the virtual-node subnet (Oracle recommends
   * sharing).
   * @default false
   */
  readonly separatePodSubnet?: boolean;
  /**
   * Per-subnet CIDR, size, visibility and DNS label.
   * @default all carved automatically; API endpoint private, load balancers public
   */
  readonly subnets?: Partial<Record<SubnetName, SubnetOptions>>;
  /**
   * CIDRs allowed to reach the Kubernetes API endpoint on 6443 (kubectl, Terraform, CI runners).
   * 0.0.0.0/0 is accepted with a synth warning.
   * @default [] — nothing outside the cluster's own subnets
   */
  readonly apiClientCidrs?: string[];
  /**
   * Let pods and virtual nodes reach the internet through the NAT gateway (public image
   * registries, external APIs).
   * @default true
   */
  readonly podInternetEgress?: boolean;
  /**
   * TCP ports the load balancers listen on.
   * @default [80, 443]
   */
  readonly loadBalancerListenerPorts?: number[];
  /**
   * CIDRs allowed to reach the load-balancer listeners.
   * @default ["0.0.0.0/0"] for a public LB subnet, the VCN CIDR for a private one
   */
  readonly loadBalancerClientCidrs?: string[];
  /**
   * Open MySQL's X protocol (33060) from pods in addition to 3306.
   * @default false
   */
  readonly mysqlXProtocol?: boolean;
  /**
   * VCN flow logs.
   * @default enabled, 90 days
   */
  readonly flowLogs?: FlowLogOptions;
  /**
   * Pods and virtual nodes the pod subnet must hold. Node pools and workloads add to it later
   * with `addPodDemand`.
   * @default no workloads, 4 further system pods (DEFAULT_SYSTEM_PODS), 25 % headroom
   */
  readonly podCapacity?: PodDemand;
}

/**
 * One `addPodDemand` call: what was asked for and by whom.
 *
 * Where a shortfall fails: demands are summed in the order they were added (construction order,
 * so the platform's before the apps'); the first demand after which a subnet no longer fits
 * "pushed it over". The error is raised by a validation in the stack of that construct (at its
 * path), so a platform whose own pools and add-ons fit stays valid and the app stack whose
 * `maxReplicas: 400` overflows the pod subnet is the one that fails, naming itself. A shortfall of
 * the network's own `podCapacity`, or caused by a construct in the network's stack, fails in the
 * network's stack. Either way the message lists every requester and its stack, largest first.
 */
export interface PodDemandRecord {
  readonly demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">;
  /** The construct path of the requester. */
  readonly requestedBy: string;
  /** The path of the requester's stack. */
  readonly stack: string;
}

/** The network later constructs build on: subnets and NSGs by role, plus the capacity plan. */
export interface INetwork extends IConstruct {
  readonly compartmentId: string;
  readonly vcnId: string;
  /** The VCN CIDR, when known. */
  readonly vcnCidr?: string;
  /** True when pods are placed in the virtual-node subnet. */
  readonly podsShareNodeSubnet: boolean;
  /** The subnet serving `role`. */
  subnet(role: SubnetRole): SubnetRef;
  /** The NSG of `role`. */
  securityGroup(role: NsgRole): NetworkSecurityGroup;
  /**
   * The traffic rules of `role`'s NSG, e.g.
   * `network.connections("lb").allowTo(network.connections("pods"), Port.tcp(8080), "…", this)`.
   */
  connections(role: NsgRole): Connections;
  /**
   * Records more virtual nodes, workloads or system components, with the construct that needs
   * them; checked against the subnets at synth (see `PodDemandRecord` for where a shortfall fails).
   */
  addPodDemand(demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">, requestedBy: IConstruct): void;
  /** The demands recorded with `addPodDemand`, in the order they were added. */
  podDemands(): PodDemandRecord[];
  /** Required vs usable IPs for the subnets that hold virtual nodes and pods. */
  capacityReport(): CapacityCheck[];
  /** The OCID of every role's NSG. */
  readonly nsgIds: Record<NsgRole, string>;
  /**
   * Annotations for a `type: LoadBalancer` Service: its load balancer in the LB subnet and LB NSG,
   * with OKE's own security-rule management off (it never manages rules on virtual nodes).
   */
  loadBalancerAnnotations(options?: LoadBalancerAnnotationOptions): Record<string, string>;
}

/** The service gateway's target: every OCI service in the region, not just Object Storage. */
const ORACLE_SERVICES_NAME_REGEX = "All .* Services In Oracle Services Network";

/** Behaviour shared by created and imported networks. */
abstract class NetworkBase extends Construct implements INetwork {
  public abstract readonly compartmentId: string;
  public abstract readonly vcnId: string;
  public abstract readonly vcnCidr?: string;
  public abstract readonly podsShareNodeSubnet: boolean;
  protected abstract readonly subnetRefs: Partial<Record<SubnetName, SubnetRef>>;
  protected abstract readonly nsgs: Record<NsgRole, NetworkSecurityGroup>;
  private readonly baseDemand: PodDemand;
  private readonly extraDemand: { record: PodDemandRecord; requester: IConstruct }[] = [];
  private readonly validatedRequesters = new Set<IConstruct>();

  protected constructor(scope: Construct, id: string, podCapacity: PodDemand | undefined) {
    super(scope, id);
    this.baseDemand = podCapacity ?? {};
    // Validate eagerly so bad numbers fail where they were given.
    checkedAt(this, () => requiredIps(this.baseDemand, { nodes: true, pods: true }));
    this.node.addValidation({ validate: () => this.capacityErrors(this) });
  }

  public subnet(role: SubnetRole): SubnetRef {
    const name: SubnetName = role === "pods" && this.podsShareNodeSubnet ? "nodes" : role;
    const ref = this.subnetRefs[name];
    if (!ref) throw new Error(`${this.node.path}: this network has no ${role} subnet`);
    return ref;
  }

  public securityGroup(role: NsgRole): NetworkSecurityGroup {
    return this.nsgs[role];
  }

  public connections(role: NsgRole): Connections {
    return this.nsgs[role].connections;
  }

  public get nsgIds(): Record<NsgRole, string> {
    return Object.fromEntries(NSG_ROLES.map((role) => [role, this.nsgs[role].nsgId])) as Record<NsgRole, string>;
  }

  public loadBalancerAnnotations(options: LoadBalancerAnnotationOptions = {}): Record<string, string> {
    const lb = this.subnet("lb");
    return loadBalancerAnnotations({ subnetId: lb.subnetId, subnetIsPublic: lb.isPublic, nsgIds: [this.nsgs.lb.nsgId] }, options);
  }

  public addPodDemand(demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">, requestedBy: IConstruct): void {
    const virtualNodes = demand.virtualNodes ?? 0;
    // Checked here so bad numbers fail where they were given.
    try {
      requiredIps({ ...demand, virtualNodes, systemPods: 0 }, { nodes: true, pods: true });
    } catch (e) {
      throw new Error(`${requestedBy.node.path}: pod demand on ${this.node.path}: ${(e as Error).message}`);
    }
    const record: PodDemandRecord = { demand, requestedBy: requestedBy.node.path, stack: stackPathOf(requestedBy) };
    this.extraDemand.push({ record, requester: requestedBy });
    if (record.stack !== stackPathOf(this) && !this.validatedRequesters.has(requestedBy)) {
      this.validatedRequesters.add(requestedBy);
      requestedBy.node.addValidation({ validate: () => this.capacityErrors(requestedBy) });
    }
  }

  public podDemands(): PodDemandRecord[] {
    return this.extraDemand.map((d) => d.record);
  }

  public capacityReport(): CapacityCheck[] {
    return this.capacityReportUpTo(this.extraDemand.length);
  }

  /** The report with the base demand and the first `count` recorded demands. */
  private capacityReportUpTo(count: number): CapacityCheck[] {
    const extra = this.extraDemand.slice(0, count).map((d) => d.record.demand);
    const demand: PodDemand = {
      ...this.baseDemand,
      virtualNodes: (this.baseDemand.virtualNodes ?? 0) + extra.reduce((sum, d) => sum + (d.virtualNodes ?? 0), 0),
      workloads: [...(this.baseDemand.workloads ?? []), ...extra.flatMap((d) => d.workloads ?? [])],
      systemComponents: [...(this.baseDemand.systemComponents ?? []), ...extra.flatMap((d) => d.systemComponents ?? [])],
    };
    return this.hostSubnets().flatMap(({ name, nodes, pods }) => {
      const cidr = this.subnetRefs[name]?.cidr;
      return cidr ? [checkCapacity(name, cidr, requiredIps(demand, { nodes, pods }))] : [];
    });
  }

  private hostSubnets(): { name: SubnetName; nodes: boolean; pods: boolean }[] {
    return this.podsShareNodeSubnet
      ? [{ name: "nodes", nodes: true, pods: true }]
      : [
          { name: "nodes", nodes: true, pods: false },
          { name: "pods", nodes: false, pods: true },
        ];
  }

  /**
   * The shortfalls to report at `reporter`: the network reports those pushed over by its own
   * podCapacity or a construct in its stack; a requester in another stack those it pushed over.
   */
  private capacityErrors(reporter: IConstruct): string[] {
    const report = this.capacityReport();
    const errors: string[] = [];
    for (const check of report.filter((c) => !c.fits)) {
      const culprit = this.culprit(check.subnet);
      const culpritNode = culprit === undefined ? this : this.extraDemand[culprit].requester;
      const reportedBy = culpritNode === this || stackPathOf(culpritNode) === stackPathOf(this) ? this : culpritNode;
      if (reportedBy !== reporter) continue;
      const pushedOver =
        culprit === undefined
          ? `the network's own podCapacity does not fit`
          : `pushed over by ${this.extraDemand[culprit].record.requestedBy} (stack ${this.extraDemand[culprit].record.stack})`;
      errors.push(`${describeCapacityShortfall(check)}. On network ${this.node.path}, ${pushedOver}; ${this.describeDemands(check.subnet)}`);
    }
    const total = report.reduce((sum, check) => sum + check.required.total, 0);
    if (reporter === this && total > OCI_MAX_PRIVATE_IPS_PER_VCN) {
      errors.push(`the plan needs ${total} private IPs but one VCN holds at most ${OCI_MAX_PRIVATE_IPS_PER_VCN}; ${this.describeDemands(undefined)}`);
    }
    return errors;
  }

  /** The index of the first recorded demand after which `subnet` no longer fits (undefined: the base alone). */
  private culprit(subnet: SubnetName): number | undefined {
    const fits = (count: number) => this.capacityReportUpTo(count).find((c) => c.subnet === subnet)?.fits ?? true;
    if (!fits(0)) return undefined;
    for (let i = 1; i <= this.extraDemand.length; i++) if (!fits(i)) return i - 1;
    return undefined;
  }

  /** Who asked for how many IPs of `subnet` (all host subnets when undefined), largest first. */
  private describeDemands(subnet: SubnetName | undefined): string {
    const hosts = this.hostSubnets().filter((h) => subnet === undefined || h.name === subnet);
    const ipsOf = (d: PodDemand) => hosts.reduce((sum, h) => sum + requiredIps({ ...d, systemPods: 0, headroomPercent: 0 }, h).total, 0);
    const rows = this.extraDemand.map(({ record }) => ({
      ips: ipsOf(record.demand),
      text: `${record.requestedBy} (stack ${record.stack}): ${ipsOf(record.demand)} [${describeDemand(record.demand)}]`,
    }));
    const base = this.baseDemand;
    const baseIps = ipsOf({ ...base, systemPods: 0 }) + (hosts.some((h) => h.pods) ? base.systemPods ?? DEFAULT_SYSTEM_PODS : 0);
    rows.push({ ips: baseIps, text: `${this.node.path} podCapacity (stack ${stackPathOf(this)}): ${baseIps}` });
    const listed = rows.filter((r) => r.ips > 0).sort((a, b) => b.ips - a.ips);
    return `IPs asked for, largest first, before headroom: ${listed.map((r) => r.text).join("; ")}`;
  }
}

function describeDemand(demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">): string {
  return [
    demand.virtualNodes ? `${demand.virtualNodes} virtual nodes` : undefined,
    ...(demand.workloads ?? []).map((w) => `workload ${w.name}: ${peakPods(w)} peak pods (maxReplicas ${w.maxReplicas})`),
    ...(demand.systemComponents ?? []).map((c) => `${c.name}: ${c.pods} pods`),
  ]
    .filter(Boolean)
    .join(", ");
}

function stackPathOf(scope: IConstruct): string {
  return TerraformStack.of(scope).node.path;
}

/**
 * The VCN for OKE virtual nodes: gateways, route tables, regional subnets for the API endpoint,
 * virtual nodes, pods, load balancers and the database, one NSG per role with exactly the rules
 * virtual nodes need, and VCN flow logs.
 */
export class Network extends NetworkBase {
  /** Uses a VCN, subnets and NSGs made elsewhere. Their existing rules are left as they are. */
  public static fromExisting(scope: Construct, id: string, attrs: ExistingNetworkAttributes): INetwork {
    return new ImportedNetwork(scope, id, attrs);
  }

  public readonly compartmentId: string;
  public readonly vcnId: string;
  public readonly vcnCidr: string;
  public readonly podsShareNodeSubnet: boolean;
  /** Where every subnet was placed. */
  public readonly plan: SubnetPlan;
  /** The `cidr_block` label of "All <region> Services in Oracle Services Network". */
  public readonly oracleServicesCidrLabel: string;
  public readonly vcn: CoreVcn;
  public readonly subnets: Partial<Record<SubnetName, CoreSubnet>> = {};
  /** The log group holding the flow logs, when enabled. */
  public readonly flowLogGroup?: LoggingLogGroup;
  protected readonly subnetRefs: Partial<Record<SubnetName, SubnetRef>> = {};
  protected readonly nsgs: Record<NsgRole, NetworkSecurityGroup>;

  public constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id, props.podCapacity);
    // Validation first (pure, props → plan); then only resource creation.
    const plan = checkedAt(this, () => planNetwork(props));
    const name = environmentName(this, props.name ?? "oke-vn");
    this.compartmentId = plan.compartmentId;
    this.podsShareNodeSubnet = plan.podsShareNodeSubnet;
    this.plan = plan.subnetPlan;
    this.vcnCidr = plan.vcnCidr;
    if (plan.apiOpenToInternet) {
      Annotations.of(this).addWarning(
        "apiClientCidrs includes 0.0.0.0/0: the Kubernetes API endpoint accepts connections from the whole internet; list your clients' CIDRs instead",
      );
    }

    const common = { compartmentId: this.compartmentId };
    this.vcn = new CoreVcn(this, "vcn", {
      ...common,
      cidrBlocks: [this.vcnCidr],
      displayName: `${name}-vcn`,
      dnsLabel: plan.vcnDnsLabel,
    });
    this.vcnId = this.vcn.id;
    const inVcn = { ...common, vcnId: this.vcnId };

    const services = new DataOciCoreServices(this, "oracle-services", {
      filter: [{ name: "name", values: [ORACLE_SERVICES_NAME_REGEX], regex: true }],
    });
    const oracleServices = services.services.get(0);
    this.oracleServicesCidrLabel = oracleServices.cidrBlock;

    const internetGateway = new CoreInternetGateway(this, "internet-gateway", {
      ...inVcn,
      displayName: `${name}-igw`,
      enabled: true,
    });
    const natGateway = new CoreNatGateway(this, "nat-gateway", { ...inVcn, displayName: `${name}-natgw` });
    const serviceGateway = new CoreServiceGateway(this, "service-gateway", {
      ...inVcn,
      displayName: `${name}-sgw`,
      services: [{ serviceId: oracleServices.id }],
    });
    // A public route table must not mix internet- and service-gateway routes.
    const publicRoutes = new CoreRouteTable(this, "public-routes", {
      ...inVcn,
      displayName: `${name}-public-rt`,
      routeRules: [
        {
          destination: "0.0.0.0/0",
          destinationType: "CIDR_BLOCK",
          networkEntityId: internetGateway.id,
          description: "Internet through the internet gateway",
        },
      ],
    });
    const privateRoutes = new CoreRouteTable(this, "private-routes", {
      ...inVcn,
      displayName: `${name}-private-rt`,
      routeRules: [
        {
          destination: "0.0.0.0/0",
          destinationType: "CIDR_BLOCK",
          networkEntityId: natGateway.id,
          description: "Internet through the NAT gateway",
        },
        {
          destination: this.oracleServicesCidrLabel,
          destinationType: "SERVICE_CIDR_BLOCK",
          networkEntityId: serviceGateway.id,
          description: "Oracle Services Network through the service gateway",
        },
      ],
    });

    // CIS OCI 2.5: the default security list allows nothing but ICMP path discovery in the VCN.
    // NSGs carry all other rules.
    const defaultSecurityList = new CoreDefaultSecurityList(this, "default-security-list", {
      ...common,
      manageDefaultResourceId: this.vcn.defaultSecurityListId,
      displayName: `${name}-default-sl`,
      ingressSecurityRules: [
        {
          protocol: "1",
          source: this.vcnCidr,
          sourceType: "CIDR_BLOCK",
          stateless: false,
          icmpOptions: { type: 3, code: 4 },
          description: "Path-MTU discovery within the VCN",
        },
      ],
      egressSecurityRules: [],
    });

    for (const planned of plan.subnets) {
      const subnet = new CoreSubnet(this, `${planned.name}-subnet`, {
        ...inVcn,
        cidrBlock: planned.cidr,
        displayName: `${name}-${planned.displayName}`,
        dnsLabel: planned.dnsLabel,
        prohibitPublicIpOnVnic: !planned.isPublic,
        prohibitInternetIngress: !planned.isPublic,
        routeTableId: planned.isPublic ? publicRoutes.id : privateRoutes.id,
        securityListIds: [defaultSecurityList.id],
      });
      this.subnets[planned.name] = subnet;
      this.subnetRefs[planned.name] = { name: planned.name, subnetId: subnet.id, cidr: planned.cidr, isPublic: planned.isPublic };
    }

    this.nsgs = {} as Record<NsgRole, NetworkSecurityGroup>;
    for (const role of NSG_ROLES) {
      this.nsgs[role] = new NetworkSecurityGroup(this, `${role}-nsg`, {
        ...inVcn,
        displayName: `${name}-${role}-nsg`,
      });
    }
    const table = virtualNodeRuleTable(plan.rules);
    for (const role of NSG_ROLES) {
      for (const { direction, peer, traffic, description } of table[role]) {
        this.nsgs[role].addRule({ direction, peer: this.resolvePeer(peer), traffic, description });
      }
    }

    if (plan.flowLogs) this.flowLogGroup = this.addFlowLogs(name, plan.flowLogs.retentionDays);
  }

  private resolvePeer(peer: RoleRulePeer): Peer {
    switch (peer.kind) {
      case "nsg":
        return this.nsgs[peer.role];
      case "cidr":
        return Peer.ipv4(peer.cidr);
      case "oracle-services":
        return Peer.oracleServices(this.oracleServicesCidrLabel);
    }
  }

  private addFlowLogs(name: string, retentionDays: number): LoggingLogGroup {
    const group = new LoggingLogGroup(this, "flow-log-group", {
      compartmentId: this.compartmentId,
      displayName: `${name}-flow-logs`,
      description: "VCN flow logs of the OKE virtual-node network (CIS OCI 4.13)",
    });
    for (const [subnetName, subnet] of Object.entries(this.subnets)) {
      new LoggingLog(this, `${subnetName}-flow-log`, {
        displayName: `${name}-${subnetName}-flow-log`,
        logGroupId: group.id,
        logType: "SERVICE",
        isEnabled: true,
        retentionDuration: retentionDays,
        configuration: {
          compartmentId: this.compartmentId,
          source: { category: "all", resource: subnet.id, service: "flowlogs", sourceType: "OCISERVICE" },
        },
      });
    }
    return group;
  }
}

export interface ExistingSubnet {
  readonly subnetId: string;
  /**
   * The subnet's CIDR; needed for the pod-capacity check.
   * @default unknown — capacity is not checked for this subnet
   */
  readonly cidr?: string;
  /**
   * Whether the subnet is public.
   * @default false
   */
  readonly public?: boolean;
}

export interface ExistingNetworkAttributes {
  readonly compartmentId: string;
  readonly vcnId: string;
  /**
   * The VCN's CIDR.
   * @default unknown
   */
  readonly vcnCidr?: string;
  readonly subnets: {
    readonly api: ExistingSubnet;
    readonly nodes: ExistingSubnet;
    /**
     * The pod subnet.
     * @default the nodes subnet
     */
    readonly pods?: ExistingSubnet;
    readonly lb: ExistingSubnet;
    /**
     * The database subnet.
     * @default none — a database needs one
     */
    readonly db?: ExistingSubnet;
  };
  /** NSG OCIDs by role; rules added later through the library are created on them. */
  readonly nsgIds: Record<NsgRole, string>;
  /**
   * Pods and virtual nodes the pod subnet must hold.
   * @default no workloads, 4 further system pods (DEFAULT_SYSTEM_PODS), 25 % headroom
   */
  readonly podCapacity?: PodDemand;
}

class ImportedNetwork extends NetworkBase {
  public readonly compartmentId: string;
  public readonly vcnId: string;
  public readonly vcnCidr?: string;
  public readonly podsShareNodeSubnet: boolean;
  protected readonly subnetRefs: Partial<Record<SubnetName, SubnetRef>> = {};
  protected readonly nsgs: Record<NsgRole, NetworkSecurityGroup>;

  public constructor(scope: Construct, id: string, attrs: ExistingNetworkAttributes) {
    super(scope, id, attrs.podCapacity);
    try {
      this.compartmentId = checkOcid(attrs.compartmentId, "compartmentId", OcidType.compartment);
      this.vcnId = checkOcid(attrs.vcnId, "vcnId", OcidType.vcn);
      this.vcnCidr = attrs.vcnCidr === undefined ? undefined : parseCidr(attrs.vcnCidr, "vcnCidr").cidr;
      this.podsShareNodeSubnet = attrs.subnets.pods === undefined || attrs.subnets.pods.subnetId === attrs.subnets.nodes.subnetId;
      for (const [subnetName, existing] of Object.entries(attrs.subnets) as [SubnetName, ExistingSubnet | undefined][]) {
        if (!existing) continue;
        if (existing.public && subnetName !== "api" && subnetName !== "lb") {
          throw new Error(
            `subnets.${subnetName} (${existing.subnetId}) is marked public: ${subnetName === "db" ? "the database" : "virtual nodes and pods"} need a private subnet`,
          );
        }
        const cidr = existing.cidr === undefined ? undefined : parseCidr(existing.cidr, `subnets.${subnetName}.cidr`).cidr;
        const subnetId = checkOcid(existing.subnetId, `subnets.${subnetName}.subnetId`, OcidType.subnet);
        this.subnetRefs[subnetName] = { name: subnetName, subnetId, cidr, isPublic: existing.public ?? false };
      }
      this.nsgs = {} as Record<NsgRole, NetworkSecurityGroup>;
      for (const role of NSG_ROLES) {
        this.nsgs[role] = NetworkSecurityGroup.fromExisting(this, `${role}-nsg`, checkOcid(attrs.nsgIds[role], `nsgIds.${role}`, OcidType.nsg));
      }
    } catch (err) {
      throw atPath(this, err);
    }
  }
}
