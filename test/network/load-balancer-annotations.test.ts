import { TerraformOutput } from "../../lib/cdktf";
import { Network } from "../../lib/network/network";
import { loadBalancerAnnotations } from "../../lib/network/load-balancer-annotations";
import { TEST_COMPARTMENT, refName, resourcesOf, synthOci } from "../support/synth";

const placement = { subnetId: "ocid1.subnet.oc1..lb", subnetIsPublic: true, nsgIds: ["ocid1.networksecuritygroup.oc1..lb"] };

describe("loadBalancerAnnotations", () => {
  test("THEN a flexible load balancer in the LB subnet and NSG, with OKE's rule management off", () => {
    expect(loadBalancerAnnotations(placement, { minBandwidthMbps: 20, maxBandwidthMbps: 200 })).toEqual({
      "oci.oraclecloud.com/load-balancer-type": "lb",
      "service.beta.kubernetes.io/oci-load-balancer-shape": "flexible",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-min": "20",
      "service.beta.kubernetes.io/oci-load-balancer-shape-flex-max": "200",
      "service.beta.kubernetes.io/oci-load-balancer-subnet1": "ocid1.subnet.oc1..lb",
      "service.beta.kubernetes.io/oci-load-balancer-internal": "false",
      "oci.oraclecloud.com/oci-network-security-groups": "ocid1.networksecuritygroup.oc1..lb",
      "oci.oraclecloud.com/security-rule-management-mode": "None",
    });
  });

  test("THEN the network load balancer equivalents", () => {
    expect(loadBalancerAnnotations({ ...placement, subnetIsPublic: false }, { kind: "network-load-balancer" })).toEqual({
      "oci.oraclecloud.com/load-balancer-type": "nlb",
      "oci-network-load-balancer.oraclecloud.com/subnet": "ocid1.subnet.oc1..lb",
      "oci-network-load-balancer.oraclecloud.com/internal": "true",
      "oci-network-load-balancer.oraclecloud.com/oci-network-security-groups": "ocid1.networksecuritygroup.oc1..lb",
      "oci-network-load-balancer.oraclecloud.com/security-list-management-mode": "None",
      "oci.oraclecloud.com/security-rule-management-mode": "None",
    });
  });

  test.each([
    [{ internal: false }, { ...placement, subnetIsPublic: false }, "internal is false but the LB subnet is private"],
    [{ minBandwidthMbps: 5 }, placement, "load balancer bandwidth 5–100 Mbps is not allowed"],
    [{ minBandwidthMbps: 300, maxBandwidthMbps: 200 }, placement, "load balancer bandwidth 300–200 Mbps is not allowed"],
    [{}, { ...placement, nsgIds: [] }, "a load balancer joins 1–5 NSGs; got 0"],
  ])("GIVEN %j THEN a clear error", (options, where, message) => {
    expect(() => loadBalancerAnnotations(where, options)).toThrow(message);
  });
});

describe("Network.loadBalancerAnnotations and nsgIds", () => {
  test("THEN the network's LB subnet and LB NSG, and every role's NSG id", () => {
    const { tf } = synthOci((scope) => {
      const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
      new TerraformOutput(scope, "annotations", { value: network.loadBalancerAnnotations() });
      new TerraformOutput(scope, "nsg_ids", { value: network.nsgIds });
    });
    const annotations: Record<string, string> = tf.output!.annotations.value;
    const nsgIds: Record<string, string> = tf.output!.nsg_ids.value;
    const nsgs = resourcesOf(tf, "oci_core_network_security_group");
    const subnets = resourcesOf(tf, "oci_core_subnet");
    expect(Object.fromEntries(Object.entries(nsgIds).map(([role, id]) => [role, nsgs[refName(id)].display_name]))).toEqual({
      api: "oke-vn-api-nsg",
      nodes: "oke-vn-nodes-nsg",
      pods: "oke-vn-pods-nsg",
      lb: "oke-vn-lb-nsg",
      db: "oke-vn-db-nsg",
    });
    expect(nsgs[refName(annotations["oci.oraclecloud.com/oci-network-security-groups"])].display_name).toBe("oke-vn-lb-nsg");
    expect(subnets[refName(annotations["service.beta.kubernetes.io/oci-load-balancer-subnet1"])].dns_label).toBe("lb");
    expect(annotations["service.beta.kubernetes.io/oci-load-balancer-internal"]).toBe("false");
  });

  test("THEN the LB NSG's own egress reaches every backend port on the pods, and the pods accept it (the LB subnet's security list allows no egress)", () => {
    const { tf } = synthOci((scope) => void new Network(scope, "network", { compartmentId: TEST_COMPARTMENT }));
    const nsgs = resourcesOf(tf, "oci_core_network_security_group");
    const name = (ref: string) => nsgs[refName(ref)].display_name;
    const rules = Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"));
    const ports = (from: string, direction: string, peerKey: string) =>
      rules
        .filter((r) => name(r.network_security_group_id) === from && r.direction === direction && r[peerKey]?.startsWith("${oci_core_network_security_group"))
        .filter((r) => name(r[peerKey]) === (from === "oke-vn-lb-nsg" ? "oke-vn-pods-nsg" : "oke-vn-lb-nsg"))
        .map((r) => `${r.tcp_options.destination_port_range.min}-${r.tcp_options.destination_port_range.max}`)
        .sort();
    expect(ports("oke-vn-lb-nsg", "EGRESS", "destination")).toEqual(["10256-10256", "30000-32767"]);
    expect(ports("oke-vn-pods-nsg", "INGRESS", "source")).toEqual(["10256-10256", "30000-32767"]);
    const [defaultList] = Object.values(resourcesOf(tf, "oci_core_default_security_list"));
    expect(defaultList.egress_security_rules).toEqual([]);
  });
});
