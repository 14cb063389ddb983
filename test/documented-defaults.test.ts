import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { VirtualNodeCluster } from "../lib/cluster/virtual-node-cluster";
import { MySqlDatabase } from "../lib/database/mysql-database";
import { Network } from "../lib/network/network";
import { DEFAULT_HEADROOM_PERCENT, DEFAULT_SYSTEM_PODS, requiredIps } from "../lib/network/network-cidr-plan";
import { SecretsVault } from "../lib/security/secrets-vault";
import { AppWorkload } from "../lib/workloads/app-workload";
import { planAppWorkload, planDeployment, planExposure } from "../lib/workloads/app-workload-plan";
import { ClusterServices } from "../lib/workloads/cluster-services";
import { NativeIngressClass } from "../lib/workloads/native-ingress-class";
import { SecretSync } from "../lib/workloads/secret-sync";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "./support/synth";

// Each `@default` in the doc comments of the exported props interfaces is what users read; these
// tests hold the literal ones (a number, a quoted string, true or false) against what the code does.

interface DocumentedDefault {
  readonly file: string;
  readonly key: string; // Interface.property
  readonly text: string;
}

function documentedDefaults(dir: string): DocumentedDefault[] {
  const found: DocumentedDefault[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(dir, file), "utf8"), ts.ScriptTarget.Latest, true);
    source.forEachChild((node) => {
      if (!ts.isInterfaceDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return;
      for (const member of node.members) {
        if (!ts.isPropertySignature(member)) continue;
        for (const tag of ts.getJSDocTags(member)) {
          if (tag.tagName.text === "default") found.push({ file, key: `${node.name.text}.${member.name.getText(source)}`, text: ts.getTextOfJSDocComment(tag.comment) ?? "" });
        }
      }
    });
  }
  return found;
}

/**
 * The literal a default starts with (`15 minutes` → 15, `"required" (…)` → "required"), or
 * undefined for prose, quantities (`250m CPU`) and conditional values (`true when …`).
 */
function literalOf(text: string): number | string | boolean | undefined {
  const m = /^(?:(-?\d+(?:\.\d+)?)(?=$|\s)|"([^"<>]*)"|(true|false)\b)(?! when | if )/.exec(text.trim());
  if (!m) return undefined;
  if (m[1] !== undefined) return Number(m[1]);
  if (m[2] !== undefined) return m[2];
  return m[3] === "true";
}

const IMAGE = "registry.example.com/shop/api:1.0.0";
const appProps = { cluster: {} as never, namespace: "shop", image: IMAGE };

/** A synthesized app with a bootstrapped database, defaults otherwise. */
const appWithBootstrap = lazy(() =>
  synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const database = new MySqlDatabase(scope, "database", { network, vault });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    new AppWorkload(scope, "shop", { cluster, namespace: "shop", image: IMAGE, clusterServicesInstalledElsewhere: true, database: { database, schemaName: "shop", bootstrap: { migrate: false } } });
  }).tf,
);
const ingressClass = lazy(() =>
  synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    new NativeIngressClass(scope, "lb", { cluster, namespace: "edge", name: "edge" });
  }).tf,
);
const secretSync = lazy(() =>
  synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const vault = new SecretsVault(scope, "vault", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    const sync = new SecretSync(scope, "sync", { cluster, vault, namespace: "ns", storeName: "store", serviceAccountName: "reader" });
    const credentials = vault.addSecret("registry", { secretName: "registry", description: "registry credentials" });
    sync.syncDockerConfig("pull", { name: "pull", targetName: "pull", registryHost: "fra.ocir.io", credentials });
  }).tf,
);
const clusterServices = lazy(() => {
  let services!: ClusterServices;
  const { tf } = synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = VirtualNodeCluster.fromExisting(scope, "cluster", {
      clusterId: "ocid1.cluster.oc1.eu-frankfurt-1.aaaaaaaacluster",
      compartmentId: TEST_COMPARTMENT,
      region: TEST_REGION,
      network,
    });
    services = new ClusterServices(scope, "services", { cluster });
  });
  return { services, tf };
});

const manifests = (tf: TfJson) => Object.values(resourcesOf(tf, "kubernetes_manifest")) as any[];
const manifestNamed = (tf: TfJson, kind: string, name: string) => manifests(tf).find((r) => r.manifest.kind === kind && r.manifest.metadata.name === name)!;
const bootstrapJob = (tf: TfJson) => manifests(tf).find((r) => r.manifest.kind === "Job")!;
const helmRelease = (tf: TfJson, chart: string) => (Object.values(resourcesOf(tf, "helm_release")) as any[]).find((r) => r.chart === chart)!;

/** What the code does when the prop is left out, one probe per literal `@default`. */
const PROBES: Record<string, () => unknown> = {
  "AutoscalingOptions.minReplicas": () => planAppWorkload(appProps).deployment.minReplicas,
  "AutoscalingOptions.maxReplicas": () => planAppWorkload(appProps).deployment.maxReplicas,
  "AutoscalingOptions.targetCpuUtilization": () => planAppWorkload(appProps).deployment.targetCpuUtilization,
  "AutoscalingOptions.surgePercent": () => planAppWorkload(appProps).deployment.surgePercent,
  // Options shared by AppWorkload and its parts are documented once; both users must agree with the doc.
  "PodTemplateOptions.containerPort": () => same(planAppWorkload(appProps).deployment.containerPort, planDeployment({ namespace: "n", name: "d", image: IMAGE }).containerPort),
  "PodTemplateOptions.tmpVolume": () => same(planAppWorkload(appProps).deployment.tmpVolume, planDeployment({ namespace: "n", name: "d", image: IMAGE }).tmpVolume),
  "PodTemplateOptions.runAs": () => {
    const [app, alone] = [planAppWorkload(appProps).deployment, planDeployment({ namespace: "n", name: "d", image: IMAGE })];
    return same(sameOrBoth(app.runAsUser, app.runAsGroup), sameOrBoth(alone.runAsUser, alone.runAsGroup));
  },
  "IngressRuleOptions.path": () => same(planAppWorkload(appProps).ingress!.path, planExposure({ namespace: "n", serviceName: "s" }).path),
  "IngressRuleOptions.backendTls": () => same(planAppWorkload(appProps).ingress!.backendTls, planExposure({ namespace: "n", serviceName: "s" }).backendTls),
  "AppWorkloadProps.clusterServicesInstalledElsewhere": () => {
    // false: without it, clusterServices is required.
    try {
      synthOci((scope) => {
        const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
        new AppWorkload(scope, "app", { cluster: new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION }), namespace: "a", image: IMAGE });
      });
      return true;
    } catch (e) {
      expect((e as Error).message).toMatch(/pass clusterServices/);
      return false;
    }
  },
  "NativeIngressExposureProps.containerPort": () => planExposure({ namespace: "n", serviceName: "s" }).containerPort,
  "DatabaseBootstrapProps.runAs": () => {
    const pod = bootstrapJob(appWithBootstrap()).manifest.spec.template.spec.securityContext;
    return sameOrBoth(pod.runAsUser, pod.runAsGroup);
  },
  "VirtualNodeDeploymentProps.serviceAccountName": () => planDeployment({ namespace: "n", name: "d", image: IMAGE }).serviceAccountName,
  "DatabaseBootstrapOptions.tlsMode": () => (/--ssl-mode=REQUIRED/.test(JSON.stringify(bootstrapJob(appWithBootstrap()).manifest)) ? "required" : "disabled"),
  "DatabaseBootstrapOptions.timeoutMinutes": () => parseInt(bootstrapJob(appWithBootstrap()).timeouts.create, 10),
  "DatabaseBootstrapProps.tlsMode": () => (/--ssl-mode=REQUIRED/.test(JSON.stringify(bootstrapJob(appWithBootstrap()).manifest)) ? "required" : "disabled"),
  "DatabaseBootstrapProps.timeoutMinutes": () => bootstrapJob(appWithBootstrap()).manifest.spec.activeDeadlineSeconds / 60,
  "DatabaseBootstrapProps.backoffLimit": () => bootstrapJob(appWithBootstrap()).manifest.spec.backoffLimit,
  "DatabaseBootstrapProps.refreshInterval": () => manifestNamed(appWithBootstrap(), "ExternalSecret", "shop-bootstrap").manifest.spec.refreshInterval,
  "ExternalSecretsOptions.enabled": () => clusterServices().services.externalSecrets !== undefined,
  "ExternalSecretsOptions.version": () => helmRelease(clusterServices().tf, "external-secrets").version,
  "ExternalSecretsOptions.namespace": () => helmRelease(clusterServices().tf, "external-secrets").namespace,
  "MetricsServerOptions.enabled": () => clusterServices().services.metricsServer !== undefined,
  "MetricsServerOptions.version": () => helmRelease(clusterServices().tf, "metrics-server").version,
  "NativeIngressClassOptions.minBandwidthMbps": () => manifestNamed(ingressClass(), "IngressClassParameters", "edge").manifest.spec.minBandwidthMbps,
  "NativeIngressClassOptions.maxBandwidthMbps": () => manifestNamed(ingressClass(), "IngressClassParameters", "edge").manifest.spec.maxBandwidthMbps,
  "NativeIngressClassOptions.isDefault": () => manifestNamed(ingressClass(), "IngressClass", "edge").manifest.metadata.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true",
  "NativeIngressClassOptions.controllerClass": () => manifestNamed(ingressClass(), "IngressClass", "edge").manifest.spec.controller,
  "SecretSyncProps.refreshInterval": () => manifestNamed(secretSync(), "ExternalSecret", "pull").manifest.spec.refreshInterval,
  "SyncDockerConfigOptions.waitMinutes": () => parseInt(manifestNamed(secretSync(), "ExternalSecret", "pull").timeouts.create, 10),
};

describe("documented defaults of lib/workloads", () => {
  const literal = documentedDefaults(path.join(__dirname, "../lib/workloads"))
    .map((d) => ({ ...d, value: literalOf(d.text) }))
    .filter((d) => d.value !== undefined);

  test("THEN the scan finds the literal defaults (the premise of the comparisons below)", () => {
    expect(literal.length).toBeGreaterThanOrEqual(30);
    expect(literal.map((d) => d.key)).toEqual(expect.arrayContaining(["PodTemplateOptions.containerPort", "DatabaseBootstrapProps.backoffLimit"]));
  });

  test("THEN every literal default has a probe, and every probe a documented default", () => {
    expect(literal.map((d) => d.key).sort()).toEqual(Object.keys(PROBES).sort());
  });

  test.each(Object.keys(PROBES).sort())("GIVEN %s left out THEN the code uses the documented value", (key) => {
    const documented = literal.find((d) => d.key === key);
    expect(documented).toBeDefined();
    expect({ key, value: PROBES[key]() }).toEqual({ key, value: documented!.value });
  });
});

describe("documented pod-capacity defaults", () => {
  const sources = ["lib/network/network.ts", "lib/network/network-cidr-plan.ts", "README.md"].map((f) => fs.readFileSync(path.join(__dirname, "..", f), "utf8"));

  test("THEN the code's defaults are what an empty demand gets", () => {
    const required = requiredIps({}, { nodes: false, pods: true });
    expect(required.systemPods).toBe(DEFAULT_SYSTEM_PODS);
    expect(required.headroomPercent ?? DEFAULT_HEADROOM_PERCENT).toBe(DEFAULT_HEADROOM_PERCENT);
  });

  test("THEN every '<n> system pods' and '<n> % headroom' in a default's text or the README's prose matches the code", () => {
    const defaults = sources.flatMap((s) => [...s.matchAll(/@default ([^\n]*)/g)].map((m) => m[1]));
    const systemPods = defaults.flatMap((d) => [...d.matchAll(/(\d+) (?:further |more )?system pods/g)].map((m) => Number(m[1])));
    const headroom = defaults.flatMap((d) => [...d.matchAll(/(\d+) ?% headroom/g)].map((m) => Number(m[1])));
    expect(systemPods.length).toBeGreaterThan(0); // the premise: the docs do state them
    expect(new Set(systemPods)).toEqual(new Set([DEFAULT_SYSTEM_PODS]));
    expect(new Set(headroom)).toEqual(new Set([DEFAULT_HEADROOM_PERCENT]));
    const readme = sources[2];
    expect(readme).toContain(`${DEFAULT_SYSTEM_PODS} more system pods and ${DEFAULT_HEADROOM_PERCENT} % headroom cover the rest`);
  });
});

/** "10001 and 10001" documents one value for both: the value when both agree. */
/** The value both users of a shared option take, or both values when they differ (which fails the comparison). */
function same<T>(a: T, b: T): T | [T, T] {
  return JSON.stringify(a) === JSON.stringify(b) ? a : [a, b];
}

function sameOrBoth(a: number, b: number): number | [number, number] {
  return a === b ? a : [a, b];
}

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}
