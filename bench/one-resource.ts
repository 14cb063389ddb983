/** The baseline: a cdktf app with one stack and one resource. */
import { App, DataResource, LocalBackend, TerraformStack } from "../lib/cdktf";

const app = new App();
const stack = new TerraformStack(app, "one-resource");
new LocalBackend(stack, { path: "../../../terraform.one-resource.tfstate" });
new DataResource(stack, "resource", { input: { hello: "world" } });
app.synth();
