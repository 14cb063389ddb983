/**
 * Run by the consumer test in the scratch project (both engines; in the cdktn run its `cdktf`
 * import is rewritten to `cdktn` like the rest of the user's code): ComplianceChecks added through
 * the app's own `Aspects` must reach the library's stacks, name the offending construct by its
 * path, and honour a waiver. Each of these silently broke once the app's engine and the library's
 * were different copies, so a synth that merely passes proves nothing here.
 */
import { App, Aspects } from "cdktf";
import { ComplianceChecks, Network, OciStack, Peer, Port } from "oke-virtual-nodes";

function synthWithRdpRule(waive: boolean): { error?: string; checks: ComplianceChecks } {
  const app = new App({ outdir: "compliance-probe.out" });
  const stack = new OciStack(app, "probe", { region: "eu-frankfurt-1" });
  const checks = new ComplianceChecks();
  // On the stack, as README "ComplianceChecks" shows: cdktf 0.21 and cdktn 0.24 run a stack's own
  // aspects and those of constructs below it, not the App's.
  Aspects.of(stack).add(checks);
  const network = new Network(stack, "network", { compartmentId: "ocid1.compartment.oc1..aaaaaaaaprobe" });
  const lb = network.securityGroup("lb");
  lb.connections.allowFrom(Peer.ipv4("198.51.100.0/24"), Port.tcp(3389), "Partner jump host reaches RDP on 3389");
  if (waive) ComplianceChecks.waive(lb, "CIS-OCI-2.3", "partner RDP until the VPN lands, ticket SEC-123");
  try {
    app.synth();
    return { checks };
  } catch (err) {
    return { error: (err as Error).message, checks };
  }
}

const failures: string[] = [];
const flagged = synthWithRdpRule(false);
if (!flagged.error?.includes("[CIS-OCI-2.3]")) {
  failures.push(`an NSG rule opening 3389 to the internet passed synth (ComplianceChecks did not run): ${flagged.error ?? "no error"}`);
} else if (!flagged.error.includes("at probe/network/lb-nsg/")) {
  failures.push(`the finding does not name the rule's construct path probe/network/lb-nsg/…: ${flagged.error}`);
}
const waived = synthWithRdpRule(true);
if (waived.error || waived.checks.waived.length !== 1) {
  failures.push(`the waiver was not applied: ${waived.error ?? `${waived.checks.waived.length} waived findings`}`);
}
if (failures.length > 0) {
  for (const f of failures) console.error(`compliance probe: ${f}`);
  process.exit(1);
}
console.log("compliance probe: checks ran on the library's stacks, named the construct, honoured the waiver");
