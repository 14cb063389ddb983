import { Construct } from "constructs";
import { IamPolicy } from "./iam-policy";
import { WorkloadIdentityPrincipal, checkWorkloadIdentityPrincipal } from "./iam-statements";

/**
 * A Kubernetes service account that OKE workload identity lets act in OCI. Produced by
 * `VirtualNodeCluster.workloadIdentity(namespace, serviceAccount)`; any object with these
 * fields works, e.g. for a cluster made elsewhere.
 */
export interface IWorkloadIdentity extends WorkloadIdentityPrincipal {
  /**
   * Told about every compartment a grant covers, so the cluster can map the workload's namespace
   * to compartments other than its own.
   * @default nothing is told
   */
  grantedIn?(compartmentId: string): void;
}

export interface WorkloadGrantProps {
  readonly principal: IWorkloadIdentity;
  /** Compartment the policy lives in; the statements' resources are there or below. */
  readonly compartmentId: string;
  readonly policyName: string;
  readonly description: string;
  readonly statements: readonly string[];
}

/** Writes workload-identity statements into a policy and tells the principal where they apply. */
export function grantToWorkload(scope: Construct, id: string, props: WorkloadGrantProps): IamPolicy {
  checkWorkloadIdentityPrincipal(props.principal);
  const policy = new IamPolicy(scope, id, {
    compartmentId: props.compartmentId,
    name: props.policyName,
    description: props.description,
    statements: props.statements,
  });
  props.principal.grantedIn?.(props.compartmentId);
  return policy;
}
