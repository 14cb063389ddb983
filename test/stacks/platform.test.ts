import { TerraformOutput } from "../../lib/cdktf";
import { OciStack } from "../../lib/stacks/oci-stack";
import { ExistingPlatformAttributes, PlatformRefs, importPlatform, readPlatformFromTerraformCloud } from "../../lib/stacks/platform";
import { PlatformStack } from "../../lib/stacks/platform-stack";
import { REQUIRED, ocid } from "../support/existing-platform";
import { TEST_COMPARTMENT, TEST_REGION, synthApp } from "../support/synth";

const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatesttenancy";
function imported(attrs: ExistingPlatformAttributes) {
  let refs!: PlatformRefs;
  const out = synthApp((app) => {
    const stack = new OciStack(app, "apps", { region: TEST_REGION });
    refs = importPlatform(stack, "platform", attrs);
    new TerraformOutput(stack, "cluster", { value: refs.cluster.clusterId });
  });
  return { refs, tf: out.stacks.apps };
}

describe("importPlatform", () => {
  test("GIVEN only the required outputs THEN constructs over those OCIDs, pods on the nodes subnet, a public LB subnet, and nothing created", () => {
    const { refs, tf } = imported(REQUIRED);
    expect(refs.network.compartmentId).toBe(TEST_COMPARTMENT);
    expect(refs.network.vcnId).toBe(REQUIRED.vcn_id);
    expect(refs.network.podsShareNodeSubnet).toBe(true);
    expect(refs.network.subnet("pods").subnetId).toBe(REQUIRED.nodes_subnet_id);
    expect(refs.network.subnet("lb")).toMatchObject({ subnetId: REQUIRED.lb_subnet_id, isPublic: true });
    expect(refs.network.subnet("api").isPublic).toBe(false);
    expect(refs.network.nsgIds).toEqual({
      api: REQUIRED.api_nsg_id,
      nodes: REQUIRED.nodes_nsg_id,
      pods: REQUIRED.pods_nsg_id,
      lb: REQUIRED.lb_nsg_id,
      db: REQUIRED.db_nsg_id,
    });
    expect([refs.vault.vaultId, refs.vault.keyId, refs.vault.compartmentId]).toEqual([REQUIRED.vault_id, REQUIRED.vault_key_id, TEST_COMPARTMENT]);
    expect([refs.cluster.clusterId, refs.cluster.compartmentId]).toEqual([REQUIRED.cluster_id, TEST_COMPARTMENT]);
    expect([refs.database.endpointHost, refs.database.port, refs.database.adminUsername]).toEqual([REQUIRED.mysql_endpoint, 3306, "admin"]);
    expect(refs.database.passwordSecret).toMatchObject({
      secretId: REQUIRED.mysql_password_secret_id,
      secretName: REQUIRED.mysql_password_secret_name,
      vaultId: REQUIRED.vault_id,
      compartmentId: TEST_COMPARTMENT,
    });
    expect(refs.imageRepository).toBeUndefined();
    expect(tf.resource ?? {}).toEqual({});
    expect(tf.output!.cluster.value).toBe(REQUIRED.cluster_id);
  });

  test("GIVEN the optional outputs THEN each one wins over its default", () => {
    const vaultCompartment = "ocid1.compartment.oc1..aaaaaaaavaults";
    const clusterCompartment = "ocid1.compartment.oc1..aaaaaaaaclusters";
    const { refs } = imported({
      ...REQUIRED,
      pods_subnet_id: ocid("subnet", "pods"),
      pods_subnet_cidr: "10.0.128.0/18",
      lb_subnet_public: false,
      vault_compartment_id: vaultCompartment,
      cluster_compartment_id: clusterCompartment,
      mysql_port: 3307,
      image_repository: "fra.ocir.io/acme/shop/api",
    });
    expect(refs.network.podsShareNodeSubnet).toBe(false);
    expect(refs.network.subnet("pods")).toMatchObject({ subnetId: ocid("subnet", "pods"), cidr: "10.0.128.0/18" });
    expect(refs.network.subnet("lb").isPublic).toBe(false);
    expect(refs.vault.compartmentId).toBe(vaultCompartment);
    expect(refs.database.passwordSecret.compartmentId).toBe(vaultCompartment);
    expect(refs.cluster.compartmentId).toBe(clusterCompartment);
    expect(refs.database.port).toBe(3307);
    expect(refs.imageRepository).toBe("fra.ocir.io/acme/shop/api");
  });

  test("GIVEN outputs missing or empty THEN one error naming all of them and where they come from", () => {
    const { vcn_id: _vcn, mysql_endpoint: _endpoint, ...rest } = REQUIRED;
    expect(() => imported({ ...rest, cluster_id: "" } as ExistingPlatformAttributes)).toThrow(
      "existing platform: vcn_id, cluster_id, mysql_endpoint missing; give every output the platform stack writes (cdktf output --outputs-file)",
    );
  });

  test("GIVEN an output that is not an OCID of its kind THEN the construct's error names it", () => {
    expect(() => imported({ ...REQUIRED, vcn_id: ocid("subnet", "notavcn") })).toThrow(/vcnId/);
  });
});

describe("readPlatformFromTerraformCloud", () => {
  test("GIVEN a platform in another Terraform Cloud workspace THEN its outputs through tfe_outputs: literals stay literal, sensitive outputs come from values", () => {
    const out = synthApp((app) => {
      const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY });
      (platform.node.findChild("mysql_endpoint") as TerraformOutput).sensitive = true;
      const later = new OciStack(app, "later", { region: TEST_REGION });
      const refs = readPlatformFromTerraformCloud(later, "platform", platform, { organization: "acme", workspace: "platform", hostname: "tfe.example.com" });
      new TerraformOutput(later, "cluster", { value: refs.cluster.clusterId });
      new TerraformOutput(later, "db", { value: refs.database.endpointHost, sensitive: true });
      new TerraformOutput(later, "vcn_cidr", { value: refs.network.vcnCidr });
    });
    const later = out.stacks.later as any;
    expect(later.provider.tfe).toEqual([{ hostname: "tfe.example.com", organization: "acme" }]);
    expect(later.data.tfe_outputs).toEqual({ "platform-outputs": { organization: "acme", workspace: "platform" } });
    expect(later.output.cluster.value).toBe('${data.tfe_outputs.platform-outputs.nonsensitive_values["cluster_id"]}');
    expect(later.output.db.value).toBe('${data.tfe_outputs.platform-outputs.values["mysql_endpoint"]}');
    expect(later.output.vcn_cidr.value).toBe("10.0.0.0/16");
    expect(later.data.terraform_remote_state).toBeUndefined();
  });

  test("GIVEN the image repository (literal registry host, namespace known after apply) THEN the host stays a literal head and the rest is read with it trimmed off", () => {
    let repository: string | undefined;
    const out = synthApp((app) => {
      const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY });
      const later = new OciStack(app, "later", { region: TEST_REGION });
      repository = readPlatformFromTerraformCloud(later, "platform", platform, { organization: "acme", workspace: "platform" }).imageRepository;
      new TerraformOutput(later, "image", { value: repository });
    });
    // At synth the library sees the registry host (the pull secret's registry comes from it).
    expect(repository!.startsWith("eu-frankfurt-1.ocir.io/")).toBe(true);
    expect((out.stacks.later as any).output.image.value).toBe(
      'eu-frankfurt-1.ocir.io/${trimprefix(data.tfe_outputs.platform-outputs.nonsensitive_values["image_repository"], "eu-frankfurt-1.ocir.io/")}',
    );
  });

  test("GIVEN two reads in one stack THEN one tfe provider, and one tfe_outputs each", () => {
    const out = synthApp((app) => {
      const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY });
      const later = new OciStack(app, "later", { region: TEST_REGION });
      const a = readPlatformFromTerraformCloud(later, "first", platform, { organization: "acme", workspace: "platform" });
      const b = readPlatformFromTerraformCloud(later, "second", platform, { organization: "acme", workspace: "platform" });
      new TerraformOutput(later, "a", { value: a.cluster.clusterId });
      new TerraformOutput(later, "b", { value: b.cluster.clusterId });
    });
    const later = out.stacks.later as any;
    expect(later.provider.tfe).toEqual([{ organization: "acme" }]);
    expect(Object.keys(later.data.tfe_outputs).sort()).toEqual(["first-outputs", "second-outputs"]);
  });

  test("GIVEN the platform's own stack THEN an error: use it directly", () => {
    expect(() =>
      synthApp((app) => {
        const platform = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY });
        readPlatformFromTerraformCloud(platform, "self", platform, { organization: "acme", workspace: "platform" });
      }),
    ).toThrow("self: the platform is in this stack (platform); use it directly");
  });
});
