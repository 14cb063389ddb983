import { NetworkSecurityGroup, SecurityPeers } from "../../lib/network/network-security-group";
import { Port } from "../../lib/network/network-security-rules";
import { TEST_COMPARTMENT, resourcesOf, synthOci } from "../support/synth";

const props = { compartmentId: TEST_COMPARTMENT, vcnId: "ocid1.vcn.oc1..test", displayName: "test-nsg" };

describe("NetworkSecurityGroup", () => {
  test("GIVEN allowFrom another NSG THEN egress on the peer and ingress here, both stateful with the sentence", () => {
    let app!: NetworkSecurityGroup;
    let bastion!: NetworkSecurityGroup;
    const { tf } = synthOci((scope) => {
      app = new NetworkSecurityGroup(scope, "app", props);
      bastion = NetworkSecurityGroup.fromExisting(scope, "bastion", "ocid1.networksecuritygroup.oc1..bastion");
      app.allowFrom(bastion, Port.tcp(8080), "The bastion reaches the app on 8080");
    });
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"));
    expect(rules).toEqual(
      expect.arrayContaining([
        {
          network_security_group_id: "ocid1.networksecuritygroup.oc1..bastion",
          description: "The bastion reaches the app on 8080",
          direction: "EGRESS",
          destination: expect.stringMatching(/^\$\{oci_core_network_security_group\.app_nsg_\w+\.id\}$/),
          destination_type: "NETWORK_SECURITY_GROUP",
          protocol: "6",
          stateless: false,
          tcp_options: { destination_port_range: { min: 8080, max: 8080 } },
        },
        expect.objectContaining({
          direction: "INGRESS",
          source: "ocid1.networksecuritygroup.oc1..bastion",
          source_type: "NETWORK_SECURITY_GROUP",
        }),
      ]),
    );
    expect(rules).toHaveLength(2);
    expect(app.rules.map((r) => r.direction)).toEqual(["ingress"]);
    expect(bastion.rules.map((r) => r.direction)).toEqual(["egress"]);
  });

  test("GIVEN allowTo a CIDR, UDP and ICMP THEN one rule each with the matching options", () => {
    const { tf } = synthOci((scope) => {
      const nsg = new NetworkSecurityGroup(scope, "nsg", props);
      nsg.allowTo(SecurityPeers.cidr("10.20.0.0/16"), Port.udp(53), "Pods resolve names on the corporate DNS");
      nsg.allowFrom(SecurityPeers.cidr("10.20.0.0/16"), Port.icmpPathDiscovery(), "The corporate network sends path-MTU discovery");
      nsg.allowTo(SecurityPeers.anyIpv4(), Port.allTraffic(), "Anything goes out");
    });
    const byDescription = Object.fromEntries(
      Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).map((r) => [r.description, r]),
    );
    expect(byDescription["Pods resolve names on the corporate DNS"]).toMatchObject({
      protocol: "17",
      destination: "10.20.0.0/16",
      destination_type: "CIDR_BLOCK",
      udp_options: { destination_port_range: { min: 53, max: 53 } },
    });
    expect(byDescription["The corporate network sends path-MTU discovery"]).toMatchObject({
      protocol: "1",
      source_type: "CIDR_BLOCK",
      icmp_options: { type: 3, code: 4 },
    });
    expect(byDescription["Anything goes out"]).toEqual(expect.objectContaining({ protocol: "all" }));
    expect(byDescription["Anything goes out"].tcp_options).toBeUndefined();
  });

  test("GIVEN the same rule twice THEN one resource; a different rule under the same sentence fails", () => {
    expect(() =>
      synthOci((scope) => {
        const nsg = new NetworkSecurityGroup(scope, "nsg", props);
        nsg.allowFrom(nsg, Port.tcp(3306), "Members reach MySQL");
        nsg.allowFrom(nsg, Port.tcp(3306), "Members reach MySQL");
        expect(nsg.rules).toHaveLength(2); // egress + ingress on itself
        nsg.allowFrom(nsg, Port.tcp(33060), "Members reach MySQL");
      }),
    ).toThrow('nsg: a different egress rule described "Members reach MySQL" exists already');
  });

  test("GIVEN SSH from 0.0.0.0/0 THEN CIS 2.3 stops it at synth", () => {
    expect(() =>
      synthOci((scope) => {
        new NetworkSecurityGroup(scope, "nsg", props).allowFrom(SecurityPeers.anyIpv4(), Port.tcp(22), "SSH from anywhere");
      }),
    ).toThrow('nsg: rule "SSH from anywhere" would open 22/3389 to 0.0.0.0/0 (CIS OCI 2.3/2.4)');
  });

  test("GIVEN an empty description THEN a clear error", () => {
    expect(() =>
      synthOci((scope) => new NetworkSecurityGroup(scope, "nsg", props).allowFrom(SecurityPeers.cidr("10.0.0.0/8"), Port.tcp(1), "")),
    ).toThrow("rule description must be 1–255 characters");
  });
});
