import { VirtualNodeCluster } from "../../lib/cluster/virtual-node-cluster";
import { Network } from "../../lib/network/network";
import { NativeIngressClass } from "../../lib/workloads/native-ingress-class";
import { NativeIngressExposure, NativeIngressExposureProps } from "../../lib/workloads/native-ingress-exposure";
import { manifestOf, manifestsOf, validateKubernetesObject } from "../support/kubernetes-schemas";
import { TEST_COMPARTMENT, TEST_REGION, TfJson, resourcesOf, synthOci } from "../support/synth";

function build(props: Partial<NativeIngressExposureProps> = {}, sharedClass = false): TfJson {
  return synthOci((scope) => {
    const network = new Network(scope, "network", { compartmentId: TEST_COMPARTMENT });
    const cluster = new VirtualNodeCluster(scope, "cluster", { network, region: TEST_REGION });
    const ingressClass = sharedClass ? new NativeIngressClass(scope, "shared", { cluster, namespace: "edge", name: "shared-lb" }) : undefined;
    new NativeIngressExposure(scope, "web", { cluster, namespace: "web", serviceName: "frontend", ingressClass, ...props });
  }).tf;
}

function lbToPodRules(tf: TfJson): any[] {
  return Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule")).filter((r: any) => /\(ingress backends\)$/.test(r.description));
}

describe("NativeIngressExposure used alone", () => {
  // GIVEN a service exposed on a host, with the defaults otherwise
  const tf = build({ host: "shop.example.com", containerPort: 9000 });

  test("THEN an Ingress on its own ingress class (class + parameters), each valid", () => {
    expect(manifestsOf(tf).map((m) => `${m.kind}:${validateKubernetesObject(m)}`).sort()).toEqual([
      "Ingress:kubernetes-models",
      "IngressClass:kubernetes-models",
      "IngressClassParameters:crd",
    ]);
    const ingress = manifestOf(tf, "Ingress");
    expect(ingress.metadata).toMatchObject({ name: "frontend", namespace: "web" });
    expect(ingress.spec.ingressClassName).toBe("web-frontend");
    expect(ingress.spec.rules).toEqual([
      { host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "frontend", port: { number: 80 } } } }] } },
    ]);
  });

  test("THEN the LB NSG reaches the pods on the container port, and on nothing else (egress and ingress)", () => {
    const rules = lbToPodRules(tf);
    expect(rules.map((r) => r.direction).sort()).toEqual(["EGRESS", "INGRESS"]);
    for (const r of rules) expect(r.tcp_options.destination_port_range).toEqual({ min: 9000, max: 9000 });
  });
});

describe("NativeIngressExposure on a shared class", () => {
  test("THEN no class of its own, the Ingress names the shared one", () => {
    const tf = build({}, true);
    expect(manifestsOf(tf).filter((m) => m.kind === "IngressClass")).toHaveLength(1);
    expect(manifestOf(tf, "Ingress").spec.ingressClassName).toBe("shared-lb");
    expect(lbToPodRules(tf).map((r) => r.tcp_options.destination_port_range.min)).toEqual([8080, 8080]);
  });
});

describe("NativeIngressExposure with bad input", () => {
  test.each([
    [{ host: "Shop.Example.com" }, /web: ingress.host: "Shop.Example.com" is not a DNS name/],
    [{ path: "shop" }, /web: ingress.path: "shop" is not an HTTP path/],
    [{ serviceName: "9front" }, /web: serviceName: "9front"/],
    [{ tls: { certificateId: "ocid1.bucket.oc1..x" } }, /web: ingress.tls.certificateId/],
  ])("GIVEN %j THEN an error naming the construct path and the value", (props, message) => {
    expect(() => build(props as Partial<NativeIngressExposureProps>)).toThrow(message);
  });
});
