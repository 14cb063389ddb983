import { architectureDiagram } from "../../reference/architecture-diagram";
import { capacityTable, resourceCounts, synthSummary } from "../../reference/synth-summary";
import { synthesizeReference } from "../../reference/reference-synth";

describe("architectureDiagram and synthSummary of the reference synth", () => {
  const { stacks, capacity } = synthesizeReference();
  const diagram = architectureDiagram(stacks);

  test("THEN the diagram has the VCN, every subnet with its CIDR, and what runs in each", () => {
    expect(diagram.split("\n")[0]).toBe("flowchart LR");
    for (const line of [
      'subgraph vcn["VCN 10.0.0.0/16"]',
      'subgraph apiSubnet["api subnet 10.0.0.0/28 (private)"]',
      'subgraph nodesSubnet["nodes subnet 10.0.32.0/19 (private)"]',
      'subgraph lbSubnet["lb subnet 10.0.64.0/24 (public)"]',
      'subgraph dbSubnet["db subnet 10.0.65.0/24 (private)"]',
      'pool["Virtual node pool: 3 nodes, Pod.Standard.E4.Flex"]',
      'mysql[("MySQL HeatWave MySQL.2, HA")]',
    ]) {
      expect(diagram).toContain(line);
    }
    expect(diagram).toContain("shop/shop-api 2–10 pods");
  });

  test("THEN the traffic paths are the NSG rules', across stacks (the app's 8080 rule reads the platform's NSGs)", () => {
    expect(diagram).toContain('loadbalancer -->|"TCP 10256, TCP 30000-32767, TCP 8080"| pods');
    expect(diagram).toContain('pods -->|"TCP 3306"| mysql');
    expect(diagram).toContain('pods -->|"TCP 12250, TCP 6443"| endpoint');
    expect(diagram).toContain('clients -->|"TCP 443 from 0.0.0.0/0, TCP 80 from 0.0.0.0/0"| loadbalancer');
    expect(diagram).toContain("pods -. egress .-> nat --> clients");
    expect(diagram).not.toMatch(/ICMP/);
  });

  test("THEN the summary counts resources by kind per stack and shows the capacity plan", () => {
    const app = stacks.find((s) => s.name === "oke-app")!;
    expect(resourceCounts(app)).toEqual(expect.arrayContaining([["kubernetes_manifest (Deployment)", 1], ["kubernetes_manifest (Job)", 2], ["kubernetes_manifest (ServiceAccount)", 4]]));
    expect(capacityTable(capacity).split("\n")[2]).toBe(
      "| nodes | 10.0.32.0/19 | 8189 | 42 = 3 virtual nodes + 14 workload pods at peak + 16 system pods + 9 headroom (25%) | 8147 | /26 (61 usable) |",
    );
    expect(synthSummary(stacks, capacity)).toMatch(/^Resources by stack:\n\n\| Stack \| Resource \| Count \|/);
    expect(synthSummary(stacks, capacity)).toContain("IP capacity plan:");
  });

  test("GIVEN no planned network (an existing platform) THEN the summary has no capacity section", () => {
    expect(synthSummary(stacks, [])).not.toMatch(/capacity|Subnet/);
  });
});
