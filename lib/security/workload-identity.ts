import { Construct, IConstruct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { isReference } from "../common/references";
import { IamPolicy, deploymentPolicyName } from "./iam-policy";
import { WorkloadIdentityPrincipal, checkWorkloadIdentityPrincipal } from "./iam-statements";

/** What a workload identity needs to know of its cluster. A `VirtualNodeCluster` is one. */
export interface IWorkloadCluster extends IConstruct {
  readonly clusterId: string;
  /** The cluster's compartment: grants elsewhere map the namespace to their compartment. */
  readonly compartmentId: string;
  /** The cluster's name; policy names start with it. */
  readonly name: string;
  /** The namespace → compartment mappings of this cluster, shared by every workload identity. */
  readonly workloadMappings: WorkloadMappings;
}

/**
 * A Kubernetes service account that OKE workload identity lets act in OCI (reference §2.3). Grants
 * to it write their policies here, in the grantee's stack and construct subtree, as CDK grants
 * attach to the grantee: a vault in a shared platform stack never points at the clusters and apps
 * that read it.
 */
export interface IWorkloadIdentity extends IConstruct, WorkloadIdentityPrincipal {
  readonly cluster: IWorkloadCluster;
  /**
   * Writes a policy of workload-identity statements under this principal. The same id with the
   * same statements returns the first policy; different statements under one id fail.
   */
  addPolicy(id: string, options: WorkloadPolicyOptions): IamPolicy;
}

export interface WorkloadPolicyOptions {
  /** Compartment the policy is attached to; the statements' resources are there or below. */
  readonly compartmentId: string;
  /** What the policy is for; it becomes part of the policy name. */
  readonly purpose: string;
  readonly description: string;
  readonly statements: readonly string[];
}

export interface WorkloadIdentityProps {
  readonly cluster: IWorkloadCluster;
  /** Kubernetes namespace (RFC 1123 label). */
  readonly namespace: string;
  /** Kubernetes service account (RFC 1123 subdomain). */
  readonly serviceAccount: string;
}

/** A service account of one cluster as an OCI principal; grants to it are written under it. */
export class WorkloadIdentity extends Construct implements IWorkloadIdentity {
  public readonly cluster: IWorkloadCluster;
  public readonly namespace: string;
  public readonly serviceAccount: string;
  public readonly clusterId: string;
  private readonly policies = new Map<string, IamPolicy>();

  public constructor(scope: Construct, id: string, props: WorkloadIdentityProps) {
    super(scope, id);
    this.cluster = props.cluster;
    this.namespace = checkedAt(this, () => checkDns1123Label(props.namespace, "namespace"));
    this.serviceAccount = checkedAt(this, () => checkDns1123Subdomain(props.serviceAccount, "serviceAccount"));
    this.clusterId = props.cluster.clusterId;
  }

  public addPolicy(id: string, options: WorkloadPolicyOptions): IamPolicy {
    checkWorkloadIdentityPrincipal(this);
    const existing = this.policies.get(id);
    if (existing) {
      const same =
        existing.statements.join("\n") === options.statements.join("\n") &&
        existing.policy.compartmentIdInput === options.compartmentId;
      if (same) return existing;
      throw new Error(
        `${this.node.path}: a different grant named "${id}" exists for ${this.namespace}/${this.serviceAccount}; give this grant its own name`,
      );
    }
    const policy = new IamPolicy(this, id, {
      compartmentId: options.compartmentId,
      name: deploymentPolicyName(
        `${this.cluster.name}-${this.namespace}-${this.serviceAccount}-${options.purpose}`,
        options.compartmentId,
        this,
      ),
      description: options.description,
      statements: options.statements,
    });
    this.policies.set(id, policy);
    return policy;
  }
}

/**
 * The namespace → compartment mappings of one cluster (`oci_containerengine_cluster_workload_mapping`).
 * Grants do not need them: Oracle's workload-identity statements match on cluster, namespace and
 * service account wherever the policy is ("Granting Workloads Access to OCI Resources" has no
 * mapping step), so mappings are made only when asked for, under the construct that asks. A
 * mapping has one compartment per namespace: mapping a namespace to a second one fails at synth.
 */
export class WorkloadMappings {
  private readonly byNamespace = new Map<string, { compartmentId: string; by: string }>();

  public constructor(private readonly cluster: Pick<IWorkloadCluster, "clusterId" | "compartmentId">) {}

  /** Maps `namespace` to `compartmentId`, writing the mapping under `requester`; the same mapping twice is one. */
  public map(requester: Construct, namespace: string, compartmentId: string): void {
    checkDns1123Label(namespace, "namespace");
    const existing = this.byNamespace.get(namespace);
    if (existing) {
      if (existing.compartmentId === compartmentId) return;
      const unknown = isReference(existing.compartmentId) || isReference(compartmentId);
      throw new Error(
        `${requester.node.path}: namespace "${namespace}" is mapped to compartment ${existing.compartmentId} already (by ${existing.by}); ` +
          `a workload mapping has one compartment per namespace, so it cannot be mapped to ${compartmentId} too` +
          (unknown ? " (one of the two is a reference; pass the same value for both)" : "") +
          `; keep one mapping or use another namespace`,
      );
    }
    this.byNamespace.set(namespace, { compartmentId, by: requester.node.path });
    // Loaded only for a workload mapping: other synths do not pay for its binding.
    const { ContainerengineClusterWorkloadMapping } = require("../../.gen/providers/oci/containerengine-cluster-workload-mapping") as typeof import("../../.gen/providers/oci/containerengine-cluster-workload-mapping");
    new ContainerengineClusterWorkloadMapping(requester, `workload-mapping-${namespace}`, {
      clusterId: this.cluster.clusterId,
      namespace,
      mappedCompartmentId: compartmentId,
    });
  }

  /** The mapped compartment of each namespace. */
  public get mappings(): Record<string, string> {
    return Object.fromEntries([...this.byNamespace].map(([ns, m]) => [ns, m.compartmentId]));
  }
}
