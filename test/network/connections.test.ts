import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { MySqlDatabase } from "../../lib/database/mysql-database";
import { Connections, Peer } from "../../lib/network/connections";
import { Network } from "../../lib/network/network";
import { Port } from "../../lib/network/network-security-rules";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { NativeIngressClass } from "../../lib/workloads/native-ingress-class";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "../support/synth";

const RULE = "oci_core_network_security_group_security_rule";

/** Every rule as "<nsg display name> <DIRECTION> <peer> <traffic> : <description>". */
function rules(tf: TfJson): string[] {
  const nsgs = resourcesOf(tf, "oci_core_network_security_group");
  const nameOf = (ref: string) => {
    const match = /^\$\{oci_core_network_security_group\.([^.]+)\.id\}$/.exec(ref);
    return match ? nsgs[match[1]].display_name : ref;
  };
  return Object.values(resourcesOf(tf, RULE)).map((r) => {
    const range = r.tcp_options?.destination_port_range;
    const peer = nameOf(r.source ?? r.destination);
    return `${nameOf(r.network_security_group_id)} ${r.direction} ${peer} ${r.protocol}${range ? `/${range.min}-${range.max}` : ""} : ${r.description}`;
  });
}

function extraRules(build: (built: { network: Network; database: MySqlDatabase; cluster: VirtualNodeCluster; scope: any }) => void): string[] {
  const build2 = (extra: boolean) =>
    synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
      const database = new MySqlDatabase(scope, "database", { network, vault });
      const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
      if (extra) build({ network, database, cluster, scope });
    }).tf;
  const before = new Set(rules(build2(false)));
  return rules(build2(true))
    .filter((r) => !before.has(r))
    .sort();
}

describe("connections on the things that have NSGs", () => {
  test("GIVEN network.connections(role) THEN a rule between two roles is written on both NSGs", () => {
    expect(extraRules(({ network }) => network.connections("nodes").allowTo(network.connections("db"), Port.tcp(3306), "Node debugging shells reach MySQL"))).toEqual([
      "oke-vn-nodes-nsg EGRESS oke-vn-db-nsg 6/3306-3306 : Node debugging shells reach MySQL",
      "oke-vn-db-nsg INGRESS oke-vn-nodes-nsg 6/3306-3306 : Node debugging shells reach MySQL",
    ].sort());
  });

  test("GIVEN database.connections.allowDefaultPortFrom(a CIDR) THEN the DB NSG admits it on 3306 only", () => {
    expect(extraRules(({ database }) => database.connections.allowDefaultPortFrom(Peer.ipv4("10.99.0.0/24"), "The reporting VPN reaches MySQL"))).toEqual([
      "oke-vn-db-nsg INGRESS 10.99.0.0/24 6/3306-3306 : The reporting VPN reaches MySQL",
    ].sort());
  });

  test("GIVEN database.connections.allowDefaultPortFrom(pods) THEN nothing new: the network already has that identity", () => {
    expect(extraRules(({ database, network }) => database.connections.allowDefaultPortFrom(network.connections("pods"), "Another sentence"))).toEqual([]);
  });

  test("GIVEN the database as a peer THEN its default port is what allowDefaultPortTo opens", () => {
    expect(extraRules(({ database, network }) => network.connections("nodes").allowDefaultPortTo(database))).toEqual([
      "oke-vn-nodes-nsg EGRESS oke-vn-db-nsg 6/3306-3306 : egress to NSG db-nsg on TCP 3306",
      "oke-vn-db-nsg INGRESS oke-vn-nodes-nsg 6/3306-3306 : ingress from NSG nodes-nsg on TCP 3306",
    ].sort());
  });

  test("GIVEN the ingress class (its load balancer) THEN its connections are the LB NSG's, and allowTo(pods) writes both sides", () => {
    let lb!: Connections;
    const added = extraRules(({ cluster, network, scope }) => {
      const ingress = new NativeIngressClass(scope, "public", { cluster, namespace: "shop", name: "public" });
      lb = ingress.connections;
      expect(lb.securityGroups).toEqual([network.securityGroup("lb")]);
      ingress.connections.allowTo(network.connections("pods"), Port.tcp(9000), "The load balancer reaches the shop on 9000");
    });
    expect(added).toEqual([
      "oke-vn-lb-nsg EGRESS oke-vn-pods-nsg 6/9000-9000 : The load balancer reaches the shop on 9000",
      "oke-vn-pods-nsg INGRESS oke-vn-lb-nsg 6/9000-9000 : The load balancer reaches the shop on 9000",
    ].sort());
  });

  test("GIVEN the ingress class opened to the internet on RDP THEN the single addRule refuses it", () => {
    expect(() =>
      extraRules(({ cluster, scope }) =>
        new NativeIngressClass(scope, "public", { cluster, namespace: "shop", name: "public" }).connections.allowFrom(Peer.anyIpv4(), Port.tcp(3389), "RDP"),
      ),
    ).toThrow('network/lb-nsg: rule "RDP" would open 22/3389 to 0.0.0.0/0 (CIS OCI 2.3/2.4)');
  });
});
