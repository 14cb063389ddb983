import { OciStack } from "../../lib/stacks/oci-stack";
import { ClusterServicesStack, ClusterServicesStackProps } from "../../lib/stacks/cluster-services-stack";
import { importPlatform } from "../../lib/stacks/platform";
import { REQUIRED } from "../support/existing-platform";
import { TEST_REGION, resourcesOf, synthApp } from "../support/synth";

function servicesStack(props: Partial<ClusterServicesStackProps> = {}) {
  let stack!: ClusterServicesStack;
  let given: OciStack | undefined;
  const out = synthApp((app) => {
    stack = new ClusterServicesStack(app, "services", {
      region: TEST_REGION,
      platform: (s) => {
        given = s;
        return importPlatform(s, "platform", REQUIRED);
      },
      ...props,
    });
  });
  return { stack, given, tf: out.stacks.services as any };
}

describe("ClusterServicesStack", () => {
  test("GIVEN a platform function THEN it is called with this stack, and both releases go to the platform's cluster through one Helm provider", () => {
    const { stack, given, tf } = servicesStack();
    expect(given).toBe(stack);
    expect(stack.services.externalSecrets).toBeDefined();
    expect(stack.services.metricsServer).toBeDefined();
    expect(Object.values(resourcesOf(tf, "helm_release")).map((r) => r.chart).sort()).toEqual(["external-secrets", "metrics-server"]);
    expect(tf.provider.helm).toHaveLength(1);
    // the default access: the OCI CLI's token for the platform's cluster, in the stack's region
    expect(tf.provider.helm[0].kubernetes.exec).toEqual({
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "oci",
      args: ["ce", "cluster", "generate-token", "--cluster-id", REQUIRED.cluster_id, "--region", TEST_REGION],
    });
    expect(tf.provider.oci).toEqual([{ region: TEST_REGION }]);
  });

  test("GIVEN services with metrics-server off THEN only External Secrets", () => {
    const { stack, tf } = servicesStack({ services: { metricsServer: { enabled: false } } });
    expect(stack.services.metricsServer).toBeUndefined();
    expect(Object.values(resourcesOf(tf, "helm_release")).map((r) => r.chart)).toEqual(["external-secrets"]);
  });

  test("GIVEN kubeconfig access THEN the Helm provider reads that file and context, and no CLI token", () => {
    const { tf } = servicesStack({ kubernetesAccess: { kind: "kubeconfig", path: "/runner/.kube/config", context: "shop" } });
    expect(tf.provider.helm).toEqual([{ kubernetes: { config_path: "/runner/.kube/config", config_context: "shop" } }]);
  });
});
