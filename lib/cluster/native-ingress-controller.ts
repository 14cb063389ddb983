import { Construct } from "constructs";
import { ContainerengineAddon } from "../../.gen/providers/oci/containerengine-addon";
import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { checkedAt } from "../common/construct-errors";
import { OcidType, checkOcid } from "../common/ocid";
import type { INetwork } from "../network/network";
import { IamPolicy } from "../security/iam-policy";
import { NATIVE_INGRESS_CONTROLLER_PERMISSIONS, PolicyLocation, workloadIdentityStatement } from "../security/iam-statements";
import type { IWorkloadIdentity } from "../security/workload-identity";
import type { IVirtualNodeCluster } from "./virtual-node-cluster";

/** CPU and memory of a pod; requests and limits both (virtual nodes need them equal). */
export interface AddonPodResources {
  readonly cpu: string;
  readonly memory: string;
}

export interface NativeIngressControllerOptions {
  /**
   * Controller replicas (`numOfReplicas`).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Resources of each controller pod and of the cert-manager pods (requests = limits).
   * @default 250m CPU, 512Mi memory
   */
  readonly resources?: AddonPodResources;
  /**
   * Compartment of the load balancers the controller creates.
   * @default the network's compartment
   */
  readonly loadBalancerCompartmentId?: string;
  /**
   * Version of the NativeIngressController add-on.
   * @default the version OKE offers when the add-on is installed
   */
  readonly version?: string;
  /**
   * Version of the CertManager add-on it needs.
   * @default the version OKE offers when the add-on is installed
   */
  readonly certManagerVersion?: string;
  /**
   * Namespace the add-on runs in; the workload-identity policy names it. Unconfirmed that the
   * add-on uses the chart's default: check `kubectl get pods -A` and set it if it differs.
   * @default "native-ingress-controller-system"
   */
  readonly namespace?: string;
  /**
   * The add-on's service account (see `namespace`).
   * @default "oci-native-ingress-controller"
   */
  readonly serviceAccount?: string;
  /**
   * Create the workload-identity policies the controller needs, including the tenancy ones
   * (`read public-ips`, `manage floating-ips`), which need the cluster's `tenancyId`.
   * @default true
   */
  readonly createPolicies?: boolean;
}

export const NATIVE_INGRESS_NAMESPACE = "native-ingress-controller-system";
export const NATIVE_INGRESS_SERVICE_ACCOUNT = "oci-native-ingress-controller";
/** The CertManager add-on's containers, one pod each. */
export const CERT_MANAGER_CONTAINERS = ["cert-manager-controller", "cert-manager-webhook", "cert-manager-cainjector"] as const;
export const CERT_MANAGER_PODS = CERT_MANAGER_CONTAINERS.length;

/**
 * The OCI native ingress controller as OKE cluster add-ons (reference §10): CertManager first,
 * then NativeIngressController with workload-identity auth (instance principals do not exist on
 * virtual nodes) and requests = limits, plus the IAM policies for its service account. These are
 * OCI resources, so they live with the cluster; the IngressClassParameters custom resources that
 * use the controller's CRD go in a later stack (reference §12).
 */
export class NativeIngressController extends Construct {
  public readonly certManager: ContainerengineAddon;
  public readonly controller: ContainerengineAddon;
  /** The controller's service account as an OCI principal. */
  public readonly principal: IWorkloadIdentity;
  public readonly policies: IamPolicy[] = [];
  /**
   * The policy in the tenancy (`read public-ips`, `manage floating-ips`): broader than a compartment,
   * so compliance checks flag it (OKE-IAM-BROAD) until it is waived.
   */
  public get tenancyPolicy(): IamPolicy | undefined {
    return this._tenancyPolicy;
  }
  private _tenancyPolicy?: IamPolicy;
  public readonly replicas: number;

  public constructor(scope: Construct, id: string, cluster: IVirtualNodeCluster, network: INetwork, options: NativeIngressControllerOptions = {}) {
    super(scope, id);
    const replicas = options.replicas ?? 2;
    const { lbCompartment, namespace, serviceAccount } = checkedAt(this, () => {
      if (!Number.isInteger(replicas) || replicas < 1 || replicas > 10) {
        throw new Error(`nativeIngressController.replicas: ${replicas} is not allowed; use 1–10`);
      }
      return {
        lbCompartment: checkOcid(options.loadBalancerCompartmentId ?? network.compartmentId, "loadBalancerCompartmentId", OcidType.compartment),
        namespace: checkDns1123Label(options.namespace ?? NATIVE_INGRESS_NAMESPACE, "nativeIngressController.namespace"),
        serviceAccount: checkDns1123Subdomain(options.serviceAccount ?? NATIVE_INGRESS_SERVICE_ACCOUNT, "nativeIngressController.serviceAccount"),
      };
    });
    this.replicas = replicas;
    const resources = options.resources ?? { cpu: "250m", memory: "512Mi" };
    this.principal = cluster.workloadIdentity(namespace, serviceAccount);

    if (options.createPolicies ?? true) this.addPolicies(cluster, lbCompartment);

    // Configuration keys and value formats: Oracle, "Cluster Add-on Configuration Arguments"
    // (configuration-arguments-certificate-manager.htm, configuration-arguments-nic.htm). JSON
    // values go in as strings; requests = limits so the pods run on virtual nodes.
    const containerResources = JSON.stringify({ limits: resources, requests: resources });
    this.certManager = new ContainerengineAddon(this, "cert-manager", {
      clusterId: cluster.clusterId,
      addonName: "CertManager",
      version: options.certManagerVersion,
      removeAddonResourcesOnDelete: true,
      configurations: [
        { key: "numOfReplicas", value: "1" },
        ...CERT_MANAGER_CONTAINERS.map((container) => ({ key: `${container}.ContainerResources`, value: containerResources })),
      ],
    });
    this.controller = new ContainerengineAddon(this, "native-ingress-controller", {
      clusterId: cluster.clusterId,
      addonName: "NativeIngressController",
      version: options.version,
      removeAddonResourcesOnDelete: true,
      configurations: [
        { key: "compartmentId", value: lbCompartment },
        { key: "loadBalancerSubnetId", value: network.subnet("lb").subnetId },
        { key: "authType", value: "workloadIdentity" },
        { key: "numOfReplicas", value: String(this.replicas) },
        { key: "oci-native-ingress-controller.ContainerResources", value: containerResources },
      ],
      dependsOn: [this.certManager, ...this.policies.map((p) => p.policy)],
    });
    network.addPodDemand({
      systemComponents: [
        { name: "cert-manager add-on", pods: CERT_MANAGER_PODS },
        { name: "native ingress controller add-on", pods: this.replicas },
      ],
    }, this);
  }

  private addPolicies(cluster: IVirtualNodeCluster, lbCompartment: string): void {
    const { compartment, cluster: clusterPermissions, tenancy } = NATIVE_INGRESS_CONTROLLER_PERMISSIONS;
    const statements = (permissions: typeof compartment, location: PolicyLocation) =>
      permissions.map(([verb, resource]) => workloadIdentityStatement(this.principal, verb, resource, location));
    const byCompartment = new Map<string, string[]>([[lbCompartment, statements(compartment, { compartmentId: lbCompartment })]]);
    const clusterStatements = statements(clusterPermissions, { compartmentId: cluster.compartmentId });
    byCompartment.set(cluster.compartmentId, [...(byCompartment.get(cluster.compartmentId) ?? []), ...clusterStatements]);
    for (const [compartmentId, list] of byCompartment) {
      const purpose = compartmentId === lbCompartment ? "native-ingress" : "native-ingress-cluster";
      this.policies.push(
        this.principal.addPolicy(purpose, {
          compartmentId,
          purpose,
          description: `Lets the OCI native ingress controller of ${cluster.name} manage load balancers and certificates`,
          statements: list,
        }),
      );
    }
    // oracle/oci-native-ingress-controller GettingStarted.md lists these among the controller's
    // required policies (reference §18): without them it cannot create its load balancer.
    const tenancyId = cluster.tenancyId ?? (cluster.compartmentId.startsWith("ocid1.tenancy.") ? cluster.compartmentId : undefined);
    if (!tenancyId) {
      throw new Error(
        `${this.node.path}: the native ingress controller needs 'read public-ips' and 'manage floating-ips' in the tenancy, and the cluster has no tenancyId; ` +
          `give the cluster (or PlatformStack) tenancyId, or set nativeIngressController createPolicies: false and grant the controller's policies yourself`,
      );
    }
    this._tenancyPolicy = this.principal.addPolicy("native-ingress-tenancy", {
      compartmentId: tenancyId,
      purpose: "native-ingress-tenancy",
      description: `Lets the OCI native ingress controller of ${cluster.name} use public and floating IPs`,
      statements: statements(tenancy, "tenancy"),
    });
    this.policies.push(this._tenancyPolicy);
  }
}
