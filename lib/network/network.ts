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
import { Annotations } from "../cdktf";
import { OcidType, checkOcid } from "../common/ocid";
import {
  CapacityCheck,
  PodDemand,
  SubnetName,
  SubnetPlan,
  SystemComponent,
  WorkloadDemand,
  checkCapacity,
  describeCapacityShortfall,
  parseCidr,
  planSubnets,
  requiredIps,
  DEFAULT_SEPARATE_NODE_SUBNET_PREFIX,
  OCI_MAX_PRIVATE_IPS_PER_VCN,
} from "./network-cidr-plan";
import { LoadBalancerAnnotationOptions, loadBalancerAnnotations } from "./load-balancer-annotations";
import { NetworkSecurityGroup, SecurityPeer } from "./network-security-group";
import { NSG_ROLES, NsgRole, Peer, virtualNodeRuleTable } from "./network-security-rules";

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
  /**
   * Free-form tags on every taggable resource.
   * @default {}
   */
  readonly freeformTags?: Record<string, string>;
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
  /** Records more virtual nodes, workloads or system components; checked against the subnets at synth. */
  addPodDemand(demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">): void;
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

const LOG_RETENTION_DAYS = [30, 60, 90, 120, 150, 180];
const DNS_LABEL = /^[a-zA-Z][a-zA-Z0-9]{0,14}$/;
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
  private readonly extraDemand: { virtualNodes: number; workloads: WorkloadDemand[]; systemComponents: SystemComponent[] } = {
    virtualNodes: 0,
    workloads: [],
    systemComponents: [],
  };

  protected constructor(scope: Construct, id: string, podCapacity: PodDemand | undefined) {
    super(scope, id);
    this.baseDemand = podCapacity ?? {};
    // Validate eagerly so bad numbers fail where they were given.
    requiredIps(this.baseDemand, { nodes: true, pods: true });
    this.node.addValidation({ validate: () => this.capacityErrors() });
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

  public get nsgIds(): Record<NsgRole, string> {
    return Object.fromEntries(NSG_ROLES.map((role) => [role, this.nsgs[role].nsgId])) as Record<NsgRole, string>;
  }

  public loadBalancerAnnotations(options: LoadBalancerAnnotationOptions = {}): Record<string, string> {
    const lb = this.subnet("lb");
    return loadBalancerAnnotations({ subnetId: lb.subnetId, subnetIsPublic: lb.isPublic, nsgIds: [this.nsgs.lb.nsgId] }, options);
  }

  public addPodDemand(demand: Pick<PodDemand, "virtualNodes" | "workloads" | "systemComponents">): void {
    const virtualNodes = demand.virtualNodes ?? 0;
    // Checked here so bad numbers fail where they were given.
    requiredIps({ ...demand, virtualNodes, systemPods: 0 }, { nodes: true, pods: true });
    this.extraDemand.virtualNodes += virtualNodes;
    this.extraDemand.workloads.push(...(demand.workloads ?? []));
    this.extraDemand.systemComponents.push(...(demand.systemComponents ?? []));
  }

  public capacityReport(): CapacityCheck[] {
    const demand: PodDemand = {
      ...this.baseDemand,
      virtualNodes: (this.baseDemand.virtualNodes ?? 0) + this.extraDemand.virtualNodes,
      workloads: [...(this.baseDemand.workloads ?? []), ...this.extraDemand.workloads],
      systemComponents: [...(this.baseDemand.systemComponents ?? []), ...this.extraDemand.systemComponents],
    };
    const hosts: { name: SubnetName; nodes: boolean; pods: boolean }[] = this.podsShareNodeSubnet
      ? [{ name: "nodes", nodes: true, pods: true }]
      : [
          { name: "nodes", nodes: true, pods: false },
          { name: "pods", nodes: false, pods: true },
        ];
    return hosts.flatMap(({ name, nodes, pods }) => {
      const cidr = this.subnetRefs[name]?.cidr;
      return cidr ? [checkCapacity(name, cidr, requiredIps(demand, { nodes, pods }))] : [];
    });
  }

  private capacityErrors(): string[] {
    const report = this.capacityReport();
    const errors = report.filter((check) => !check.fits).map(describeCapacityShortfall);
    const total = report.reduce((sum, check) => sum + check.required.total, 0);
    if (total > OCI_MAX_PRIVATE_IPS_PER_VCN) {
      errors.push(`the plan needs ${total} private IPs but one VCN holds at most ${OCI_MAX_PRIVATE_IPS_PER_VCN}`);
    }
    return errors;
  }
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
    const name = environmentName(this, props.name ?? "oke-vn");
    const tags = props.freeformTags;
    this.compartmentId = checkOcid(props.compartmentId, "compartmentId", OcidType.compartment);
    this.podsShareNodeSubnet = !(props.separatePodSubnet ?? false);

    const subnetOptions = this.resolveSubnetOptions(props);
    this.plan = planSubnets({ vcnCidr: props.vcnCidr ?? "10.0.0.0/16", subnets: subnetOptions });
    this.vcnCidr = this.plan.vcn.cidr;

    const common = { compartmentId: this.compartmentId, freeformTags: tags };
    this.vcn = new CoreVcn(this, "vcn", {
      ...common,
      cidrBlocks: [this.vcnCidr],
      displayName: `${name}-vcn`,
      dnsLabel: checkDnsLabel(props.vcnDnsLabel ?? "okevcn", "vcnDnsLabel"),
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

    for (const subnetName of Object.keys(this.plan.subnets) as SubnetName[]) {
      const planned = this.plan.subnets[subnetName]!;
      const isPublic = subnetOptions[subnetName]!.public!;
      const subnet = new CoreSubnet(this, `${subnetName}-subnet`, {
        ...inVcn,
        cidrBlock: planned.cidr,
        displayName: `${name}-${this.subnetDisplayName(subnetName)}`,
        dnsLabel: checkDnsLabel(subnetOptions[subnetName]!.dnsLabel ?? subnetName, `subnets.${subnetName}.dnsLabel`),
        prohibitPublicIpOnVnic: !isPublic,
        prohibitInternetIngress: !isPublic,
        routeTableId: isPublic ? publicRoutes.id : privateRoutes.id,
        securityListIds: [defaultSecurityList.id],
      });
      this.subnets[subnetName] = subnet;
      this.subnetRefs[subnetName] = { name: subnetName, subnetId: subnet.id, cidr: planned.cidr, isPublic };
    }

    this.nsgs = {} as Record<NsgRole, NetworkSecurityGroup>;
    for (const role of NSG_ROLES) {
      this.nsgs[role] = new NetworkSecurityGroup(this, `${role}-nsg`, {
        ...inVcn,
        displayName: `${name}-${role}-nsg`,
      });
    }
    this.addReferenceRules(props, subnetOptions.lb!.public!);

    if (props.flowLogs?.enabled ?? true) {
      this.flowLogGroup = this.addFlowLogs(name, props.flowLogs?.retentionDays ?? 90, tags);
    }
  }

  private resolveSubnetOptions(props: NetworkProps): Record<SubnetName, SubnetOptions> {
    const given = props.subnets ?? {};
    if (this.podsShareNodeSubnet && given.pods) {
      throw new Error(
        `subnets.pods is set but pods share the virtual-node subnet; set separatePodSubnet: true or configure subnets.nodes`,
      );
    }
    const names: SubnetName[] = this.podsShareNodeSubnet ? ["api", "nodes", "lb", "db"] : ["api", "nodes", "pods", "lb", "db"];
    const resolved = {} as Record<SubnetName, SubnetOptions>;
    for (const subnetName of names) {
      const options = given[subnetName] ?? {};
      const mayBePublic = subnetName === "api" || subnetName === "lb";
      if (options.public && !mayBePublic) {
        const why =
          subnetName === "db"
            ? "the database subnet must be private"
            : "OKE virtual nodes need regional private subnets for virtual nodes and pods";
        throw new Error(`subnets.${subnetName}.public is true: ${why}; remove it or set it to false`);
      }
      const prefixLength =
        options.prefixLength ??
        (subnetName === "nodes" && !this.podsShareNodeSubnet ? DEFAULT_SEPARATE_NODE_SUBNET_PREFIX : undefined);
      resolved[subnetName] = { ...options, prefixLength, public: options.public ?? subnetName === "lb" };
    }
    return resolved;
  }

  private subnetDisplayName(subnetName: SubnetName): string {
    return subnetName === "nodes" && this.podsShareNodeSubnet ? "nodes-pods-subnet" : `${subnetName}-subnet`;
  }

  private addReferenceRules(props: NetworkProps, lbPublic: boolean): void {
    const apiClientCidrs = (props.apiClientCidrs ?? []).map((c) => parseCidr(c, "apiClientCidrs").cidr);
    if (apiClientCidrs.includes("0.0.0.0/0")) {
      Annotations.of(this).addWarning(
        "apiClientCidrs includes 0.0.0.0/0: the Kubernetes API endpoint accepts connections from the whole internet; list your clients' CIDRs instead",
      );
    }
    const lbClientCidrs = (props.loadBalancerClientCidrs ?? (lbPublic ? ["0.0.0.0/0"] : [this.vcnCidr])).map(
      (c) => parseCidr(c, "loadBalancerClientCidrs").cidr,
    );
    const table = virtualNodeRuleTable({
      apiClientCidrs,
      podInternetEgress: props.podInternetEgress ?? true,
      lbListenerPorts: props.loadBalancerListenerPorts ?? [80, 443],
      lbClientCidrs,
      mysqlXProtocol: props.mysqlXProtocol ?? false,
    });
    for (const role of NSG_ROLES) {
      for (const [description, rule] of Object.entries(table[role])) {
        this.nsgs[role].addRule({
          description,
          direction: rule.direction,
          traffic: rule.traffic,
          peer: this.resolvePeer(rule.peer),
        });
      }
    }
  }

  private resolvePeer(peer: Peer): SecurityPeer {
    switch (peer.kind) {
      case "nsg":
        return this.nsgs[peer.role];
      case "cidr":
        return peer;
      case "oracle-services":
        return { kind: "oracle-services", cidrLabel: this.oracleServicesCidrLabel };
    }
  }

  private addFlowLogs(name: string, retentionDays: number, tags?: Record<string, string>): LoggingLogGroup {
    if (!LOG_RETENTION_DAYS.includes(retentionDays)) {
      throw new Error(`flowLogs.retentionDays: ${retentionDays} is not allowed; use one of ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    const group = new LoggingLogGroup(this, "flow-log-group", {
      compartmentId: this.compartmentId,
      displayName: `${name}-flow-logs`,
      description: "VCN flow logs of the OKE virtual-node network (CIS OCI 4.13)",
      freeformTags: tags,
    });
    for (const [subnetName, subnet] of Object.entries(this.subnets)) {
      new LoggingLog(this, `${subnetName}-flow-log`, {
        displayName: `${name}-${subnetName}-flow-log`,
        logGroupId: group.id,
        logType: "SERVICE",
        isEnabled: true,
        retentionDuration: retentionDays,
        freeformTags: tags,
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
  }
}

function checkDnsLabel(label: string, what: string): string {
  if (!DNS_LABEL.test(label)) {
    throw new Error(`${what}: "${label}" is not a valid DNS label; use 1–15 letters and digits starting with a letter`);
  }
  return label;
}

