import { Testing } from "../lib/cdktf";
import { CoreVcn } from "../.gen/providers/oci/core-vcn";
import { OciProvider } from "../.gen/providers/oci/provider";
import { checkOciSchema, expectOciSchemaValid, SchemaViolation } from "./support/schema-gate";

const COMPARTMENT = "ocid1.compartment.oc1..aaaa";
const REQUIRED_PROVIDERS = { oci: { source: "oracle/oci", version: "~> 7.12" } };

/** Wraps hand-written resource/data blocks in the document shape cdktf synthesizes. */
function stack(parts: { resource?: object; data?: object; provider?: object; version?: string }): object {
  const oci = { ...REQUIRED_PROVIDERS.oci, ...(parts.version !== undefined ? { version: parts.version } : {}) };
  return {
    terraform: { required_providers: { oci } },
    provider: parts.provider ?? { oci: [{ region: "us-ashburn-1" }] },
    ...(parts.resource ? { resource: parts.resource } : {}),
    ...(parts.data ? { data: parts.data } : {}),
  };
}

/** A single oci_core_vcn resource with extra keys merged in. */
function vcn(extra: object): object {
  return stack({ resource: { oci_core_vcn: { vcn: { compartment_id: COMPARTMENT, ...extra } } } });
}

/** A TCP NSG rule (max_items 1 blocks nested two deep) with the given tcp_options. */
function nsgRule(tcpOptions: unknown): object {
  return stack({
    resource: {
      oci_core_network_security_group_security_rule: {
        https: { network_security_group_id: "${oci_core_network_security_group.nsg.id}", direction: "INGRESS", protocol: "6", tcp_options: tcpOptions },
      },
    },
  });
}

function errorMessage(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected the function to throw");
}

const simplify = (vs: SchemaViolation[]) => vs.map(({ address, path }) => `${address} ${path}`);

describe("schema gate", () => {
  test("GIVEN a valid minimal VCN + subnet + service gateway + data source WHEN checked THEN there are no violations", () => {
    const doc = stack({
      resource: {
        oci_core_vcn: { vcn: { compartment_id: COMPARTMENT, cidr_blocks: ["10.0.0.0/16"], freeform_tags: { app: "oke" }, timeouts: { create: "10m" } } },
        oci_core_subnet: {
          pods: {
            cidr_block: "10.0.1.0/24",
            compartment_id: COMPARTMENT,
            vcn_id: "${oci_core_vcn.vcn.id}",
            prohibit_public_ip_on_vnic: true,
            security_list_ids: ["${oci_core_vcn.vcn.default_security_list_id}"],
            depends_on: ["oci_core_vcn.vcn"],
            lifecycle: { ignore_changes: ["defined_tags"] },
            "//": { metadata: { path: "stack/pods" } },
          },
        },
        oci_core_service_gateway: {
          sgw: { compartment_id: COMPARTMENT, vcn_id: "${oci_core_vcn.vcn.id}", services: [{ service_id: "${data.oci_core_services.osn.services[0].id}" }] },
        },
      },
      data: { oci_core_services: { osn: { filter: [{ name: "name", values: ["All .* Services In Oracle Services Network"], regex: true }] } } },
    });

    expect(checkOciSchema(doc)).toEqual([]);
    expect(() => expectOciSchemaValid(JSON.stringify(doc))).not.toThrow();
  });

  test("GIVEN an unknown attribute WHEN checked THEN it is reported at its path", () => {
    expect(checkOciSchema(vcn({ cidr_blokcs: ["10.0.0.0/16"] }))).toEqual([
      { address: "resource.oci_core_vcn.vcn", path: "cidr_blokcs", message: "unknown attribute or block" },
    ]);
  });

  test("GIVEN an unknown nested block WHEN checked THEN it is reported inside the parent block", () => {
    const violations = checkOciSchema(nsgRule({ destination_port_range: { min: 443, max: 443 }, port_range: { min: 1, max: 2 } }));
    expect(simplify(violations)).toEqual(["resource.oci_core_network_security_group_security_rule.https tcp_options[0].port_range"]);
  });

  test("GIVEN a required attribute missing (or null) WHEN checked THEN it is reported", () => {
    const doc = stack({ resource: { oci_core_subnet: { pods: { compartment_id: null, cidr_block: "10.0.1.0/24" } } } });
    const violations = checkOciSchema(doc);
    expect(simplify(violations).sort()).toEqual(["resource.oci_core_subnet.pods compartment_id", "resource.oci_core_subnet.pods vcn_id"]);
    expect(violations.every((v) => v.message === "required attribute is missing")).toBe(true);
  });

  test("GIVEN a required attribute missing in a nested block WHEN checked THEN the nested path is reported", () => {
    const violations = checkOciSchema(nsgRule([{ destination_port_range: [{ min: 443 }] }]));
    expect(simplify(violations)).toEqual([
      "resource.oci_core_network_security_group_security_rule.https tcp_options[0].destination_port_range[0].max",
    ]);
  });

  describe("literal types", () => {
    test("GIVEN a number where a bool is expected WHEN checked THEN it is a violation", () => {
      expect(checkOciSchema(vcn({ is_ipv6enabled: 1 }))).toEqual([
        { address: "resource.oci_core_vcn.vcn", path: "is_ipv6enabled", message: "expected bool, got number 1" },
      ]);
    });

    test("GIVEN a string where a list is expected WHEN checked THEN it is a violation", () => {
      expect(simplify(checkOciSchema(vcn({ cidr_blocks: "10.0.0.0/16" })))).toEqual(["resource.oci_core_vcn.vcn cidr_blocks"]);
    });

    test("GIVEN wrong element / map value / object-for-string types WHEN checked THEN each is reported with its path", () => {
      const doc = vcn({ cidr_blocks: ["10.0.0.0/16", ["nested"]], freeform_tags: { "team.name": { a: 1 } }, display_name: { name: "x" } });
      expect(simplify(checkOciSchema(doc)).sort()).toEqual([
        "resource.oci_core_vcn.vcn cidr_blocks[1]",
        "resource.oci_core_vcn.vcn display_name",
        'resource.oci_core_vcn.vcn freeform_tags["team.name"]',
      ]);
    });

    test("GIVEN literals Terraform converts implicitly WHEN checked THEN they pass", () => {
      // number/bool -> string, numeric string -> number, "true"/"false" -> bool
      const doc = vcn({ display_name: 42, dns_label: true, is_ipv6enabled: "false" });
      expect(checkOciSchema(doc)).toEqual([]);
      expect(checkOciSchema(nsgRule({ destination_port_range: { min: "443", max: "4.43e2" } }))).toEqual([]);
    });

    test("GIVEN strings that do not convert WHEN checked THEN they are violations", () => {
      expect(simplify(checkOciSchema(vcn({ is_ipv6enabled: "yes" })))).toEqual(["resource.oci_core_vcn.vcn is_ipv6enabled"]);
      expect(checkOciSchema(nsgRule({ destination_port_range: { min: "https", max: 443 } }))[0]).toMatchObject({
        path: "tcp_options[0].destination_port_range[0].min",
        message: 'expected number, got string "https"',
      });
    });
  });

  test("GIVEN ${...} expressions where a number, bool, list, map or block is expected WHEN checked THEN they pass", () => {
    const doc = vcn({
      cidr_blocks: "${var.cidrs}",
      is_ipv6enabled: "${var.ipv6}",
      freeform_tags: "${local.tags}",
      byoipv6cidr_details: "${local.byoip}",
    });
    expect(checkOciSchema(doc)).toEqual([]);
    expect(checkOciSchema(nsgRule({ destination_port_range: { min: "${var.port}", max: "${var.port + 1}" } }))).toEqual([]);
  });

  test("GIVEN two blocks where max_items is 1 WHEN checked THEN it is a violation", () => {
    const violations = checkOciSchema(nsgRule([{ destination_port_range: { min: 80, max: 80 } }, { destination_port_range: { min: 443, max: 443 } }]));
    expect(violations).toEqual([
      { address: "resource.oci_core_network_security_group_security_rule.https", path: "tcp_options", message: "allows at most 1 block(s), got 2" },
    ]);
  });

  describe("required blocks (min_items >= 1)", () => {
    const pool = (extra: object) =>
      stack({
        resource: {
          oci_containerengine_virtual_node_pool: {
            pool: {
              cluster_id: "${oci_containerengine_cluster.oke.id}",
              compartment_id: COMPARTMENT,
              display_name: "pool",
              size: 3,
              placement_configurations: [{ availability_domain: "AD-1", fault_domain: ["FAULT-DOMAIN-1"], subnet_id: "ocid1.subnet" }],
              ...extra,
            },
          },
        },
      });

    test("GIVEN a virtual node pool with its required pod_configuration block WHEN checked THEN it passes", () => {
      expect(checkOciSchema(pool({ pod_configuration: { shape: "Pod.Standard.E4.Flex", subnet_id: "ocid1.subnet" } }))).toEqual([]);
    });

    test("GIVEN the required pod_configuration block missing WHEN checked THEN it is a violation", () => {
      expect(checkOciSchema(pool({}))).toEqual([
        { address: "resource.oci_containerengine_virtual_node_pool.pool", path: "pod_configuration", message: "required block is missing (min_items 1)" },
      ]);
    });

    test("GIVEN an empty list for a required set block (service gateway services) WHEN checked THEN it is a violation", () => {
      const doc = stack({ resource: { oci_core_service_gateway: { sgw: { compartment_id: COMPARTMENT, vcn_id: "x", services: [] } } } });
      expect(checkOciSchema(doc)[0]).toMatchObject({ path: "services", message: "needs at least 1 block(s), got 0" });
    });

    test("GIVEN the required block produced by a dynamic construct WHEN checked THEN it counts as present and its content is checked", () => {
      const dynamic = { pod_configuration: { for_each: "${var.pods}", content: { shape: "${each.value}", subnet_id: "s", colour: "red" } } };
      expect(simplify(checkOciSchema(pool({ dynamic })))).toEqual([
        "resource.oci_containerengine_virtual_node_pool.pool dynamic.pod_configuration.content.colour",
      ]);
    });
  });

  test("GIVEN a computed-only attribute set WHEN checked THEN it is a violation", () => {
    expect(checkOciSchema(vcn({ state: "AVAILABLE", time_created: null }))).toEqual([
      { address: "resource.oci_core_vcn.vcn", path: "state", message: "computed-only attribute cannot be set" },
    ]);
  });

  test("GIVEN an unknown resource and data source type WHEN checked THEN both are violations", () => {
    const doc = stack({
      resource: { oci_core_vnc: { vcn: { compartment_id: COMPARTMENT } } },
      data: { oci_core_service: { osn: {} } },
    });
    expect(checkOciSchema(doc)).toEqual([
      { address: "resource.oci_core_vnc.vcn", path: "", message: 'unknown resource type "oci_core_vnc"' },
      { address: "data.oci_core_service.osn", path: "", message: 'unknown data source type "oci_core_service"' },
    ]);
  });

  test("GIVEN a bad provider configuration WHEN checked THEN it is reported with the provider's index", () => {
    const doc = stack({ provider: { oci: [{ region: "us-ashburn-1" }, { alias: "home", region: "eu-frankfurt-1", retry_duration_seconds: "soon", regoin: "x" }] } });
    expect(simplify(checkOciSchema(doc)).sort()).toEqual(["provider.oci[1] regoin", "provider.oci[1] retry_duration_seconds"]);
  });

  describe("terraform.required_providers.oci", () => {
    test.each(["~> 7.12", "~> 7.12.0", "~> 7", ">= 7.0", ">= 7.0, < 8.0", "7.12.0", "= 7.12.0"])(
      "GIVEN version %p WHEN checked THEN it admits 7.12.0",
      (version) => expect(checkOciSchema(stack({ version }))).toEqual([]),
    );

    test.each(["~> 7.13", "~> 7.12.1", "~> 6.0", ">= 8.0", "7.11.0", "latest", ""])(
      "GIVEN version %p WHEN checked THEN it is a violation",
      (version) => {
        expect(checkOciSchema(stack({ version }))).toEqual([
          { address: "terraform.required_providers.oci", path: "version", message: expect.stringContaining("does not admit schema version 7.12.0") },
        ]);
      },
    );

    test("GIVEN the wrong source or no required_providers entry WHEN checked THEN it is a violation", () => {
      const wrongSource = { ...vcn({}), terraform: { required_providers: { oci: { source: "hashicorp/oci", version: "~> 7.12" } } } };
      expect(simplify(checkOciSchema(wrongSource))).toEqual(["terraform.required_providers.oci source"]);
      const missing = { ...vcn({}), terraform: {} };
      expect(simplify(checkOciSchema(missing))).toEqual(["terraform.required_providers.oci "]);
    });
  });

  test("GIVEN non-OCI resources, data sources and providers with arbitrary keys WHEN checked THEN they are ignored", () => {
    const doc = {
      provider: { kubernetes: [{ whatever: { nested: true } }] },
      resource: { kubernetes_namespace_v1: { ns: { metadata: [{ name: "x" }], bogus: 1 } }, random_id: { r: { byte_length: "eight" } } },
      data: { helm_template: { t: { anything: [] } } },
    };
    // No OCI block at all, so not even required_providers.oci is demanded.
    expect(checkOciSchema(doc)).toEqual([]);
  });

  test("GIVEN several violations WHEN expectOciSchemaValid runs THEN it throws listing each one with address and path", () => {
    const doc = vcn({ state: "AVAILABLE", is_ipv6enabled: 1 });
    expect(() => expectOciSchemaValid(doc)).toThrow(/2 violation/);
    const message = errorMessage(() => expectOciSchemaValid(JSON.stringify(doc)));
    expect(message.split("\n").slice(1)).toEqual([
      "  resource.oci_core_vcn.vcn state: computed-only attribute cannot be set",
      "  resource.oci_core_vcn.vcn is_ipv6enabled: expected bool, got number 1",
    ]);
  });

  test("GIVEN a real cdktf stack with the generated OCI bindings WHEN synthesized THEN it passes the gate", () => {
    const synthesized = Testing.synthScope((scope) => {
      new OciProvider(scope, "oci", { region: "us-ashburn-1" });
      new CoreVcn(scope, "vcn", { compartmentId: COMPARTMENT, cidrBlocks: ["10.0.0.0/16"] });
    });

    expect(checkOciSchema(synthesized)).toEqual([]);
    expectOciSchemaValid(synthesized);
  });
});
