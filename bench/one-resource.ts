/** The baseline: a cdktf app with one stack and one resource. */
import { App, LocalBackend, TerraformResource, TerraformStack } from "../lib/cdktf";

const app = new App();
const stack = new TerraformStack(app, "one-resource");
new LocalBackend(stack, { path: "../../../terraform.one-resource.tfstate" });
new TerraformResource(stack, "resource", { terraformResourceType: "terraform_data" }).addOverride("input", { hello: "world" });
app.synth();
