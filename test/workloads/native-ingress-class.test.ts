import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { NIC_NSG_ANNOTATION } from "../../lib/workloads/custom-resources";
import { NativeIngressClass, NativeIngressClassOptions } from "../../lib/workloads/native-ingress-class";
import { manifestOf } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, refName, synthOci } from "../support/synth";

function build(options: Partial<NativeIngressClassOptions> = {}): TfJson {
  return synthOci((scope) => {
    const net = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network: net, region: TEST_REGION, name: "oke" });
    new NativeIngressClass(scope, "edge", { cluster, namespace: "edge", name: "edge", ...options });
  }).tf;
}

describe("NativeIngressClass", () => {
  const tf = build();
  const params = manifestOf(tf, "IngressClassParameters");
  const cls = manifestOf(tf, "IngressClass");

  test("THEN the parameters put a flexible 10–100 Mbps load balancer in the LB subnet, named after the cluster and class", () => {
    expect(params.metadata).toMatchObject({ name: "edge", namespace: "edge" });
    expect(params.spec).toMatchObject({ minBandwidthMbps: 10, maxBandwidthMbps: 100, compartmentId: TEST_COMPARTMENT, loadBalancerName: "oke-edge" });
    expect(params.spec.subnetId).toMatch(/^\$\{oci_core_subnet\..*lb.*\.id\}$/);
  });

  test("THEN the class attaches the load balancer to the LB NSG and points at the parameters", () => {
    expect(cls.metadata.annotations[NIC_NSG_ANNOTATION]).toMatch(/^\$\{oci_core_network_security_group\..*lb.*\.id\}$/);
    expect(refName(cls.metadata.annotations[NIC_NSG_ANNOTATION])).toMatch(/lb/);
    expect(cls.spec.parameters).toMatchObject({ namespace: "edge", name: "edge", kind: "ingressclassparameters" });
  });

  test.each<[Partial<NativeIngressClassOptions>, RegExp]>([
    [{ minBandwidthMbps: 5 }, /edge: minBandwidthMbps: 5 is not allowed; the flexible load balancer takes 10–8000 Mbps/],
    [{ maxBandwidthMbps: 9000 }, /edge: maxBandwidthMbps: 9000 is not allowed/],
    [{ minBandwidthMbps: 200, maxBandwidthMbps: 100 }, /edge: maxBandwidthMbps: 100 is below minBandwidthMbps 200/],
    [{ name: "Edge_LB" }, /edge: ingress class name/],
    [{ loadBalancerName: "bad/name" }, /edge: loadBalancerName: "bad\/name"/],
    [{ compartmentId: "ocid1.vcn.oc1..x" }, /edge: compartmentId/],
  ])("GIVEN %j THEN an error naming the construct and the value", (options, message) => {
    expect(() => build(options)).toThrow(message);
  });
});
