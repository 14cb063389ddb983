import { Network, NetworkProps } from "../../lib/network/network";
import { Port } from "../../lib/network/network-security-rules";
import { EXISTING_NSG_IDS, TEST_COMPARTMENT, TfJson, refName, resourcesOf, synthOci } from "../support/synth";

function synthNetwork(props: Partial<NetworkProps> = {}, after?: (network: Network) => void) {
  let network!: Network;
  const out = synthOci((scope) => {
    network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, ...props });
    after?.(network);
  });
  return { ...out, network };
}

/** Each NSG's rules as sentences: "INGRESS tcp 6443 from nsg:nodes". */
function rulesByNsg(tf: TfJson): Record<string, string[]> {
  const nsgRole: Record<string, string> = {};
  for (const [name, nsg] of Object.entries(resourcesOf(tf, "oci_core_network_security_group"))) {
    nsgRole[name] = /-(\w+)-nsg$/.exec(nsg.display_name)![1];
  }
  const peer = (value: string, type: string) =>
    type === "NETWORK_SECURITY_GROUP"
      ? `nsg:${nsgRole[refName(value)]}`
      : type === "SERVICE_CIDR_BLOCK"
        ? "osn"
        : value;
  const out: Record<string, string[]> = {};
  for (const rule of Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"))) {
    const role = nsgRole[refName(rule.network_security_group_id)];
    const protocol = { "6": "tcp", "17": "udp", "1": "icmp", all: "all" }[rule.protocol as string];
    const range = rule.tcp_options?.destination_port_range;
    const ports = range ? ` ${range.min === range.max ? range.min : `${range.min}-${range.max}`}` : "";
    const icmp = rule.icmp_options ? ` ${rule.icmp_options.type}/${rule.icmp_options.code}` : "";
    const where =
      rule.direction === "INGRESS" ? `from ${peer(rule.source, rule.source_type)}` : `to ${peer(rule.destination, rule.destination_type)}`;
    (out[role] ??= []).push(`${rule.direction} ${protocol}${ports}${icmp} ${where}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

// Reference §1.1, written out by hand: the library's own table is not used to build these.
const REFERENCE_RULES: Record<string, string[]> = {
  api: [
    "EGRESS all to nsg:pods",
    "EGRESS icmp 3/4 to nsg:nodes",
    "EGRESS tcp 443 to osn",
    "EGRESS tcp to nsg:nodes",
    "INGRESS icmp 3/4 from nsg:nodes",
    "INGRESS tcp 12250 from nsg:nodes",
    "INGRESS tcp 12250 from nsg:pods",
    "INGRESS tcp 6443 from nsg:nodes",
    "INGRESS tcp 6443 from nsg:pods",
  ],
  nodes: [
    "EGRESS all to 0.0.0.0/0",
    "EGRESS all to nsg:pods",
    "EGRESS icmp 3/4 to nsg:api",
    "EGRESS tcp 12250 to nsg:api",
    "EGRESS tcp 6443 to nsg:api",
    "EGRESS tcp to osn",
    "INGRESS all from nsg:pods",
    "INGRESS icmp 3/4 from nsg:api",
    "INGRESS tcp from nsg:api",
  ],
  pods: [
    "EGRESS all to 0.0.0.0/0",
    "EGRESS all to nsg:nodes",
    "EGRESS all to nsg:pods",
    "EGRESS icmp 3/4 to nsg:api",
    "EGRESS tcp 12250 to nsg:api",
    "EGRESS tcp 3306 to nsg:db",
    "EGRESS tcp 6443 to nsg:api",
    "EGRESS tcp to osn",
    "INGRESS all from nsg:nodes",
    "INGRESS all from nsg:pods",
    "INGRESS icmp 3/4 from nsg:api",
    "INGRESS tcp 10256 from nsg:lb",
    "INGRESS tcp 30000-32767 from nsg:lb",
    "INGRESS tcp from nsg:api",
  ],
  lb: [
    "EGRESS tcp 10256 to nsg:pods",
    "EGRESS tcp 30000-32767 to nsg:pods",
    "INGRESS tcp 443 from 0.0.0.0/0",
    "INGRESS tcp 80 from 0.0.0.0/0",
  ],
  db: ["INGRESS tcp 3306 from nsg:pods"],
};

describe("Network with defaults", () => {
  const { tf, json } = synthNetwork();
  const subnets = resourcesOf(tf, "oci_core_subnet");
  const subnetByName = (display: string) => Object.entries(subnets).find(([, s]) => s.display_name === display)!;

  test("THEN every NSG holds exactly the reference rules", () => {
    expect(rulesByNsg(tf)).toEqual(REFERENCE_RULES);
  });

  test("THEN every rule is stateful and described by a sentence", () => {
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"));
    expect(rules.length).toBeGreaterThan(20);
    for (const rule of rules) {
      expect(rule.stateless).toBe(false);
      expect(rule.description).toMatch(/^[A-Z][^\n]{10,254}$/);
    }
  });

  test("THEN nothing lets 0.0.0.0/0 reach 22 or 3389, and the internet reaches only the LB listeners", () => {
    const fromInternet = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter(
      (r) => r.direction === "INGRESS" && r.source === "0.0.0.0/0",
    );
    expect(fromInternet.map((r) => r.tcp_options.destination_port_range.min).sort()).toEqual([443, 80]);
    for (const r of fromInternet) {
      expect(r.protocol).toBe("6");
      expect(r.network_security_group_id).toContain("lb-nsg");
    }
    expect(resourcesOf(tf, "oci_core_security_list")).toEqual({});
  });

  test("THEN the subnets follow Oracle's example layout, pods sharing the virtual-node subnet", () => {
    const cidrs = Object.fromEntries(Object.values(subnets).map((s) => [s.display_name, s.cidr_block]));
    expect(cidrs).toEqual({
      "oke-vn-api-subnet": "10.0.0.0/28",
      "oke-vn-nodes-pods-subnet": "10.0.32.0/19",
      "oke-vn-lb-subnet": "10.0.64.0/24",
      "oke-vn-db-subnet": "10.0.65.0/24",
    });
  });

  test("THEN private subnets prohibit public IPs and route through NAT and the service gateway", () => {
    const routes = resourcesOf(tf, "oci_core_route_table");
    const routeTableOf = (subnet: any) => routes[refName(subnet.route_table_id)];
    for (const display of ["oke-vn-api-subnet", "oke-vn-nodes-pods-subnet", "oke-vn-db-subnet"]) {
      const [, subnet] = subnetByName(display);
      expect(subnet.prohibit_public_ip_on_vnic).toBe(true);
      expect(subnet.prohibit_internet_ingress).toBe(true);
      const rules = routeTableOf(subnet).route_rules;
      expect(rules.map((r: any) => [r.destination_type, r.network_entity_id.split(".")[1]])).toEqual([
        ["CIDR_BLOCK", expect.stringContaining("nat-gateway")],
        ["SERVICE_CIDR_BLOCK", expect.stringContaining("service-gateway")],
      ]);
      expect(rules[0].destination).toBe("0.0.0.0/0");
    }
    const [, lb] = subnetByName("oke-vn-lb-subnet");
    expect(lb.prohibit_public_ip_on_vnic).toBe(false);
    const publicRules = routeTableOf(lb).route_rules;
    expect(publicRules).toHaveLength(1);
    expect(publicRules[0]).toMatchObject({ destination: "0.0.0.0/0", network_entity_id: expect.stringContaining("internet-gateway") });
  });

  test("THEN the service gateway and its route target all Oracle Services Network services", () => {
    const [services] = Object.values(tf.data!.oci_core_services);
    expect(services.filter).toEqual([{ name: "name", regex: true, values: ["All .* Services In Oracle Services Network"] }]);
    const [gateway] = Object.values(resourcesOf(tf, "oci_core_service_gateway"));
    expect(gateway.services).toEqual([{ service_id: expect.stringMatching(/services\[0\]\.id\}$/) }]);
  });

  test("THEN the default security list allows only ICMP path discovery within the VCN (CIS 2.5)", () => {
    const [list] = Object.values(resourcesOf(tf, "oci_core_default_security_list"));
    expect(list.egress_security_rules).toEqual([]);
    expect(list.ingress_security_rules).toEqual([
      expect.objectContaining({ protocol: "1", source: "10.0.0.0/16", icmp_options: { type: 3, code: 4 } }),
    ]);
    for (const subnet of Object.values(subnets)) {
      expect(subnet.security_list_ids).toEqual([expect.stringContaining("oci_core_default_security_list")]);
    }
  });

  test("THEN every subnet has a flow log kept 90 days (CIS 4.13)", () => {
    const logs = Object.values(resourcesOf(tf, "oci_logging_log"));
    const logged = logs.map((l) => refName(l.configuration.source.resource)).sort();
    expect(logged).toEqual(Object.keys(subnets).sort());
    for (const log of logs) {
      expect(log).toMatchObject({ log_type: "SERVICE", is_enabled: true, retention_duration: 90 });
      expect(log.configuration.source).toMatchObject({ service: "flowlogs", category: "all", source_type: "OCISERVICE" });
    }
  });

  test("THEN the network stack matches the snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});

describe("Network options", () => {
  test("GIVEN API client CIDRs THEN each may reach 6443, and 0.0.0.0/0 draws a warning", () => {
    const { tf, network } = synthNetwork({ apiClientCidrs: ["203.0.113.0/24", "0.0.0.0/0"] });
    expect(rulesByNsg(tf).api).toEqual(
      expect.arrayContaining(["INGRESS tcp 6443 from 203.0.113.0/24", "INGRESS tcp 6443 from 0.0.0.0/0"]),
    );
    const warnings = network.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining("apiClientCidrs includes 0.0.0.0/0")]);
  });

  test("GIVEN pod internet egress off THEN no rule reaches 0.0.0.0/0 and pods still reach MySQL", () => {
    const toInternet = (byNsg: Record<string, string[]>) =>
      Object.entries(byNsg)
        .flatMap(([role, rules]) => rules.filter((r) => r.includes("to 0.0.0.0/0")).map((r) => `${role}: ${r}`))
        .sort();
    // Premise: with the default (egress on) the filter finds the nodes' and pods' NAT egress rules.
    expect(toInternet(rulesByNsg(synthNetwork().tf))).toEqual([
      expect.stringMatching(/^nodes: EGRESS \S+ to 0\.0\.0\.0\/0$/),
      expect.stringMatching(/^pods: EGRESS \S+ to 0\.0\.0\.0\/0$/),
    ]);
    const rules = rulesByNsg(synthNetwork({ podInternetEgress: false }).tf);
    expect(toInternet(rules)).toEqual([]);
    expect(rules.pods).toContain("EGRESS tcp 3306 to nsg:db");
  });

  test("GIVEN the MySQL X protocol THEN 33060 opens from pods to the DB, both sides", () => {
    const rules = rulesByNsg(synthNetwork({ mysqlXProtocol: true }).tf);
    expect(rules.db).toEqual(["INGRESS tcp 3306 from nsg:pods", "INGRESS tcp 33060 from nsg:pods"]);
    expect(rules.pods).toContain("EGRESS tcp 33060 to nsg:db");
  });

  test("GIVEN a private LB subnet and custom listeners THEN clients default to the VCN", () => {
    const { tf } = synthNetwork({ subnets: { lb: { public: false } }, loadBalancerListenerPorts: [8443] });
    expect(rulesByNsg(tf).lb).toEqual(expect.arrayContaining(["INGRESS tcp 8443 from 10.0.0.0/16"]));
    expect(rulesByNsg(tf).lb.filter((r) => r.startsWith("INGRESS"))).toHaveLength(1);
  });

  test("GIVEN a public API endpoint THEN its subnet routes to the internet gateway", () => {
    const { tf } = synthNetwork({ subnets: { api: { public: true } } });
    const api = Object.values(resourcesOf(tf, "oci_core_subnet")).find((s) => s.display_name === "oke-vn-api-subnet")!;
    expect(api.prohibit_public_ip_on_vnic).toBe(false);
    expect(api.route_table_id).toContain("public-routes");
  });

  test("GIVEN separate pod subnet THEN five subnets and the pods role resolves to it", () => {
    const { tf, network } = synthNetwork({ separatePodSubnet: true });
    const cidrs = Object.fromEntries(Object.values(resourcesOf(tf, "oci_core_subnet")).map((s) => [s.dns_label, s.cidr_block]));
    expect(cidrs).toEqual({
      api: "10.0.0.0/28",
      nodes: "10.0.1.0/24",
      pods: "10.0.32.0/19",
      lb: "10.0.64.0/24",
      db: "10.0.65.0/24",
    });
    expect(network.subnet("pods").cidr).toBe("10.0.32.0/19");
    expect(network.capacityReport().map((c) => c.subnet)).toEqual(["nodes", "pods"]);
    expect(Object.keys(resourcesOf(tf, "oci_logging_log"))).toHaveLength(5);
  });

  test("GIVEN flow logs off THEN no log resources", () => {
    const { tf } = synthNetwork({ flowLogs: { enabled: false } });
    expect(resourcesOf(tf, "oci_logging_log")).toEqual({});
    expect(resourcesOf(tf, "oci_logging_log_group")).toEqual({});
  });

  test("GIVEN demand that fits THEN the capacity report shows required vs usable", () => {
    const { network } = synthNetwork({ podCapacity: { systemPods: 10, headroomPercent: 10 } }, (n) =>
      n.addPodDemand({ virtualNodes: 3, workloads: [{ name: "app", maxReplicas: 20 }] }, n),
    );
    const [check] = network.capacityReport();
    expect(check).toMatchObject({ subnet: "nodes", cidr: "10.0.32.0/19", usableIps: 8189, fits: true });
    expect(check.required).toMatchObject({ virtualNodes: 3, workloadPods: 25, systemPods: 10, headroomIps: 4, total: 42 });
  });
});

describe("Network bad input", () => {
  test("GIVEN demand larger than the pod subnet THEN synth fails with required vs usable IPs and the prefix that fits", () => {
    expect(() =>
      synthNetwork({ separatePodSubnet: true, subnets: { pods: { prefixLength: 24 } }, podCapacity: { headroomPercent: 0 } }, (n) =>
        n.addPodDemand({ workloads: [{ name: "web", maxReplicas: 980, surgePercent: 0 }] }, n),
      ),
    ).toThrow(
      "pods subnet 10.0.2.0/24 has 253 usable IPs but the plan needs 984 (980 peak workload pods + 4 system pods + 0 headroom (0%)); use a /22 or larger (1021 usable IPs)",
    );
  });

  test.each([
    [{ subnets: { pods: { public: true } }, separatePodSubnet: true }, "subnets.pods.public is true: OKE virtual nodes need regional private subnets"],
    [{ subnets: { nodes: { public: true } } }, "subnets.nodes.public is true"],
    [{ subnets: { db: { public: true } } }, "subnets.db.public is true: the database subnet must be private"],
    [{ subnets: { pods: { cidr: "10.0.96.0/19" } } }, "subnets.pods is set but pods share the virtual-node subnet"],
    [{ vcnCidr: "10.0.0.0/33" }, 'vcnCidr: "10.0.0.0/33" is not a valid IPv4 CIDR'],
    [{ subnets: { nodes: { cidr: "10.0.32.0/19" }, lb: { cidr: "10.0.40.0/24" } } }, "subnets.lb.cidr: 10.0.40.0/24 overlaps subnets.nodes (10.0.32.0/19)"],
    [{ subnets: { db: { cidr: "192.168.0.0/24" } } }, "subnets.db.cidr: 192.168.0.0/24 is outside the VCN 10.0.0.0/16"],
    [{ vcnDnsLabel: "my-vcn" }, 'vcnDnsLabel: "my-vcn" is not a valid DNS label'],
    [{ subnets: { api: { dnsLabel: "1api" } } }, 'subnets.api.dnsLabel: "1api" is not a valid DNS label'],
    [{ flowLogs: { retentionDays: 45 } }, "flowLogs.retentionDays: 45 is not allowed; use one of 30, 60, 90, 120, 150, 180"],
    [{ apiClientCidrs: ["1.2.3.4"] }, 'apiClientCidrs: "1.2.3.4" is not an IPv4 CIDR'],
    [{ loadBalancerListenerPorts: [70000] }, "loadBalancerListenerPorts: 70000 is not a TCP port; use whole numbers from 1 to 65535"],
    [{ podCapacity: { systemPods: -2 } }, "systemPods: -2 must be a whole number ≥ 0"],
  ])("GIVEN %j THEN a clear error that starts with the network's construct path", (props, message) => {
    expect(() => synthNetwork(props as Partial<NetworkProps>)).toThrow(`stack/network: ${message}`);
  });

  test("GIVEN an LB client CIDR of 0.0.0.0/0 on port 22 THEN CIS 2.3 stops it", () => {
    expect(() => synthNetwork({ loadBalancerListenerPorts: [22] })).toThrow(
      'rule "Clients in 0.0.0.0/0 reach the load balancer listener on 22" would open 22/3389 to 0.0.0.0/0',
    );
  });
});

describe("Network.connections(role)", () => {
  test("GIVEN a rule between two roles THEN both sides are written with the sentence", () => {
    const { tf } = synthNetwork({}, (network) =>
      network.connections("lb").allowTo(network.connections("pods"), Port.tcp(8080), "The load balancer reaches the app on 8080"),
    );
    const rules = rulesByNsg(tf);
    expect(rules.lb).toContain("EGRESS tcp 8080 to nsg:pods");
    expect(rules.pods).toContain("INGRESS tcp 8080 from nsg:lb");
    const described = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter(
      (r) => r.description === "The load balancer reaches the app on 8080",
    );
    expect(described).toHaveLength(2);
  });

  test("GIVEN a role's connections THEN they are that role's NSG", () => {
    synthNetwork({}, (network) => {
      expect(network.connections("db").securityGroups).toEqual([network.securityGroup("db")]);
    });
  });

  test("GIVEN a rule the reference table already has, with another sentence THEN no new resource and the table's sentence stays", () => {
    const count = (tf: any) => Object.keys(resourcesOf(tf, "oci_core_network_security_group_security_rule")).length;
    const plain = synthNetwork({}, () => undefined);
    const asked = synthNetwork({}, (network) =>
      network.connections("db").allowFrom(network.connections("pods"), Port.tcp(3306), "The shop's pods query their database"),
    );
    expect(count(asked.tf)).toBe(count(plain.tf));
    expect(JSON.stringify(asked.tf)).not.toContain("The shop's pods");
  });

  test("THEN the reference rules' addresses are made of their identity", () => {
    const { tf } = synthNetwork({}, () => undefined);
    const names = Object.keys(resourcesOf(tf, "oci_core_network_security_group_security_rule")).map((k) => k.replace(/_[0-9A-F]{8}$/, ""));
    expect(names).toEqual(
      expect.arrayContaining([
        "network_db-nsg_ingress-pods-nsg-tcp-3306",
        "network_pods-nsg_egress-db-nsg-tcp-3306",
        "network_pods-nsg_ingress-self-all",
        "network_api-nsg_egress-osn-tcp-443",
        "network_lb-nsg_ingress-cidr-0-0-0-0-0-tcp-443",
      ]),
    );
  });
});

describe("Network.fromExisting", () => {
  const attrs = {
    compartmentId: TEST_COMPARTMENT,
    vcnId: "ocid1.vcn.oc1..existing",
    vcnCidr: "172.16.0.0/16",
    subnets: {
      api: { subnetId: "ocid1.subnet.oc1..api", public: true },
      nodes: { subnetId: "ocid1.subnet.oc1..nodes", cidr: "172.16.0.0/24" },
      lb: { subnetId: "ocid1.subnet.oc1..lb", public: true },
      db: { subnetId: "ocid1.subnet.oc1..db" },
    },
    nsgIds: EXISTING_NSG_IDS,
  };

  test("GIVEN existing OCIDs THEN roles resolve to them and no network resources are created", () => {
    let network!: ReturnType<typeof Network.fromExisting>;
    const { tf } = synthOci((scope) => {
      network = Network.fromExisting(scope, "network", attrs);
      network.connections("db").allowFrom(network.connections("pods"), Port.tcp(3306), "Pods reach MySQL on 3306");
    });
    expect(network.subnet("pods")).toEqual({ name: "nodes", subnetId: "ocid1.subnet.oc1..nodes", cidr: "172.16.0.0/24", isPublic: false });
    expect(network.subnet("api").isPublic).toBe(true);
    expect(network.securityGroup("lb").nsgId).toBe("ocid1.networksecuritygroup.oc1..lb");
    expect(Object.keys(tf.resource)).toEqual(["oci_core_network_security_group_security_rule"]);
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"));
    expect(rules.map((r) => [r.network_security_group_id, r.direction, r.source ?? r.destination])).toEqual(
      expect.arrayContaining([
        ["ocid1.networksecuritygroup.oc1..db", "INGRESS", "ocid1.networksecuritygroup.oc1..pods"],
        ["ocid1.networksecuritygroup.oc1..pods", "EGRESS", "ocid1.networksecuritygroup.oc1..db"],
      ]),
    );
  });

  test("GIVEN an existing node subnet that is too small THEN synth fails", () => {
    expect(() =>
      synthOci((scope) => {
        Network.fromExisting(scope, "network", attrs).addPodDemand({ workloads: [{ name: "web", maxReplicas: 300 }] }, scope);
      }),
    ).toThrow("nodes subnet 172.16.0.0/24 has 253 usable IPs but the plan needs 474");
  });

  test("GIVEN a public pod subnet THEN a clear error", () => {
    expect(() =>
      synthOci((scope) =>
        Network.fromExisting(scope, "network", {
          ...attrs,
          subnets: { ...attrs.subnets, pods: { subnetId: "ocid1.subnet.oc1..pods", public: true } },
        }),
      ),
    ).toThrow("subnets.pods (ocid1.subnet.oc1..pods) is marked public: virtual nodes and pods need a private subnet");
  });
});
