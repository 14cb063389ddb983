/**
 * Constructs split over stacks, as users split them: every grant, rule and mapping is written with
 * the construct that needs it, so stacks reference the stacks before them and never back.
 */
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { MySqlDatabase } from "../../lib/database/mysql-database";
import { Network } from "../../lib/network/network";
import { Port } from "../../lib/network/network-security-rules";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { WorkloadIdentity } from "../../lib/security/workload-identity";
import { AppWorkload } from "../../lib/workloads/app-workload";
import { ClusterServices } from "../../lib/workloads/cluster-services";
import { OciStack } from "../../lib/stacks/oci-stack";
import { TEST_COMPARTMENT, TEST_REGION, remoteStatesOf, resourcesOf, synthApp } from "../support/synth";

const OTHER = "ocid1.compartment.oc1..aaaaaaaaapps";

describe("GIVEN network, vault and database in stack A, the cluster and a grant in B, a second workload's grant in C", () => {
  const out = synthApp((app) => {
    const a = new OciStack(app, "a", { region: TEST_REGION });
    const network = new Network(a, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(a, "vault", { compartmentId: TEST_COMPARTMENT });
    const database = new MySqlDatabase(a, "database", { network, vault });

    const b = new OciStack(app, "b", { region: TEST_REGION });
    const cluster = new VirtualNodeCluster(b, "cluster", { network, secretsEncryptionKey: vault, compartmentId: OTHER });
    cluster.addVirtualNodePool("pool", { size: 3 });
    database.grantPasswordRead(cluster.workloadIdentity("shop", "external-secrets"));

    const c = new OciStack(app, "c", { region: TEST_REGION });
    const billing = new WorkloadIdentity(c, "billing", { cluster, namespace: "billing", serviceAccount: "billing-api" });
    database.grantPasswordRead(billing);
    cluster.mapNamespace(billing, "billing", OTHER);
    network.connections("lb").allowTo(network.connections("pods"), Port.tcp(8080), "The load balancer reaches billing on 8080", c);
  });

  test("THEN B and C read A's state, C reads B's, and A reads nobody's", () => {
    expect(remoteStatesOf(out.stacks.a)).toEqual([]);
    expect(remoteStatesOf(out.stacks.b)).toEqual(["a"]);
    expect(remoteStatesOf(out.stacks.c)).toEqual(["a", "b"]);
  });

  test("THEN each grant's policy and workload mapping is in the grantee's stack", () => {
    const policyNames = (stack: string) => Object.values(resourcesOf(out.stacks[stack], "oci_identity_policy")).map((p) => p.name);
    expect(policyNames("a")).not.toContainEqual(expect.stringContaining("external-secrets"));
    expect(policyNames("b")).toContainEqual(expect.stringMatching(/^oke-vn-cluster-shop-external-secrets-read-/));
    expect(policyNames("c")).toEqual([expect.stringMatching(/^oke-vn-cluster-billing-billing-api-read-/)]);
    const mappings = (stack: string) => Object.values(resourcesOf(out.stacks[stack], "oci_containerengine_cluster_workload_mapping")).map((m) => m.namespace);
    expect(mappings("a")).toEqual([]);
    expect(mappings("b")).toEqual([]);
    expect(mappings("c")).toEqual(["billing"]);
  });

  test("THEN the rules C asked for are C's resources, on A's NSGs", () => {
    const rules = Object.values(resourcesOf(out.stacks.c, "oci_core_network_security_group_security_rule"));
    expect(rules.map((r) => [r.direction, r.description])).toEqual([
      ["EGRESS", "The load balancer reaches billing on 8080"],
      ["INGRESS", "The load balancer reaches billing on 8080"],
    ]);
    for (const rule of rules) expect(rule.network_security_group_id).toMatch(/^\$\{data\.terraform_remote_state\./);
    expect(Object.keys(resourcesOf(out.stacks.c, "oci_core_network_security_group_security_rule")).every((name) => name.startsWith("nsg-rules_"))).toBe(true);
    expect(JSON.stringify(out.stacks.a)).not.toContain("billing");
  });

  test("THEN the etcd key policy is with the cluster in B", () => {
    const names = Object.values(resourcesOf(out.stacks.b, "oci_identity_policy")).map((p) => p.name);
    expect(names).toContainEqual(expect.stringMatching(/^oke-vn-cluster-etcd-encryption-/));
  });
});

describe("GIVEN the database in its own stack after the network's", () => {
  const out = synthApp((app) => {
    const a = new OciStack(app, "net", { region: TEST_REGION });
    const network = new Network(a, "network", { compartmentId: TEST_COMPARTMENT, mysqlXProtocol: false });
    const vault = new SecretsVault(a, "vault", { compartmentId: TEST_COMPARTMENT });
    const d = new OciStack(app, "data", { region: TEST_REGION });
    new MySqlDatabase(d, "database", { network, vault, mysqlXProtocol: true });
  });

  test("THEN the X-protocol rules it adds are its own and the network stack is unchanged", () => {
    expect(remoteStatesOf(out.stacks.net)).toEqual([]);
    expect(remoteStatesOf(out.stacks.data)).toEqual(["net"]);
    const dataRules = Object.values(resourcesOf(out.stacks.data, "oci_core_network_security_group_security_rule")).map((r) => r.description);
    expect(dataRules).toEqual(["Pods reach MySQL X protocol on 33060", "Pods reach MySQL X protocol on 33060"]);
    expect(JSON.stringify(out.stacks.net)).not.toContain("33060");
  });
});

describe("GIVEN two app stacks that each need the same load-balancer rule, and one of them twice", () => {
  const out = synthApp((app) => {
    const a = new OciStack(app, "net", { region: TEST_REGION });
    const network = new Network(a, "network", { compartmentId: TEST_COMPARTMENT });
    const lb = network.connections("lb");
    const pods = network.connections("pods");
    for (const id of ["team-a", "team-b"]) {
      const stack = new OciStack(app, id, { region: TEST_REGION });
      lb.allowTo(pods, Port.tcp(8080), "The load balancer reaches pods on 8080", stack);
    }
    // The same identity with another sentence: still one pair in team-a.
    lb.allowTo(pods, Port.tcp(8080), "Team A's ingress reaches its pods", app.node.findChild("team-a"));
  });

  test("THEN each stack owns one pair, at an address that does not depend on which construct asked first", () => {
    for (const id of ["team-a", "team-b"]) {
      const rules = Object.keys(resourcesOf(out.stacks[id], "oci_core_network_security_group_security_rule"));
      expect(rules).toHaveLength(2);
      for (const name of rules) expect(name).toMatch(/^nsg-rules_[0-9a-z]+-(egress-pods-nsg|ingress-lb-nsg)-tcp-8080_/);
      const descriptions = Object.values(resourcesOf(out.stacks[id], "oci_core_network_security_group_security_rule")).map((r) => r.description);
      expect(descriptions).toEqual(["The load balancer reaches pods on 8080", "The load balancer reaches pods on 8080"]);
    }
    expect(JSON.stringify(out.stacks.net)).not.toContain("on 8080");
  });
});

describe("GIVEN the platform in stack A, ClusterServices in S, and an AppWorkload with a database bootstrap in P", () => {
  let appStack!: OciStack;
  let servicesStack!: OciStack;
  const out = synthApp((app) => {
    const a = new OciStack(app, "a", { region: TEST_REGION });
    const network = new Network(a, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(a, "vault", { compartmentId: TEST_COMPARTMENT });
    const database = new MySqlDatabase(a, "database", { network, vault });
    const cluster = new VirtualNodeCluster(a, "cluster", { network });
    servicesStack = new OciStack(app, "s", { region: TEST_REGION });
    const services = new ClusterServices(servicesStack, "services", { cluster });
    appStack = new OciStack(app, "p", { region: TEST_REGION });
    new AppWorkload(appStack, "shop", {
      cluster,
      namespace: "shop",
      image: "registry.example.com/shop/api:1.0.0",
      clusterServices: services,
      database: { database, schemaName: "shop", bootstrap: { migrate: { command: ["node", "dist/migrate.js"] } } },
    });
  });

  test("THEN the app's stack depends on the services' stack (no reference would order them)", () => {
    expect(appStack.dependencies).toContain(servicesStack);
    expect(remoteStatesOf(out.stacks.p)).toEqual(["a"]);
  });

  test("THEN the app user's generated password and its Vault secret are the app stack's; the platform stack holds only the admin's", () => {
    const secretNames = (stack: string) => Object.values(resourcesOf(out.stacks[stack], "oci_vault_secret")).map((s) => s.secret_name);
    expect(secretNames("p")).toEqual(["shop-shop-mysql-password"]);
    expect(secretNames("a")).toHaveLength(1);
    expect(secretNames("a")).not.toContain("shop-shop-mysql-password");
    expect(Object.keys(resourcesOf(out.stacks.p, "random_password"))).toHaveLength(1);
    const [secret] = Object.values(resourcesOf(out.stacks.p, "oci_vault_secret"));
    expect(secret.vault_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-a\.outputs\./);
    expect(JSON.stringify(out.stacks.a)).not.toContain("shop-shop-mysql-password");
  });
});

describe("AppWorkload: where External Secrets and metrics-server come from", () => {
  const build = (place: "same" | "none" | "both" | "no-eso") => () =>
    synthApp((app) => {
      const a = new OciStack(app, "a", { region: TEST_REGION });
      const network = new Network(a, "network", { compartmentId: TEST_COMPARTMENT });
      const cluster = new VirtualNodeCluster(a, "cluster", { network });
      const p = new OciStack(app, "p", { region: TEST_REGION });
      const s = place === "same" ? p : new OciStack(app, "s", { region: TEST_REGION });
      const services = new ClusterServices(s, "services", { cluster, externalSecrets: { enabled: place !== "no-eso" } });
      new AppWorkload(p, "shop", {
        cluster,
        namespace: "shop",
        image: "registry.example.com/shop/api:1.0.0",
        secrets: [],
        ...(place === "none" ? {} : { clusterServices: services }),
        ...(place === "both" ? { clusterServicesInstalledElsewhere: true } : {}),
      });
    });

  test("GIVEN neither clusterServices nor the acknowledgement THEN a synth error with both fixes", () => {
    expect(build("none")).toThrow(
      "p/shop: say where External Secrets (its CRDs) and metrics-server (the HPA's metrics) come from: pass clusterServices (a ClusterServices in a stack applied before this one), or set clusterServicesInstalledElsewhere: true",
    );
  });

  test("GIVEN ClusterServices in the app's own stack THEN an error: the CRDs must exist when the stack is planned", () => {
    expect(build("same")).toThrow(/clusterServices is in this app's stack \(p\).*put ClusterServices in a stack of its own, applied before this one/);
  });

  test("GIVEN both THEN an error asking to keep one", () => {
    expect(build("both")).toThrow("clusterServices and clusterServicesInstalledElsewhere are both set; keep one");
  });

  test("GIVEN ClusterServices without External Secrets THEN an error naming the setting", () => {
    expect(build("no-eso")).toThrow("clusterServices does not install External Secrets (externalSecrets.enabled is false)");
  });
});
