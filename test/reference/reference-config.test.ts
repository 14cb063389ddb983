import { ConfigError, PLACEHOLDER_COMPARTMENT, PLACEHOLDER_TENANCY, readReferenceConfig } from "../../reference/reference-config";
import { PLATFORM_OUTPUTS } from "../support/existing-platform";

const valid = {
  OCI_REGION: "us-gov-ashburn-1",
  OCI_COMPARTMENT_OCID: "ocid1.compartment.oc3..aaaaaaaac",
  OCI_TENANCY_OCID: "ocid1.tenancy.oc3..aaaaaaaat",
  // Outside oc1 the image is given in full (the registry host of oc3 is not assumed).
  OKE_APP_IMAGE: "registry.example.com/shop/api:1.0.0",
};


describe("readReferenceConfig", () => {
  test("GIVEN nothing THEN built-in defaults, a warning per placeholder", () => {
    const config = readReferenceConfig({});
    expect(config).toMatchObject({
      region: "eu-frankfurt-1",
      compartmentId: PLACEHOLDER_COMPARTMENT,
      createVirtualNodePolicy: false,
      apiAccess: "vcn",
      nodePoolSize: 3,
      app: { namespace: "shop", name: "shop-api", imageTag: "1.0.0", minReplicas: 2, maxReplicas: 10 },
      stackNames: { platform: "oke-platform", services: "oke-services", app: "oke-app" },
    });
    expect(config.warnings).toEqual([
      expect.stringMatching(/^OCI_REGION is not set; using the placeholder eu-frankfurt-1/),
      expect.stringMatching(/^OCI_COMPARTMENT_OCID is not set; using the placeholder ocid1\.compartment/),
      expect.stringMatching(/^OKE_REGISTRY_SECRET_OCID is not set; using the placeholder ocid1\.vaultsecret/),
      expect.stringMatching(/^OCI_TENANCY_OCID is not set; using the placeholder ocid1\.tenancy\.oc1\.\.aaaaaaaaplaceholdertenancyocid/),
    ]);
    expect(config.tenancyId).toBe(PLACEHOLDER_TENANCY);
  });

  test("GIVEN OCIDs of another realm than OCI_REGION's THEN errors naming each setting and both realms", () => {
    expect(() => readReferenceConfig({ OCI_REGION: "us-langley-1", OCI_COMPARTMENT_OCID: "ocid1.compartment.oc1..aaaaaaaac", OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaat" })).toThrow(
      new RegExp(
        [
          'OCI_COMPARTMENT_OCID: "ocid1\\.compartment\\.oc1\\.\\.aaaaaaaac" is an OCID of realm oc1, but region us-langley-1 is in realm oc2',
          'OCI_TENANCY_OCID: "ocid1\\.tenancy\\.oc1\\.\\.aaaaaaaat" is an OCID of realm oc1, but region us-langley-1 is in realm oc2',
        ].join("[^]*"),
      ),
    );
  });

  test("GIVEN a region of oc2 and no compartment THEN the placeholders are OCIDs of oc2", () => {
    const config = readReferenceConfig({ OCI_REGION: "us-langley-1", OKE_APP_IMAGE: "registry.example.com/shop/api:1.0.0" });
    expect(config.compartmentId).toBe("ocid1.compartment.oc2..aaaaaaaaplaceholdercompartmentocid");
    expect(config.tenancyId).toBe("ocid1.tenancy.oc2..aaaaaaaaplaceholdertenancyocid");
  });

  test("GIVEN a real compartment without OCI_TENANCY_OCID THEN an error naming it (the ingress controller's tenancy statements)", () => {
    const { OCI_TENANCY_OCID, ...noTenancy } = valid;
    expect(() => readReferenceConfig(noTenancy)).toThrow(
      "OCI_TENANCY_OCID is not set: the native ingress controller needs 'read public-ips' and 'manage floating-ips' in the tenancy of OCI_COMPARTMENT_OCID; set it to the tenancy OCID",
    );
    // The tenancy as the compartment serves both.
    expect(readReferenceConfig({ OCI_REGION: "us-gov-ashburn-1", OCI_COMPARTMENT_OCID: OCI_TENANCY_OCID, OKE_APP_IMAGE: valid.OKE_APP_IMAGE }).tenancyId).toBeUndefined();
  });

  test("GIVEN cdktf.json context THEN it is used, and the environment wins over it", () => {
    const config = readReferenceConfig({ ...valid, OKE_NODE_POOL_SIZE: "5" }, { registrySecretOcid: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar", nodePoolSize: 9, appHost: "shop.example.com", apiClientCidrs: ["203.0.113.0/24"], apiAccess: "public" });
    expect(config.nodePoolSize).toBe(5);
    expect(config.app.host).toBe("shop.example.com");
    expect(config.apiClientCidrs).toEqual(["203.0.113.0/24"]);
    expect(config.apiAccess).toBe("public");
    expect(config.app.registrySecret).toEqual({ secretId: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar", secretName: "oke-registry-credentials" });
    expect(config.warnings).toEqual([]);
  });

  test.each(["true", "TRUE", "True", " true "])("GIVEN OKE_CREATE_VIRTUAL_NODE_POLICY=%j THEN it is on", (value) => {
    expect(readReferenceConfig({ ...valid, OCI_TENANCY_OCID: "ocid1.tenancy.oc3..aaaaaaaat", OKE_CREATE_VIRTUAL_NODE_POLICY: value }).createVirtualNodePolicy).toBe(true);
  });

  test.each(["false", "FALSE"])("GIVEN OKE_CREATE_VIRTUAL_NODE_POLICY=%j THEN it is off", (value) => {
    expect(readReferenceConfig({ ...valid, OKE_CREATE_VIRTUAL_NODE_POLICY: value }).createVirtualNodePolicy).toBe(false);
  });

  test("GIVEN several bad values THEN one error listing each with its variable and value", () => {
    let error: ConfigError | undefined;
    try {
      readReferenceConfig({ OCI_REGION: "Frankfurt", OKE_NODE_POOL_SIZE: "three", OKE_CREATE_VIRTUAL_NODE_POLICY: "yes" });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'OCI_REGION="Frankfurt": region: "Frankfurt" is not an OCI region identifier; expected <geo>-<name>-<n> in lower case, e.g. eu-frankfurt-1 or us-gov-ashburn-1',
      'OKE_CREATE_VIRTUAL_NODE_POLICY="yes": use true or false',
      'OKE_NODE_POOL_SIZE="three": use a whole number from 1 to 1000',
    ]);
    expect(error!.message.split("\n")[0]).toBe("the reference app's settings are not valid:");
  });

  test("GIVEN a bad context value THEN the error names the context key", () => {
    expect(() => readReferenceConfig(valid, { appMinReplicas: 1 })).toThrow('cdktf.json context appMinReplicas="1": use a whole number from 2 to 1000');
  });

  test("GIVEN an existing platform file THEN its platform section is read, and it supplies the compartment (no placeholder warning)", () => {
    const config = readReferenceConfig(
      { OCI_REGION: "eu-frankfurt-1", OKE_EXISTING_PLATFORM: "out.json", OKE_REGISTRY_SECRET_OCID: "ocid1.vaultsecret.oc1.eu-frankfurt-1.aaaaaaaar" },
      {},
      () => JSON.stringify({ "oke-platform": PLATFORM_OUTPUTS }),
    );
    expect(config.existingPlatform).toEqual(PLATFORM_OUTPUTS);
    expect(config.compartmentId).toBe(PLATFORM_OUTPUTS.compartment_id);
    expect(config.warnings).toEqual([]);
  });

  test("GIVEN an existing platform and settings of the platform stack THEN a warning each that they are ignored, and no error for bastion without CIDRs", () => {
    const config = readReferenceConfig(
      { ...valid, OKE_EXISTING_PLATFORM: "out.json", OKE_NODE_POOL_SIZE: "5", OKE_API_ACCESS: "bastion" },
      { createVirtualNodePolicy: true },
      () => JSON.stringify(PLATFORM_OUTPUTS),
    );
    expect(config.warnings).toEqual([
      "OCI_TENANCY_OCID is ignored: it configures the platform stack, which OKE_EXISTING_PLATFORM replaces",
      "cdktf.json context createVirtualNodePolicy is ignored: it configures the platform stack, which OKE_EXISTING_PLATFORM replaces",
      "OKE_NODE_POOL_SIZE is ignored: it configures the platform stack, which OKE_EXISTING_PLATFORM replaces",
    ]);
  });

  test("GIVEN an outputs file missing several outputs THEN one error names the setting and every missing output", () => {
    const { vcn_id, vault_key_id, mysql_endpoint, ...partial } = PLATFORM_OUTPUTS;
    void [vcn_id, vault_key_id, mysql_endpoint];
    expect(() => readReferenceConfig({ ...valid, OKE_EXISTING_PLATFORM: "out.json" }, {}, () => JSON.stringify({ "oke-platform": partial }))).toThrow(
      'OKE_EXISTING_PLATFORM="out.json": its oke-platform section lacks 3 of the platform stack\'s outputs: vcn_id, vault_key_id, mysql_endpoint; write the file with cdktf output oke-platform --outputs-file <file>',
    );
  });

  test("GIVEN an outputs file without image_repository and no OKE_APP_IMAGE THEN the error names OKE_APP_IMAGE", () => {
    const { image_repository, ...outputs } = PLATFORM_OUTPUTS;
    void image_repository;
    const onlyOutputs = { OCI_REGION: "eu-frankfurt-1", OKE_EXISTING_PLATFORM: "out.json" };
    expect(() => readReferenceConfig(onlyOutputs, {}, () => JSON.stringify(outputs))).toThrow(
      "OKE_APP_IMAGE is not set and the outputs in OKE_EXISTING_PLATFORM have no image_repository: set OKE_APP_IMAGE to the app image",
    );
    expect(readReferenceConfig({ ...valid, OKE_EXISTING_PLATFORM: "out.json", OKE_APP_IMAGE: "ocir.example/shop:1.2.0" }, {}, () => JSON.stringify(outputs)).app.image).toBe(
      "ocir.example/shop:1.2.0",
    );
  });

  test.each([
    [() => { throw new Error("ENOENT: no such file"); }, 'OKE_EXISTING_PLATFORM="out.json": cannot read the file (ENOENT: no such file)'],
    [() => "not json", 'OKE_EXISTING_PLATFORM="out.json": is not JSON; write it with cdktf output --outputs-file'],
    [() => "{}", 'OKE_EXISTING_PLATFORM="out.json": it has no oke-platform section, and as the platform\'s outputs alone it lacks 17 of the platform stack\'s outputs: compartment_id, vcn_id,'],
  ])("GIVEN a bad existing-platform file THEN a clear error", (readFile, message) => {
    expect(() => readReferenceConfig({ ...valid, OKE_EXISTING_PLATFORM: "out.json" }, {}, readFile)).toThrow(message);
  });
});

describe("readReferenceConfig: registry credentials", () => {
  test("GIVEN an app image outside OCIR THEN no registry secret and no placeholder warning", () => {
    const config = readReferenceConfig({ ...valid, OKE_APP_IMAGE: "ghcr.io/acme/shop-api:1.0.0" });
    expect(config.app.registrySecret).toBeUndefined();
    expect(config.warnings.join("\n")).not.toContain("OKE_REGISTRY_SECRET_OCID");
  });

  test("GIVEN an app image on OCIR and no secret THEN the placeholder, with a warning naming the setting", () => {
    const config = readReferenceConfig({ ...valid, OKE_APP_IMAGE: "fra.ocir.io/acme/shop-api:1.0.0" });
    expect(config.app.registrySecret).toEqual({ secretId: "ocid1.vaultsecret.oc1..aaaaaaaaplaceholderregistrysecretocid", secretName: "oke-registry-credentials" });
    expect(config.warnings).toEqual([expect.stringMatching(/^OKE_REGISTRY_SECRET_OCID is not set; using the placeholder/)]);
  });

  test("GIVEN a bad secret OCID or name THEN errors naming each setting", () => {
    expect(() => readReferenceConfig({ ...valid, OKE_REGISTRY_SECRET_OCID: "ocid1.vault.oc1..aaaa", OKE_REGISTRY_SECRET_NAME: "bad name" })).toThrow(
      /OKE_REGISTRY_SECRET_OCID="ocid1\.vault\.oc1\.\.aaaa": secret: .* is the OCID of a vault[\s\S]*OKE_REGISTRY_SECRET_NAME="bad name": use 1–255 letters/,
    );
  });
});

describe("readReferenceConfig: Terraform Cloud settings", () => {
  const tfc = { ...valid, TF_CLOUD_ORGANIZATION: "acme" };

  test("GIVEN the organization, prefix, project and host THEN all are read", () => {
    const config = readReferenceConfig({ ...tfc, TF_WORKSPACE_PREFIX: "prod-", TF_CLOUD_PROJECT: "OKE platform", TF_CLOUD_HOSTNAME: "TFE.example.com" });
    expect(config).toMatchObject({
      terraformCloudOrganization: "acme",
      terraformCloudWorkspacePrefix: "prod-",
      terraformCloudProject: "OKE platform",
      terraformCloudHostname: "tfe.example.com",
    });
  });

  test.each([
    [{ TF_CLOUD_HOSTNAME: "https://tfe.example.com" }, 'TF_CLOUD_HOSTNAME="https://tfe.example.com": give the host name alone: drop the scheme https:// (e.g. tfe.example.com)'],
    [{ TF_CLOUD_HOSTNAME: "tfe.example.com/app" }, 'TF_CLOUD_HOSTNAME="tfe.example.com/app": give the host name alone, without a path (e.g. tfe.example.com)'],
    [{ TF_CLOUD_HOSTNAME: "tfe_example" }, 'TF_CLOUD_HOSTNAME="tfe_example": use a host name such as tfe.example.com'],
    [{ TF_WORKSPACE_PREFIX: "prod/" }, 'TF_WORKSPACE_PREFIX="prod/": use letters, digits, \'-\' and \'_\''],
    [{ TF_WORKSPACE_PREFIX: "p".repeat(80) }, `TF_WORKSPACE_PREFIX="${"p".repeat(80)}": with the stack names (up to 12 characters) the workspace names exceed 90 characters; use at most 78`],
    [{ TF_CLOUD_PROJECT: "a/b" }, 'TF_CLOUD_PROJECT="a/b": use up to 40 letters, digits, spaces'],
  ])("GIVEN %j THEN an error naming the variable", (env, message) => {
    expect(() => readReferenceConfig({ ...tfc, ...env })).toThrow(message);
  });

  test("GIVEN workspace settings without an organization THEN a warning each that they are ignored", () => {
    expect(readReferenceConfig({ ...valid, TF_WORKSPACE_PREFIX: "prod-", TF_CLOUD_HOSTNAME: "tfe.example.com" }).warnings).toEqual([
      "TF_WORKSPACE_PREFIX is ignored: it applies only with TF_CLOUD_ORGANIZATION (Terraform Cloud)",
      "TF_CLOUD_HOSTNAME is ignored: it applies only with TF_CLOUD_ORGANIZATION (Terraform Cloud)",
    ]);
  });
});

describe("readReferenceConfig: unknown settings", () => {
  test.each([
    [{ OKE_API_ACESS: "public" }, "OKE_API_ACESS is not a setting of this app (nor one the OCI CLI, the OCI SDKs or Terraform read) and is ignored; did you mean OKE_API_ACCESS?"],
    [{ OCI_REGOIN: "eu-frankfurt-1" }, "OCI_REGOIN is not a setting of this app (nor one the OCI CLI, the OCI SDKs or Terraform read) and is ignored; did you mean OCI_REGION?"],
    [{ OKE_APP_IMAGE_TAGS: "1.2.0" }, "did you mean OKE_APP_IMAGE_TAG?"],
    [{ TF_CLOUD_ORGANISATION: "acme" }, "did you mean TF_CLOUD_ORGANIZATION?"],
    [{ TF_WORKSPACE_PREFX: "prod-" }, "did you mean TF_WORKSPACE_PREFIX?"],
    [{ OKE_SOMETHING_ELSE_ENTIRELY: "x" }, "OKE_SOMETHING_ELSE_ENTIRELY is not a setting of this app (nor one the OCI CLI, the OCI SDKs or Terraform read) and is ignored; see README Settings"],
  ])("GIVEN the variable %j THEN a warning with the closest known name", (env, warning) => {
    const config = readReferenceConfig({ ...valid, ...env });
    expect(config.warnings).toEqual([expect.stringContaining(warning)]);
  });

  test("GIVEN variables the OCI CLI, the OCI SDKs and Terraform read, and others' namespaces THEN no warning", () => {
    const env = {
      ...valid,
      OCI_CLI_PROFILE: "prod",
      OCI_CLI_AUTH: "security_token",
      OCI_CLI_CONFIG_FILE: "/etc/oci/config",
      OCI_CONFIG_FILE: "/etc/oci/config",
      OCI_REGION_METADATA: "{}",
      OCI_RESOURCE_PRINCIPAL_VERSION: "2.2",
      OCI_RESOURCE_PRINCIPAL_RPST: "/etc/rpst",
      TF_CLOUD_ORGANIZATION: "acme",
      TF_WORKSPACE: "oke-platform",
      TF_LOG: "DEBUG",
      TF_TOKEN_app_terraform_io: "secret",
      HOME: "/root",
    };
    expect(readReferenceConfig(env).warnings).toEqual([]);
  });

  test.each([
    [{ nodePoolSzie: 5 }, "cdktf.json context nodePoolSzie is not a setting of this app and is ignored; did you mean nodePoolSize?"],
    [{ apiaccess: "public" }, "cdktf.json context apiaccess is not a setting of this app and is ignored; did you mean apiAccess?"],
    [{ OKE_API_ACCESS: "public" }, "cdktf.json context OKE_API_ACCESS is not a setting of this app and is ignored; did you mean apiAccess?"],
    [{ colour: "blue" }, "cdktf.json context colour is not a setting of this app and is ignored; see README Settings"],
  ])("GIVEN the context %j THEN a warning with the closest key", (context, warning) => {
    expect(readReferenceConfig(valid, context).warnings).toEqual([warning]);
  });

  test("GIVEN the keys cdktf sets itself THEN no warning", () => {
    expect(readReferenceConfig(valid, { cdktfVersion: "0.21.0", cdktfRelativeModules: [], "@cdktf/disable_stack_trace_in_metadata": true }).warnings).toEqual([]);
  });
});
