import { grantToWorkload } from "../../lib/security/workload-identity";
import { TEST_COMPARTMENT, resourcesOf, synthOci } from "../support/synth";

describe("grantToWorkload", () => {
  test("GIVEN a principal THEN a policy in the given compartment and the principal is told where", () => {
    const told: string[] = [];
    const principal = {
      namespace: "shop",
      serviceAccount: "shop-api",
      clusterId: "ocid1.cluster.oc1..c",
      grantedIn: (compartmentId: string) => told.push(compartmentId),
    };
    const { tf } = synthOci((scope) => {
      grantToWorkload(scope, "grant", {
        principal,
        compartmentId: TEST_COMPARTMENT,
        policyName: "shop-reads-buckets",
        description: "shop-api reads buckets",
        statements: ["Allow any-user to read buckets in tenancy where all {request.principal.type = 'workload'}"],
      });
    });
    expect(told).toEqual([TEST_COMPARTMENT]);
    expect(Object.values(resourcesOf(tf, "oci_identity_policy"))[0]).toMatchObject({
      compartment_id: TEST_COMPARTMENT,
      name: "shop-reads-buckets",
    });
  });

  test("GIVEN a service account name Kubernetes rejects THEN a clear error before any policy", () => {
    expect(() =>
      synthOci((scope) =>
        grantToWorkload(scope, "grant", {
          principal: { namespace: "shop", serviceAccount: "Shop API", clusterId: "c" },
          compartmentId: TEST_COMPARTMENT,
          policyName: "p",
          description: "d",
          statements: ["s"],
        }),
      ),
    ).toThrow('workload identity service account: "Shop API" is not a valid Kubernetes name');
  });
});
