import {
  VIRTUAL_NODE_ENDORSE_STATEMENTS,
  clusterKeyStatement,
  secretReadStatements,
  workloadIdentityStatement,
} from "../../lib/security/iam-statements";

const principal = { namespace: "shop", serviceAccount: "shop-api", clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaa" };

describe("workload identity statements (reference §2.3)", () => {
  test("GIVEN a principal THEN the statement names type, namespace, service account and cluster", () => {
    expect(workloadIdentityStatement(principal, "manage", "objects", { compartmentId: "ocid1.compartment.oc1..c" })).toBe(
      "Allow any-user to manage objects in compartment id ocid1.compartment.oc1..c where all {" +
        "request.principal.type = 'workload', request.principal.namespace = 'shop', " +
        "request.principal.service_account = 'shop-api', " +
        "request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaa'}",
    );
  });

  test("GIVEN tenancy and extra conditions THEN they are appended inside the same all {…}", () => {
    expect(
      workloadIdentityStatement(principal, "read", "public-ips", "tenancy", ["request.region = 'fra'"]),
    ).toBe(
      "Allow any-user to read public-ips in tenancy where all {request.principal.type = 'workload', " +
        "request.principal.namespace = 'shop', request.principal.service_account = 'shop-api', " +
        "request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaa', request.region = 'fra'}",
    );
  });

  test("GIVEN a secret THEN read secret-bundles narrowed to it and read vaults narrowed to its vault", () => {
    expect(
      secretReadStatements(principal, {
        secretId: "${oci_vault_secret.db.id}",
        vaultId: "${oci_kms_vault.v.id}",
        compartmentId: "ocid1.compartment.oc1..c",
      }),
    ).toEqual([
      "Allow any-user to read secret-bundles in compartment id ocid1.compartment.oc1..c where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'shop-api', request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaa', target.secret.id = '${oci_vault_secret.db.id}'}",
      "Allow any-user to read vaults in compartment id ocid1.compartment.oc1..c where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'shop-api', request.principal.cluster_id = 'ocid1.cluster.oc1.eu-frankfurt-1.aaaa', target.vault.id = '${oci_kms_vault.v.id}'}",
    ]);
  });

  test.each([
    [{ ...principal, namespace: "Shop" }, 'workload identity namespace: "Shop" is not a valid Kubernetes name'],
    [{ ...principal, namespace: "a".repeat(64) }, "workload identity namespace"],
    [{ ...principal, serviceAccount: "shop_api" }, 'workload identity service account: "shop_api" is not a valid Kubernetes name'],
  ])("GIVEN a name Kubernetes rejects THEN a clear error (%j)", (bad, message) => {
    expect(() => workloadIdentityStatement(bad, "read", "vaults", "tenancy")).toThrow(message);
  });

  test("GIVEN an unknown verb or resource type THEN a clear error", () => {
    expect(() => workloadIdentityStatement(principal, "write" as never, "vaults", "tenancy")).toThrow(
      'policy verb "write" is not one of inspect, read, use, manage',
    );
    expect(() => workloadIdentityStatement(principal, "read", "Secret Bundles", "tenancy")).toThrow(
      'policy resource type "Secret Bundles" is not a resource type',
    );
  });
});

describe("cluster key statement (reference §2.2)", () => {
  test("matches Oracle's form", () => {
    expect(clusterKeyStatement("ocid1.compartment.oc1..k", "ocid1.key.oc1..key")).toBe(
      "Allow any-user to use keys in compartment id ocid1.compartment.oc1..k where ALL {request.principal.type = 'cluster', target.key.id = 'ocid1.key.oc1..key'}",
    );
  });
});

describe("virtual node endorse statements (reference §2.1)", () => {
  test("are Oracle's five lines, character for character", () => {
    expect(VIRTUAL_NODE_ENDORSE_STATEMENTS).toEqual([
      "define tenancy ske as ocid1.tenancy.oc1..aaaaaaaacrvwsphodcje6wfbc3xsixhzcan5zihki6bvc7xkwqds4tqhzbaq",
      "define compartment ske_compartment as ocid1.compartment.oc1..aaaaaaaa2bou6r766wmrh5zt3vhu2rwdya7ahn4dfdtwzowb662cmtdc5fea",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with subnets in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with vnics in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance',request.principal.subnet=2.subnet.id}",
      "endorse any-user to associate compute-container-instances in compartment ske_compartment of tenancy ske with network-security-group in tenancy where ALL {request.principal.type='virtualnode',request.operation='CreateContainerInstance'}",
    ]);
  });
});
