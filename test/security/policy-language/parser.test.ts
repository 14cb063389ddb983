import {
  NATIVE_INGRESS_CONTROLLER_PERMISSIONS,
  VIRTUAL_NODE_ENDORSE_STATEMENTS,
  clusterKeyStatement,
  mysqlKeyStatement,
  mysqlNetworkStatements,
  secretReadStatements,
  workloadIdentityStatement,
} from "../../../lib/security/iam-statements";
import { PolicySyntaxError, closestWord, parsePolicyStatement } from "../../../lib/security/policy-language";

const principal = { namespace: "shop", serviceAccount: "shop-api", clusterId: "${oci_containerengine_cluster.c.id}" };
const compartment = { compartmentId: "ocid1.compartment.oc1..aaaaaaaatestcompartment" };
const refCompartment = { compartmentId: "${var.other_compartment}" };

function refusal(statement: string): PolicySyntaxError {
  try {
    parsePolicyStatement(statement);
  } catch (err) {
    if (err instanceof PolicySyntaxError) return err;
    throw err;
  }
  throw new Error(`accepted: ${statement}`);
}

describe("every statement the library writes parses", () => {
  const statements: [string, string][] = [
    ["workload identity, same compartment", workloadIdentityStatement(principal, "read", "secret-bundles", compartment)],
    ["workload identity, other compartment (reference)", workloadIdentityStatement(principal, "use", "objects", refCompartment)],
    ["workload identity, tenancy, extra condition", workloadIdentityStatement(principal, "read", "public-ips", "tenancy", ["request.region = 'fra'"])],
    ...secretReadStatements(principal, { secretId: "${oci_vault_secret.db.id}", vaultId: "${oci_kms_vault.v.id}", compartmentId: "${var.c}" }).map(
      (s): [string, string] => ["External Secrets / vault grant", s],
    ),
    ["etcd key policy", clusterKeyStatement("${var.key_compartment}", "${oci_kms_key.k.id}")],
    ["etcd key policy, literal OCIDs", clusterKeyStatement("ocid1.compartment.oc1..aaaa", "ocid1.key.oc1.eu-frankfurt-1.aaaa.bbbb")],
    ...VIRTUAL_NODE_ENDORSE_STATEMENTS.map((s): [string, string] => ["virtual-node policy", s]),
    ...mysqlNetworkStatements("${var.nsg_c}", "${var.subnet_c}", "${var.db_c}").map((s): [string, string] => ["MySQL NSG and VNIC", s]),
    ["MySQL BYOK key", mysqlKeyStatement("${var.key_c}", "${var.db_c}")],
    ...(["compartment", "cluster", "tenancy"] as const).flatMap((where) =>
      NATIVE_INGRESS_CONTROLLER_PERMISSIONS[where].map(([verb, type]): [string, string] => [
        `native ingress controller (${where})`,
        workloadIdentityStatement(principal, verb, type, where === "tenancy" ? "tenancy" : compartment),
      ]),
    ),
  ];

  test.each(statements)("%s: %s", (_, statement) => {
    expect(() => parsePolicyStatement(statement)).not.toThrow();
  });

  test("GIVEN a workload statement THEN its parts come back", () => {
    const s = parsePolicyStatement(workloadIdentityStatement(principal, "read", "secret-bundles", compartment, ["target.secret.id = '${x}'"]));
    expect(s).toMatchObject({
      kind: "allow",
      subjects: [{ kind: "any-user" }],
      verb: "read",
      resourceType: "secret-bundles",
      location: { kind: "compartment", id: compartment.compartmentId },
      condition: { kind: "all" },
    });
  });

  test("GIVEN the endorse statement THEN the with clause and the cross-tenancy location are read", () => {
    expect(parsePolicyStatement(VIRTUAL_NODE_ENDORSE_STATEMENTS[2])).toMatchObject({
      kind: "endorse",
      verb: "associate",
      resourceType: "compute-container-instances",
      location: { kind: "compartment", name: "ske_compartment", ofTenancy: "ske" },
      with: { resourceType: "subnets", location: { kind: "tenancy" } },
    });
  });
});

describe("the issue's four typos are refused naming the word and the fix", () => {
  test.each([
    ["Allow group Admins to mange all-resources in compartment shop", "mange", "manage"],
    ["Allow group Admins to read secret-familly in compartment shop", "secret-familly", "secret-family"],
    ["Allow any-user to use keys in compartment shop where target.key.idd = 'ocid1.key.oc1..k'", "target.key.idd", "target.key.id"],
    ["Allow group Admins to manage all-resources in compartmnt shop", "compartmnt", "compartment"],
  ])("%s", (statement, token, suggestion) => {
    const err = refusal(statement);
    expect(err.token).toBe(token);
    expect(err.suggestion).toBe(suggestion);
    expect(err.message).toContain(`"${token}"`);
    expect(err.message).toContain(`did you mean "${suggestion}"?`);
  });
});

describe("malformed statements are refused with the offending token", () => {
  const cases: [string, string][] = [
    ["Alow group A to read buckets in tenancy", "Alow"],
    ["Allow grop A to read buckets in tenancy", "grop"],
    ["Allow group A too read buckets in tenancy", "too"],
    ["Allow group A to read buckets on tenancy", "on"],
    ["Allow group A to read bucket in tenancy", "bucket"],
    ["Allow group A to read buckets in tenancy wher target.bucket.name = 'x'", "wher"],
    ["Allow group A to read buckets in tenancy where target.bucket.name == 'x'", "="],
    ["Allow group A to read buckets in tenancy where target.bucket.name = x", "x"],
    ["Allow group A to read buckets in tenancy where all {target.bucket.name = 'x' target.compartment.name = 'y'}", "target.compartment.name"],
    ["Allow group A to read buckets in tenancy where request.utc-timestamp = '2022-01-01Z'", "="],
    ["Allow group A to read buckets in tenancy where request.utc-timestamp.time-of-day between '01:00:00Z' or '02:00:00Z'", "or"],
    ["Allow group A to read buckets in tenancy where request.utc-timestamp.day-of-week in 'monday'", "'monday'"],
    ["Allow group A to read buckets in compartment id compartment-a", "compartment-a"],
    ["Allow group id Admins to read buckets in tenancy", "Admins"],
    ["Allow any-users to read buckets in tenancy", "any-users"],
    ["Allow group A to associate buckets in tenancy", "associate"],
    ["Allow group A to {vnic_create} in tenancy", "vnic_create"],
    ["Allow group A to read buckets in tenancy Acceptor", "Acceptor"],
    ["Endorse group A to manage object-family in any-tenancy where request.opration = 'GetObject'", "request.opration"],
    ["Admit group A to manage object-family in tenancy", "to"],
    ["Define tenancy Acceptor ocid1.tenancy.oc1..aaaa", "ocid1.tenancy.oc1..aaaa"],
    ["Define tenancy Acceptor as acceptor", "acceptor"],
    ["Define user bob as ocid1.user.oc1..aaaa", "user"],
    ["Allow group A to read buckets tenancy", "tenancy"],
    ["Allow group A to read buckets in tenancy where target.resource.tag.Operations = 'x'", "target.resource.tag.Operations"],
    ["Allow group A to read buckets in tenancy where any {target.bucket.name = 'x',}", "}"],
    ["Allow group A to manage cluster-familly in compartment c", "cluster-familly"],
    ["Allow group A to use virtual-network-familiy in compartment c", "virtual-network-familiy"],
    ["Allow group A to read secret-bundles in compartment c where target.secret.nmae = 'db'", "target.secret.nmae"],
    ["Allow group A to inspekt users in tenancy", "inspekt"],
    ["Allow service to read buckets in tenancy", "to"],
    ["Allow group A to read buckets in compartment a::b", "a::b"],
    ["Allow group A to read buckets in tenancy where request.principal.type = 'workload' and target.bucket.name = 'x'", "and"],
    ["Allow group A to manage virtual-node-pools in compartment c", "virtual-node-pools"],
    ["Allow any-user to read secret-bundles in compartment c where request.principal.namespce = 'shop'", "request.principal.namespce"],
  ];

  test("there are at least 30", () => expect(cases.length).toBeGreaterThanOrEqual(30));

  test.each(cases)("%s → %s", (statement, token) => {
    const err = refusal(statement);
    expect(err.token).toBe(token);
    expect(err.message).toContain(`"${token}"`);
  });

  test("GIVEN an unclosed quote or reference THEN the statement is refused", () => {
    expect(refusal("Allow group A to read buckets in tenancy where target.bucket.name = 'x").message).toMatch(/not closed/);
    expect(refusal("Allow group A to read buckets in compartment id ${var.c").message).toMatch(/not closed/);
  });
});

/** Statements as Oracle publishes them; each names the page it is from. */
const ORACLE: [string, string][] = [
  // https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/commonpolicies.htm (Common Policies)
  ["commonpolicies", "Allow group HelpDesk to manage users in tenancy"],
  ["commonpolicies", "Allow group NetworkAdmins to manage virtual-network-family in tenancy"],
  ["commonpolicies", "Allow group InstanceLaunchers to manage instance-family in compartment ABC"],
  ["commonpolicies", "Allow group InstanceLaunchers to use volume-family in compartment ABC"],
  ["commonpolicies", "Allow group InstanceLaunchers to use virtual-network-family in compartment XYZ"],
  ["commonpolicies", "Allow group VolumeAdmins to manage volume-family in tenancy"],
  ["commonpolicies", "Allow group ObjectAdmins to manage buckets in tenancy"],
  ["commonpolicies", "Allow group ObjectWriters to manage objects in compartment ABC where any {request.permission='OBJECT_CREATE', request.permission='OBJECT_INSPECT'}"],
  ["commonpolicies", "Allow group Administrators to manage all-resources in tenancy"],
  ["commonpolicies", "Allow group SecurityAdmins to manage secret-family in tenancy"],
  ["commonpolicies", "Allow service blockstorage, objectstorage-us-phoenix-1, FssOc1Prod, oke, streaming to use keys in compartment ABC where target.key.id = 'ocid1.key.oc1.phx.aaaaaaaa'"],
  // https://docs.oracle.com/en-us/iaas/Content/Identity/Concepts/policyadvancedfeatures.htm (Advanced Policy Features)
  ["policyadvancedfeatures", "Allow group GroupAdmins to use users in tenancy where target.group.name != 'Administrators'"],
  ["policyadvancedfeatures", "Allow group GroupAdmins to inspect users in tenancy"],
  ["policyadvancedfeatures", "Allow group XYZ to manage groups in tenancy where any {request.permission='GROUP_INSPECT', request.permission='GROUP_CREATE', request.permission='GROUP_UPDATE'}"],
  ["policyadvancedfeatures", "Allow group XYZ to manage groups in tenancy where request.permission != 'GROUP_DELETE'"],
  ["policyadvancedfeatures", "Allow group XYZ to manage groups in tenancy where any {request.operation='ListGroups', request.operation='GetGroup', request.operation='CreateGroup', request.operation='UpdateGroup'}"],
  ["policyadvancedfeatures", "Allow group XYZ to manage groups in tenancy where all {request.permission='GROUP_INSPECT', request.operation='ListGroups'}"],
  ["policyadvancedfeatures", "allow group GroupA to manage object-family in tenancy where request.networkSource.name='corpnet'"],
  ["policyadvancedfeatures", "Allow group Contractors to manage instance-family in tenancy where request.utc-timestamp before '2022-01-01T00:00Z'"],
  ["policyadvancedfeatures", "Allow group SummerInterns to manage instance-family in tenancy where ANY {request.utc-timestamp.month-of-year in ('6', '7', '8')}"],
  ["policyadvancedfeatures", "Allow group ComplianceAuditors to read all-resources in tenancy where request.utc-timestamp.day-of-month = '1'"],
  // https://docs.oracle.com/en-us/iaas/Content/Identity/policysyntax/conditions.htm (Conditions)
  ["conditions", "Allow group GroupAdmins to manage groups in tenancy where target.group.name = /A-Users-*/"],
  ["conditions", "Allow group GroupAdmins to inspect groups in tenancy"],
  // https://docs.oracle.com/iaas/Content/Identity/policieshow/Policy_Basics.htm (identity-domain-qualified group)
  ["Policy_Basics", "Allow group 'MyDomain'/'NetworkAdmins' to manage virtual-network-family in tenancy"],
  ["Policy_Basics", "Allow group MyDomain/NetworkAdmins to manage virtual-network-family in compartment Projects:Project-A"],
  // https://docs.oracle.com/iaas/Content/Identity/policyreference/policyreference_topic-General_Variables_for_All_Requests.htm
  ["General_Variables_for_All_Requests", "Allow group Admins to manage all-resources in tenancy where request.user.mfaTotpVerified='true'"],
  // https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengencryptingdata.htm
  ["contengencryptingdata", "Allow any-user to use keys in compartment id ocid1.compartment.oc1..aaaaaaaa where ALL {request.principal.type = 'cluster', target.key.id = 'ocid1.key.oc1.iad.aaaaaaaa'}"],
  // https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contenggrantingworkloadaccesstoresources.htm
  ["contenggrantingworkloadaccesstoresources", "Allow any-user to manage objects in tenancy where all {request.principal.type = 'workload', request.principal.namespace = 'cluster-ns', request.principal.service_account = 'cluster-sa', request.principal.cluster_id = 'ocid1.cluster.oc1.iad.aaaaaaaa'}"],
  // https://docs.oracle.com/en-us/iaas/Content/ContEng/Concepts/contengpolicyconfig.htm (Policy Configuration for Cluster Creation and Deployment)
  ["contengpolicyconfig", "Allow group acme-dev-team to manage cluster-family in tenancy"],
  ["contengpolicyconfig", "Allow group acme-dev-team to use virtual-network-family in tenancy"],
  // https://docs.oracle.com/en-us/iaas/Content/ContEng/Tasks/contengvirtualnodes-Required_IAM_Policies.htm
  ["contengvirtualnodes-Required_IAM_Policies", VIRTUAL_NODE_ENDORSE_STATEMENTS[4]],
  // https://docs.oracle.com/en-us/iaas/Content/Identity/policiesgs/cross-tenancy-policies.htm (Accessing Resources Across Tenancies)
  ["cross-tenancy-policies", "Define tenancy Acceptor as ocid1.tenancy.oc1..aaaaaaaa"],
  ["cross-tenancy-policies", "Endorse group NorthEastAdmins to manage object-family in tenancy Acceptor"],
  ["cross-tenancy-policies", "Define group NorthEastAdmins as ocid1.group.oc1..aaaaaaaa"],
  ["cross-tenancy-policies", "Admit group NorthEastAdmins of tenancy Requestor to manage object-family in tenancy"],
  // https://docs.oracle.com/en-us/iaas/Content/Network/Tasks/localVCNpeering.htm (cross-tenancy LPG)
  ["localVCNpeering", "Endorse group RequestorGrp to associate local-peering-gateways in compartment RequestorComp with local-peering-gateways in tenancy Acceptor"],
  ["localVCNpeering", "Admit group RequestorGrp of tenancy Requestor to associate local-peering-gateways in tenancy Requestor with local-peering-gateways in compartment AcceptorComp"],
  ["localVCNpeering", "Endorse group RequestorGrp to manage local-peering-to in tenancy Acceptor"],
  ["localVCNpeering", "Admit group RequestorGrp of tenancy Requestor to manage local-peering-to in compartment AcceptorComp"],
  // https://docs.oracle.com/en-us/iaas/Content/Registry/Concepts/registrypolicyrepoaccess.htm
  ["registrypolicyrepoaccess", "Allow group acme-pullers to read repos in tenancy"],
  ["registrypolicyrepoaccess", "Allow group acme-managers to manage repos in tenancy where target.repo.name = /acme-web-app*/"],
  // https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/bastionpolicyreference.htm
  ["bastionpolicyreference", "Allow group SecurityAdmins to manage bastion-family in tenancy"],
  ["bastionpolicyreference", "Allow group BastionUsers to manage bastion-session in compartment Sales where ALL {target.bastion.name='Bastion1', target.bastion-session.username='opc'}"],
  // https://docs.oracle.com/en-us/iaas/mysql-database/doc/policy-details-mysql-database-service.html
  ["mysql policy details", "Allow group MySQLAdmins to manage mysql-family in compartment DBComp"],
  // https://docs.oracle.com/en-us/iaas/Content/Identity/Reference/loggingpolicyreference.htm
  ["loggingpolicyreference", "Allow group LoggingAdmins to manage logging-family in tenancy"],
  ["loggingpolicyreference", "Allow group LogReaders to read log-content in tenancy"],
  // https://docs.oracle.com/iaas/Content/Tagging/Tasks/managingaccesswithtags.htm (Using Tags to Manage Access)
  ["managingaccesswithtags", "Allow group GroupA to manage all-resources in compartment HR where target.resource.tag.Operations.Project='Prod'"],
  ["managingaccesswithtags", "Allow any-group to manage instances in compartment HR where request.principal.group.tag.Operations.Project='Prod'"],
  // https://docs.oracle.com/en-us/iaas/Content/connector-hub/create-service-connector-policy.htm (Connector Hub)
  ["create-service-connector-policy", "allow any-user to use fn-function in compartment id ocid1.compartment.oc1..aaaaaaaa where all {request.principal.type='serviceconnector', request.principal.compartment.id='ocid1.compartment.oc1..aaaaaaaa'}"],
  ["create-service-connector-policy", "allow any-user to use fn-invocation in compartment id ocid1.compartment.oc1..aaaaaaaa where all {request.principal.type= 'serviceconnector', request.principal.compartment.id='ocid1.compartment.oc1..aaaaaaaa'}"],
  // https://docs.oracle.com/iaas/Content/Identity/Reference/keypolicyreference.htm
  ["keypolicyreference", "Allow dynamic-group FunctionsDG to read secret-bundles in compartment ABC where target.secret.name = 'db-password'"],
];

describe("statements from Oracle's documentation are accepted", () => {
  test("there are at least 30", () => expect(ORACLE.length).toBeGreaterThanOrEqual(30));
  test.each(ORACLE)("%s: %s", (_, statement) => {
    expect(() => parsePolicyStatement(statement)).not.toThrow();
  });
});

describe("extra vocabulary", () => {
  test("GIVEN a resource type the lists lack WHEN the user adds it THEN it is accepted", () => {
    expect(() => parsePolicyStatement("Allow group A to read stream-pools in tenancy")).toThrow(PolicySyntaxError);
    expect(() => parsePolicyStatement("Allow group A to read stream-pools in tenancy", { extraVocabulary: { resourceTypes: ["stream-pools"] } })).not.toThrow();
  });
});

describe("a statement parsed again", () => {
  const statement = "Allow any-user to read secret-bundles in compartment id ocid1.compartment.oc1..aaaaaaaatestcompartment where target.secret.id = 'ocid1.vaultsecret.oc1..s'";

  test("GIVEN the library's vocabulary THEN the second parse is the first one's result, frozen", () => {
    const first = parsePolicyStatement(statement);
    expect(parsePolicyStatement(statement)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as unknown as { subjects: unknown[] }).subjects.push("x");
    }).toThrow(TypeError);
  });

  test("GIVEN extra vocabulary THEN it is parsed afresh (the words it accepts differ)", () => {
    const shared = parsePolicyStatement(statement);
    const withExtra = parsePolicyStatement(statement, { extraVocabulary: { resourceTypes: ["stream-pools"] } });
    expect(withExtra).not.toBe(shared);
    expect(withExtra).toEqual(shared);
  });

  test("GIVEN a refused statement THEN it is refused every time (errors are not kept)", () => {
    expect(refusal("Allow group A to mange vaults in tenancy").message).toContain("mange");
    expect(refusal("Allow group A to mange vaults in tenancy").message).toContain("mange");
  });
});

test("closestWord suggests only near words", () => {
  expect(closestWord("mange", ["inspect", "read", "use", "manage"])).toBe("manage");
  expect(closestWord("zzzzzz", ["inspect", "read", "use", "manage"])).toBeUndefined();
});
