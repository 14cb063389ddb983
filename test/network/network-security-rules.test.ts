import {
  NSG_ROLES,
  Port,
  PeerSpec,
  RuleTableOptions,
  addRule,
  connectionRules,
  describePeer,
  describeTraffic,
  emptyRuleTable,
  opensAdminPortToInternet,
  virtualNodeRuleTable,
} from "../../lib/network/network-security-rules";

const defaults: RuleTableOptions = {
  apiClientCidrs: [],
  podInternetEgress: true,
  lbListenerPorts: [80, 443],
  lbClientCidrs: ["0.0.0.0/0"],
  mysqlXProtocol: false,
};

describe("virtualNodeRuleTable", () => {
  test("GIVEN defaults THEN every NSG has rules and every rule is keyed by a sentence", () => {
    const table = virtualNodeRuleTable(defaults);
    for (const role of NSG_ROLES) {
      const sentences = Object.keys(table[role]);
      expect(sentences.length).toBeGreaterThan(0);
      for (const s of sentences) expect(s).toMatch(/^[A-Z].{10,}[a-z0-9)]$/);
    }
  });

  test("THEN every rule between two NSGs has its mirror on the other NSG, except the documented asymmetric ones", () => {
    const table = virtualNodeRuleTable(defaults);
    const unmatched: string[] = [];
    for (const role of NSG_ROLES) {
      for (const [sentence, rule] of Object.entries(table[role])) {
        if (rule.peer.kind !== "nsg") continue;
        const mirror = Object.values(table[rule.peer.role]).some(
          (other) =>
            other.peer.kind === "nsg" &&
            other.peer.role === role &&
            other.direction !== rule.direction &&
            JSON.stringify(other.traffic) === JSON.stringify(rule.traffic),
        );
        if (!mirror) unmatched.push(`${role}: ${sentence}`);
      }
    }
    // Oracle's tables: API → pods is "all" on the API side and "TCP all" on the pod side; ICMP
    // path discovery between pods and the API endpoint is listed on the pod side only.
    expect(unmatched.sort()).toEqual([
      "api: The API server reaches pods on any protocol (webhooks, VCN-native pod networking)",
      "pods: Pods send path-MTU discovery to the API endpoint",
      "pods: The API endpoint sends path-MTU discovery to pods",
      "pods: The API server reaches pods on any TCP port (webhooks)",
    ]);
  });

  test("GIVEN client CIDRs THEN one rule per CIDR on 6443, and one per CIDR and listener port on the LB", () => {
    const table = virtualNodeRuleTable({ ...defaults, apiClientCidrs: ["198.51.100.0/24"], lbClientCidrs: ["10.1.0.0/16"], lbListenerPorts: [443] });
    expect(table.api["Kubernetes clients in 198.51.100.0/24 reach the API endpoint on 6443"]).toEqual({
      direction: "ingress",
      peer: { kind: "cidr", cidr: "198.51.100.0/24" },
      traffic: { protocol: "tcp", fromPort: 6443, toPort: 6443 },
    });
    expect(Object.keys(table.lb).filter((s) => s.startsWith("Clients"))).toEqual([
      "Clients in 10.1.0.0/16 reach the load balancer listener on 443",
    ]);
  });

  test("GIVEN internet egress off THEN no rule targets 0.0.0.0/0", () => {
    const table = virtualNodeRuleTable({ ...defaults, podInternetEgress: false });
    const toInternet = NSG_ROLES.flatMap((r) => Object.values(table[r])).filter(
      (r) => r.direction === "egress" && r.peer.kind === "cidr" && r.peer.cidr === "0.0.0.0/0",
    );
    expect(toInternet).toEqual([]);
  });

  test("THEN the DB NSG admits pods on 3306 only, and 33060 only when asked", () => {
    expect(virtualNodeRuleTable(defaults).db).toEqual({
      "Pods reach MySQL on 3306": { direction: "ingress", peer: PeerSpec.nsg("pods"), traffic: Port.tcp(3306) },
    });
    expect(Object.keys(virtualNodeRuleTable({ ...defaults, mysqlXProtocol: true }).db)).toEqual([
      "Pods reach MySQL on 3306",
      "Pods reach MySQL X protocol on 33060",
    ]);
  });
});

describe("rule helpers", () => {
  test("a connection gives egress on the sender and ingress on the receiver", () => {
    expect(connectionRules("lb", "pods", Port.tcp(8080))).toEqual([
      { role: "lb", rule: { direction: "egress", peer: PeerSpec.nsg("pods"), traffic: Port.tcp(8080) } },
      { role: "pods", rule: { direction: "ingress", peer: PeerSpec.nsg("lb"), traffic: Port.tcp(8080) } },
    ]);
  });

  test("a sentence may be used once per NSG, and must fit OCI's 255 characters", () => {
    const table = emptyRuleTable();
    const rule = { direction: "ingress" as const, peer: PeerSpec.anyIpv4(), traffic: Port.tcp(443) };
    addRule(table, "lb", "Clients reach HTTPS", rule);
    expect(() => addRule(table, "lb", "Clients reach HTTPS", rule)).toThrow('NSG "lb" already has a rule described "Clients reach HTTPS"');
    expect(() => addRule(table, "lb", "x".repeat(256), rule)).toThrow("must be 1–255 characters, got 256");
  });

  test.each([
    [Port.tcp(6443), "TCP 6443"],
    [Port.tcpRange(30000, 32767), "TCP 30000-32767"],
    [Port.allTcp(), "TCP all"],
    [Port.udp(53), "UDP 53"],
    [Port.icmpPathDiscovery(), "ICMP 3/4"],
    [Port.allTraffic(), "all"],
  ])("describeTraffic(%j) = %s", (traffic, text) => {
    expect(describeTraffic(traffic)).toBe(text);
  });

  test("describePeer", () => {
    expect([PeerSpec.nsg("db"), PeerSpec.cidr("10.0.0.0/8"), PeerSpec.oracleServices()].map(describePeer)).toEqual([
      "NSG db",
      "10.0.0.0/8",
      "OSN",
    ]);
  });

  test("bad ports name the value", () => {
    expect(() => Port.tcp(0)).toThrow("port 0 is not a TCP/UDP port; use a whole number from 1 to 65535");
    expect(() => Port.tcpRange(9000, 8000)).toThrow("port range 9000-8000 is reversed");
  });

  test.each([
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.tcp(22) }, true],
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.tcpRange(3000, 4000) }, true],
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.allTcp() }, true],
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.allTraffic() }, true],
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.tcp(443) }, false],
    [{ direction: "ingress", peer: PeerSpec.cidr("10.0.0.0/8"), traffic: Port.tcp(22) }, false],
    [{ direction: "egress", peer: PeerSpec.anyIpv4(), traffic: Port.allTraffic() }, false],
    [{ direction: "ingress", peer: PeerSpec.anyIpv4(), traffic: Port.icmpPathDiscovery() }, false],
  ] as const)("opensAdminPortToInternet(%j) = %s", (rule, expected) => {
    expect(opensAdminPortToInternet(rule)).toBe(expected);
  });
});
