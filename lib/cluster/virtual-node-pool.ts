import { Construct } from "constructs";
import { checkedAt } from "../common/construct-errors";
import { ContainerengineVirtualNodePool } from "../../.gen/providers/oci/containerengine-virtual-node-pool";
import { WorkloadDemand } from "../network/network-cidr-plan";
import {
  PlacementOption,
  checkLabelKey,
  checkLabelValue,
  checkPlacement,
  checkPodShape,
  checkPoolSize,
  checkTaintEffect,
} from "./oke-options";
import type { IVirtualNodeCluster } from "./virtual-node-cluster";

/**
 * OKE scales CoreDNS to one replica per node by default (CoreDNS add-on `nodesPerReplica` = 1,
 * `minReplica` = 1: Oracle, "Cluster Add-on Configuration Arguments"); whether that holds on
 * virtual nodes is unconfirmed, so the capacity plan counts it.
 */
export const COREDNS_NODES_PER_REPLICA = 1;

export interface Taint {
  readonly key: string;
  /**
   * @default ""
   */
  readonly value?: string;
  /** NoSchedule, PreferNoSchedule or NoExecute. */
  readonly effect: string;
}

export interface VirtualNodePoolOptions {
  /** Number of virtual nodes (they spread evenly over the placements). */
  readonly size: number;
  /**
   * Display name.
   * @default "<cluster name>-<id>"
   */
  readonly displayName?: string;
  /**
   * Pod shape: Pod.Standard.E3.Flex, Pod.Standard.E4.Flex or Pod.Standard.A1.Flex.
   * @default "Pod.Standard.E4.Flex"
   */
  readonly podShape?: string;
  /**
   * Placement over availability and fault domains.
   * @default the cluster's placement (every AD × all its fault domains)
   */
  readonly placement?: PlacementOption[];
  /**
   * Kubernetes labels on the virtual nodes.
   * @default {}
   */
  readonly labels?: Record<string, string>;
  /**
   * Taints on the virtual nodes.
   * @default []
   */
  readonly taints?: Taint[];
  /**
   * Free-form tags on the virtual nodes' OCI resources.
   * @default {}
   */
  readonly virtualNodeTags?: Record<string, string>;
  /**
   * Workloads expected on this pool; with `size` they are added to the network's pod-capacity
   * plan, checked at synth.
   * @default []
   */
  readonly expectedWorkloads?: WorkloadDemand[];
}

export interface VirtualNodePoolProps extends VirtualNodePoolOptions {
  /** The cluster, created here or imported with `VirtualNodeCluster.fromExisting` (which needs `network`). */
  readonly cluster: IVirtualNodeCluster;
}

/**
 * A pool of OKE virtual nodes: nodes in the network's node subnet behind the node NSG, pods in
 * the pod subnet behind the pod NSG.
 */
export class VirtualNodePool extends Construct {
  public readonly pool: ContainerengineVirtualNodePool;
  public readonly poolId: string;
  public readonly size: number;
  public readonly podShape: string;

  public constructor(scope: Construct, id: string, props: VirtualNodePoolProps) {
    super(scope, id);
    const { cluster } = props;
    const network = cluster.network;
    if (!network) {
      throw new Error(`${this.node.path}: cluster ${cluster.node.path} has no network; pass network to VirtualNodeCluster.fromExisting (pools need its node subnet and NSGs)`);
    }
    const { size, podShape, placement, labels, taints } = checkedAt(this, () => ({
      size: checkPoolSize(props.size),
      podShape: checkPodShape(props.podShape ?? "Pod.Standard.E4.Flex"),
      placement: props.placement && checkPlacement(props.placement, `pool ${id} placement`),
      labels: Object.entries(props.labels ?? {}).map(([key, value]) => ({
        key: checkLabelKey(key, `pool ${id} label`),
        value: checkLabelValue(value, `pool ${id} label ${key}`),
      })),
      taints: (props.taints ?? []).map((t) => ({
        key: checkLabelKey(t.key, `pool ${id} taint`),
        value: checkLabelValue(t.value ?? "", `pool ${id} taint ${t.key}`),
        effect: checkTaintEffect(t.effect, `pool ${id} taint ${t.key}`),
      })),
    }));
    this.size = size;
    this.podShape = podShape;
    network.addPodDemand({
      virtualNodes: this.size,
      workloads: props.expectedWorkloads,
      systemComponents: [{ name: `CoreDNS for pool ${id}`, pods: Math.ceil(this.size / COREDNS_NODES_PER_REPLICA) }],
    }, this);

    this.pool = new ContainerengineVirtualNodePool(this, "pool", {
      clusterId: cluster.clusterId,
      compartmentId: cluster.compartmentId,
      displayName: props.displayName ?? `${cluster.name}-${id}`,
      size: this.size,
      nsgIds: [network.securityGroup("nodes").nsgId],
      placementConfigurations: cluster.placementConfigurations(network.subnet("nodes").subnetId, placement),
      podConfiguration: {
        shape: this.podShape,
        subnetId: network.subnet("pods").subnetId,
        nsgIds: [network.securityGroup("pods").nsgId],
      },
      initialVirtualNodeLabels: labels.length ? labels : undefined,
      taints: taints.length ? taints : undefined,
      virtualNodeTags: props.virtualNodeTags ? { freeformTags: props.virtualNodeTags } : undefined,
    });
    this.poolId = this.pool.id;
  }
}
