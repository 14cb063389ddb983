import { describeCondition, describeLocation, describeSubject, grantOf, isWorkloadGrant } from "../../../lib/security/policy-language/grants";
import { GrantStatement, parsePolicyStatement } from "../../../lib/security/policy-language/parser";

const grant = (text: string) => grantOf(parsePolicyStatement(text))!;

describe("grantOf", () => {
  test("GIVEN a workload's secret read THEN a workload grant named namespace/service account, narrowed by the secret", () => {
    const g = grant(
      "Allow any-user to read secret-bundles in compartment id ocid1.compartment.oc1..c where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'shop-secrets', request.principal.cluster_id = 'ocid1.cluster.oc1..k', target.secret.id = 'ocid1.vaultsecret.oc1..s'}",
    );
    expect(g).toMatchObject({ subject: "any-user", verb: "read", resourceType: "secret-bundles", location: "compartment id ocid1.compartment.oc1..c", manage: false, family: false, workload: true, workloadName: "shop/shop-secrets" });
    expect(g.narrowing).toBe("target.secret.id = 'ocid1.vaultsecret.oc1..s'");
  });

  test("GIVEN manage on a family THEN both flagged, not a workload", () => {
    const g = grant("Allow group Admins to manage cluster-family in tenancy");
    expect(g).toMatchObject({ subject: "group Admins", manage: true, family: true, workload: false, workloadName: undefined, location: "tenancy" });
  });

  test("GIVEN permissions instead of a verb THEN the list as the verb", () => {
    const g = grant("Allow service mysql_dp_auth to {AUTHENTICATION_INSPECT, GROUP_MEMBERSHIP_INSPECT} in tenancy");
    expect(g.verb).toBe("{AUTHENTICATION_INSPECT, GROUP_MEMBERSHIP_INSPECT}");
    expect(g.resourceType).toBe("(permissions)");
    expect(g.subject).toBe("service mysql_dp_auth");
  });

  test("GIVEN a Define statement THEN no grant", () => {
    expect(grantOf(parsePolicyStatement("Define tenancy Acme as ocid1.tenancy.oc1..a"))).toBeUndefined();
  });

  test("GIVEN the workload type only under 'any' THEN not a workload grant (it is not required)", () => {
    const s = parsePolicyStatement("Allow any-user to read secret-bundles in tenancy where any {request.principal.type = 'workload', request.user.name = 'x'}") as GrantStatement;
    expect(isWorkloadGrant(s)).toBe(false);
  });
});

describe("the describe helpers", () => {
  test("THEN subjects, locations and conditions read as in a statement", () => {
    const s = parsePolicyStatement("Allow group 'Default'/'Ops', dynamic-group id ocid1.dynamicgroup.oc1..d to use vaults in compartment Shop:Prod where request.utc-timestamp.time-of-day between '01:00:00Z' and '02:00:00Z'") as GrantStatement;
    expect(s.subjects.map(describeSubject)).toEqual([expect.stringMatching(/^group .*Ops/), "dynamic-group id ocid1.dynamicgroup.oc1..d"]);
    expect(describeLocation(s.location)).toBe("compartment Shop:Prod");
    expect(describeCondition(s.condition)).toBe("request.utc-timestamp.time-of-day between '01:00:00Z' and '02:00:00Z'");
    expect(describeCondition(undefined)).toBe("");
  });
});
