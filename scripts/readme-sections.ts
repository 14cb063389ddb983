/** The README sections generated from the library's data and a real synth (see render-docs.ts). */
import * as fs from "fs";
import * as path from "path";
import { planSubnets } from "../lib/network/network-cidr-plan";
import { ruleTableMarkdown, virtualNodeRuleTable } from "../lib/network/network-security-rules";
import { architectureDiagram } from "../reference/architecture-diagram";
import { settingsMarkdown } from "../reference/reference-config";
import { capacityTable, resourceCountTable } from "../reference/synth-summary";
import { iamGrantTable } from "../lib/security/policy-language/report";
import { synthesizeReference } from "../reference/reference-synth";

/** What `npm run bench` measured last (it writes the file and this README section). */
export const BENCH_RESULTS = path.join(__dirname, "..", "bench", "results.md");

export function readmeSections(): Record<string, string> {
  const plan = planSubnets({ vcnCidr: "10.0.0.0/16", subnets: { api: {}, nodes: {}, lb: {}, db: {} } });
  const subnetRows = [
    "| Subnet | Default CIDR | Usable IPs | Visibility | Holds |",
    "|---|---|---|---|---|",
    ...Object.values(plan.subnets).map((s) => {
      const holds = {
        api: "Kubernetes API endpoint",
        nodes: "virtual nodes and pods",
        pods: "pods",
        lb: "load balancers",
        db: "MySQL DB system",
      }[s!.name];
      const visibility = s!.name === "lb" ? "public" : "private";
      return `| ${s!.name} | ${s!.cidr} | ${s!.usableIps} | ${visibility} | ${holds} |`;
    }),
  ];
  const reference = synthesizeReference();
  return {
    settings: settingsMarkdown(),
    subnets: subnetRows.join("\n"),
    "nsg-rules": ruleTableMarkdown(
      virtualNodeRuleTable({
        apiClientCidrs: ["<apiClientCidrs>"],
        podInternetEgress: true,
        lbListenerPorts: [80, 443],
        lbClientCidrs: ["<loadBalancerClientCidrs>"],
        mysqlXProtocol: false,
      }),
    ),
    "synth-summary": `${resourceCountTable(reference.stacks)}\n\n${capacityTable(reference.capacity)}\n\n${iamGrantTable(reference.stacks)}`,
    diagram: ["```mermaid", architectureDiagram(reference.stacks), "```"].join("\n"),
    speed: fs.readFileSync(BENCH_RESULTS, "utf8").trimEnd(),
  };
}
