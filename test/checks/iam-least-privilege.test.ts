/**
 * OKE-IAM-WORKLOAD-FAMILY: `manage` on a family for an OKE workload fails synth unless waived;
 * addComplianceChecks(app) reaches every stack; the least-privilege report lists each grant.
 */
import { Construct } from "constructs";
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { CoreVcn } from "../../.gen/providers/oci/core-vcn";
import { Aspects, TerraformStack, Testing } from "../../lib/cdktf";
import { ComplianceChecks, addComplianceChecks } from "../../lib/checks/compliance-checks";
import { COMPLIANCE_RULES } from "../../lib/checks/compliance-rules";
import { workloadIdentityStatement } from "../../lib/security/iam-statements";
import { iamGrantTable, policyGrantRows } from "../../lib/security/policy-language";
import { TEST_COMPARTMENT, synthOci } from "../support/synth";

const principal = { namespace: "shop", serviceAccount: "shop-api", clusterId: "${oci_containerengine_cluster.c.id}" };
const where = { compartmentId: TEST_COMPARTMENT };
const rule = COMPLIANCE_RULES.find((r) => r.id === "OKE-IAM-WORKLOAD-FAMILY")!;
const policy = (statements: string[]) => ({ type: "oci_identity_policy", name: "p", path: "stack/p", body: { statements } });

describe("OKE-IAM-WORKLOAD-FAMILY", () => {
  test.each([
    ["manage a family", workloadIdentityStatement(principal, "manage", "secret-family", where), 1],
    ["manage all-resources", workloadIdentityStatement(principal, "manage", "all-resources", "tenancy"), 1],
    ["use a family", workloadIdentityStatement(principal, "use", "virtual-network-family", where), 0],
    ["manage one type", workloadIdentityStatement(principal, "manage", "load-balancers", where), 0],
    ["a group managing a family", "Allow group NetworkAdmins to manage virtual-network-family in tenancy", 0],
    ["a workload condition inside any {…} does not make the subject a workload", "Allow any-user to manage secret-family in tenancy where any {request.principal.type = 'workload', request.user.name = 'x'}", 0],
  ])("GIVEN %s: %s THEN %d finding(s)", (_, statement, count) => {
    expect(rule.check([policy([statement])])).toHaveLength(count as number);
  });

  test("GIVEN a finding THEN it names the workload, the family and the location", () => {
    const [v] = rule.check([policy([workloadIdentityStatement(principal, "manage", "secret-family", where)])]);
    expect(v.detail).toBe(`workload shop/shop-api may manage secret-family in compartment id ${TEST_COMPARTMENT}`);
  });

  function synthWith(build: (scope: Construct) => void): string {
    try {
      synthOci((scope) => {
        Aspects.of(TerraformStack.of(scope)).add(new ComplianceChecks({ rules: [rule] }));
        build(scope);
      });
      return "";
    } catch (err) {
      return (err as Error).message;
    }
  }
  const grant = (scope: Construct) =>
    new IdentityPolicy(scope, "grant", {
      compartmentId: TEST_COMPARTMENT,
      name: "shop-secrets",
      description: "d",
      statements: [workloadIdentityStatement(principal, "manage", "secret-family", where)],
    });

  test("GIVEN the grant in a stack THEN synth fails with the rule id; a waiver with a reason silences it", () => {
    expect(synthWith(grant)).toContain("[OKE-IAM-WORKLOAD-FAMILY]");
    expect(
      synthWith((scope) => ComplianceChecks.waive(grant(scope), "OKE-IAM-WORKLOAD-FAMILY", "the operator rotates every secret of the vault")),
    ).toBe("");
  });
});

test("GIVEN addComplianceChecks(app) THEN the stacks already in the app are checked (cdktf never runs an App's Aspects)", () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new OciProvider(stack, "oci", { region: "eu-frankfurt-1" });
  new CoreVcn(stack, "vcn", { compartmentId: TEST_COMPARTMENT, cidrBlocks: ["10.0.0.0/16"] });
  const checks = addComplianceChecks(app);
  expect(() => app.synth()).toThrow(/CIS-OCI-2.5/);
  expect(checks.findings.map((f) => f.id)).toContain("CIS-OCI-2.5");
});

describe("the least-privilege report", () => {
  const stacks = [
    {
      name: "apps",
      json: {
        resource: {
          oci_identity_policy: {
            p: {
              name: "shop-grants",
              statements: [
                workloadIdentityStatement(principal, "read", "secret-bundles", where, ["target.secret.id = '${oci_vault_secret.s.id}'"]),
                workloadIdentityStatement(principal, "manage", "secret-family", where),
                "Define tenancy Acceptor as ocid1.tenancy.oc1..aaaa",
                "Allow group NetworkAdmins to use virtual-network-family in tenancy where request.region = 'fra'",
              ],
            },
          },
        },
      },
    },
  ];

  test("GIVEN policies THEN one row per grant (Define is not a grant) with manage and family marked", () => {
    const rows = policyGrantRows(stacks);
    expect(rows.map((r) => [r.subject, r.verb, r.resourceType, r.manage, r.family, r.workload])).toEqual([
      ["any-user", "read", "secret-bundles", false, false, true],
      ["any-user", "manage", "secret-family", true, true, true],
      ["group NetworkAdmins", "use", "virtual-network-family", false, true, false],
    ]);
    expect(rows[0].narrowing).toBe("target.secret.id = '${oci_vault_secret.s.id}'");
  });

  test("GIVEN the table THEN workloads are named by namespace/service account and references are elided", () => {
    const table = iamGrantTable(stacks).split("\n");
    expect(table[0]).toBe("| Stack | Policy | Subject | Verb | Resource type | Location | Conditions | Flags |");
    expect(table[2]).toBe(`| apps | shop-grants | workload shop/shop-api | read | secret-bundles | compartment id ${TEST_COMPARTMENT} | target.secret.id = '\${…}' | — |`);
    expect(table[3]).toContain("| **manage**, **family** |");
    expect(table[4]).toBe("| apps | shop-grants | group NetworkAdmins | use | virtual-network-family | tenancy | request.region = 'fra' | **family** |");
  });
});
