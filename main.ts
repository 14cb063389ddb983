/**
 * Synthesizes the reference architecture. Settings come from the environment; without them the
 * built-in defaults (a placeholder compartment and region) are used, with a warning, so the
 * Terraform can be inspected and validated before an OCI account is wired in.
 */
import { App } from "./lib/cdktf";
import { ReferenceArchitectureStack } from "./lib/stacks/reference-architecture-stack";

const PLACEHOLDER_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaplaceholdercompartmentocid";
const PLACEHOLDER_REGION = "eu-frankfurt-1";

function setting(name: string, fallback: string): string {
  const value = process.env[name]?.trim();
  if (value) return value;
  console.warn(`warning: ${name} is not set; using the placeholder ${fallback} (set it before cdktf deploy)`);
  return fallback;
}

function list(name: string): string[] | undefined {
  const value = process.env[name]?.trim();
  return value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
}

const tenancyId = process.env.OCI_TENANCY_OCID?.trim() || undefined;

const app = new App();
new ReferenceArchitectureStack(app, "oke-virtual-nodes", {
  region: setting("OCI_REGION", PLACEHOLDER_REGION),
  compartmentId: setting("OCI_COMPARTMENT_OCID", PLACEHOLDER_COMPARTMENT),
  tenancyId,
  network: {
    apiClientCidrs: list("OKE_API_CLIENT_CIDRS"),
  },
  cluster: {
    // Tenancy-wide and often present already: only when asked for.
    createVirtualNodePolicy: process.env.OKE_CREATE_VIRTUAL_NODE_POLICY === "true",
  },
});
app.synth();
