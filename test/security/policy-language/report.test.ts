import { iamGrantTable, policyGrantRows } from "../../../lib/security/policy-language/report";

const stacks = [
  {
    name: "platform",
    json: {
      resource: {
        oci_identity_policy: {
          admins: { name: "admins", statements: ["Allow group Admins to manage cluster-family in tenancy", "Allow group Admins to mange keys in tenancy"] },
          ref_named: { name: "${var.prefix}-x", statements: ["Allow group Ops to read buckets in compartment id ${oci_identity_compartment.c.id}"] },
        },
      },
    },
  },
  {
    name: "app",
    json: {
      resource: {
        oci_identity_policy: {
          reader: {
            name: "shop-read",
            statements: [
              "Allow any-user to read secret-bundles in tenancy where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'shop-secrets', target.secret.id = '${oci_vault_secret.s.id}'}",
            ],
          },
        },
      },
    },
  },
  { name: "empty", json: {} },
];

describe("policyGrantRows", () => {
  const rows = policyGrantRows(stacks);

  test("THEN one row per parsable grant, with its stack and policy; unparsable statements are left to the synth checks", () => {
    expect(rows.map((r) => `${r.stack}/${r.policy}: ${r.verb} ${r.resourceType}`)).toEqual([
      "platform/admins: manage cluster-family",
      "platform/ref_named: read buckets",
      "app/shop-read: read secret-bundles",
    ]);
  });
});

describe("iamGrantTable", () => {
  const table = iamGrantTable(stacks).split("\n");

  test("THEN a header, a separator and one row per grant", () => {
    expect(table[0]).toBe("| Stack | Policy | Subject | Verb | Resource type | Location | Conditions | Flags |");
    expect(table).toHaveLength(2 + 3);
  });

  test("THEN manage and families are flagged, workloads named with only their narrowing conditions, references shortened", () => {
    expect(table[2]).toBe("| platform | admins | group Admins | manage | cluster-family | tenancy | — | **manage**, **family** |");
    expect(table[3]).toContain("compartment id ${…}");
    expect(table[4]).toBe("| app | shop-read | workload shop/shop-secrets | read | secret-bundles | tenancy | target.secret.id = '${…}' | — |");
  });
});
