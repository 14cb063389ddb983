/**
 * Service annotations that put an OCI load balancer or network load balancer made by the cloud
 * controller manager (a `type: LoadBalancer` Service) into the LB subnet and the LB NSG. On
 * virtual nodes OKE never manages LB security rules ("equivalent to None"), so the LB NSG, whose
 * rules the library writes, is the only way such a load balancer is reachable and reaches the pods.
 * Sources: oracle/oci-cloud-controller-manager docs/load-balancer-annotations.md; Oracle,
 * "Configuring Load Balancers and Network Load Balancers" (reference §6). Pure: no cdktf imports.
 */

export type LoadBalancerKind = "load-balancer" | "network-load-balancer";

export interface LoadBalancerAnnotationOptions {
  /**
   * An OCI flexible load balancer (layer 7) or a network load balancer (layer 4).
   * @default "load-balancer"
   */
  readonly kind?: LoadBalancerKind;
  /**
   * A private load balancer.
   * @default false for a public LB subnet, true for a private one
   */
  readonly internal?: boolean;
  /**
   * Flexible shape bandwidth of a load balancer, Mbps.
   * @default 10
   */
  readonly minBandwidthMbps?: number;
  /**
   * @default 100
   */
  readonly maxBandwidthMbps?: number;
}

export interface LoadBalancerPlacement {
  readonly subnetId: string;
  readonly subnetIsPublic: boolean;
  readonly nsgIds: readonly string[];
}

/** @internal */
export function loadBalancerAnnotations(placement: LoadBalancerPlacement, options: LoadBalancerAnnotationOptions = {}): Record<string, string> {
  const internal = options.internal ?? !placement.subnetIsPublic;
  if (!internal && !placement.subnetIsPublic) {
    throw new Error("internal is false but the LB subnet is private; a public load balancer needs a public LB subnet");
  }
  if (placement.nsgIds.length === 0 || placement.nsgIds.length > 5) {
    throw new Error(`a load balancer joins 1–5 NSGs; got ${placement.nsgIds.length}`);
  }
  const nsgs = placement.nsgIds.join(",");
  if ((options.kind ?? "load-balancer") === "network-load-balancer") {
    return {
      "oci.oraclecloud.com/load-balancer-type": "nlb",
      "oci-network-load-balancer.oraclecloud.com/subnet": placement.subnetId,
      "oci-network-load-balancer.oraclecloud.com/internal": String(internal),
      "oci-network-load-balancer.oraclecloud.com/oci-network-security-groups": nsgs,
      "oci-network-load-balancer.oraclecloud.com/security-list-management-mode": "None",
      "oci.oraclecloud.com/security-rule-management-mode": "None",
    };
  }
  const min = options.minBandwidthMbps ?? 10;
  const max = options.maxBandwidthMbps ?? 100;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 10 || max > 8000 || min > max) {
    throw new Error(`load balancer bandwidth ${min}–${max} Mbps is not allowed; use whole numbers with 10 ≤ min ≤ max ≤ 8000`);
  }
  return {
    "oci.oraclecloud.com/load-balancer-type": "lb",
    "service.beta.kubernetes.io/oci-load-balancer-shape": "flexible",
    "service.beta.kubernetes.io/oci-load-balancer-shape-flex-min": String(min),
    "service.beta.kubernetes.io/oci-load-balancer-shape-flex-max": String(max),
    "service.beta.kubernetes.io/oci-load-balancer-subnet1": placement.subnetId,
    "service.beta.kubernetes.io/oci-load-balancer-internal": String(internal),
    "oci.oraclecloud.com/oci-network-security-groups": nsgs,
    "oci.oraclecloud.com/security-rule-management-mode": "None",
  };
}
