/**
 * A user's own IAM policy, written with the package's generated binding in a plain TerraformStack
 * with nothing else of the library: `addPolicyLanguageChecks(app)` must make a typo fail synth,
 * naming the policy, the word and its fix. scripts/consumer-test.js runs it after main.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { addPolicyLanguageChecks } from "oke-virtual-nodes";
import { IdentityPolicy } from "oke-virtual-nodes/oci/identity-policy";
import { OciProvider } from "oke-virtual-nodes/oci/provider";

const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), "oke-policy-checks-")) });
const stack = new TerraformStack(app, "iam");
new OciProvider(stack, "oci", { region: "eu-amsterdam-1" });
new IdentityPolicy(stack, "shop-admins", {
  compartmentId: "ocid1.compartment.oc1..aaaaaaaaconsumerexample",
  name: "shop-admins",
  description: "Shop administrators",
  statements: ["Allow group ShopAdmins to read buckets in compartment shop", "Allow group ShopAdmins to mange objects in compartment shop"],
});
addPolicyLanguageChecks(app);

let message = "";
try {
  app.synth();
} catch (err) {
  message = (err as Error).message;
}
fs.rmSync(app.outdir, { recursive: true, force: true });
const line = message.split("\n").find((l) => l.includes("IAM policy at iam/shop-admins, statement 2"));
if (!line || !line.includes('"mange"') || !line.includes('did you mean "manage"?')) {
  console.error(`policy checks: a typo in the user's own policy did not fail synth as expected; got: ${message || "no error"}`);
  process.exit(1);
}
console.log(`policy checks: the typo fails synth: ${line.trim()}`);
