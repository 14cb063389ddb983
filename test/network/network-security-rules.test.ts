import {
  NSG_ROLES,
  Port,
  RuleTableOptions,
  cidrKey,
  defaultDescription,
  describeRoleRulePeer,
  describeTraffic,
  opensAdminPortToInternet,
  ruleProblems,
  trafficKey,
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
  test("GIVEN defaults THEN every NSG has rules and every rule is explained by a sentence", () => {
    const table = virtualNodeRuleTable(defaults);
    for (const role of NSG_ROLES) {
      const sentences = table[role].map((r) => r.description);
      expect(sentences.length).toBeGreaterThan(0);
      for (const s of sentences) expect(s).toMatch(/^[A-Z].{10,}[a-z0-9)]$/);
      expect(new Set(sentences).size).toBe(sentences.length);
    }
  });

  test("GIVEN every option on THEN no two rules of an NSG share an identity (direction, peer, traffic), so none would be merged", () => {
    const table = virtualNodeRuleTable({ ...defaults, apiClientCidrs: ["198.51.100.0/24"], mysqlXProtocol: true });
    for (const role of NSG_ROLES) {
      const identities = table[role].map((r) => `${r.direction} ${JSON.stringify(r.peer)} ${trafficKey(r.traffic)}`);
      expect(identities.length).toBeGreaterThan(0);
      expect(new Set(identities).size).toBe(identities.length);
    }
  });

  test("THEN every rule between two NSGs has its mirror on the other NSG, except the documented asymmetric ones", () => {
    const table = virtualNodeRuleTable(defaults);
    const unmatched: string[] = [];
    for (const role of NSG_ROLES) {
      for (const rule of table[role]) {
        const peer = rule.peer;
        if (peer.kind !== "nsg") continue;
        const mirror = table[peer.role].some(
          (other) =>
            other.peer.kind === "nsg" &&
            other.peer.role === role &&
            other.direction !== rule.direction &&
            JSON.stringify(other.traffic) === JSON.stringify(rule.traffic),
        );
        if (!mirror) unmatched.push(`${role}: ${rule.description}`);
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
    expect(table.api.find((r) => r.peer.kind === "cidr")).toEqual({
      direction: "ingress",
      peer: { kind: "cidr", cidr: "198.51.100.0/24" },
      traffic: { protocol: "tcp", fromPort: 6443, toPort: 6443 },
      description: "Kubernetes clients in 198.51.100.0/24 reach the API endpoint on 6443",
    });
    expect(table.lb.map((r) => r.description).filter((s) => s.startsWith("Clients"))).toEqual([
      "Clients in 10.1.0.0/16 reach the load balancer listener on 443",
    ]);
  });

  test("GIVEN internet egress off THEN no rule targets 0.0.0.0/0", () => {
    const toInternet = (options: RuleTableOptions) => {
      const table = virtualNodeRuleTable(options);
      return NSG_ROLES.flatMap((role) =>
        table[role].filter((r) => r.direction === "egress" && r.peer.kind === "cidr" && r.peer.cidr === "0.0.0.0/0").map((r) => `${role}: ${r.description}`),
      );
    };
    // Premise: with egress on, the filter finds exactly the NAT egress rules of nodes and pods.
    expect(toInternet(defaults)).toEqual([
      "nodes: Virtual nodes reach the internet through the NAT gateway (image pulls, external APIs)",
      "pods: Pods reach the internet through the NAT gateway (image pulls, external APIs)",
    ]);
    expect(toInternet({ ...defaults, podInternetEgress: false })).toEqual([]);
  });

  test("THEN the DB NSG admits pods on 3306 only, and 33060 only when asked", () => {
    expect(virtualNodeRuleTable(defaults).db).toEqual([
      { direction: "ingress", peer: { kind: "nsg", role: "pods" }, traffic: Port.tcp(3306), description: "Pods reach MySQL on 3306" },
    ]);
    expect(virtualNodeRuleTable({ ...defaults, mysqlXProtocol: true }).db.map((r) => r.description)).toEqual([
      "Pods reach MySQL on 3306",
      "Pods reach MySQL X protocol on 33060",
    ]);
  });
});

describe("rule helpers", () => {
  test.each([
    [Port.tcp(6443), "tcp-6443"],
    [Port.tcpRange(30000, 32767), "tcp-30000-32767"],
    [Port.allTcp(), "tcp-all"],
    [Port.udp(53), "udp-53"],
    [Port.icmpPathDiscovery(), "icmp-3-4"],
    [{ protocol: "icmp" as const, type: 8 }, "icmp-8"],
    [Port.allTraffic(), "all"],
  ])("trafficKey(%j) = %s: the traffic part of a rule's address", (traffic, key) => {
    expect(trafficKey(traffic)).toBe(key);
  });

  test("GIVEN a CIDR THEN its address part keeps every octet and the prefix", () => {
    expect(cidrKey("0.0.0.0/0")).toBe("cidr-0-0-0-0-0");
    expect(cidrKey("10.20.0.0/16")).toBe("cidr-10-20-0-0-16");
  });

  test("GIVEN no description THEN one is made from the identity", () => {
    expect(defaultDescription("ingress", "NSG pods-nsg", Port.tcp(3306))).toBe("ingress from NSG pods-nsg on TCP 3306");
    expect(defaultDescription("egress", "10.0.0.0/8", Port.allTraffic())).toBe("egress to 10.0.0.0/8 on all");
  });

  test("ruleProblems: the one validation refuses SSH/RDP from the internet and descriptions OCI rejects", () => {
    const ssh = { direction: "ingress" as const, sourceCidr: "0.0.0.0/0", traffic: Port.tcp(22), description: "SSH from anywhere" };
    expect(ruleProblems(ssh)).toEqual([
      'rule "SSH from anywhere" would open 22/3389 to 0.0.0.0/0 (CIS OCI 2.3/2.4); restrict its source CIDR or ports',
    ]);
    expect(ruleProblems({ ...ssh, sourceCidr: "10.0.0.0/8" })).toEqual([]);
    expect(ruleProblems({ ...ssh, traffic: Port.tcp(443), description: "x".repeat(256) })).toEqual([
      `rule description must be 1–255 characters, got 256: "${"x".repeat(256)}"`,
    ]);
    expect(ruleProblems({ ...ssh, traffic: Port.tcp(443), description: "" })[0]).toMatch("got 0");
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

  test("describeRoleRulePeer", () => {
    const peers = [{ kind: "nsg", role: "db" }, { kind: "cidr", cidr: "10.0.0.0/8" }, { kind: "oracle-services" }] as const;
    expect(peers.map(describeRoleRulePeer)).toEqual([
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
    ["ingress", "0.0.0.0/0", Port.tcp(22), true],
    ["ingress", "0.0.0.0/0", Port.tcpRange(3000, 4000), true],
    ["ingress", "0.0.0.0/0", Port.allTcp(), true],
    ["ingress", "0.0.0.0/0", Port.allTraffic(), true],
    ["ingress", "0.0.0.0/0", Port.tcp(443), false],
    ["ingress", "10.0.0.0/8", Port.tcp(22), false],
    ["ingress", undefined, Port.tcp(22), false],
    ["egress", "0.0.0.0/0", Port.allTraffic(), false],
    ["ingress", "0.0.0.0/0", Port.icmpPathDiscovery(), false],
  ] as const)("opensAdminPortToInternet(%s, %s, %j) = %s", (direction, cidr, traffic, expected) => {
    expect(opensAdminPortToInternet(direction, cidr, traffic)).toBe(expected);
  });
});
