import { planNetwork } from "../../lib/network/network-plan";
import { TEST_COMPARTMENT } from "../support/synth";

const base = { compartmentId: TEST_COMPARTMENT };

describe("planNetwork (pure: props → checked plan, no resources)", () => {
  test("GIVEN defaults THEN Oracle's layout, pods sharing the node subnet, public LB only, 90-day flow logs", () => {
    const plan = planNetwork(base);
    expect(plan.vcnCidr).toBe("10.0.0.0/16");
    expect(plan.vcnDnsLabel).toBe("okevcn");
    expect(plan.podsShareNodeSubnet).toBe(true);
    expect(plan.subnets).toEqual([
      { name: "api", cidr: "10.0.0.0/28", isPublic: false, dnsLabel: "api", displayName: "api-subnet" },
      { name: "nodes", cidr: "10.0.32.0/19", isPublic: false, dnsLabel: "nodes", displayName: "nodes-pods-subnet" },
      { name: "lb", cidr: "10.0.64.0/24", isPublic: true, dnsLabel: "lb", displayName: "lb-subnet" },
      { name: "db", cidr: expect.stringMatching(/^10\.0\.\d+\.0\/24$/), isPublic: false, dnsLabel: "db", displayName: "db-subnet" },
    ]);
    expect(plan.rules).toEqual({ apiClientCidrs: [], podInternetEgress: true, lbListenerPorts: [80, 443], lbClientCidrs: ["0.0.0.0/0"], mysqlXProtocol: false });
    expect(plan.flowLogs).toEqual({ retentionDays: 90 });
    expect(plan.apiOpenToInternet).toBe(false);
  });

  test("GIVEN a private LB subnet THEN its clients default to the VCN CIDR", () => {
    expect(planNetwork({ ...base, vcnCidr: "172.16.0.0/16", subnets: { lb: { public: false } } }).rules.lbClientCidrs).toEqual(["172.16.0.0/16"]);
  });

  test("GIVEN 0.0.0.0/0 among the API clients THEN accepted and flagged for a warning", () => {
    expect(planNetwork({ ...base, apiClientCidrs: ["0.0.0.0/0"] }).apiOpenToInternet).toBe(true);
  });

  test("GIVEN flow logs off THEN no flow-log plan, and their retention is not checked", () => {
    expect(planNetwork({ ...base, flowLogs: { enabled: false, retentionDays: 45 } }).flowLogs).toBeUndefined();
  });

  test.each([
    [{ compartmentId: "not-an-ocid" }, "compartmentId"],
    [{ subnets: { db: { public: true } } }, "subnets.db.public is true: the database subnet must be private"],
    [{ vcnDnsLabel: "my-vcn" }, 'vcnDnsLabel: "my-vcn" is not a valid DNS label'],
    [{ loadBalancerListenerPorts: [0] }, "loadBalancerListenerPorts: 0 is not a TCP port"],
    [{ loadBalancerClientCidrs: ["10.0.0.1/8"] }, 'loadBalancerClientCidrs: "10.0.0.1/8" has host bits set'],
    [{ flowLogs: { retentionDays: 45 } }, "flowLogs.retentionDays: 45 is not allowed"],
    [{ podCapacity: { systemPods: -2 } }, "systemPods: -2 must be a whole number ≥ 0"],
  ])("GIVEN %j THEN the plan refuses it, naming the prop (no construct path: the Network adds it)", (props, message) => {
    expect(() => planNetwork({ ...base, ...props })).toThrow(message);
    expect(() => planNetwork({ ...base, ...props })).not.toThrow(/^stack\//);
  });
});
