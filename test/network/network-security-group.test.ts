import { Connections, Peer } from "../../lib/network/connections";
import { NetworkSecurityGroup } from "../../lib/network/network-security-group";
import { Port } from "../../lib/network/network-security-rules";
import { TEST_COMPARTMENT, resourcesOf, synthOci } from "../support/synth";

const props = { compartmentId: TEST_COMPARTMENT, vcnId: "ocid1.vcn.oc1..test", displayName: "test-nsg" };
const RULE = "oci_core_network_security_group_security_rule";

describe("NetworkSecurityGroup", () => {
  test("GIVEN connections.allowFrom another NSG THEN egress on the peer and ingress here, both stateful with the sentence", () => {
    let app!: NetworkSecurityGroup;
    let bastion!: NetworkSecurityGroup;
    const { tf } = synthOci((scope) => {
      app = new NetworkSecurityGroup(scope, "app", props);
      bastion = NetworkSecurityGroup.fromExisting(scope, "bastion", "ocid1.networksecuritygroup.oc1..bastion");
      app.connections.allowFrom(bastion, Port.tcp(8080), "The bastion reaches the app on 8080");
    });
    const rules = Object.values(resourcesOf(tf, RULE));
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
      nsg.connections.allowTo(Peer.ipv4("10.20.0.0/16"), Port.udp(53), "Pods resolve names on the corporate DNS");
      nsg.connections.allowFrom(Peer.ipv4("10.20.0.0/16"), Port.icmpPathDiscovery(), "The corporate network sends path-MTU discovery");
      nsg.connections.allowTo(Peer.anyIpv4(), Port.allTraffic(), "Anything goes out");
    });
    const byDescription = Object.fromEntries(Object.values(resourcesOf(tf, RULE)).map((r) => [r.description, r]));
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

  test("GIVEN a rule THEN its Terraform address is made of direction, peer and traffic, not of its description", () => {
    const addressesWith = (description: string) => {
      const { tf } = synthOci((scope) => {
        const db = new NetworkSecurityGroup(scope, "db", props);
        const pods = new NetworkSecurityGroup(scope, "pods", props);
        db.connections.allowFrom(pods, Port.tcp(3306), description);
        db.connections.allowFrom(Peer.ipv4("10.20.0.0/16"), Port.tcpRange(3306, 3307), description);
        db.connections.allowTo(Peer.oracleServices("all-fra-services-in-oracle-services-network"), Port.allTcp(), description);
      });
      return Object.keys(resourcesOf(tf, RULE)).map((k) => k.replace(/_[0-9A-F]{8}$/, "")).sort();
    };
    const before = addressesWith("Pods reach MySQL on 3306");
    expect(before).toEqual([
      "db_egress-osn-tcp-all",
      "db_ingress-cidr-10-20-0-0-16-tcp-3306-3307",
      "db_ingress-pods-tcp-3306",
      "pods_egress-db-tcp-3306",
    ]);
    // WHEN the sentence is edited THEN no address changes.
    expect(addressesWith("The app's pods query MySQL on 3306")).toEqual(before);
  });

  test("GIVEN the same identity asked twice with different descriptions THEN one rule, the first description kept", () => {
    let nsg!: NetworkSecurityGroup;
    const { tf } = synthOci((scope) => {
      nsg = new NetworkSecurityGroup(scope, "nsg", props);
      nsg.connections.allowFrom(nsg, Port.tcp(3306), "Members reach MySQL");
      nsg.connections.allowFrom(nsg, Port.tcp(3306), "Members query the database");
      nsg.connections.allowFrom(Peer.ipv4("10.0.0.0/8"), Port.tcp(443), "Corporate clients");
      nsg.addRule({ direction: "ingress", peer: Peer.ipv4("10.0.0.0/8"), traffic: Port.tcp(443), description: "Office" });
    });
    const rules = Object.values(resourcesOf(tf, RULE));
    expect(rules.map((r) => [r.direction, r.description]).sort()).toEqual([
      ["EGRESS", "Members reach MySQL"],
      ["INGRESS", "Corporate clients"],
      ["INGRESS", "Members reach MySQL"],
    ]);
    expect(nsg.rules).toHaveLength(3);
    // A different port is a different rule.
    synthOci((scope) => {
      const other = new NetworkSecurityGroup(scope, "nsg", props);
      other.connections.allowFrom(other, Port.tcp(3306), "Members reach MySQL");
      other.connections.allowFrom(other, Port.tcp(33060), "Members reach MySQL");
      expect(other.rules).toHaveLength(4);
    });
  });

  test("GIVEN no description THEN one is generated from the identity", () => {
    const { tf } = synthOci((scope) => {
      const db = new NetworkSecurityGroup(scope, "db", props);
      db.connections.allowFrom(Peer.ipv4("10.20.0.0/16"), Port.tcp(3306));
    });
    expect(Object.values(resourcesOf(tf, RULE)).map((r) => r.description)).toEqual(["ingress from 10.20.0.0/16 on TCP 3306"]);
  });

  test.each([
    ["connections.allowFrom", (nsg: NetworkSecurityGroup) => nsg.connections.allowFrom(Peer.anyIpv4(), Port.tcp(22), "SSH from anywhere")],
    ["addRule", (nsg: NetworkSecurityGroup) => nsg.addRule({ direction: "ingress", peer: Peer.anyIpv4(), traffic: Port.tcp(22), description: "SSH from anywhere" })],
    ["a port range over RDP", (nsg: NetworkSecurityGroup) => nsg.connections.allowFrom(Peer.anyIpv4(), Port.tcpRange(3000, 4000), "SSH from anywhere")],
  ])("GIVEN SSH/RDP from 0.0.0.0/0 through %s THEN the single addRule refuses it at synth (CIS 2.3)", (_how, add) => {
    expect(() => synthOci((scope) => add(new NetworkSecurityGroup(scope, "nsg", props)))).toThrow(
      'nsg: rule "SSH from anywhere" would open 22/3389 to 0.0.0.0/0 (CIS OCI 2.3/2.4)',
    );
  });

  test("GIVEN SSH egress to the internet, or SSH from a private CIDR THEN allowed", () => {
    const { tf } = synthOci((scope) => {
      const nsg = new NetworkSecurityGroup(scope, "nsg", props);
      nsg.connections.allowTo(Peer.anyIpv4(), Port.tcp(22), "SSH out");
      nsg.connections.allowFrom(Peer.ipv4("10.0.0.0/8"), Port.tcp(22), "SSH from the office");
    });
    expect(Object.keys(resourcesOf(tf, RULE))).toHaveLength(2);
  });

  test("GIVEN an empty or too long description THEN a clear error naming the NSG", () => {
    expect(() =>
      synthOci((scope) => new NetworkSecurityGroup(scope, "nsg", props).connections.allowFrom(Peer.ipv4("10.0.0.0/8"), Port.tcp(1), "")),
    ).toThrow("nsg: rule description must be 1–255 characters, got 0");
    expect(() =>
      synthOci((scope) => new NetworkSecurityGroup(scope, "nsg", props).connections.allowFrom(Peer.ipv4("10.0.0.0/8"), Port.tcp(1), "x".repeat(256))),
    ).toThrow("nsg: rule description must be 1–255 characters, got 256");
  });

  test("GIVEN a peer NSG elsewhere in the tree with a sibling's id THEN the addresses stay distinct", () => {
    const { tf } = synthOci((scope) => {
      const nsg = new NetworkSecurityGroup(scope, "db", props);
      const { Construct } = jest.requireActual("constructs");
      const teamA = new Construct(scope, "team-a");
      nsg.connections.allowFrom(new NetworkSecurityGroup(scope, "pods", props), Port.tcp(3306), "Pods");
      nsg.connections.allowFrom(new NetworkSecurityGroup(teamA, "pods", props), Port.tcp(3306), "Team A's pods");
    });
    const dbIngress = Object.keys(resourcesOf(tf, RULE)).filter((k) => k.startsWith("db_ingress"));
    expect(dbIngress).toHaveLength(2);
    expect(dbIngress.some((k) => /^db_ingress-pods-tcp-3306_/.test(k))).toBe(true);
    expect(dbIngress.some((k) => /^db_ingress-pods-[0-9a-z]+-tcp-3306_/.test(k))).toBe(true);
  });
});

describe("Peer: the one peer type", () => {
  test("GIVEN Peer.ipv4 THEN the CIDR is checked as the Network's are", () => {
    expect(Peer.ipv4("10.20.0.0/16")).toEqual({ kind: "cidr", cidr: "10.20.0.0/16" });
    expect(() => Peer.ipv4("10.20.0.1/16")).toThrow('Peer.ipv4: "10.20.0.1/16" has host bits set');
    expect(Peer.anyIpv4()).toEqual({ kind: "cidr", cidr: "0.0.0.0/0" });
  });

  test("GIVEN a Terraform reference CIDR THEN a name is required for its address, and the address uses it", () => {
    expect(() => Peer.ipv4("${oci_bastion_bastion.b.private_endpoint_ip_address}/32")).toThrow(
      "Peer.ipv4: \"${oci_bastion_bastion.b.private_endpoint_ip_address}/32\" is a Terraform reference, so give it a name",
    );
    const { tf } = synthOci((scope) => {
      const nsg = new NetworkSecurityGroup(scope, "api", props);
      nsg.connections.allowFrom(Peer.ipv4("${oci_bastion_bastion.b.private_endpoint_ip_address}/32", "bastion-endpoint"), Port.tcp(6443), "Bastion");
    });
    expect(Object.keys(resourcesOf(tf, RULE))[0]).toMatch(/^api_ingress-cidr-bastion-endpoint-tcp-6443_/);
  });

  test("GIVEN an NSG, a Connections, a CIDR and OSN THEN all are accepted where a Peer is", () => {
    const { tf } = synthOci((scope) => {
      const nsg = new NetworkSecurityGroup(scope, "app", props);
      const other = new NetworkSecurityGroup(scope, "other", props);
      const peers: Peer[] = [other, new Connections({ securityGroups: [other] }), Peer.ipv4("10.1.0.0/16"), Peer.oracleServices("osn-label")];
      for (const peer of peers) nsg.connections.allowTo(peer, Port.tcp(443), "Out on 443");
    });
    const app = Object.values(resourcesOf(tf, RULE)).filter((r) => r.direction === "EGRESS");
    expect(app.map((r) => r.destination_type).sort()).toEqual(["CIDR_BLOCK", "NETWORK_SECURITY_GROUP", "SERVICE_CIDR_BLOCK"]);
    expect(app.find((r) => r.destination_type === "SERVICE_CIDR_BLOCK").destination).toBe("osn-label");
  });
});

describe("Connections", () => {
  test("GIVEN a default port THEN allowDefaultPortFrom/To use it; without one they say what to do", () => {
    const { tf } = synthOci((scope) => {
      const db = new NetworkSecurityGroup(scope, "db", props);
      const pods = new NetworkSecurityGroup(scope, "pods", props);
      const database = new Connections({ securityGroups: [db], defaultPort: Port.tcp(5432) });
      database.allowDefaultPortFrom(pods, "Pods reach Postgres");
      pods.connections.allowDefaultPortTo(database, "Pods reach Postgres");
      expect(() => pods.connections.allowDefaultPortFrom(db)).toThrow("allowDefaultPortFrom: the connections of stack/pods have no default port; use allowFrom/allowTo with a Port");
    });
    expect(
      Object.values(resourcesOf(tf, RULE))
        .map((r) => `${r.direction} ${r.tcp_options.destination_port_range.min}`)
        .sort(),
    ).toEqual(["EGRESS 5432", "INGRESS 5432"]);
  });

  test("GIVEN connections over two NSGs THEN each gets the rule; addRule with such a peer asks for allowFrom", () => {
    const { tf } = synthOci((scope) => {
      const a = new NetworkSecurityGroup(scope, "a", props);
      const b = new NetworkSecurityGroup(scope, "b", props);
      const both = new Connections({ securityGroups: [a, b] });
      both.allowFrom(Peer.ipv4("10.0.0.0/8"), Port.tcp(443), "Office");
      expect(() => a.addRule({ direction: "egress", peer: both, traffic: Port.tcp(443) })).toThrow(
        "a: addRule needs a peer with exactly one NSG, got 2; use connections.allowFrom/allowTo for several",
      );
    });
    expect(Object.keys(resourcesOf(tf, RULE)).map((k) => k.replace(/_[0-9A-F]{8}$/, "")).sort()).toEqual([
      "a_ingress-cidr-10-0-0-0-8-tcp-443",
      "b_ingress-cidr-10-0-0-0-8-tcp-443",
    ]);
  });
});
