/**
 * Security and virtual-node checks on synthesized Terraform resources (reference §11): CIS OCI
 * Foundations v3 network and key rules, Checkov's OKE endpoint check, the library's own rules for
 * keys, MySQL, IAM and secrets, and kube-score / Polaris-style workload hardening. They read the
 * resources as Terraform JSON, so they see the user's own resources as well as the library's.
 * Pure: no cdktf imports.
 */
import { Ipv4Block, blockContains, parseIpv4Block } from "../network/ipv4";
import { adminPortsIn } from "../network/network-security-rules";
import { workloadViolations } from "../workloads/virtual-node-pod-rules";
import { isReference } from "../common/references";
import { quantitiesEqual } from "../workloads/quantity";
import { grantOf, parsePolicyStatement } from "../security/policy-language";

type Json = Record<string, any>;

/** One resource of a stack: its Terraform type and name, its construct path and its JSON. */
export interface ResourceView {
  readonly type: string;
  readonly name: string;
  readonly path: string;
  readonly body: Json;
}

/** A resource a rule found wanting, with what is wrong. */
export interface Violation {
  readonly resource: ResourceView;
  readonly detail: string;
}

export interface ComplianceRule {
  /** Stable id, used in messages and waivers. */
  readonly id: string;
  /** The rule, in one sentence. */
  readonly rule: string;
  /** How to comply. */
  readonly fix: string;
  check(resources: readonly ResourceView[]): Violation[];
}

const PRIVATE_RANGES: readonly Ipv4Block[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"].map((c) => (parseIpv4Block(c) as { block: Ipv4Block }).block);

/**
 * True for a CIDR (or a single address) any part of which lies outside the private ranges: the
 * internet, for CIS.
 * @internal
 */
export function isInternetCidr(cidr: unknown): boolean {
  if (typeof cidr !== "string" || isReference(cidr)) return false;
  const parsed = parseIpv4Block(cidr.includes("/") ? cidr : `${cidr}/32`);
  if (typeof parsed === "string") return false;
  return !PRIVATE_RANGES.some((range) => blockContains(range, parsed.block));
}

const of = (resources: readonly ResourceView[], ...types: string[]) => resources.filter((r) => types.includes(r.type));
const address = (r: ResourceView) => `${r.type}.${r.name}`;
/** `${type.name.attr}` references that point at `r`. */
const pointsAt = (value: unknown, r: ResourceView) => typeof value === "string" && value.includes(`${address(r)}.`);
const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Admin ports a Terraform ingress rule opens to the internet (TCP is protocol "6" in OCI). */
function adminPortsOpenToInternet(rule: Json, tcpRange: { min?: number; max?: number } | undefined): number[] {
  if (!isInternetCidr(rule.source)) return [];
  if (rule.protocol === "all") return adminPortsIn({ protocol: "all" });
  if (rule.protocol !== "6") return [];
  return adminPortsIn({ protocol: "tcp", fromPort: tcpRange?.min, toPort: tcpRange?.max });
}

const WORKLOAD_PRINCIPAL = /request\.principal\.type\s*=\s*'workload'/;

/** A Deployment or StatefulSet as Kubernetes JSON, from a kubernetes_manifest or a typed resource. */
export interface WorkloadView {
  readonly resource: ResourceView;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly replicas?: number;
  readonly labels: Record<string, string>;
  readonly spec: Json;
}

/** The typed kubernetes_deployment_v1 in Kubernetes' own field names, for the fields checked. */
function typedDeploymentView(r: ResourceView): WorkloadView {
  const spec = asList(r.body.spec)[0] ?? {};
  const template = asList(spec.template)[0] ?? {};
  const pod = asList(template.spec)[0] ?? {};
  const probe = (p: Json | undefined) =>
    p === undefined ? undefined : { httpGet: asList(p.http_get)[0], tcpSocket: asList(p.tcp_socket)[0], grpc: asList(p.grpc)[0], exec: asList(p.exec)[0] };
  const securityContext = (sc: Json | undefined) =>
    sc && {
      runAsNonRoot: sc.run_as_non_root,
      runAsUser: sc.run_as_user === undefined ? undefined : Number(sc.run_as_user),
      readOnlyRootFilesystem: sc.read_only_root_filesystem,
      allowPrivilegeEscalation: sc.allow_privilege_escalation,
      privileged: sc.privileged,
    };
  const metadata = asList(r.body.metadata)[0] ?? {};
  return {
    resource: r,
    kind: "Deployment",
    namespace: metadata.namespace,
    name: metadata.name,
    replicas: spec.replicas === undefined ? undefined : Number(spec.replicas),
    labels: asList(asList(spec.selector)[0]?.match_labels)[0] ?? {},
    spec: {
      template: {
        spec: {
          securityContext: securityContext(asList(pod.security_context)[0]),
          topologySpreadConstraints: asList(pod.topology_spread_constraint),
          containers: asList(pod.container).map((c: Json) => ({
            name: c.name,
            image: c.image,
            resources: asList(c.resources)[0],
            livenessProbe: probe(asList(c.liveness_probe)[0]),
            readinessProbe: probe(asList(c.readiness_probe)[0]),
            securityContext: securityContext(asList(c.security_context)[0]),
          })),
        },
      },
    },
  };
}

/** @internal */
export function workloadsOf(resources: readonly ResourceView[]): WorkloadView[] {
  const fromManifests = of(resources, "kubernetes_manifest")
    .filter((r) => ["Deployment", "StatefulSet"].includes(r.body.manifest?.kind))
    .map((r) => {
      const m = r.body.manifest;
      return {
        resource: r,
        kind: m.kind,
        namespace: m.metadata?.namespace,
        name: m.metadata?.name,
        replicas: m.spec?.replicas,
        labels: m.spec?.selector?.matchLabels ?? {},
        spec: m.spec ?? {},
      };
    });
  return [...fromManifests, ...of(resources, "kubernetes_deployment_v1", "kubernetes_deployment").map(typedDeploymentView)];
}

/** Runs a check over every container of every workload. */
function eachContainer(resources: readonly ResourceView[], check: (c: Json, w: WorkloadView) => string | undefined): Violation[] {
  return workloadsOf(resources).flatMap((w) =>
    (w.spec.template?.spec?.containers ?? []).flatMap((c: Json) => {
      const detail = check(c, w);
      return detail ? [{ resource: w.resource, detail: `${w.kind} ${w.namespace ?? "default"}/${w.name} container ${c.name}: ${detail}` }] : [];
    }),
  );
}

function matches(selector: Json | undefined, labels: Record<string, string>): boolean {
  const wanted: Record<string, string> = selector?.matchLabels ?? selector?.match_labels ?? {};
  return Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels[k] === v);
}

export const COMPLIANCE_RULES: readonly ComplianceRule[] = [
  {
    id: "CIS-OCI-2.1",
    rule: "No security list allows ingress from the internet (any source outside 10/8, 172.16/12, 192.168/16) to port 22 or 3389 (CIS OCI 2.1, 2.2)",
    fix: "restrict the rule's source to a private range or your admin CIDRs, or its ports",
    check: (resources) =>
      of(resources, "oci_core_security_list", "oci_core_default_security_list").flatMap((r) =>
        asList(r.body.ingress_security_rules).flatMap((rule: Json) => {
          const ports = adminPortsOpenToInternet(rule, asList(rule.tcp_options)[0]);
          return ports.length ? [{ resource: r, detail: `ingress from ${rule.source} opens ${ports.join(", ")}` }] : [];
        }),
      ),
  },
  {
    id: "CIS-OCI-2.3",
    rule: "No network security group rule allows ingress from the internet (any source outside the private ranges) to port 22 or 3389 (CIS OCI 2.3, 2.4)",
    fix: "restrict the rule's source to a private range, another NSG or your admin CIDRs, or its ports",
    check: (resources) =>
      of(resources, "oci_core_network_security_group_security_rule")
        .filter((r) => r.body.direction === "INGRESS" && (r.body.source_type ?? "CIDR_BLOCK") === "CIDR_BLOCK")
        .flatMap((r) => {
          const ports = adminPortsOpenToInternet(r.body, asList(r.body.tcp_options)[0]?.destination_port_range?.[0] ?? asList(r.body.tcp_options)[0]?.destination_port_range);
          return ports.length ? [{ resource: r, detail: `ingress from ${r.body.source} opens ${ports.join(", ")}` }] : [];
        }),
  },
  {
    id: "CIS-OCI-2.5",
    rule: "Every VCN's default security list allows nothing but ICMP (CIS OCI 2.5)",
    fix: "manage the default security list (oci_core_default_security_list) with ICMP rules only and put all other rules in NSGs",
    check: (resources) => [
      ...of(resources, "oci_core_default_security_list").flatMap((r) =>
        [...asList(r.body.ingress_security_rules), ...asList(r.body.egress_security_rules)]
          .filter((rule: Json) => rule.protocol !== "1")
          .map((rule: Json) => ({ resource: r, detail: `a rule for protocol ${rule.protocol} (${rule.source ?? rule.destination})` })),
      ),
      ...of(resources, "oci_core_vcn")
        .filter((vcn) => !of(resources, "oci_core_default_security_list").some((d) => pointsAt(d.body.manage_default_resource_id, vcn)))
        .map((vcn) => ({ resource: vcn, detail: "its default security list is not managed, so OCI's default (SSH from 0.0.0.0/0) stays" })),
    ],
  },
  {
    id: "CIS-OCI-4.13",
    rule: "Every subnet has a VCN flow log (CIS OCI 4.13)",
    fix: "add an oci_logging_log of service flowlogs for the subnet (Network does this unless flowLogs.enabled is false)",
    check: (resources) =>
      of(resources, "oci_core_subnet")
        .filter((subnet) => !of(resources, "oci_logging_log").some((log) => {
          const source = asList(asList(log.body.configuration)[0]?.source)[0];
          return source?.service === "flowlogs" && pointsAt(source.resource, subnet);
        }))
        .map((subnet) => ({ resource: subnet, detail: "no flow log" })),
  },
  {
    id: "CIS-OCI-4.16",
    rule: "Every customer-managed key is rotated at least every 365 days: automatically in a virtual private vault, by key versions in a DEFAULT vault (CIS OCI 4.16)",
    fix: "use SecretsVault (its keyRotation), or set is_auto_rotation_enabled with rotation_interval_in_days ≤ 365 on a key of a VIRTUAL_PRIVATE vault",
    check: (resources) =>
      of(resources, "oci_kms_key").flatMap((key) => {
        const vault = of(resources, "oci_kms_vault").find((v) => pointsAt(key.body.management_endpoint, v));
        const versions = of(resources, "oci_kms_key_version").some((v) => pointsAt(v.body.key_id, key) && v.body.for_each !== undefined);
        const interval = asList(key.body.auto_key_rotation_details)[0]?.rotation_interval_in_days;
        if (key.body.is_auto_rotation_enabled === true) {
          if (vault && vault.body.vault_type !== "VIRTUAL_PRIVATE") {
            return [{ resource: key, detail: "automatic rotation is set on a key of a DEFAULT vault, where OCI does not offer it" }];
          }
          if (interval === undefined || Number(interval) > 365) return [{ resource: key, detail: `rotation every ${interval ?? "?"} days` }];
          return [];
        }
        return versions ? [] : [{ resource: key, detail: "never rotated" }];
      }),
  },
  {
    id: "OKE-ENDPOINT-NSG",
    rule: "The OKE API endpoint is in a network security group (Checkov CKV2_OCI_3)",
    fix: "set endpoint_config.nsg_ids (VirtualNodeCluster uses the network's API NSG)",
    check: (resources) =>
      of(resources, "oci_containerengine_cluster")
        .filter((c) => asList(asList(c.body.endpoint_config)[0]?.nsg_ids).length === 0)
        .map((c) => ({ resource: c, detail: "endpoint_config.nsg_ids is empty" })),
  },
  {
    id: "OKE-CLUSTER-KMS",
    rule: "Kubernetes secrets in etcd are encrypted with a customer-managed key",
    fix: "set kms_key_id (VirtualNodeCluster's secretsEncryptionKey); it can only be set when the cluster is created",
    check: (resources) => of(resources, "oci_containerengine_cluster").filter((c) => !c.body.kms_key_id).map((c) => ({ resource: c, detail: "kms_key_id is not set" })),
  },
  {
    id: "OKE-KMS-HSM",
    rule: "Keys are kept in the HSM",
    fix: 'set protection_mode = "HSM"',
    check: (resources) =>
      of(resources, "oci_kms_key").filter((k) => k.body.protection_mode !== "HSM").map((k) => ({ resource: k, detail: `protection_mode is ${k.body.protection_mode ?? "unset"}` })),
  },
  {
    id: "OKE-MYSQL-PRIVATE",
    rule: "MySQL DB systems are in a private subnet, in a network security group",
    fix: "place the DB system in a subnet with prohibit_public_ip_on_vnic and give it nsg_ids (MySqlDatabase does both)",
    check: (resources) =>
      of(resources, "oci_mysql_mysql_db_system").flatMap((db) => {
        const subnet = of(resources, "oci_core_subnet").find((s) => pointsAt(db.body.subnet_id, s));
        return [
          ...(subnet && subnet.body.prohibit_public_ip_on_vnic !== true ? [{ resource: db, detail: `subnet ${subnet.body.display_name ?? subnet.name} is public` }] : []),
          ...(asList(db.body.nsg_ids).length === 0 ? [{ resource: db, detail: "nsg_ids is empty" }] : []),
        ];
      }),
  },
  {
    id: "OKE-MYSQL-PROTECTED",
    rule: "MySQL DB systems are protected from deletion and backed up",
    fix: "set deletion_policy.is_delete_protected and backup_policy.is_enabled (MySqlDatabase's defaults)",
    check: (resources) =>
      of(resources, "oci_mysql_mysql_db_system").flatMap((db) => [
        ...(asList(db.body.deletion_policy)[0]?.is_delete_protected !== true ? [{ resource: db, detail: "not delete-protected" }] : []),
        ...(asList(db.body.backup_policy)[0]?.is_enabled !== true ? [{ resource: db, detail: "automatic backups are off" }] : []),
      ]),
  },
  {
    id: "OKE-IAM-WORKLOAD",
    rule: "Every workload-identity statement names the cluster, the namespace and the service account",
    fix: "condition it on request.principal.cluster_id, request.principal.namespace and request.principal.service_account (workloadIdentityStatement does)",
    check: (resources) =>
      of(resources, "oci_identity_policy").flatMap((p) =>
        asList<string>(p.body.statements)
          .filter((s) => typeof s === "string" && WORKLOAD_PRINCIPAL.test(s))
          .flatMap((s) => {
            const missing = ["cluster_id", "namespace", "service_account"].filter((c) => !new RegExp(`request\\.principal\\.${c}\\s*=`).test(s));
            return missing.length ? [{ resource: p, detail: `"${s}" lacks ${missing.join(", ")}` }] : [];
          }),
      ),
  },
  {
    id: "OKE-IAM-BROAD",
    rule: "No policy grants manage all-resources, or manage anything in the whole tenancy (the virtual-node endorse statements aside)",
    fix: "grant the verb and resource type needed, in the compartment that holds the resources",
    check: (resources) =>
      of(resources, "oci_identity_policy").flatMap((p) =>
        asList<string>(p.body.statements)
          .filter((s) => typeof s === "string" && /^allow\b/i.test(s.trim()))
          .filter((s) => /\bmanage\s+all-resources\b/i.test(s) || /\bto\s+manage\s+[\w-]+\s+in\s+tenancy\b/i.test(s))
          .map((s) => ({ resource: p, detail: `"${s}"` })),
      ),
  },
  {
    id: "OKE-IAM-WORKLOAD-FAMILY",
    rule: "No OKE workload is granted manage on a resource family or all-resources (least privilege)",
    fix: "grant the verb on the individual resource types the workload calls (e.g. load-balancers, not a family), or waive with the reason the family is needed",
    check: (resources) =>
      of(resources, "oci_identity_policy").flatMap((p) =>
        asList<string>(p.body.statements).flatMap((s) => {
          let grant;
          try {
            grant = typeof s === "string" ? grantOf(parsePolicyStatement(s)) : undefined;
          } catch {
            return []; // a statement that does not parse fails synth in the policy-language checks
          }
          return grant?.workload && grant.manage && grant.family
            ? [{ resource: p, detail: `workload ${grant.workloadName} may manage ${grant.resourceType} in ${grant.location}` }]
            : [];
        }),
      ),
  },
  {
    id: "OKE-SECRET-LITERAL",
    rule: "No secret value is a literal in the synthesized configuration",
    fix: "generate it (a random_password), or pass a sensitive variable or another resource's attribute",
    check: (resources) => {
      const found: Violation[] = [];
      const literal = (v: unknown) => typeof v === "string" && v !== "" && !isReference(v);
      for (const r of of(resources, "oci_vault_secret")) {
        if (literal(asList(r.body.secret_content)[0]?.content)) found.push({ resource: r, detail: "secret_content.content is a literal" });
      }
      for (const r of of(resources, "oci_mysql_mysql_db_system")) {
        if (literal(r.body.admin_password)) found.push({ resource: r, detail: "admin_password is a literal" });
      }
      for (const r of of(resources, "kubernetes_manifest").filter((m) => m.body.manifest?.kind === "Secret")) {
        const values = [...Object.values(r.body.manifest.data ?? {}), ...Object.values(r.body.manifest.stringData ?? {})];
        if (values.some(literal)) found.push({ resource: r, detail: `Secret ${r.body.manifest.metadata?.name} holds literal data` });
      }
      for (const r of of(resources, "kubernetes_secret_v1", "kubernetes_secret")) {
        const values = [...Object.values(r.body.data ?? {}), ...Object.values(r.body.binary_data ?? {})];
        if (values.some(literal)) found.push({ resource: r, detail: "data holds literal values" });
      }
      for (const r of of(resources, "helm_release")) {
        if (asList(r.body.set_sensitive).some((s: Json) => literal(s.value))) found.push({ resource: r, detail: "set_sensitive holds a literal value" });
      }
      return found;
    },
  },
  {
    id: "OKE-VN-POD",
    rule: "Every workload is one virtual nodes run (reference §4)",
    fix: "remove what virtual nodes reject; the message names each field",
    check: (resources) =>
      of(resources, "kubernetes_manifest")
        .filter((r) => ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "ReplicaSet"].includes(r.body.manifest?.kind))
        .flatMap((r) => workloadViolations(r.body.manifest).map((v) => ({ resource: r, detail: `${v.field} = ${v.value}: ${v.reason}` }))),
  },
  {
    id: "OKE-K8S-RESOURCES",
    rule: "Containers set CPU and memory requests equal to their limits",
    fix: "set resources.requests and resources.limits, equal (virtual nodes require it)",
    check: (resources) =>
      eachContainer(resources, (c) => {
        const { requests = {}, limits = {} } = c.resources ?? {};
        const bad = ["cpu", "memory"].filter((k) => requests[k] === undefined || limits[k] === undefined || !quantitiesEqual(requests[k], limits[k], k));
        return bad.length ? `${bad.join(" and ")} requests ≠ limits or missing` : undefined;
      }),
  },
  {
    id: "OKE-K8S-PROBES",
    rule: "Containers have liveness and readiness probes",
    fix: "add HTTP (httpGet) liveness and readiness probes",
    check: (resources) =>
      eachContainer(resources, (c) => {
        const missing = ["livenessProbe", "readinessProbe"].filter((p) => !c[p]);
        return missing.length ? `no ${missing.join(" or ")}` : undefined;
      }),
  },
  {
    id: "OKE-K8S-NONROOT",
    rule: "Pods run as non-root with a UID above 10000",
    fix: "set securityContext.runAsNonRoot: true and runAsUser above 10000 on the pod",
    check: (resources) =>
      eachContainer(resources, (c, w) => {
        const pod = w.spec.template?.spec?.securityContext ?? {};
        const own = c.securityContext ?? {};
        const nonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
        const uid = own.runAsUser ?? pod.runAsUser;
        if (nonRoot !== true) return "runAsNonRoot is not true";
        if (uid === undefined || Number(uid) <= 10000) return `runAsUser ${uid ?? "unset"} is not above 10000`;
        return undefined;
      }),
  },
  {
    id: "OKE-K8S-HARDENED",
    rule: "Containers have a read-only root filesystem and no privilege escalation",
    fix: "set securityContext.readOnlyRootFilesystem: true and allowPrivilegeEscalation: false",
    check: (resources) =>
      eachContainer(resources, (c) => {
        const sc = c.securityContext ?? {};
        const bad = [sc.readOnlyRootFilesystem !== true ? "writable root filesystem" : "", sc.allowPrivilegeEscalation !== false ? "privilege escalation allowed" : ""].filter(Boolean);
        return bad.length ? bad.join(", ") : undefined;
      }),
  },
  {
    id: "OKE-K8S-IMAGE",
    rule: "Images carry an explicit tag or digest, not latest",
    fix: "pin a version tag or a digest",
    check: (resources) =>
      eachContainer(resources, (c) => {
        const image = String(c.image ?? "");
        const tail = image.slice(image.lastIndexOf("/") + 1);
        if (/@sha256:[a-f0-9]{64}$/.test(tail)) return undefined;
        const tag = /:([\w][\w.-]*)$/.exec(tail)?.[1];
        return !tag || tag === "latest" ? `image "${image}" has no version tag` : undefined;
      }),
  },
  {
    id: "OKE-K8S-AVAILABILITY",
    rule: "Workloads run at least 2 replicas, with a PodDisruptionBudget and a topology spread",
    fix: "use minReplicas ≥ 2 (HPA) or replicas ≥ 2, add a PodDisruptionBudget selecting the pods and topologySpreadConstraints",
    check: (resources) => {
      const manifests = of(resources, "kubernetes_manifest").map((r) => r.body.manifest);
      return workloadsOf(resources).flatMap((w) => {
        const hpa = manifests.find(
          (m) => m?.kind === "HorizontalPodAutoscaler" && m.spec?.scaleTargetRef?.name === w.name && m.metadata?.namespace === w.namespace,
        );
        const replicas = hpa?.spec?.minReplicas ?? w.replicas ?? 1;
        const pdb = manifests.some((m) => m?.kind === "PodDisruptionBudget" && m.metadata?.namespace === w.namespace && matches(m.spec?.selector, w.labels));
        const spread = asList(w.spec.template?.spec?.topologySpreadConstraints).length > 0;
        const problems = [replicas < 2 ? `${replicas} replica(s)` : "", pdb ? "" : "no PodDisruptionBudget", spread ? "" : "no topology spread"].filter(Boolean);
        return problems.length ? [{ resource: w.resource, detail: `${w.kind} ${w.namespace ?? "default"}/${w.name}: ${problems.join(", ")}` }] : [];
      });
    },
  },
];

export const COMPLIANCE_RULE_IDS: readonly string[] = COMPLIANCE_RULES.map((r) => r.id);
