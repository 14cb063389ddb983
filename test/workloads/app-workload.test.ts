import { Construct } from "constructs";
import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { MySqlDatabase } from "../../lib/database/mysql-database";
import { Network, NetworkProps } from "../../lib/network/network";
import { SecretsVault } from "../../lib/security/secrets-vault";
import { AppWorkload, AppWorkloadProps } from "../../lib/workloads/app-workload";
import { checkImage } from "../../lib/workloads/image-reference";
import { NativeIngressClass } from "../../lib/workloads/native-ingress-class";
import { manifestOf, manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, refName, resourcesOf, synthOci } from "../support/synth";

const IMAGE = "registry.example.com/shop/shop-api:1.4.2";

interface Built {
  app: AppWorkload;
  network: Network;
  vault: SecretsVault;
  database: MySqlDatabase;
  cluster: VirtualNodeCluster;
  scope: Construct;
}

function synthApp(
  props: Partial<AppWorkloadProps> = {},
  options: { network?: Partial<NetworkProps>; after?: (built: Built) => void } = {},
): { tf: TfJson; built: Built } {
  let built!: Built;
  const { tf } = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT, ...options.network });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const database = new MySqlDatabase(scope, "database", { network, vault });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    const app = new AppWorkload(scope, "shop", {
      cluster,
      namespace: "shop",
      name: "shop-api",
      image: IMAGE,
      database: { database, schemaName: "shop" },
      clusterServicesInstalledElsewhere: true,
      ...props,
    });
    built = { app, network, vault, database, cluster, scope };
    options.after?.(built);
  });
  return { tf, built };
}

describe("AppWorkload with a database", () => {
  const { tf, built } = synthApp();
  const deployment = manifestOf(tf, "Deployment");
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;

  test("THEN every emitted object validates against its schema (Kubernetes OpenAPI or the CRD)", () => {
    const kinds = manifestsOf(tf).map((m) => `${m.kind}:${validateKubernetesObject(m)}`).sort();
    expect(kinds).toEqual([
      "Deployment:kubernetes-models",
      "ExternalSecret:crd",
      "HorizontalPodAutoscaler:kubernetes-models",
      "Ingress:kubernetes-models",
      "IngressClass:kubernetes-models",
      "IngressClassParameters:crd",
      "Namespace:kubernetes-models",
      "PodDisruptionBudget:kubernetes-models",
      "SecretStore:crd",
      "Service:kubernetes-models",
      "ServiceAccount:kubernetes-models",
      "ServiceAccount:kubernetes-models",
    ]);
  });

  test("THEN the SecretStore reads the vault with OKE workload identity as the service account the IAM policy names", () => {
    const store = manifestOf(tf, "SecretStore");
    const [vaultName] = Object.keys(resourcesOf(tf, "oci_kms_vault"));
    expect(store.metadata).toMatchObject({ name: "shop-api-vault", namespace: "shop" });
    expect(store.spec.provider.oracle).toEqual({
      vault: `\${oci_kms_vault.${vaultName}.id}`,
      region: TEST_REGION,
      principalType: "Workload",
      serviceAccountRef: { name: "shop-api-secrets" },
    });
    const policy = Object.values(resourcesOf(tf, "oci_identity_policy")).find((p) => p.statements.some((s: string) => s.includes("'workload'")));
    const [clusterName] = Object.keys(resourcesOf(tf, "oci_containerengine_cluster"));
    const [secretName] = Object.keys(resourcesOf(tf, "oci_vault_secret"));
    const who = `request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = '${store.spec.provider.oracle.serviceAccountRef.name}', request.principal.cluster_id = '\${oci_containerengine_cluster.${clusterName}.id}'`;
    expect(policy.statements).toEqual([
      `Allow any-user to read secret-bundles in compartment id ${TEST_COMPARTMENT} where all {${who}, target.secret.id = '\${oci_vault_secret.${secretName}.id}'}`,
      `Allow any-user to read vaults in compartment id ${TEST_COMPARTMENT} where all {${who}, target.vault.id = '\${oci_kms_vault.${vaultName}.id}'}`,
    ]);
    expect(built.app.secretsReader!.node.path).toContain("/shop/secret-sync/secrets-reader");
  });

  test("THEN the ExternalSecret maps the password secret by its Vault name to one Kubernetes Secret it owns", () => {
    expect(manifestOf(tf, "ExternalSecret").spec).toEqual({
      refreshInterval: "1h",
      secretStoreRef: { kind: "SecretStore", name: "shop-api-vault" },
      target: { name: "shop-api-secrets", creationPolicy: "Owner" },
      data: [{ secretKey: "DB_PASSWORD", remoteRef: { key: "oke-vn-mysql-admin-password" } }],
    });
  });

  test("THEN the app reads host, port, user and schema as values and the password from the synced Secret", () => {
    const [dbName] = Object.keys(resourcesOf(tf, "oci_mysql_mysql_db_system"));
    expect(container.env).toEqual([
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "shop-api-secrets", key: "DB_PASSWORD" } } },
      { name: "DB_HOST", value: `\${coalesce(oci_mysql_mysql_db_system.${dbName}.endpoints[0].hostname, oci_mysql_mysql_db_system.${dbName}.ip_address)}` },
      { name: "DB_PORT", value: "3306" },
      { name: "DB_USER", value: "dbadmin" },
      { name: "DB_NAME", value: "shop" },
    ]);
  });

  test("THEN the pod runs non-root above UID/GID 10000, read-only, no escalation, all capabilities dropped", () => {
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 });
    // Container fields limited to those Oracle lists as supported on virtual nodes.
    expect(container.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe("shop-api");
    expect(pod.volumes).toEqual([{ name: "tmp", emptyDir: {} }]);
    expect(container.volumeMounts).toEqual([{ name: "tmp", mountPath: "/tmp" }]);
  });

  test("THEN requests equal limits, HTTP probes on the app port, an explicit image", () => {
    expect(container.resources).toEqual({ requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "500m", memory: "1Gi" } });
    expect(container.image).toBe(IMAGE);
    expect(container.ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect(container.readinessProbe).toMatchObject({ httpGet: { path: "/readyz", port: "http", scheme: "HTTP" } });
    expect(container.livenessProbe).toMatchObject({ httpGet: { path: "/healthz", port: "http", scheme: "HTTP" } });
  });

  test("THEN pods spread over availability domains, fault domains and virtual nodes with maxSkew 1, and roll out without going below the replica count", () => {
    const selector = { matchLabels: { "app.kubernetes.io/name": "shop-api", "app.kubernetes.io/instance": "shop-api" } };
    expect(pod.topologySpreadConstraints).toEqual([
      { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
      { maxSkew: 1, topologyKey: "oci.oraclecloud.com/fault-domain", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
      { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: selector },
    ]);
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } });
    expect(deployment.spec).not.toHaveProperty("replicas");
  });

  test("THEN an autoscaling/v2 HPA on CPU from 2 to 10 and a PDB allowing one pod down", () => {
    expect(manifestOf(tf, "HorizontalPodAutoscaler").spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "shop-api" },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
    });
    expect(manifestOf(tf, "PodDisruptionBudget").spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": "shop-api", "app.kubernetes.io/instance": "shop-api" } },
    });
  });

  test("THEN a ClusterIP Service, and an Ingress through the app's own native-ingress class to it", () => {
    expect(manifestOf(tf, "Service").spec).toMatchObject({ type: "ClusterIP", ports: [{ port: 80, targetPort: "http" }] });
    const ingress = manifestOf(tf, "Ingress");
    expect(ingress.metadata.annotations).toEqual({ "oci-native-ingress.oraclecloud.com/backend-tls-enabled": "false" });
    expect(ingress.spec).toEqual({
      ingressClassName: "shop-shop-api",
      rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop-api", port: { number: 80 } } } }] } }],
    });
    expect(manifestOf(tf, "Namespace").metadata.labels).toMatchObject({ "podreadiness.ingress.oraclecloud.com/pod-readiness-gate-inject": "enabled" });
  });

  test("THEN the IngressClass puts the load balancer in the LB NSG and the public LB subnet, 10–100 Mbps", () => {
    const nsgs = resourcesOf(tf, "oci_core_network_security_group");
    const subnets = resourcesOf(tf, "oci_core_subnet");
    const ingressClass = manifestOf(tf, "IngressClass");
    const nsgRef = ingressClass.metadata.annotations["oci-native-ingress.oraclecloud.com/network-security-group-ids"];
    expect(nsgs[refName(nsgRef)].display_name).toBe("oke-vn-lb-nsg");
    expect(ingressClass.spec).toEqual({
      controller: "oci.oraclecloud.com/native-ingress-controller",
      parameters: { scope: "Namespace", namespace: "shop", apiGroup: "ingress.oraclecloud.com", kind: "ingressclassparameters", name: "shop-shop-api" },
    });
    const parameters = manifestOf(tf, "IngressClassParameters");
    expect(parameters.spec).toEqual({
      compartmentId: TEST_COMPARTMENT,
      subnetId: expect.stringMatching(/^\$\{oci_core_subnet\./),
      loadBalancerName: "oke-vn-cluster-shop-shop-api",
      isPrivate: false,
      minBandwidthMbps: 10,
      maxBandwidthMbps: 100,
    });
    expect(subnets[refName(parameters.spec.subnetId)].dns_label).toBe("lb");
  });

  test("THEN the LB NSG reaches the pod NSG on the container port, both sides", () => {
    const rules = Object.entries(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter(([, r]) => r.description.includes("ingress backends"));
    const nsgs = resourcesOf(tf, "oci_core_network_security_group");
    const nameOf = (ref: string) => nsgs[refName(ref)].display_name;
    expect(rules.map(([, r]) => [nameOf(r.network_security_group_id), r.direction, nameOf(r.destination ?? r.source), r.tcp_options])).toEqual([
      ["oke-vn-lb-nsg", "EGRESS", "oke-vn-pods-nsg", { destination_port_range: { min: 8080, max: 8080 } }],
      ["oke-vn-pods-nsg", "INGRESS", "oke-vn-lb-nsg", { destination_port_range: { min: 8080, max: 8080 } }],
    ]);
  });

  test("THEN the objects are created in order: namespace first, the store after its service account, the ingress after its class", () => {
    const manifests = resourcesOf(tf, "kubernetes_manifest");
    const byKind = (kind: string) => Object.entries(manifests).find(([, r]) => r.manifest.kind === kind)!;
    const [namespaceName] = byKind("Namespace");
    for (const [, resource] of Object.entries(manifests)) {
      if (resource.manifest.kind !== "Namespace" && resource.manifest.kind !== "IngressClass") {
        expect(resource.depends_on).toContain(`kubernetes_manifest.${namespaceName}`);
      }
    }
    expect(byKind("ExternalSecret")[1].depends_on).toContain(`kubernetes_manifest.${byKind("SecretStore")[0]}`);
    expect(byKind("Ingress")[1].depends_on).toContain(`kubernetes_manifest.${byKind("IngressClass")[0]}`);
  });

  test("THEN its peak pods join the pod subnet's capacity plan", () => {
    expect(built.network.capacityReport()[0].required.workloadPods).toBe(13);
  });
});

describe("AppWorkload options", () => {
  test("GIVEN TLS from an OCI certificate, a host and a shared ingress class THEN the Ingress carries them", () => {
    const certificateId = "ocid1.certificate.oc1.eu-frankfurt-1.aaaaaaaacert";
    const { tf } = synthApp({}, {
      after: ({ cluster, scope, database }) => {
        const shared = new NativeIngressClass(scope, "shared", { cluster, namespace: "shop", name: "public", maxBandwidthMbps: 400 });
        new AppWorkload(scope, "admin", {
          clusterServicesInstalledElsewhere: true,
          cluster,
          namespace: "admin",
          image: "registry.example.com/frxyz/admin@sha256:" + "a".repeat(64),
          containerPort: 9090,
          database: { database, schemaName: "admin" },
          ingress: { host: "admin.example.com", path: "/admin", tls: { certificateId }, ingressClass: shared, backendTls: true },
        });
      },
    });
    const ingress = manifestOf(tf, "Ingress", "admin");
    expect(ingress.metadata.annotations).toEqual({
      "oci-native-ingress.oraclecloud.com/backend-tls-enabled": "true",
      "oci-native-ingress.oraclecloud.com/certificate-ocid": certificateId,
    });
    expect(ingress.spec.ingressClassName).toBe("public");
    expect(ingress.spec.rules[0].host).toBe("admin.example.com");
    expect(manifestOf(tf, "IngressClassParameters", "public").spec.maxBandwidthMbps).toBe(400);
    const ports = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"))
      .filter((r) => r.description.includes("ingress backends"))
      .map((r) => r.tcp_options.destination_port_range.min);
    expect(ports.sort()).toEqual([8080, 8080, 9090, 9090]);
  });

  test("GIVEN a TLS secret THEN spec.tls names it for the host", () => {
    const { tf } = synthApp({ ingress: { host: "shop.example.com", tls: { secretName: "shop-tls" } } });
    expect(manifestOf(tf, "Ingress").spec.tls).toEqual([{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
  });

  test("GIVEN no ingress THEN no Ingress, no class, no LB rule and no readiness-gate label", () => {
    const { tf } = synthApp({ ingress: false });
    expect(manifestsOf(tf).map((m) => m.kind)).not.toEqual(expect.arrayContaining(["Ingress"]));
    expect(manifestsOf(tf).some((m) => m.kind.startsWith("IngressClass"))).toBe(false);
    expect(Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).some((r) => r.description.includes("ingress backends"))).toBe(false);
    expect(manifestOf(tf, "Namespace").metadata.labels).not.toHaveProperty("podreadiness.ingress.oraclecloud.com/pod-readiness-gate-inject");
  });

  test("GIVEN env names, another secret, plain env, sizes and scaling THEN they are used", () => {
    const { tf } = synthApp(
      {
        env: { LOG_LEVEL: "info" },
        resources: { cpu: "1", memory: "2Gi" },
        autoscaling: { minReplicas: 3, maxReplicas: 30, targetCpuUtilization: 60, surgePercent: 50 },
        runAs: { user: 20000, group: 20001 },
      },
      {
        after: ({ app, vault }) => {
          app.addEnv("FEATURE_X", "on");
          void vault;
        },
      },
    );
    const deployment = manifestOf(tf, "Deployment");
    const [container] = deployment.spec.template.spec.containers;
    expect(container.env).toEqual(expect.arrayContaining([{ name: "LOG_LEVEL", value: "info" }, { name: "FEATURE_X", value: "on" }]));
    expect(container.resources).toEqual({ requests: { cpu: "1", memory: "2Gi" }, limits: { cpu: "1", memory: "2Gi" } });
    expect(deployment.spec.template.spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 20000, runAsGroup: 20001 });
    expect(deployment.spec.strategy.rollingUpdate.maxSurge).toBe("50%");
    expect(manifestOf(tf, "HorizontalPodAutoscaler").spec).toMatchObject({ minReplicas: 3, maxReplicas: 30 });
  });

  test("GIVEN another Vault secret and renamed DB variables THEN one ExternalSecret maps both", () => {
    const { tf } = synthApp({}, {
      after: ({ scope, cluster, database, vault }) => {
        const apiKey = vault.addSecret("payment-api-key", { content: "${var.payment_api_key}" });
        new AppWorkload(scope, "billing", {
          clusterServicesInstalledElsewhere: true,
          cluster,
          namespace: "billing",
          image: "billing:2.0.1",
          database: { database, schemaName: "billing", envNames: { password: "MYSQL_PWD", host: "MYSQL_HOST" } },
          secrets: [{ envName: "PAYMENT_API_KEY", secret: apiKey }],
          ingress: false,
        });
      },
    });
    expect(manifestOf(tf, "ExternalSecret", "billing").spec.data).toEqual([
      { secretKey: "MYSQL_PWD", remoteRef: { key: "oke-vn-mysql-admin-password" } },
      { secretKey: "PAYMENT_API_KEY", remoteRef: { key: "payment-api-key" } },
    ]);
    const env = manifestOf(tf, "Deployment", "billing").spec.template.spec.containers[0].env.map((e: { name: string }) => e.name);
    expect(env).toEqual(["MYSQL_PWD", "PAYMENT_API_KEY", "MYSQL_HOST", "DB_PORT", "DB_USER", "DB_NAME"]);
    const billingPolicies = Object.values(resourcesOf(tf, "oci_identity_policy")).filter((p) => p.name.includes("billing-billing-secrets"));
    expect(billingPolicies).toHaveLength(2);
  });

  test("GIVEN a sidecar and a pod-template patch THEN both are in the Deployment, checked", () => {
    const { tf } = synthApp({}, {
      after: ({ app }) => {
        app.addContainer({
          name: "proxy",
          image: "envoy:1.31.0",
          resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "250m", memory: "512Mi" } },
        });
        app.patchPodTemplate((template) => {
          template.metadata!.annotations = { "prometheus.io/scrape": "true" };
        });
      },
    });
    const template = manifestOf(tf, "Deployment").spec.template;
    expect(template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app", "proxy"]);
    expect(template.metadata.annotations).toEqual({ "prometheus.io/scrape": "true" });
  });

  test("GIVEN env added after the pod template was read THEN the Deployment carries it", () => {
    const { tf } = synthApp({}, {
      after: ({ app }) => {
        expect(app.podTemplate().spec!.containers[0].env!.map((e) => e.name)).not.toContain("LATE");
        app.addEnv("LATE", "1");
      },
    });
    expect(manifestOf(tf, "Deployment").spec.template.spec.containers[0].env).toContainEqual({ name: "LATE", value: "1" });
  });

  test("GIVEN a patch virtual nodes would reject THEN synth fails naming each field, value and why", () => {
    expect(() =>
      synthApp({}, {
        after: ({ app }) =>
          app.patchPodTemplate((template) => {
            template.spec!.hostNetwork = true;
            template.spec!.securityContext = { ...template.spec!.securityContext, fsGroup: 2000 };
            template.spec!.containers[0].resources!.limits = { cpu: "1", memory: "1Gi" };
          }),
      }),
    ).toThrow(
      [
        "Deployment shop/shop-api: virtual nodes would reject this pod spec:",
        "  - spec.template.spec.hostNetwork = true: virtual nodes give pods no access to the host's network, process or IPC namespaces",
        "  - spec.template.spec.securityContext.fsGroup = 2000: virtual nodes take only runAsNonRoot, runAsUser, runAsGroup in a pod securityContext (no fsGroup, supplementalGroups, seccompProfile or sysctls)",
        '  - spec.template.spec.containers[0].resources.requests.cpu = {"requests":"500m","limits":"1"}: virtual nodes require requests to equal limits (cpu)',
      ].join("\n"),
    );
  });

  test("GIVEN a sidecar with requests ≠ limits THEN synth fails", () => {
    expect(() =>
      synthApp({}, {
        after: ({ app }) => app.addContainer({ name: "proxy", image: "envoy:1.31.0", resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "64Mi" } } }),
      }),
    ).toThrow('spec.template.spec.containers[1].resources.requests.cpu = {"requests":"100m","limits":"200m"}');
  });

  test("GIVEN more replicas than the pod subnet holds THEN synth fails naming both numbers", () => {
    expect(() =>
      synthApp({ autoscaling: { maxReplicas: 400 } }, { network: { separatePodSubnet: true, subnets: { pods: { prefixLength: 24 } } } }),
    ).toThrow(/pods subnet 10\.0\.\d+\.0\/24 has 253 usable IPs but the plan needs \d+ \(500 peak workload pods/);
  });
});

describe("AppWorkload bad input", () => {
  test.each<[Partial<AppWorkloadProps>, string]>([
    [{ image: "shop-api" }, 'image: "shop-api" has no tag or digest; pin one'],
    [{ image: "fra.ocir.io/frxyz/shop-api:latest" }, 'image: "fra.ocir.io/frxyz/shop-api:latest" uses the moving tag latest'],
    [{ image: "localhost:5000/shop" }, 'image: "localhost:5000/shop" has no tag or digest'],
    [{ containerPort: 30080 }, "containerPort: 30080 is in 30000-32767, which virtual nodes reserve for NodePorts"],
    [{ containerPort: 70000 }, "containerPort: 70000 is not a TCP port"],
    [{ autoscaling: { minReplicas: 1 } }, "autoscaling.minReplicas: 1 is too few; use at least 2"],
    [{ autoscaling: { minReplicas: 4, maxReplicas: 3 } }, "autoscaling.maxReplicas: 3 is below minReplicas 4"],
    [{ autoscaling: { targetCpuUtilization: 150 } }, "autoscaling.targetCpuUtilization: 150 is not a percentage from 1 to 100"],
    [{ runAs: { user: 1000 } }, "runAs.user: 1000 is not allowed; use a whole number from 10001"],
    [{ runAs: { group: 0 } }, "runAs.group: 0 is not allowed"],
    [{ namespace: "Shop" }, 'namespace: "Shop" is not a valid Kubernetes name'],
    [{ name: "1shop" }, 'name: "1shop" is not a valid Kubernetes Service name'],
    [{ name: "s".repeat(64) }, `name: "${"s".repeat(64)}" is not a valid Kubernetes Service name`],
    [{ resources: { cpu: "half", memory: "1Gi" } }, 'resources.cpu: "half" is not a Kubernetes quantity'],
    [{ probes: { readinessPath: "ready" } }, 'probes.readinessPath: "ready" is not an HTTP path'],
    [{ env: { "1BAD": "x" } }, 'env: "1BAD" is not an environment variable name'],
    [{ externalSecrets: { refreshInterval: "hourly" } }, 'externalSecrets.refreshInterval: "hourly" is not a duration'],
    [{ ingress: { host: "Shop.Example.com" } }, 'ingress.host: "Shop.Example.com" is not a DNS name'],
    [{ ingress: { tls: { certificateId: "ocid1.key.oc1..k" } } }, 'ingress.tls.certificateId: "ocid1.key.oc1..k" is the OCID of a key; expected ocid1.certificate'],
    [{ ingress: { loadBalancer: { maxBandwidthMbps: 9000 } } }, "maxBandwidthMbps: 9000 is not allowed; the flexible load balancer takes 10–8000 Mbps"],
    [{ ingress: { loadBalancer: { minBandwidthMbps: 200, maxBandwidthMbps: 100 } } }, "maxBandwidthMbps: 100 is below minBandwidthMbps 200"],
  ])("GIVEN %j THEN a clear error, naming the construct path", (props, message) => {
    expect(() => synthApp(props)).toThrow(message);
    // The app's path (…/shop), or the path of its part that got the value (…/shop/exposure/ingress-class).
    expect(() => synthApp(props)).toThrow(/^[\w-]+\/shop(\/[\w-]+)*: /);
  });

  test("GIVEN a database user without its password secret THEN a clear error", () => {
    expect(() => synthApp({}, { after: ({ scope, cluster, database }) => new AppWorkload(scope, "x", { cluster, namespace: "x", image: "x:1.0", clusterServicesInstalledElsewhere: true, database: { database, schemaName: "x", user: "app" } }) })).toThrow(
      'database.user "app" is given without database.passwordSecret',
    );
  });

  test("GIVEN a public load balancer on a private LB subnet THEN a clear error", () => {
    expect(() => synthApp({ ingress: { loadBalancer: { isPrivate: false } } }, { network: { subnets: { lb: { public: false } } } })).toThrow(
      "isPrivate is false but the network's LB subnet is private",
    );
  });

  test.each(["shop:1.0", "registry.example.com:5000/team/shop:v2.3.4-rc.1", "${oci_artifacts_container_repository.r.display_name}:1.0.0", "shop@sha256:" + "0".repeat(64)])(
    "GIVEN image %s THEN it is accepted",
    (image) => {
      expect(checkImage(image)).toBe(image);
    },
  );
});
