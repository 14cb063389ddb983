import { ReferenceApp, buildReferenceApp } from "../../reference/reference-app";
import { PLACEHOLDER_TENANCY, ReferenceConfig, readReferenceConfig } from "../../reference/reference-config";
import { manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TfJson, remoteStatesOf, resourcesOf, synthApp } from "../support/synth";
import { PLATFORM_OUTPUTS } from "../support/existing-platform";

const COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaareference";
const TENANCY = "ocid1.tenancy.oc1..aaaaaaaareference";

function synthReference(env: Record<string, string> = {}) {
  const config: ReferenceConfig = readReferenceConfig({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: COMPARTMENT, OCI_TENANCY_OCID: TENANCY, ...env });
  let reference!: ReferenceApp;
  const out = synthApp((app) => {
    reference = buildReferenceApp(app, config, env);
  });
  return { ...out, reference, apiAccessNote: reference.apiAccessNote };
}

/** API groups whose CRDs a resource installs. */
function crdGroupsInstalledBy(type: string, resource: any): string[] {
  if (type === "helm_release" && resource.chart === "external-secrets") return ["external-secrets.io"];
  if (type === "oci_containerengine_addon" && resource.addon_name === "NativeIngressController") return ["ingress.oraclecloud.com"];
  if (type === "oci_containerengine_addon" && resource.addon_name === "CertManager") return ["cert-manager.io", "acme.cert-manager.io"];
  return [];
}

function apiGroup(apiVersion: string): string {
  return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

describe("the reference app with built-in defaults", () => {
  const { stacks, apiAccessNote, reference } = synthReference();
  const platform = stacks["oke-platform"];
  const services = stacks["oke-services"];
  const app = stacks["oke-app"];

  test("THEN three stacks: platform, cluster services, app", () => {
    expect(Object.keys(stacks).sort()).toEqual(["oke-app", "oke-platform", "oke-services"]);
  });

  test("THEN the platform holds only OCI resources (and its generated password and rotation epoch)", () => {
    const providers = new Set(Object.keys(platform.resource).map((type) => type.split("_")[0]));
    expect([...providers].sort()).toEqual(["oci", "random", "terraform"]);
    expect(Object.keys(resourcesOf(platform, "oci_containerengine_addon"))).toHaveLength(2);
    expect(Object.keys(resourcesOf(platform, "oci_artifacts_container_repository"))).toHaveLength(1);
  });

  test("THEN the later stacks read the platform's state, the app also waits for the services", () => {
    expect(remoteStatesOf(platform)).toEqual([]);
    expect(remoteStatesOf(services)).toEqual(["oke-platform"]);
    expect(remoteStatesOf(app)).toEqual(["oke-platform"]);
    // No reference ties the app to the services, whose CRDs it needs: an explicit dependency orders them.
    expect(reference.app.dependencies.map((s) => s.node.id).sort()).toEqual(["oke-platform", "oke-services"]);
  });

  test("THEN the Helm and Kubernetes providers are configured from the platform's cluster through its outputs", () => {
    for (const [stack, provider] of [
      [services, "helm"],
      [app, "kubernetes"],
    ] as const) {
      const [kubeConfig] = Object.values((stack.data as any).oci_containerengine_cluster_kube_config) as any[];
      expect(kubeConfig.cluster_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-oke-platform\.outputs\./);
      const config = (stack as any).provider[provider][0];
      const host = provider === "helm" ? config.kubernetes.host : config.host;
      expect(host).toMatch(/data\.oci_containerengine_cluster_kube_config\./);
      // The kubeconfig's own endpoint: its certificate name needs no override.
      expect((provider === "helm" ? config.kubernetes : config).tls_server_name).toBeUndefined();
    }
  });

  test("THEN no stack configures the Kubernetes or Helm provider from a cluster it creates itself", () => {
    const withKubeConfig = Object.entries(stacks).filter(([, stack]) => (stack.data as any)?.oci_containerengine_cluster_kube_config).map(([name]) => name);
    expect(withKubeConfig.sort()).toEqual(["oke-app", "oke-services"]); // the premise: the loop below has kubeconfigs to look at
    for (const [name, stack] of Object.entries(stacks)) {
      const kubeConfigs = Object.values((stack.data as any)?.oci_containerengine_cluster_kube_config ?? {}) as any[];
      const ownClusters = Object.keys(resourcesOf(stack, "oci_containerengine_cluster"));
      for (const kubeConfig of kubeConfigs) {
        for (const own of ownClusters) expect(`${name}: ${kubeConfig.cluster_id}`).not.toContain(`oci_containerengine_cluster.${own}.`);
      }
      if (ownClusters.length) expect((stack as any).provider?.kubernetes ?? (stack as any).provider?.helm).toBeUndefined();
    }
    // The premise: one stack creates the cluster, and others do read a kubeconfig.
    expect(Object.values(stacks).filter((stack) => Object.keys(resourcesOf(stack, "oci_containerengine_cluster")).length)).toHaveLength(1);
    expect(Object.values(stacks).filter((stack) => (stack.data as any)?.oci_containerengine_cluster_kube_config).length).toBeGreaterThanOrEqual(2);
  });

  test("THEN no stack holds a custom resource whose CRD a resource of the same stack installs", () => {
    const installedAnywhere: string[] = [];
    for (const [name, stack] of Object.entries(stacks) as [string, TfJson][]) {
      const installed = Object.entries(stack.resource).flatMap(([type, byName]) => Object.values(byName).flatMap((r) => crdGroupsInstalledBy(type, r)));
      installedAnywhere.push(...installed);
      const used = manifestsOf(stack).map((m) => apiGroup(m.apiVersion));
      for (const group of installed) expect(`${name}: ${group} used=${used.includes(group)}`).toBe(`${name}: ${group} used=false`);
    }
    // The premise: the loop above saw the CRD installers (External Secrets' chart, the ingress add-on).
    expect(installedAnywhere).toEqual(expect.arrayContaining(["external-secrets.io", "ingress.oraclecloud.com"]));
    // The app does use both kinds of custom resource, installed by the earlier stacks.
    const appGroups = manifestsOf(app).map((m) => apiGroup(m.apiVersion));
    expect(appGroups).toEqual(expect.arrayContaining(["external-secrets.io", "ingress.oraclecloud.com"]));
  });

  test("THEN the app's image is the platform's OCIR repository at 1.0.0, and every object validates", () => {
    const deployment = manifestsOf(app).find((m) => m.kind === "Deployment")!;
    expect(deployment.spec.template.spec.containers[0].image).toMatch(
      /^eu-frankfurt-1\.ocir\.io\/\$\{data\.terraform_remote_state\.cross-stack-reference-input-oke-platform\.outputs\.[\w-]+\}\/oke-vn\/app:1\.0\.0$/,
    );
    for (const manifest of manifestsOf(app)) validateKubernetesObject(manifest);
  });

  describe("the app's database bootstrap and image pulls", () => {
    const manifests = Object.entries(resourcesOf(app, "kubernetes_manifest"));
    const byKind = (kind: string) => manifests.filter(([, r]) => r.manifest.kind === kind);
    const [[deploymentId, deployment]] = byKind("Deployment");
    const jobs = byKind("Job");
    // The admin password is the platform's one Vault secret.
    const platformSecrets = Object.values(resourcesOf(platform, "oci_vault_secret")).map((sec: any) => sec.secret_name);
    const storeAccount = Object.fromEntries(byKind("SecretStore").map(([, r]) => [r.manifest.metadata.name, r.manifest.spec.provider.oracle.serviceAccountRef.name]));

    test("THEN the Deployment and both Jobs list a pull secret that an ExternalSecret renders as kubernetes.io/dockerconfigjson", () => {
      const pull = byKind("ExternalSecret").filter(([, r]) => r.manifest.spec.target.template?.type === "kubernetes.io/dockerconfigjson");
      expect(pull).toHaveLength(1);
      const [, pullSecret] = pull[0];
      expect(pullSecret.manifest.spec.target.template.data[".dockerconfigjson"]).toContain('{"auths":{"eu-frankfurt-1.ocir.io":');
      expect(jobs).toHaveLength(2);
      for (const [, r] of [[deploymentId, deployment], ...jobs]) {
        expect(r.manifest.spec.template.spec.imagePullSecrets).toEqual([{ name: pullSecret.manifest.spec.target.name }]);
      }
    });

    test("THEN the Deployment depends on the migrate Job, which waits for Complete after the user Job", () => {
      const migrate = jobs.find(([, r]) => r.manifest.metadata.name.startsWith("shop-api-db-migrate-"))!;
      const user = jobs.find(([, r]) => r.manifest.metadata.name.startsWith("shop-api-db-bootstrap-"))!;
      expect(deployment.depends_on).toContain(`kubernetes_manifest.${migrate[0]}`);
      expect(migrate[1].depends_on).toEqual([`kubernetes_manifest.${user[0]}`]);
      for (const [, job] of jobs) expect(job.wait).toEqual({ condition: [{ type: "Complete", status: "True" }] });
      const container = migrate[1].manifest.spec.template.spec.containers[0];
      expect(container.command).toEqual(["node", "dist/migrate.js"]);
      expect(container.image).toBe(deployment.manifest.spec.template.spec.containers[0].image);
    });

    test("THEN the app's DB_USER is its own user, not the admin", () => {
      const env = deployment.manifest.spec.template.spec.containers[0].env;
      const user = env.find((e: any) => e.name === "DB_USER").value;
      const admin = resourcesOf(platform, "oci_mysql_mysql_db_system");
      const [adminUser] = Object.values(admin).map((d: any) => d.admin_username);
      expect(user).toBe("shop_api");
      expect(user).not.toBe(adminUser);
    });

    test("THEN none of the app's ExternalSecrets reads the admin password; only the bootstrap's does", () => {
      expect(platformSecrets).toEqual(["oke-vn-mysql-admin-password"]);
      const readsAdmin = ([, r]: [string, any]) => (r.manifest.spec.data ?? []).some((d: any) => platformSecrets.includes(d.remoteRef.key));
      const readers = byKind("ExternalSecret").filter(readsAdmin).map(([, r]) => storeAccount[r.manifest.spec.secretStoreRef.name]);
      expect(readers).toEqual(["shop-api-bootstrap-secrets"]);
      const appAccount = "shop-api-secrets";
      const appExternalSecrets = byKind("ExternalSecret").filter(([, r]) => storeAccount[r.manifest.spec.secretStoreRef.name] === appAccount);
      expect(appExternalSecrets.length).toBeGreaterThan(0); // the premise: the app has ExternalSecrets of its own
      for (const [, r] of appExternalSecrets) {
        for (const d of r.manifest.spec.data) expect(platformSecrets).not.toContain(d.remoteRef.key);
      }
    });

    test("THEN the grant on the admin password secret names only the bootstrap's service account", () => {
      const adminGrants = Object.values(resourcesOf(app, "oci_identity_policy")).filter((p: any) =>
        p.statements.some((st: string) => /target\.secret\.id = '\$\{data\.terraform_remote_state\.cross-stack-reference-input-oke-platform/.test(st)),
      );
      const accounts = new Set(adminGrants.flatMap((p: any) => p.statements.flatMap((st: string) => [...st.matchAll(/service_account = '([^']+)'/g)].map((m) => m[1]))));
      expect([...accounts]).toEqual(["shop-api-bootstrap-secrets"]);
    });
  });

  test("THEN local state per stack in the project directory, relative paths", () => {
    for (const [name, stack] of Object.entries(stacks)) {
      expect(stack.terraform.backend).toEqual({ local: { path: `../../../terraform.${name}.tfstate` } });
    }
  });

  test("THEN the platform outputs everything the later stacks need to run against it alone", () => {
    expect(Object.keys(platform.output!)).toEqual(
      expect.arrayContaining(["cluster_id", "vault_id", "vault_key_id", "mysql_endpoint", "mysql_password_secret_name", "lb_nsg_id", "pods_nsg_id", "lb_subnet_id", "image_repository"]),
    );
  });

  test("THEN main.ts can say how the API is reached: private, from inside the VCN, and what to set", () => {
    expect(apiAccessNote).toMatch(/^Kubernetes API: private endpoint, reachable only from inside the VCN; set OKE_API_CLIENT_CIDRS to the private CIDR of your runner/);
  });

  test("THEN the API NSG admits no client CIDR on 6443, and the platform warns what to set", () => {
    const apiIngress = Object.values(resourcesOf(platform, "oci_core_network_security_group_security_rule")).filter(
      (r) => r.direction === "INGRESS" && r.tcp_options?.destination_port_range?.min === 6443,
    );
    // The premise: the filter sees the API's 6443 rules (from the node and pod NSGs).
    expect(apiIngress.length).toBeGreaterThan(0);
    const clientRules = apiIngress.filter((r) => r.source_type === "CIDR_BLOCK");
    expect(clientRules).toEqual([]);
    const warnings = reference.platform!.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data);
    expect(warnings).toEqual([expect.stringMatching(/^apiAccess vcn without clientCidrs: .*set apiAccess\.clientCidrs \(reference app: OKE_API_CLIENT_CIDRS\)/)]);
  });
});

describe("the reference app with settings", () => {
  describe("GIVEN a Terraform Cloud organization", () => {
    const { stacks, reference } = synthReference({ TF_CLOUD_ORGANIZATION: "acme", TF_WORKSPACE_PREFIX: "prod-" });

    test("THEN each stack carries a cloud block with its own workspace", () => {
      for (const name of ["oke-platform", "oke-services", "oke-app"]) {
        expect(stacks[name].terraform.cloud).toEqual({ organization: "acme", workspaces: { name: `prod-${name}` } });
        expect(stacks[name].terraform.backend).toBeUndefined();
      }
    });

    test("THEN no stack reads another's state: no terraform_remote_state anywhere", () => {
      for (const [name, stack] of Object.entries(stacks)) {
        expect(`${name}: ${JSON.stringify(stack.data ?? {})}`).not.toContain("terraform_remote_state");
        expect(`${name}: ${JSON.stringify(stack)}`).not.toMatch(/data\.terraform_remote_state\./);
      }
    });

    test("THEN the later stacks read the platform workspace's outputs with tfe_outputs, and only its non-sensitive values", () => {
      for (const name of ["oke-services", "oke-app"]) {
        const stack = stacks[name] as any;
        expect(stack.provider.tfe).toEqual([{ organization: "acme" }]);
        expect(stack.terraform.required_providers.tfe).toEqual({ source: "hashicorp/tfe", version: "0.71.0" });
        expect(stack.data.tfe_outputs).toEqual({ "platform-outputs": { organization: "acme", workspace: "prod-oke-platform" } });
        const [kubeConfig] = Object.values(stack.data.oci_containerengine_cluster_kube_config) as any[];
        expect(kubeConfig.cluster_id).toBe('${data.tfe_outputs.platform-outputs.nonsensitive_values["cluster_id"]}');
        const reads = JSON.stringify(stack).replace(/\\"/g, '"').match(/data\.tfe_outputs\.platform-outputs\.[a-z_]+\["[a-z_]+"\]/g) ?? [];
        expect(reads.length).toBeGreaterThan(0);
        // Every name read is an output the platform writes, and none is marked sensitive there.
        for (const read of new Set(reads)) {
          const [, attribute, output] = /\.([a-z_]+)\["([a-z_]+)"\]$/.exec(read)!;
          expect([attribute, stacks["oke-platform"].output![output]?.sensitive]).toEqual(["nonsensitive_values", undefined]);
        }
      }
      const deployment = manifestsOf(stacks["oke-app"]).find((m) => m.kind === "Deployment")!;
      // The registry host stays a literal (the pull secret names it at synth); the rest is the output.
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        'eu-frankfurt-1.ocir.io/${trimprefix(data.tfe_outputs.platform-outputs.nonsensitive_values["image_repository"], "eu-frankfurt-1.ocir.io/")}:1.0.0',
      );
    });

    test("THEN the later stacks still deploy after the platform (an explicit dependency: nothing references it)", () => {
      expect(reference.services.dependencies.map((s) => s.node.id)).toEqual(["oke-platform"]);
      expect(reference.app.dependencies.map((s) => s.node.id).sort()).toEqual(["oke-platform", "oke-services"]);
    });
  });

  test("GIVEN bastion access THEN a bastion in the API subnet, the API NSG admitting it, and providers on 127.0.0.1", () => {
    const { stacks, apiAccessNote } = synthReference({ OKE_API_ACCESS: "bastion", OKE_API_CLIENT_CIDRS: "203.0.113.7/32", OKE_API_LOCAL_PORT: "16443" });
    const [bastion] = Object.values(resourcesOf(stacks["oke-platform"], "oci_bastion_bastion"));
    expect(bastion).toMatchObject({ bastion_type: "STANDARD", client_cidr_block_allow_list: ["203.0.113.7/32"] });
    const [bastionName] = Object.keys(resourcesOf(stacks["oke-platform"], "oci_bastion_bastion"));
    const rules = Object.values(resourcesOf(stacks["oke-platform"], "oci_core_network_security_group_security_rule"));
    const [apiNsg] = Object.keys(resourcesOf(stacks["oke-platform"], "oci_core_network_security_group")).filter((n) => n.includes("api-nsg"));
    // Bastions take no NSG: the API NSG admits the bastion's own private endpoint (a /32), not the subnet.
    const fromBastion = rules.filter((r) => r.direction === "INGRESS" && String(r.source).includes("oci_bastion_bastion."));
    expect(fromBastion).toEqual([
      expect.objectContaining({
        network_security_group_id: `\${oci_core_network_security_group.${apiNsg}.id}`,
        source: `\${oci_bastion_bastion.${bastionName}.private_endpoint_ip_address}/32`,
        source_type: "CIDR_BLOCK",
        protocol: "6",
        tcp_options: { destination_port_range: { min: 6443, max: 6443 } },
      }),
    ]);
    expect(rules.filter((r) => r.source === "10.0.0.0/28")).toEqual([]);
    const kubernetes = (stacks["oke-app"] as any).provider.kubernetes[0];
    const helm = (stacks["oke-services"] as any).provider.helm[0].kubernetes;
    expect(kubernetes.host).toBe("https://127.0.0.1:16443");
    expect(helm.host).toBe("https://127.0.0.1:16443");
    // The certificate is checked against the endpoint's IP, the host of the private kubeconfig's server URL.
    for (const provider of [kubernetes, helm]) {
      expect(provider.tls_server_name).toMatch(/^\$\{element\(split\(":", trimprefix\(yamldecode\(data\.oci_containerengine_cluster_kube_config\.[\w-]+\.content\)\.clusters\.0\.cluster\.server, "https:\/\/"\)\), 0\)\}$/);
    }
    expect(stacks["oke-platform"].output!.bastion_session_command.value).toMatch(
      /^oci bastion session create-port-forwarding --bastion-id \$\{oci_bastion_bastion\.[\w-]+\.id\} --ssh-public-key-file ~\/\.ssh\/id_rsa\.pub --target-private-ip \$\{element\(split\(":", oci_containerengine_cluster\.[\w-]+\.endpoints\[0\]\.private_endpoint\), 0\)\} --target-port 6443$/,
    );
    expect(stacks["oke-platform"].output!.bastion_tunnel_command.value).toMatch(/^ssh -i ~\/\.ssh\/id_rsa -N -L 16443:\$\{element\(.*\)\}:6443 -p 22 <session OCID>@host\.bastion\.eu-frankfurt-1\.oci\.oraclecloud\.com$/);
    expect(apiAccessNote).toContain("keep its SSH tunnel open on 127.0.0.1:16443");
  });

  test("GIVEN bastion access THEN the API subnet's default security list has allow rules only (so the NSG rule opens the path) and no egress", () => {
    const { stacks } = synthReference({ OKE_API_ACCESS: "bastion", OKE_API_CLIENT_CIDRS: "203.0.113.7/32" });
    const platform = stacks["oke-platform"];
    const [apiSubnet] = Object.values(resourcesOf(platform, "oci_core_subnet")).filter((s) => s.display_name.endsWith("-api-subnet"));
    const lists = resourcesOf(platform, "oci_core_default_security_list");
    expect(apiSubnet.security_list_ids).toEqual(Object.keys(lists).map((n) => `\${oci_core_default_security_list.${n}.id}`));
    // Security lists and NSGs only allow; a packet passes when any rule of either allows it. The
    // list adds path discovery and nothing else: 6443 from the bastion rests on the NSG rule above.
    const [list] = Object.values(lists);
    expect(list.ingress_security_rules).toEqual([expect.objectContaining({ protocol: "1", icmp_options: { type: 3, code: 4 } })]);
    expect(list.egress_security_rules).toEqual([]);
  });

  test("GIVEN vcn access with private client CIDRs THEN the API NSG admits them on 6443 and main.ts names them", () => {
    const { stacks, apiAccessNote, reference } = synthReference({ OKE_API_CLIENT_CIDRS: "10.1.0.0/24,100.64.3.0/24" });
    const sources = Object.values(resourcesOf(stacks["oke-platform"], "oci_core_network_security_group_security_rule"))
      .filter((r) => r.direction === "INGRESS" && r.source_type === "CIDR_BLOCK" && r.tcp_options?.destination_port_range?.min === 6443)
      .map((r) => r.source)
      .sort();
    expect(sources).toEqual(["10.1.0.0/24", "100.64.3.0/24"]);
    expect(apiAccessNote).toBe("Kubernetes API: private endpoint, open on 6443 to 10.1.0.0/24, 100.64.3.0/24; deploy oke-services and oke-app from a machine there (in the VCN or a peered network).");
    expect(reference.platform!.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
    const [cluster] = Object.values(resourcesOf(stacks["oke-platform"], "oci_containerengine_cluster"));
    expect(cluster.endpoint_config.is_public_ip_enabled).toBe(false);
  });

  test("GIVEN the placeholder compartment and no tenancy THEN the ingress controller's tenancy statements still appear, on the placeholder tenancy", () => {
    const config = readReferenceConfig({});
    expect(config.warnings).toContainEqual(expect.stringMatching(/^OCI_TENANCY_OCID is not set; using the placeholder /));
    const { stacks } = synthApp((app) => void buildReferenceApp(app, config, {}));
    const policies = Object.values(resourcesOf(stacks["oke-platform"], "oci_identity_policy"));
    const tenancyPolicy = policies.find((p) => p.compartment_id === PLACEHOLDER_TENANCY)!;
    expect(tenancyPolicy.statements.map((st: string) => st.split(" where ")[0])).toEqual([
      "Allow any-user to read public-ips in tenancy",
      "Allow any-user to manage floating-ips in tenancy",
    ]);
  });

  test("GIVEN OKE_STACK_PREFIX dev and prod in one compartment THEN stacks, workspaces, policy and display names all differ", () => {
    const names = (prefix: string) => {
      const { stacks } = synthReference({ OKE_STACK_PREFIX: prefix, TF_CLOUD_ORGANIZATION: "acme" });
      const policies = Object.values(stacks).flatMap((tf) => Object.values(resourcesOf(tf, "oci_identity_policy")).map((p) => p.name as string));
      const displayNames = Object.values(stacks).flatMap((tf) =>
        Object.values(tf.resource).flatMap((byName) => Object.values(byName).map((r: any) => r.display_name).filter((n) => typeof n === "string")),
      );
      const workspaces = Object.values(stacks).map((tf) => tf.terraform.cloud.workspaces.name);
      return { stackNames: Object.keys(stacks).sort(), policies, displayNames, workspaces };
    };
    const dev = names("dev");
    const prod = names("prod");
    expect(dev.stackNames).toEqual(["dev-app", "dev-platform", "dev-services"]);
    expect(dev.workspaces.sort()).toEqual(["dev-app", "dev-platform", "dev-services"]);
    expect(dev.policies).toHaveLength(8);
    for (const name of dev.policies) expect(name).toMatch(/^dev-/);
    expect(dev.policies.filter((n) => prod.policies.includes(n))).toEqual([]);
    expect(dev.displayNames.filter((n) => prod.displayNames.includes(n))).toEqual([]);
  });

  test("GIVEN vcn access with a public client CIDR THEN an error naming OKE_API_CLIENT_CIDRS and public access", () => {
    expect(() => readReferenceConfig({ OKE_API_CLIENT_CIDRS: "10.1.0.0/24,203.0.113.7/32" })).toThrow(
      /OKE_API_CLIENT_CIDRS="10\.1\.0\.0\/24,203\.0\.113\.7\/32": 203\.0\.113\.7\/32 is not a private range .* set OKE_API_ACCESS=public \(or bastion\)/,
    );
  });

  test("GIVEN public access THEN a public API subnet and endpoint open on 6443 to the client CIDRs only", () => {
    const { stacks } = synthReference({ OKE_API_ACCESS: "PUBLIC", OKE_API_CLIENT_CIDRS: "203.0.113.0/24, 198.51.100.7/32" });
    const [cluster] = Object.values(resourcesOf(stacks["oke-platform"], "oci_containerengine_cluster"));
    expect(cluster.endpoint_config.is_public_ip_enabled).toBe(true);
    const sources = Object.values(resourcesOf(stacks["oke-platform"], "oci_core_network_security_group_security_rule"))
      .filter((r) => r.direction === "INGRESS" && r.source_type === "CIDR_BLOCK" && r.tcp_options?.destination_port_range?.min === 6443)
      .map((r) => r.source)
      .sort();
    expect(sources).toEqual(["198.51.100.7/32", "203.0.113.0/24"]);
  });

  test("GIVEN an existing platform THEN only the services and app stacks, built on its outputs", () => {
    const outputs = { ...PLATFORM_OUTPUTS, compartment_id: COMPARTMENT, nodes_subnet_cidr: "10.0.32.0/19" };
    const config = readReferenceConfig({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: COMPARTMENT, OKE_EXISTING_PLATFORM: "platform.json" }, {}, () =>
      JSON.stringify({ "oke-platform": outputs }),
    );
    const { stacks } = synthApp((app) => void buildReferenceApp(app, config, {}));
    expect(Object.keys(stacks).sort()).toEqual(["oke-app", "oke-services"]);
    const app = stacks["oke-app"];
    expect(remoteStatesOf(app)).toEqual([]);
    const store = manifestsOf(app).find((m) => m.kind === "SecretStore")!;
    expect(store.spec.provider.oracle.vault).toBe(outputs.vault_id);
    const deployment = manifestsOf(app).find((m) => m.kind === "Deployment")!;
    expect(deployment.spec.template.spec.containers[0].image).toBe(`${outputs.image_repository}:1.0.0`);
    const rules = Object.values(resourcesOf(app, "oci_core_network_security_group_security_rule"));
    expect(rules.map((r) => r.network_security_group_id).sort()).toEqual([outputs.lb_nsg_id, outputs.pods_nsg_id].sort());
    const [policy] = Object.values(resourcesOf(app, "oci_identity_policy"));
    expect(policy.statements[0]).toContain(`target.secret.id = '${outputs.mysql_password_secret_id}'`);
  });
});

describe("the reference app on a machine without Terraform", () => {
  test("THEN it synthesizes without running any program (cdktf's DataResource would run `terraform version`)", () => {
    // The module object itself (not an import namespace), as cdktf requires it.
    const childProcess = require("child_process") as typeof import("child_process");
    const spawned = [jest.spyOn(childProcess, "execSync"), jest.spyOn(childProcess, "spawnSync"), jest.spyOn(childProcess, "execFileSync")];
    try {
      synthReference();
      for (const spy of spawned) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spawned) spy.mockRestore();
    }
  });
});

describe("the reference app in realm oc2", () => {
  const env = { OCI_REGION: "us-langley-1", OCI_COMPARTMENT_OCID: "ocid1.compartment.oc2..aaaaaaaac", OCI_TENANCY_OCID: "ocid1.tenancy.oc2..aaaaaaaat" };

  test("GIVEN no OKE_APP_IMAGE THEN an error naming it (the OCI Registry host of oc2 is not assumed)", () => {
    expect(() => readReferenceConfig(env)).toThrow("OKE_APP_IMAGE is not set: OCI_REGION=us-langley-1 is in realm oc2, whose OCI Registry host the library does not assume");
  });

  test("GIVEN OKE_APP_IMAGE THEN the stacks synthesize without an OCIR repository, with oc2's placeholders nowhere near oc1", () => {
    const config = readReferenceConfig({ ...env, OKE_APP_IMAGE: "registry.example.com/shop/api:1.0.0" });
    const { stacks } = synthApp((app) => void buildReferenceApp(app, config, {}));
    expect(resourcesOf(stacks["oke-platform"], "oci_artifacts_container_repository")).toEqual({});
    expect(manifestsOf(stacks["oke-app"]).find((m) => m.kind === "Deployment")!.spec.template.spec.containers[0].image).toBe("registry.example.com/shop/api:1.0.0");
    for (const stack of Object.values(stacks)) expect(JSON.stringify(stack)).not.toContain(".oc1.");
  });
});
