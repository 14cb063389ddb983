import {
  checkCapacity,
  cidrsOverlap,
  describeCapacityShortfall,
  parseCidr,
  peakPods,
  planSubnets,
  requiredIps,
  smallestPrefixFor,
  usableIps,
} from "../../lib/network/network-cidr-plan";

describe("usable IPs", () => {
  test("OCI keeps three addresses per subnet", () => {
    // GIVEN / WHEN / THEN
    expect(usableIps(19)).toBe(8189);
    expect(usableIps(24)).toBe(253);
    expect(usableIps(28)).toBe(13);
    expect(usableIps(30)).toBe(1);
  });

  test("the smallest prefix that fits is the longest one with enough usable IPs", () => {
    expect(smallestPrefixFor(1000)).toBe(22);
    expect(smallestPrefixFor(1021)).toBe(22);
    expect(smallestPrefixFor(1022)).toBe(21);
    expect(smallestPrefixFor(1)).toBe(30);
    expect(smallestPrefixFor(70_000)).toBeUndefined();
  });
});

describe("parseCidr", () => {
  test("accepts a network address and gives its range", () => {
    const cidr = parseCidr("10.0.32.0/19", "x");
    expect(cidr).toMatchObject({ cidr: "10.0.32.0/19", prefixLength: 19 });
    expect(cidr.last - cidr.first + 1n).toBe(8192n);
  });

  test.each([
    ["10.0.0.300/16", /subnets\.pods\.cidr: "10\.0\.0\.300\/16" is not a valid IPv4 CIDR/],
    ["10.0.0.0", /subnets\.pods\.cidr: "10\.0\.0\.0" is not an IPv4 CIDR; expected a\.b\.c\.d\/n/],
    ["10.0.0.0/33", /"10\.0\.0\.0\/33" is not a valid IPv4 CIDR/],
    ["banana", /"banana" is not an IPv4 CIDR/],
    ["010.0.0.0/16", /"010\.0\.0\.0\/16" is not a valid IPv4 CIDR/],
  ])("GIVEN %s WHEN parsed THEN the error names the value", (value, message) => {
    expect(() => parseCidr(value, "subnets.pods.cidr")).toThrow(message);
  });

  test("host bits set: the error gives the network address", () => {
    expect(() => parseCidr("10.0.0.1/16", "vcnCidr")).toThrow(
      'vcnCidr: "10.0.0.1/16" has host bits set; the network address of that block is 10.0.0.0/16',
    );
  });

  test("overlap is symmetric and exact at the edges", () => {
    const a = parseCidr("10.0.0.0/24", "a");
    expect(cidrsOverlap(a, parseCidr("10.0.0.128/25", "b"))).toBe(true);
    expect(cidrsOverlap(parseCidr("10.0.0.128/25", "b"), a)).toBe(true);
    expect(cidrsOverlap(a, parseCidr("10.0.1.0/24", "c"))).toBe(false);
  });
});

describe("planSubnets", () => {
  test("GIVEN defaults WHEN carving 10.0.0.0/16 THEN Oracle's example layout comes out", () => {
    const plan = planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { api: {}, nodes: {}, lb: {}, db: {} } });
    expect(Object.fromEntries(Object.entries(plan.subnets).map(([k, v]) => [k, v!.cidr]))).toEqual({
      api: "10.0.0.0/28",
      nodes: "10.0.32.0/19",
      lb: "10.0.64.0/24",
      db: "10.0.65.0/24",
    });
    expect(plan.subnets.nodes!.usableIps).toBe(8189);
    expect(plan.subnets.nodes!.explicit).toBe(false);
  });

  test("GIVEN an explicit CIDR WHEN carving the rest THEN they go around it", () => {
    const plan = planSubnets({
      vcnCidr: "10.0.0.0/16",
      subnets: { api: { cidr: "10.0.0.0/24" }, nodes: { prefixLength: 18 }, pods: { cidr: "10.0.64.0/18" }, lb: {}, db: {} },
    });
    expect(plan.subnets.api!.cidr).toBe("10.0.0.0/24");
    expect(plan.subnets.nodes!.cidr).toBe("10.0.128.0/18");
    expect(plan.subnets.pods!.cidr).toBe("10.0.64.0/18");
    expect(plan.subnets.lb!.cidr).toBe("10.0.192.0/24");
    expect(plan.subnets.db!.cidr).toBe("10.0.193.0/24");
  });

  test("GIVEN no room after the cursor WHEN carving THEN an earlier gap is used", () => {
    const plan = planSubnets({
      vcnCidr: "10.0.0.0/22",
      subnets: { api: { cidr: "10.0.3.0/24" }, nodes: { prefixLength: 23 }, lb: { prefixLength: 25 } },
    });
    expect(plan.subnets.nodes!.cidr).toBe("10.0.0.0/23");
    expect(plan.subnets.lb!.cidr).toBe("10.0.2.0/25");
  });

  test("overlapping subnets fail naming both", () => {
    expect(() =>
      planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { nodes: { cidr: "10.0.32.0/19" }, lb: { cidr: "10.0.40.0/24" } } }),
    ).toThrow("subnets.lb.cidr: 10.0.40.0/24 overlaps subnets.nodes (10.0.32.0/19); subnets in one VCN must not overlap");
  });

  test("a subnet outside the VCN fails naming it and the VCN", () => {
    expect(() => planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { db: { cidr: "10.1.0.0/24" } } })).toThrow(
      "subnets.db.cidr: 10.1.0.0/24 is outside the VCN 10.0.0.0/16",
    );
  });

  test("an invalid subnet CIDR fails naming the setting", () => {
    expect(() => planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { lb: { cidr: "10.0.64/24" } } })).toThrow(
      'subnets.lb.cidr: "10.0.64/24" is not an IPv4 CIDR',
    );
  });

  test.each([
    ["10.0.0.0/8", /vcnCidr: "10\.0\.0\.0\/8" has prefix \/8; OCI allows VCN prefixes from \/16 to \/30/],
    ["169.254.0.0/16", /link-local, multicast or loopback/],
    ["10.0.0.0/31", /has prefix \/31/],
  ])("VCN CIDR %s is rejected", (vcnCidr, message) => {
    expect(() => planSubnets({ vcnCidr, subnets: {} })).toThrow(message);
  });

  test("a subnet prefix shorter than the VCN's or longer than /30 is rejected", () => {
    expect(() => planSubnets({ vcnCidr: "10.0.0.0/20", subnets: { nodes: { prefixLength: 19 } } })).toThrow(
      'subnets.nodes.prefixLength: "19" gives a /19 subnet; in VCN 10.0.0.0/20 a subnet prefix must be from /20 to /30',
    );
    expect(() => planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { api: { cidr: "10.0.0.0/31" } } })).toThrow(
      "must be from /16 to /30",
    );
  });

  test("a VCN too small for the subnets fails with what is taken", () => {
    expect(() => planSubnets({ vcnCidr: "10.0.0.0/20", subnets: { api: {}, nodes: {} } })).toThrow(
      "subnets.nodes.prefixLength",
    );
    expect(() =>
      planSubnets({ vcnCidr: "10.0.0.0/24", subnets: { api: { prefixLength: 25 }, nodes: { prefixLength: 25 }, lb: { prefixLength: 28 } } }),
    ).toThrow("subnets.lb: no free /28 left in VCN 10.0.0.0/24 (taken: api 10.0.0.0/25, nodes 10.0.0.128/25)");
  });
});

describe("pod capacity", () => {
  test("peak pods add the rolling-update surge, rounded up", () => {
    expect(peakPods({ name: "app", maxReplicas: 10 })).toBe(13); // 25 % of 10 = 2.5 → 3
    expect(peakPods({ name: "app", maxReplicas: 10, surgePercent: 0 })).toBe(10);
    expect(peakPods({ name: "app", maxReplicas: 4, surgePercent: 100 })).toBe(8);
  });

  test("required IPs: nodes + peak pods + system pods, plus headroom on the sum", () => {
    const required = requiredIps(
      { virtualNodes: 3, workloads: [{ name: "app", maxReplicas: 10 }], systemPods: 20, headroomPercent: 25 },
      { nodes: true, pods: true },
    );
    // 3 + 13 + 20 = 36; 25 % headroom = 9
    expect(required).toEqual({ virtualNodes: 3, workloadPods: 13, systemPods: 20, headroomPercent: 25, headroomIps: 9, total: 45 });
  });

  test("a node-only subnet counts only virtual nodes", () => {
    const required = requiredIps({ virtualNodes: 8, workloads: [{ name: "a", maxReplicas: 50 }] }, { nodes: true, pods: false });
    expect(required.total).toBe(10); // 8 + 25 % headroom (2)
  });

  test("GIVEN a /19 THEN 8189 usable IPs and a small plan fits", () => {
    const check = checkCapacity("nodes", "10.0.32.0/19", requiredIps({ virtualNodes: 3 }, { nodes: true, pods: true }));
    expect(check.usableIps).toBe(8189);
    expect(check.fits).toBe(true);
  });

  test("GIVEN 1000 pod IPs needed in a /24 THEN the shortfall names both numbers and the prefix that fits", () => {
    const required = requiredIps(
      { workloads: [{ name: "web", maxReplicas: 980, surgePercent: 0 }], systemPods: 20, headroomPercent: 0 },
      { nodes: false, pods: true },
    );
    expect(required.total).toBe(1000);
    const check = checkCapacity("pods", "10.0.1.0/24", required);
    expect(check.fits).toBe(false);
    expect(check.smallestFittingPrefix).toBe(22);
    expect(describeCapacityShortfall(check)).toBe(
      "pods subnet 10.0.1.0/24 has 253 usable IPs but the plan needs 1000 " +
        "(980 peak workload pods + 20 system pods + 0 headroom (0%)); use a /22 or larger (1021 usable IPs)",
    );
  });

  test.each([
    [{ virtualNodes: -1 }, "virtualNodes: -1 must be a whole number ≥ 0"],
    [{ systemPods: 1.5 }, "systemPods: 1.5 must be a whole number ≥ 0"],
    [{ headroomPercent: -5 }, "headroomPercent: -5 is outside 0–1000"],
    [{ workloads: [{ name: "web", maxReplicas: 0 }] }, 'workload "web" maxReplicas: 0 must be a whole number ≥ 1'],
    [{ workloads: [{ name: "web", maxReplicas: 2, surgePercent: 150 }] }, 'workload "web" surgePercent: 150 is outside 0–100'],
  ])("bad demand %j is rejected", (demand, message) => {
    expect(() => requiredIps(demand, { nodes: true, pods: true })).toThrow(message);
  });
});
