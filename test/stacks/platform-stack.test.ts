import { Testing } from "../../lib/cdktf";
import { PlatformStack, PlatformStackProps } from "../../lib/stacks/platform-stack";
import { isPrivateCidr } from "../../lib/network/private-ranges";
import { TEST_COMPARTMENT, TEST_REGION, resourcesOf, synthApp } from "../support/synth";

const TENANCY = "ocid1.tenancy.oc1..aaaaaaaatesttenancy";

function platform(props: Partial<PlatformStackProps> = {}) {
  let stack!: PlatformStack;
  const out = synthApp((app) => {
    stack = new PlatformStack(app, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, ...props });
  });
  return { stack, tf: out.stacks.platform };
}

const apiClientSources = (tf: ReturnType<typeof platform>["tf"]) =>
  Object.values(resourcesOf(tf, "oci_core_network_security_group_security_rule"))
    .filter((r) => r.direction === "INGRESS" && r.source_type === "CIDR_BLOCK" && r.tcp_options?.destination_port_range?.min === 6443)
    .map((r) => r.source)
    .sort();

describe("PlatformStack API access", () => {
  test("GIVEN vcn access with a runner's private CIDR THEN the API NSG admits it on 6443 and the endpoint stays private", () => {
    const { tf, stack } = platform({ apiAccess: { kind: "vcn", clientCidrs: ["10.20.0.0/24"] } });
    expect(apiClientSources(tf)).toEqual(["10.20.0.0/24"]);
    expect(Object.values(resourcesOf(tf, "oci_containerengine_cluster"))[0].endpoint_config.is_public_ip_enabled).toBe(false);
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn")).toEqual([]);
  });

  test("GIVEN vcn access without client CIDRs THEN no CIDR reaches 6443 and a warning says what to set", () => {
    const { tf, stack } = platform();
    expect(apiClientSources(tf)).toEqual([]);
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      expect.stringContaining("apiAccess vcn without clientCidrs: the API endpoint admits only the cluster's nodes and pods on 6443"),
    ]);
  });

  test("GIVEN vcn access with a public CIDR THEN an error naming apiAccess.clientCidrs and public access", () => {
    expect(() =>
      Testing.synthScope(
        (scope) =>
          void new PlatformStack(scope, "platform", { region: TEST_REGION, compartmentId: TEST_COMPARTMENT, apiAccess: { kind: "vcn", clientCidrs: ["192.168.1.0/24", "8.8.8.0/24"] } }),
      ),
    ).toThrow(/^apiAccess\.clientCidrs: 8\.8\.8\.0\/24 is not private; .* use apiAccess \{ kind: "public", clientCidrs \} \(or "bastion"\)$/);
  });

  test("GIVEN bastion access with a local port THEN the tunnel command forwards that port to the endpoint's 6443", () => {
    const { tf } = platform({ apiAccess: { kind: "bastion", clientCidrs: ["203.0.113.7/32"], localPort: 16443 } });
    expect(tf.output!.bastion_tunnel_command.value).toMatch(/^ssh -i ~\/\.ssh\/id_rsa -N -L 16443:\$\{.*\}:6443 -p 22 <session OCID>@host\.bastion\.eu-frankfurt-1\.oci\.oraclecloud\.com$/);
  });
});

describe("isPrivateCidr", () => {
  test.each([
    ["10.0.0.0/8", true],
    ["172.16.5.0/24", true],
    ["172.32.0.0/16", false],
    ["192.168.0.0/16", true],
    ["100.64.0.0/10", true],
    ["100.128.0.0/16", false],
    ["9.0.0.0/8", false],
    ["0.0.0.0/0", false],
    ["10.0.0.0/7", false],
  ])("GIVEN %s THEN private is %s", (cidr, expected) => {
    expect(isPrivateCidr(cidr)).toBe(expected);
  });
});
