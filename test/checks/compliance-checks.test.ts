/**
 * The compliance checks on stacks a user builds with the raw bindings: each check catches its
 * violation by id, a waiver with a reason silences exactly one finding, and the reference stacks
 * pass.
 */
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Construct } from "constructs";
import { ContainerengineCluster } from "../../.gen/providers/oci/containerengine-cluster";
import { CoreNetworkSecurityGroupSecurityRule } from "../../.gen/providers/oci/core-network-security-group-security-rule";
import { CoreSecurityList } from "../../.gen/providers/oci/core-security-list";
import { CoreSubnet } from "../../.gen/providers/oci/core-subnet";
import { CoreVcn } from "../../.gen/providers/oci/core-vcn";
import { IdentityPolicy } from "../../.gen/providers/oci/identity-policy";
import { KmsKey } from "../../.gen/providers/oci/kms-key";
import { KmsVault } from "../../.gen/providers/oci/kms-vault";
import { MysqlMysqlDbSystem } from "../../.gen/providers/oci/mysql-mysql-db-system";
import { OciProvider } from "../../.gen/providers/oci/provider";
import { VaultSecret } from "../../.gen/providers/oci/vault-secret";
import { App, Aspects, TerraformStack, Testing } from "../../lib/cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ComplianceChecks, addComplianceChecks } from "../../lib/checks/compliance-checks";
import { Peer } from "../../lib/network/connections";
import { Port } from "../../lib/network/network-security-rules";
import { COMPLIANCE_RULE_IDS } from "../../lib/checks/compliance-rules";
import { buildReferenceApp } from "../../reference/reference-app";
import { readReferenceConfig } from "../../reference/reference-config";
import { TEST_COMPARTMENT, synthApp, synthOci } from "../support/synth";

const C = TEST_COMPARTMENT;
const NSG = "ocid1.networksecuritygroup.oc1..n";
const SUBNET = "ocid1.subnet.oc1..s";

/** Synthesizes `build` with the checks; returns the error, or "" when it passes. */
function check(build: (scope: Construct) => void, checks = new ComplianceChecks()): string {
  try {
    synthOci((scope) => {
      Aspects.of(TerraformStack.of(scope)).add(checks);
      new KubernetesProvider(scope, "kubernetes", {});
      build(scope);
    });
    return "";
  } catch (err) {
    return (err as Error).message;
  }
}

const nsgRule = (scope: Construct, id: string, source: string, ports?: [number, number], protocol = "6") =>
  new CoreNetworkSecurityGroupSecurityRule(scope, id, {
    networkSecurityGroupId: NSG,
    direction: "INGRESS",
    protocol,
    source,
    sourceType: "CIDR_BLOCK",
    tcpOptions: ports ? { destinationPortRange: { min: ports[0], max: ports[1] } } : undefined,
  });

const deployment = (spec: Record<string, unknown> = {}, podPatch: Record<string, unknown> = {}, containerPatch: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001 },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } }],
        containers: [
          {
            name: "web",
            image: "web:1.0.0",
            resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
            livenessProbe: { httpGet: { path: "/", port: 8080 } },
            readinessProbe: { httpGet: { path: "/", port: 8080 } },
            securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
            ...containerPatch,
          },
        ],
        ...podPatch,
      },
    },
    ...spec,
  },
});
const pdb = { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "web", namespace: "shop" }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } } };
const workload = (scope: Construct, body: object, withPdb = true) => {
  new Manifest(scope, "deployment", { manifest: body as Record<string, unknown> });
  if (withPdb) new Manifest(scope, "pdb", { manifest: pdb });
};

/** One deliberately broken stack per check, made with the raw bindings. */
const BROKEN: Record<string, (scope: Construct) => void> = {
  "CIS-OCI-2.1": (s) =>
    new CoreSecurityList(s, "sl", { compartmentId: C, vcnId: "ocid1.vcn.oc1..v", ingressSecurityRules: [{ protocol: "6", source: "0.0.0.0/0", tcpOptions: { min: 22, max: 22 } }] }),
  "CIS-OCI-2.3": (s) => nsgRule(s, "rdp", "0.0.0.0/1", [3389, 3389]),
  "CIS-OCI-2.5": (s) => new CoreVcn(s, "vcn", { compartmentId: C, cidrBlocks: ["10.0.0.0/16"] }),
  "CIS-OCI-4.13": (s) => new CoreSubnet(s, "subnet", { compartmentId: C, vcnId: "ocid1.vcn.oc1..v", cidrBlock: "10.0.1.0/24" }),
  "CIS-OCI-4.16": (s) => {
    const vault = new KmsVault(s, "vault", { compartmentId: C, displayName: "v", vaultType: "DEFAULT" });
    new KmsKey(s, "key", { compartmentId: C, displayName: "k", managementEndpoint: vault.managementEndpoint, keyShape: { algorithm: "AES", length: 32 }, protectionMode: "HSM" });
  },
  "OKE-ENDPOINT-NSG": (s) =>
    new ContainerengineCluster(s, "cluster", { compartmentId: C, name: "c", vcnId: "ocid1.vcn.oc1..v", kubernetesVersion: "v1.34.1", kmsKeyId: "ocid1.key.oc1..k", endpointConfig: { subnetId: SUBNET } }),
  "OKE-CLUSTER-KMS": (s) =>
    new ContainerengineCluster(s, "cluster", { compartmentId: C, name: "c", vcnId: "ocid1.vcn.oc1..v", kubernetesVersion: "v1.34.1", endpointConfig: { subnetId: SUBNET, nsgIds: [NSG] } }),
  "OKE-KMS-HSM": (s) =>
    new KmsKey(s, "key", { compartmentId: C, displayName: "k", managementEndpoint: "https://m", keyShape: { algorithm: "AES", length: 32 }, protectionMode: "SOFTWARE", isAutoRotationEnabled: true, autoKeyRotationDetails: { rotationIntervalInDays: 90 } }),
  "OKE-MYSQL-PRIVATE": (s) =>
    new MysqlMysqlDbSystem(s, "db", { compartmentId: C, availabilityDomain: "AD-1", shapeName: "MySQL.2", subnetId: SUBNET, adminPassword: "${var.pw}", deletionPolicy: [{ isDeleteProtected: true }], backupPolicy: { isEnabled: true } }),
  "OKE-MYSQL-PROTECTED": (s) =>
    new MysqlMysqlDbSystem(s, "db", { compartmentId: C, availabilityDomain: "AD-1", shapeName: "MySQL.2", subnetId: SUBNET, nsgIds: [NSG], adminPassword: "${var.pw}", backupPolicy: { isEnabled: false } }),
  "OKE-IAM-WORKLOAD": (s) =>
    new IdentityPolicy(s, "policy", { compartmentId: C, name: "p", description: "d", statements: ["Allow any-user to read buckets in compartment id x where all {request.principal.type = 'workload', request.principal.namespace = 'shop'}"] }),
  "OKE-IAM-BROAD": (s) => new IdentityPolicy(s, "policy", { compartmentId: C, name: "p", description: "d", statements: ["Allow group Ops to manage all-resources in compartment id x"] }),
  "OKE-IAM-WORKLOAD-FAMILY": (s) =>
    new IdentityPolicy(s, "policy", {
      compartmentId: C,
      name: "p",
      description: "d",
      statements: [
        `Allow any-user to manage secret-family in compartment id ${C} where all {request.principal.type = 'workload', request.principal.namespace = 'shop', request.principal.service_account = 'api', request.principal.cluster_id = 'ocid1.cluster.oc1..c'}`,
      ],
    }),
  "OKE-SECRET-LITERAL": (s) =>
    new VaultSecret(s, "secret", { compartmentId: C, vaultId: "ocid1.vault.oc1..v", keyId: "ocid1.key.oc1..k", secretName: "s", secretContent: { contentType: "BASE64", content: "aHVudGVyMg==" } }),
  "OKE-VN-POD": (s) => workload(s, deployment({}, { hostNetwork: true })),
  "OKE-K8S-RESOURCES": (s) => workload(s, deployment({}, {}, { resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } })),
  "OKE-K8S-PROBES": (s) => workload(s, deployment({}, {}, { livenessProbe: undefined })),
  "OKE-K8S-NONROOT": (s) => workload(s, deployment({}, { securityContext: { runAsUser: 1000 } })),
  "OKE-K8S-HARDENED": (s) => workload(s, deployment({}, {}, { securityContext: { allowPrivilegeEscalation: false } })),
  "OKE-K8S-IMAGE": (s) => workload(s, deployment({}, {}, { image: "web:latest" })),
  "OKE-K8S-AVAILABILITY": (s) => workload(s, deployment({ replicas: 1 }), false),
};

describe("ComplianceChecks", () => {
  test("THEN every check has a broken stack below", () => {
    expect(Object.keys(BROKEN).sort()).toEqual([...COMPLIANCE_RULE_IDS].sort());
  });

  test.each(Object.entries(BROKEN))("GIVEN a stack breaking %s THEN synth fails with that id, the construct path and the fix", (id, build) => {
    const error = check(build);
    expect(error).toContain(`[${id}] `);
    expect(error).not.toContain("without a matching provider");
    expect(error).toMatch(new RegExp(`\\[${id}\\] [^\\n]+ — at stack/\\S+ — fix: `));
  });

  test("GIVEN the same stacks mended THEN they pass", () => {
    expect(check((s) => nsgRule(s, "ssh-from-office", "10.10.0.0/16", [22, 22]))).toBe("");
    expect(check((s) => nsgRule(s, "https", "0.0.0.0/0", [443, 443]))).toBe("");
    expect(check((s) => workload(s, deployment()))).toBe("");
  });

  test("GIVEN a typed kubernetes_deployment_v1 without probes or limits THEN the workload checks see it too", () => {
    const error = check((s) => {
      new DeploymentV1(s, "typed", {
        metadata: { name: "api", namespace: "shop" },
        spec: {
          selector: { matchLabels: { app: "api" } },
          template: { metadata: { labels: { app: "api" } }, spec: { container: [{ name: "api", image: "api:2.0.0" }] } },
        },
      });
    });
    for (const id of ["OKE-K8S-RESOURCES", "OKE-K8S-PROBES", "OKE-K8S-NONROOT", "OKE-K8S-HARDENED", "OKE-K8S-AVAILABILITY"]) expect(error).toContain(`[${id}]`);
    expect(error).not.toContain("[OKE-K8S-IMAGE]");
  });

  test("GIVEN a waiver with a reason THEN exactly that finding is silenced and listed", () => {
    const checks = new ComplianceChecks();
    const error = check((s) => {
      const office = nsgRule(s, "ssh-office", "0.0.0.0/0", [22, 22]);
      nsgRule(s, "rdp-office", "0.0.0.0/0", [3389, 3389]);
      ComplianceChecks.waive(office, "CIS-OCI-2.3", "break-glass SSH during the migration window, ticket OPS-42");
    }, checks);
    expect(error.match(/\[CIS-OCI-2\.3\]/g)).toHaveLength(1);
    expect(error).toContain("at stack/rdp-office");
    expect(checks.waived).toEqual([expect.objectContaining({ id: "CIS-OCI-2.3", path: "stack/ssh-office", reason: "break-glass SSH during the migration window, ticket OPS-42" })]);
  });

  test("GIVEN a waiver for another check THEN the finding stays", () => {
    expect(
      check((s) => {
        const rule = nsgRule(s, "ssh", "0.0.0.0/0", [22, 22]);
        ComplianceChecks.waive(rule, "CIS-OCI-2.1", "this waives security lists, not NSG rules");
      }),
    ).toContain("[CIS-OCI-2.3]");
  });

  test.each([
    ["NOPE-1", "a long enough reason", 'compliance waiver: "NOPE-1" is not a check id'],
    ["CIS-OCI-2.3", "because", "give a reason of at least 10 characters"],
  ])("GIVEN waive(%s, %j) THEN a clear error", (id, reason, message) => {
    expect(() => synthOci((s) => ComplianceChecks.waive(s, id, reason))).toThrow(message);
  });

  test("GIVEN the reference stacks THEN the checks run in every stack and pass, with only the two documented waivers", () => {
    let checks!: ComplianceChecks;
    synthApp((app) => {
      checks = buildReferenceApp(app, readReferenceConfig({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaatest" }), {}).checks;
    });
    expect(checks.findings).toEqual([]);
    // The premise: the checks ran (a waived finding exists only where a rule fired).
    expect(checks.waived.map((w) => w.id).sort()).toEqual(["OKE-IAM-BROAD", "OKE-IAM-WORKLOAD-FAMILY"]);
  });
});

describe("ComplianceChecks across synths", () => {
  test("GIVEN a stack checked twice THEN its findings are those of the last check only", () => {
    const checks = new ComplianceChecks();
    synthOci((scope) => {
      const stack = TerraformStack.of(scope);
      nsgRule(scope, "ssh", "0.0.0.0/0", [22, 22]);
      expect(checks.checkStack(stack)).toHaveLength(1);
      expect(checks.checkStack(stack)).toHaveLength(1);
      expect(checks.findings).toHaveLength(1);
    });
  });
});

describe("ComplianceChecks and the synthesizer share one resolution", () => {
  /** An App in a temporary folder with one checked stack; counts how often cdktf resolves it. */
  function countingApp() {
    // Counted at the engine's own method, which the checks wrap when they are added.
    const resolved = { count: 0 };
    const toTerraform = TerraformStack.prototype.toTerraform;
    const spy = jest.spyOn(TerraformStack.prototype, "toTerraform").mockImplementation(function (this: TerraformStack) {
      resolved.count++;
      return toTerraform.call(this);
    });
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "checks-reuse-"));
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, "s");
    new OciProvider(stack, "oci", { region: "eu-frankfurt-1" });
    const rule = nsgRule(stack, "https", "10.0.0.0/16", [443, 443]);
    const checks = addComplianceChecks(app);
    const written = () => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "s", "cdk.tf.json"), "utf8"));
    return { app, stack, rule, checks, resolved, written, restore: () => spy.mockRestore() };
  }

  test("GIVEN an App with the checks WHEN it synthesizes THEN the stack is resolved once for the checks and the file together, and the file is that resolution", () => {
    const { app, stack, resolved, written, restore } = countingApp();
    try {
      app.synth();
      expect(resolved.count).toBe(1);
      expect(written().resource.oci_core_network_security_group_security_rule).toBeDefined();
      // THEN the same as a resolution of its own
      expect(written()).toEqual(JSON.parse(JSON.stringify(stack.toTerraform())));
      expect(resolved.count).toBe(2);
    } finally {
      restore();
    }
  });

  test("GIVEN a change after one synth WHEN it synthesizes again THEN the new file has it (nothing kept from the first)", () => {
    const { app, rule, written, restore } = countingApp();
    try {
      app.synth();
      rule.description = "changed after the first synth";
      app.synth();
      expect(Object.values(written().resource.oci_core_network_security_group_security_rule)).toEqual([
        expect.objectContaining({ description: "changed after the first synth" }),
      ]);
    } finally {
      restore();
    }
  });

  test("GIVEN another validation failing after the checks passed THEN nothing is kept for a later toTerraform()", () => {
    const { app, stack, rule, resolved, restore } = countingApp();
    let failing = true;
    rule.node.addValidation({ validate: () => (failing ? ["made to fail"] : []) });
    try {
      expect(() => app.synth()).toThrow(/made to fail/);
      failing = false;
      rule.description = "changed after the failed synth";
      const before = resolved.count;
      expect(JSON.stringify(stack.toTerraform())).toContain("changed after the failed synth");
      expect(resolved.count).toBe(before + 1);
    } finally {
      restore();
    }
  });

  test("GIVEN Testing.synth with validations (no App synthesizer) THEN it resolves again, as before", () => {
    const { stack, checks, resolved, restore } = countingApp();
    try {
      Testing.synth(stack, true);
      expect(resolved.count).toBe(2);
      expect(checks.findings).toEqual([]);
    } finally {
      restore();
    }
  });
});

describe("the reference app's own checks", () => {
  test("GIVEN the reference app with an NSG rule opening RDP to the internet WHEN it synthesizes THEN CIS-OCI-2.3 fails it", () => {
    // GIVEN
    const app = Testing.app();
    const reference = buildReferenceApp(app, readReferenceConfig({ OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: TEST_COMPARTMENT, OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaatest" }), {});
    reference.platform!.network.connections("lb").allowFrom(Peer.ipv4("198.51.100.0/24"), Port.tcp(3389), "Partner RDP");
    // WHEN / THEN: buildReferenceApp added them to every stack, so the App's synth runs them
    expect(() => app.synth()).toThrow(/\[CIS-OCI-2\.3\].*at oke-platform\/network\/lb-nsg\//);
    expect(reference.checks.findings.map((f) => f.id)).toEqual(["CIS-OCI-2.3"]);
  });
});

describe("ComplianceChecks over resources of another engine copy", () => {
  test("GIVEN an NSG rule whose binding runs on a second copy of the engine (a cdktn app's cdktf alias) WHEN waived THEN the waiver applies and the finding names its path", () => {
    // GIVEN: the generated binding loaded again with its own copy of cdktf
    let OtherRule: typeof CoreNetworkSecurityGroupSecurityRule | undefined;
    jest.isolateModules(() => {
      OtherRule = (jest.requireActual("../../.gen/providers/oci/core-network-security-group-security-rule") as { CoreNetworkSecurityGroupSecurityRule: typeof CoreNetworkSecurityGroupSecurityRule }).CoreNetworkSecurityGroupSecurityRule;
    });
    expect(OtherRule).not.toBe(CoreNetworkSecurityGroupSecurityRule);
    const rule = (scope: Construct, id: string, port: number) =>
      new OtherRule!(scope, id, { networkSecurityGroupId: NSG, direction: "INGRESS", protocol: "6", source: "0.0.0.0/0", sourceType: "CIDR_BLOCK", tcpOptions: { destinationPortRange: { min: port, max: port } } });
    const checks = new ComplianceChecks();
    // WHEN
    const error = check((s) => {
      // Nested, so the Terraform name (nsg_ssh-office_…) differs from the construct path.
      const nsg = new Construct(s, "nsg");
      ComplianceChecks.waive(rule(nsg, "ssh-office", 22), "CIS-OCI-2.3", "break-glass SSH during the migration window, ticket OPS-42");
      rule(nsg, "rdp-office", 3389);
    }, checks);
    // THEN
    expect(error.match(/\[CIS-OCI-2\.3\]/g)).toHaveLength(1);
    expect(error).toContain("at stack/nsg/rdp-office");
    expect(checks.waived).toEqual([expect.objectContaining({ id: "CIS-OCI-2.3", path: "stack/nsg/ssh-office" })]);
  });
});
