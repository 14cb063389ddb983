import { Construct } from "constructs";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { OcidType, checkOcid } from "../../lib/common/ocid";
import { Network } from "../../lib/network/network";
import { Peer } from "../../lib/network/connections";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { EXISTING_NSG_IDS, TEST_COMPARTMENT, TEST_REGION, synthOci } from "../support/synth";

describe("checkOcid", () => {
  test.each([
    ["ocid1.compartment.oc1..aaaaaaaa4example", OcidType.compartment],
    ["ocid1.tenancy.oc1..aaaaaaaa4example", OcidType.compartment],
    ["ocid1.vault.oc1.eu-frankfurt-1.entbf7xyaaeuk.abtheljrqexample", OcidType.vault],
    ["ocid1.key.oc1.iad.annnb3f4aacuu.abuwcljsexample", OcidType.key],
    ["ocid1.subnet.oc2.us-langley-1.aaaaaaaaexample", OcidType.subnet],
    ["ocid1.networksecuritygroup.oc1.eu-dcc-milan-1.aaaaaaaaexample", OcidType.nsg],
    ["ocid1.cluster.oc1.phx.aaaaaaaaexample", OcidType.cluster],
    ["${var.compartment_ocid}", OcidType.compartment],
    ["${TfToken[TOKEN.42]}", OcidType.vcn],
  ])("GIVEN %s THEN it passes unchanged", (value, types) => {
    expect(checkOcid(value, "prop", types)).toBe(value);
  });

  test.each([
    ["", OcidType.compartment, 'compartmentId: "" is not an OCID; expected ocid1.compartment.<realm>.[region].<id> or ocid1.tenancy.<realm>.[region].<id>'],
    ["my-compartment", OcidType.compartment, 'compartmentId: "my-compartment" is not an OCID'],
    ["ocid1.compartment.oc1", OcidType.compartment, 'compartmentId: "ocid1.compartment.oc1" is not an OCID'],
    ["ocid2.compartment.oc1..aaaa", OcidType.compartment, "is not an OCID"],
    ["ocid1.compartment.xx1..aaaa", OcidType.compartment, "is not an OCID"],
    ["OCID1.COMPARTMENT.OC1..AAAA", OcidType.compartment, "is not an OCID"],
    [" ocid1.compartment.oc1..aaaa", OcidType.compartment, "is not an OCID"],
    ["ocid1.vcn.oc1.eu-frankfurt-1.aaaa", OcidType.compartment, 'compartmentId: "ocid1.vcn.oc1.eu-frankfurt-1.aaaa" is the OCID of a vcn; expected ocid1.compartment'],
  ])("GIVEN %j THEN a clear error", (value, types, message) => {
    expect(() => checkOcid(value, "compartmentId", types)).toThrow(message);
  });
});

describe("OCIDs given to the constructs as literals", () => {
  const nsgIds = EXISTING_NSG_IDS;
  const existingNetwork = {
    compartmentId: TEST_COMPARTMENT,
    vcnId: "ocid1.vcn.oc1..vcn",
    subnets: { api: { subnetId: "ocid1.subnet.oc1..api" }, nodes: { subnetId: "ocid1.subnet.oc1..nodes" }, lb: { subnetId: "ocid1.subnet.oc1..lb" } },
    nsgIds,
  };
  const existingVault = { compartmentId: TEST_COMPARTMENT, vaultId: "ocid1.vault.oc1..v", keyId: "ocid1.key.oc1..k" };

  test.each<[string, (scope: Construct) => unknown, string]>([
    ["Network compartmentId", (s) => new Network(s, "n", { compartmentId: "prod" }), 'compartmentId: "prod" is not an OCID'],
    ["SecretsVault compartmentId", (s) => new SecretsVault(s, "v", { compartmentId: "ocid1.vault.oc1..v" }), 'compartmentId: "ocid1.vault.oc1..v" is the OCID of a vault'],
    ["VirtualNodeCluster tenancyId", (s) => new VirtualNodeCluster(s, "c", { network: new Network(s, "n", { compartmentId: TEST_COMPARTMENT }), region: TEST_REGION, tenancyId: TEST_COMPARTMENT }), `tenancyId: "${TEST_COMPARTMENT}" is the OCID of a compartment; expected ocid1.tenancy`],
    ["SecretsVault.fromExisting vaultId", (s) => SecretsVault.fromExisting(s, "v", { ...existingVault, vaultId: "vault-1" }), 'vaultId: "vault-1" is not an OCID; expected ocid1.vault'],
    ["SecretsVault.fromExisting keyId", (s) => SecretsVault.fromExisting(s, "v", { ...existingVault, keyId: "ocid1.vault.oc1..v" }), 'keyId: "ocid1.vault.oc1..v" is the OCID of a vault; expected ocid1.key'],
    ["Network.fromExisting vcnId", (s) => Network.fromExisting(s, "n", { ...existingNetwork, vcnId: "ocid1.subnet.oc1..x" }), 'vcnId: "ocid1.subnet.oc1..x" is the OCID of a subnet; expected ocid1.vcn'],
    ["Network.fromExisting subnetId", (s) => Network.fromExisting(s, "n", { ...existingNetwork, subnets: { ...existingNetwork.subnets, lb: { subnetId: "lb" } } }), 'subnets.lb.subnetId: "lb" is not an OCID; expected ocid1.subnet'],
    ["Network.fromExisting nsgIds", (s) => Network.fromExisting(s, "n", { ...existingNetwork, nsgIds: { ...nsgIds, db: "ocid1.subnet.oc1..db" } }), 'nsgIds.db: "ocid1.subnet.oc1..db" is the OCID of a subnet; expected ocid1.networksecuritygroup'],
    ["VirtualNodeCluster.fromExisting clusterId", (s) => VirtualNodeCluster.fromExisting(s, "c", { clusterId: "ocid1.vcn.oc1..x", compartmentId: TEST_COMPARTMENT, region: TEST_REGION }), 'clusterId: "ocid1.vcn.oc1..x" is the OCID of a vcn; expected ocid1.cluster'],
  ])("GIVEN a bad %s THEN synth fails naming the prop and the value", (_prop, build, message) => {
    expect(() => synthOci((scope) => build(scope))).toThrow(message);
  });

  test.each([
    ["on-prem", 'Peer.ipv4: "on-prem" is not an IPv4 CIDR'],
    ["10.20.0.0/33", 'Peer.ipv4: "10.20.0.0/33" is not a valid IPv4 CIDR'],
    ["10.20.0.1/16", 'Peer.ipv4: "10.20.0.1/16" has host bits set'],
  ])("GIVEN Peer.ipv4(%j) THEN a clear error", (cidr, message) => {
    expect(() => Peer.ipv4(cidr)).toThrow(message);
  });
});
