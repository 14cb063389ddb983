import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { Construct } from "constructs";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import { Lazy } from "../cdktf";
import type { IVirtualNodeCluster, KubernetesAccess } from "../cluster/virtual-node-cluster";
import type { INetwork } from "../network/network";
import { checkedAt } from "../common/construct-errors";
import { checkDns1123Label } from "../common/kubernetes-names";
import {
  APP_CONTAINER,
  deploymentManifest,
  horizontalPodAutoscalerManifest,
  podDisruptionBudgetManifest,
  serviceManifest,
} from "./app-manifests";
import type { AutoscalingOptions } from "./app-workload";
import { DeploymentPlan, checkEnvName, planDeployment } from "./app-workload-plan";
import { ClusterAccess } from "../cluster/cluster-access";
import type { PodResources } from "./helm-values";
import { pinAddresses } from "./part-addresses";
import { describeViolations, podSpecViolations } from "./virtual-node-pod-rules";

/** The pod template of an app on virtual nodes: what AppWorkload and VirtualNodeDeployment share. */
export interface PodTemplateOptions {
  /** Container image with an explicit tag or digest, e.g. `fra.ocir.io/ns/shop:1.4.2`; not `latest`. */
  readonly image: string;
  /**
   * The port the app listens on for HTTP (not 30000–32767); the Service's port 80 targets it.
   * @default 8080
   */
  readonly containerPort?: number;
  /**
   * CPU and memory of each pod; virtual nodes need requests = limits.
   * @default 500m CPU, 1Gi memory
   */
  readonly resources?: PodResources;
  /**
   * HTTP paths of the probes.
   * @default liveness "/healthz", readiness "/readyz"
   */
  readonly probes?: { readonly livenessPath?: string; readonly readinessPath?: string };
  /**
   * Horizontal autoscaling on CPU.
   * @default 2–10 pods at 70 % CPU, 25 % surge
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * UID and GID the containers run as; above 10000 so they match no host user.
   * @default 10001 and 10001
   */
  readonly runAs?: { readonly user?: number; readonly group?: number };
  /**
   * How strictly pods spread over availability domains, fault domains and virtual nodes.
   * @default ScheduleAnyway over DEFAULT_TOPOLOGY_KEYS, maxSkew 1
   */
  readonly spread?: { readonly whenUnsatisfiable?: "ScheduleAnyway" | "DoNotSchedule"; readonly topologyKeys?: string[] };
  /**
   * A writable /tmp (the one emptyDir virtual nodes allow) beside the read-only root filesystem.
   * @default true
   */
  readonly tmpVolume?: boolean;
  /**
   * Plain environment variables.
   * @default {}
   */
  readonly env?: Record<string, string>;
}

export interface VirtualNodeDeploymentProps extends PodTemplateOptions {
  /** The cluster the pods run on. */
  readonly cluster: IVirtualNodeCluster;
  /**
   * The cluster's network: the pods' peak (maxReplicas plus surge) joins its pod-subnet capacity check.
   * @default the cluster's network; none when the cluster has no network attached
   */
  readonly network?: INetwork;
  /** Namespace of the objects (it must exist). */
  readonly namespace: string;
  /** Name of the Deployment, Service, HPA and PDB (RFC 1035 label). */
  readonly name: string;
  /**
   * The service account the pods run as (no API token is mounted).
   * @default "default"
   */
  readonly serviceAccountName?: string;
  /**
   * `kubernetes.io/dockerconfigjson` Secrets the pods pull with.
   * @default []
   */
  readonly imagePullSecrets?: string[];
  /**
   * Objects every object here waits for (the namespace).
   * @default []
   */
  readonly dependsOn?: Manifest[];
  /**
   * Objects the Deployment alone waits for (its service account, the pull secret, Jobs).
   * @default []
   */
  readonly deploymentDependsOn?: Manifest[];
  /**
   * How the Kubernetes provider reaches the cluster.
   * @default the OCI CLI's token (`oci ce cluster generate-token`)
   */
  readonly kubernetesAccess?: KubernetesAccess;
  /**
   * The Kubernetes provider to use.
   * @default one per stack and cluster, configured from the cluster's kubeconfig
   */
  readonly provider?: KubernetesProvider;
  /**
   * Give the resources the Terraform addresses they had before this part was split out of
   * AppWorkload (this construct's id left out), so existing state keeps them.
   * @internal
   */
  readonly addressesOfParent?: boolean;
  /**
   * Whether the pods' peak is added to the network's pod demand (AppWorkload adds it itself,
   * together with its Jobs).
   * @internal
   */
  readonly addPodDemand?: boolean;
}

/**
 * A Deployment fit for virtual nodes with its ClusterIP Service, HorizontalPodAutoscaler (CPU)
 * and PodDisruptionBudget: requests equal limits, non-root, read-only root filesystem, spread over
 * zones, fault domains and nodes. The final pod template (after `addEnv`, `addContainer` and
 * `patchPodTemplate`) is checked against the virtual-node rules at synth.
 */
export class VirtualNodeDeployment extends Construct {
  public readonly namespace: string;
  public readonly name: string;
  public readonly containerPort: number;
  public readonly minReplicas: number;
  public readonly maxReplicas: number;
  /** Extra pods during a rolling update, percent of the replicas. */
  public readonly surgePercent: number;
  public readonly deployment: Manifest;
  public readonly service: Manifest;
  public readonly autoscaler: Manifest;
  public readonly disruptionBudget: Manifest;
  private readonly plan: DeploymentPlan;
  private readonly env: IEnvVar[] = [];
  private readonly extraContainers: IContainer[] = [];
  private readonly patches: ((template: IPodTemplateSpec) => void)[] = [];
  private rendered?: IDeployment;

  public constructor(scope: Construct, id: string, props: VirtualNodeDeploymentProps) {
    super(scope, id);
    this.plan = checkedAt(this, () => planDeployment(props));
    this.namespace = this.plan.namespace;
    this.name = this.plan.name;
    this.containerPort = this.plan.containerPort;
    this.minReplicas = this.plan.minReplicas;
    this.maxReplicas = this.plan.maxReplicas;
    this.surgePercent = this.plan.surgePercent;
    for (const { name, value } of this.plan.env) this.addEnv(name, value);
    const provider = props.provider ?? ClusterAccess.of(this, props.cluster, props.kubernetesAccess).kubernetesProvider;
    const before = props.dependsOn ?? [];
    const manifest = (mid: string, body: object, dependsOn: Manifest[]) => {
      const m = new Manifest(this, mid, { provider, manifest: body as Record<string, unknown>, dependsOn: dependsOn.length ? dependsOn : undefined });
      if (props.addressesOfParent) pinAddresses(m, this);
      return m;
    };
    this.deployment = manifest("deployment", Lazy.anyValue({ produce: () => this.deploymentObject() }), [...before, ...(props.deploymentDependsOn ?? [])]);
    this.service = manifest("service", serviceManifest(this.name, this.namespace), before);
    this.autoscaler = manifest("autoscaler", horizontalPodAutoscalerManifest(this.name, this.namespace, this.plan), [...before, this.deployment]);
    this.disruptionBudget = manifest("disruption-budget", podDisruptionBudgetManifest(this.name, this.namespace), before);
    this.node.addValidation({ validate: () => this.validatePodTemplate() });
    const network = props.network ?? props.cluster.network;
    if (network && props.addPodDemand !== false) {
      network.addPodDemand({ workloads: [{ name: `${this.namespace}/${this.name}`, maxReplicas: this.maxReplicas, surgePercent: this.surgePercent }] }, this);
    }
  }

  /** Adds an environment variable to the app container. */
  public addEnv(name: string, value: string): void {
    this.pushEnv({ name, value });
  }

  /** Adds an environment variable read from a key of a Kubernetes Secret. */
  public addSecretEnv(name: string, secretName: string, key: string = name): void {
    this.pushEnv({ name, valueFrom: { secretKeyRef: { name: secretName, key } } });
  }

  /** Adds a container next to the app's (a sidecar); it is checked like the app's. */
  public addContainer(container: IContainer): void {
    checkedAt(this, () => checkDns1123Label(container.name, "container name"));
    if ([APP_CONTAINER, ...this.extraContainers.map((c) => c.name)].includes(container.name)) {
      throw new Error(`${this.node.path}: container name "${container.name}" is taken; pick another`);
    }
    this.extraContainers.push(container);
    this.rendered = undefined;
  }

  /**
   * Changes the pod template after the library has built it (the CDK escape hatch). Patches run
   * in order at synth, and the result is checked against the virtual-node rules.
   */
  public patchPodTemplate(patch: (template: IPodTemplateSpec) => void): void {
    this.patches.push(patch);
    this.rendered = undefined;
  }

  /** The final pod template: built, then patched. */
  public podTemplate(): IPodTemplateSpec {
    return this.deploymentObject().spec!.template;
  }

  private pushEnv(env: IEnvVar): void {
    checkedAt(this, () => checkEnvName(env.name, "env"));
    if (this.env.some((e) => e.name === env.name)) throw new Error(`${this.node.path}: env: ${env.name} is set twice`);
    this.env.push(env);
    this.rendered = undefined;
  }

  /** The Deployment as emitted: built from the props, env and sidecars, then patched; made once until they change. */
  private deploymentObject(): IDeployment {
    if (!this.rendered) {
      const deployment = deploymentManifest({ ...this.plan, env: this.env, extraContainers: this.extraContainers });
      for (const patch of this.patches) patch(deployment.spec!.template);
      this.rendered = deployment;
    }
    return this.rendered;
  }

  private validatePodTemplate(): string[] {
    const violations = podSpecViolations(this.podTemplate().spec ?? { containers: [] }, "spec.template.spec");
    return violations.length ? [describeViolations(`Deployment ${this.namespace}/${this.name}`, violations)] : [];
  }
}
