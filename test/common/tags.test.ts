import { Construct } from "constructs";
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { App, TerraformStack, Testing } from "../../lib/cdktf";
import { Tags } from "../../lib/common/tags";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { OciStack } from "../../lib/stacks/oci-stack";
import { TEST_COMPARTMENT, TEST_REGION, resourcesOf, synthOci } from "../support/synth";

/** Every resource block of the synthesized JSON with its type. */
function allResources(tf: any): { type: string; name: string; body: any }[] {
  return Object.entries(tf.resource ?? {}).flatMap(([type, byName]) =>
    Object.entries(byName as Record<string, any>).map(([name, body]) => ({ type, name, body })),
  );
}

/** OCI resource types whose schema has freeform_tags, from the provider schema the bindings are generated from. */
function taggableTypes(): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const schema = require("../../schema/oracle-oci-7.12.0.json");
  const resources = Object.values(schema.provider_schemas as Record<string, any>)[0].resource_schemas as Record<string, any>;
  return new Set(Object.entries(resources).filter(([, r]) => r.block.attributes?.freeform_tags).map(([type]) => type));
}

describe("Tags", () => {
  test("GIVEN Tags.of(scope).add THEN every resource under it whose schema has freeform_tags carries the tag, and no other resource", () => {
    const { tf } = synthOci((scope) => {
      Tags.of(scope).add("cost-center", "shop");
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
      new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION, secretsEncryptionKey: vault }).addVirtualNodePool("pool", { size: 1 });
    });
    const taggable = taggableTypes();
    const resources = allResources(tf).filter((r) => r.type.startsWith("oci_"));
    const tagged = resources.filter((r) => taggable.has(r.type));
    expect(tagged.map((r) => r.type)).toEqual(
      expect.arrayContaining(["oci_core_vcn", "oci_core_subnet", "oci_core_network_security_group", "oci_kms_vault", "oci_kms_key", "oci_containerengine_cluster", "oci_containerengine_virtual_node_pool", "oci_identity_policy"]),
    );
    for (const r of tagged) expect([r.type, r.body.freeform_tags]).toEqual([r.type, { "cost-center": "shop" }]);
    const untagged = resources.filter((r) => !taggable.has(r.type));
    expect(untagged.length).toBeGreaterThan(0); // e.g. NSG rules
    for (const r of untagged) expect(r.body.freeform_tags).toBeUndefined();
  });

  test("GIVEN tags on nested scopes and on the resource itself THEN they merge: the resource's own win, then the nearest scope's", () => {
    const { tf } = synthOci((scope) => {
      Tags.of(scope).add("team", "platform");
      Tags.of(scope).add("env", "prod");
      const inner = new Construct(scope, "inner");
      Tags.of(inner).add("team", "shop");
      // The library's constructs no longer take tags; a binding given tags directly keeps them.
      new IdentityPolicy(inner, "policy", {
        compartmentId: TEST_COMPARTMENT,
        name: "p",
        description: "d",
        statements: [`Allow group Admins to read all-resources in compartment id ${TEST_COMPARTMENT}`],
        freeformTags: { env: "dev", owner: "me" },
      });
    });
    const [policy] = Object.values(resourcesOf(tf, "oci_identity_policy"));
    expect(policy.freeform_tags).toEqual({ team: "shop", env: "dev", owner: "me" });
  });

  test("GIVEN remove in an inner scope THEN the outer tag is gone there only", () => {
    const { tf } = synthOci((scope) => {
      Tags.of(scope).add("team", "platform");
      const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
      Tags.of(vault.key).remove("team");
    });
    expect(Object.values(resourcesOf(tf, "oci_kms_vault"))[0].freeform_tags).toEqual({ team: "platform" });
    expect(Object.values(resourcesOf(tf, "oci_kms_key"))[0].freeform_tags).toBeUndefined();
  });

  test("GIVEN addDefined THEN defined_tags on the taggable resources", () => {
    const { tf } = synthOci((scope) => {
      Tags.of(scope).addDefined("Operations.CostCenter", "42");
      new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    });
    expect(Object.values(resourcesOf(tf, "oci_kms_vault"))[0].defined_tags).toEqual({ "Operations.CostCenter": "42" });
  });

  test("GIVEN Tags.of(app) THEN stacks made before and after the call carry the tag (cdktf runs only stacks' Aspects)", () => {
    const app = new App();
    const before = new OciStack(app, "before", { region: TEST_REGION });
    Tags.of(app).add("project", "shop");
    const after = new OciStack(app, "after", { region: TEST_REGION });
    new SecretsVault(before, "vault", { compartmentId: TEST_COMPARTMENT });
    new SecretsVault(after, "vault", { compartmentId: TEST_COMPARTMENT });
    const vaultTags = (stack: TerraformStack) => Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "oci_kms_vault"))[0].freeform_tags;
    expect(vaultTags(before)).toEqual({ project: "shop" });
    expect(vaultTags(after)).toEqual({ project: "shop" });
  });

  test("GIVEN the stack's tag set before the App's for the same key THEN the stack's still wins (nearest scope, whatever the order)", () => {
    const app = new App();
    const stack = new OciStack(app, "platform", { region: TEST_REGION });
    Tags.of(stack).add("team", "platform");
    Tags.of(app).add("team", "everyone");
    Tags.of(app).add("project", "shop");
    new SecretsVault(stack, "vault", { compartmentId: TEST_COMPARTMENT });
    const tf = JSON.parse(Testing.synth(stack));
    expect(Object.values(resourcesOf(tf, "oci_kms_vault"))[0].freeform_tags).toEqual({ team: "platform", project: "shop" });
  });

  test("GIVEN a stack-level tag in a multi-stack app THEN only that stack's resources carry it", () => {
    const app = new App();
    const a = new OciStack(app, "a", { region: TEST_REGION });
    const b = new OciStack(app, "b", { region: TEST_REGION });
    Tags.of(a).add("stack", "a");
    new SecretsVault(a, "vault", { compartmentId: TEST_COMPARTMENT });
    new SecretsVault(b, "vault", { compartmentId: TEST_COMPARTMENT });
    const vaultTags = (stack: TerraformStack) => Object.values(resourcesOf(JSON.parse(Testing.synth(stack)), "oci_kms_vault"))[0].freeform_tags;
    expect(vaultTags(a)).toEqual({ stack: "a" });
    expect(vaultTags(b)).toBeUndefined();
  });

  test.each([
    [() => Tags.of(new App()).add("cost.center", "x"), 'tag key "cost.center" is not valid; use 1–100 characters without periods or spaces'],
    [() => Tags.of(new App()).add("a b", "x"), 'tag key "a b" is not valid'],
    [() => Tags.of(new App()).add("k", "v".repeat(257)), 'tag "k": the value must be a string of at most 256 characters'],
    [() => Tags.of(new App()).addDefined("CostCenter", "x"), 'defined tag "CostCenter" is not valid; use "<namespace>.<key>"'],
  ])("GIVEN bad input %# THEN a clear error", (fn, message) => {
    expect(fn).toThrow(message);
  });
});
