import { Testing } from "../../lib/cdktf";
import { PlatformStack, PlatformStackProps } from "../../lib/stacks/platform-stack";
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
    ).toThrow(/^stack\/platform: apiAccess\.clientCidrs: 8\.8\.8\.0\/24 is not private; .* use apiAccess \{ kind: "public", clientCidrs \} \(or "bastion"\)$/);
  });

  test("GIVEN bastion access with a local port THEN the tunnel command forwards that port to the endpoint's 6443", () => {
    const { tf } = platform({ apiAccess: { kind: "bastion", clientCidrs: ["203.0.113.7/32"], localPort: 16443 } });
    expect(tf.output!.bastion_tunnel_command.value).toMatch(/^ssh -i ~\/\.ssh\/id_rsa -N -L 16443:\$\{.*\}:6443 -p 22 <session OCID>@host\.bastion\.eu-frankfurt-1\.oci\.oraclecloud\.com$/);
  });
});

describe("two environments in one compartment", () => {
  const namesOf = (tf: ReturnType<typeof platform>["tf"], attribute: "name" | "display_name") =>
    Object.entries(tf.resource).flatMap(([type, byName]) =>
      Object.values(byName)
        .map((r: any) => r[attribute])
        .filter((v): v is string => typeof v === "string")
        .map((v) => `${type}: ${v}`),
    );
  const synthEnv = (environment?: string) => {
    const out = synthApp((app) => {
      new PlatformStack(app, "platform", {
        region: TEST_REGION,
        compartmentId: TEST_COMPARTMENT,
        tenancyId: TENANCY,
        environment,
        cluster: { createVirtualNodePolicy: true },
        apiAccess: { kind: "bastion", clientCidrs: ["203.0.113.7/32"] },
      });
    });
    return out.stacks.platform;
  };
  const plain = synthEnv();
  const dev = synthEnv("dev");
  const prod = synthEnv("prod");

  test("GIVEN dev and prod THEN they share no policy name", () => {
    const policyNames = (tf: typeof dev) => Object.values(resourcesOf(tf, "oci_identity_policy")).map((p) => p.name);
    expect(policyNames(dev).sort()).toEqual([
      expect.stringMatching(/^dev-oke-vn-cluster-etcd-encryption-[0-9a-z]{6}$/),
      // long names are cut and end in a hash of the whole
      expect.stringMatching(/^dev-oke-vn-cluster-native-ingress-controller-system-oci-native-ingress-controller-native-ingr-[0-9a-z]{6}$/),
      expect.stringMatching(/^dev-oke-vn-cluster-native-ingress-controller-system-oci-native-ingress-controller-native-ingr-[0-9a-z]{6}$/),
      expect.stringMatching(/^dev-oke-vn-cluster-virtual-nodes-[0-9a-z]{6}$/),
      expect.stringMatching(/^dev-oke-vn-mysql-mysql-service-[0-9a-z]{6}$/),
    ]);
    expect(policyNames(prod).every((n) => n.startsWith("prod-"))).toBe(true);
    expect(policyNames(dev).filter((n) => policyNames(prod).includes(n))).toEqual([]);
  });

  test("GIVEN dev and prod THEN no display name or name of any resource is shared (VCN, cluster, vault, key, DB, bastion, repository, …)", () => {
    const devNames = [...namesOf(dev, "display_name"), ...namesOf(dev, "name")];
    const prodNames = new Set([...namesOf(prod, "display_name"), ...namesOf(prod, "name")]);
    expect(devNames.filter((n) => prodNames.has(n))).toEqual([]);
    expect(devNames).toEqual(
      expect.arrayContaining([
        "oci_core_vcn: dev-oke-vn-vcn",
        "oci_containerengine_cluster: dev-oke-vn-cluster",
        "oci_kms_vault: dev-oke-vn-vault",
        "oci_kms_key: dev-oke-vn-key",
        "oci_mysql_mysql_db_system: dev-oke-vn-mysql",
        "oci_bastion_bastion: devokevnclusterbastion",
        "oci_artifacts_container_repository: dev-oke-vn/app",
      ]),
    );
  });

  test("GIVEN an environment THEN the Terraform addresses are those without one", () => {
    const addresses = (tf: typeof dev) => Object.entries(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
    expect(addresses(dev)).toEqual(addresses(plain));
    expect(namesOf(plain, "display_name")).toContainEqual("oci_core_vcn: oke-vn-vcn");
  });

  test("GIVEN a bad environment name THEN an error naming the stack's environment", () => {
    expect(() => synthEnv("Prod_1")).toThrow('platform: environment: "Prod_1" is not an environment name; use up to 24 lower-case letters');
  });
});

describe("regions and realms", () => {
  test("GIVEN a mistyped region THEN a warning naming the closest known region (not an error: new regions appear)", () => {
    let stack!: PlatformStack;
    synthApp((app) => {
      stack = new PlatformStack(app, "platform", { region: "eu-frankfrut-1", compartmentId: TEST_COMPARTMENT, tenancyId: TENANCY, apiAccess: { kind: "vcn", clientCidrs: ["10.9.0.0/24"] } });
    });
    expect(stack.realm).toBeUndefined();
    expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
      expect.stringMatching(/^region "eu-frankfrut-1" is not one the library knows \(common\/realms\.ts\); did you mean eu-frankfurt-1\?/),
    ]);
  });

  test("GIVEN a region of realm oc2 THEN the stack knows its realm, and the OCIR host must be given", () => {
    const props = { region: "us-langley-1", compartmentId: "ocid1.compartment.oc2..aaaaaaaac", tenancyId: "ocid1.tenancy.oc2..aaaaaaaat" };
    expect(() => synthApp((app) => void new PlatformStack(app, "platform", props))).toThrow(
      /^platform: imageRepository\.registryHost: the library knows the OCI Registry host of realm oc1 only \(<region>\.ocir\.io\) and region us-langley-1 is in realm oc2/,
    );
    let stack!: PlatformStack;
    synthApp((app) => {
      stack = new PlatformStack(app, "platform", { ...props, imageRepository: { registryHost: "registry.example.oc2" } });
    });
    expect(stack.realm).toBe("oc2");
    expect(stack.imageRepository).toMatch(/^registry\.example\.oc2\/\$\{.*\}\/oke-vn\/app$/);
  });
});
