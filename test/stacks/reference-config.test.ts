import { ConfigError, PLACEHOLDER_COMPARTMENT, PLACEHOLDER_TENANCY, readReferenceConfig } from "../../lib/stacks/reference-config";

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

  test("GIVEN an existing platform file THEN its platform section is read", () => {
    const config = readReferenceConfig({ ...valid, OKE_EXISTING_PLATFORM: "out.json" }, {}, () => JSON.stringify({ "oke-platform": { cluster_id: "ocid1.cluster.oc1..c" } }));
    expect(config.existingPlatform).toEqual({ cluster_id: "ocid1.cluster.oc1..c" });
  });

  test.each([
    [() => { throw new Error("ENOENT: no such file"); }, 'OKE_EXISTING_PLATFORM="out.json": cannot read the file (ENOENT: no such file)'],
    [() => "not json", 'OKE_EXISTING_PLATFORM="out.json": is not JSON; write it with cdktf output --outputs-file'],
    [() => "{}", 'OKE_EXISTING_PLATFORM="out.json": has no cluster_id output (nor a oke-platform section)'],
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
