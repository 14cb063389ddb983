import { Construct } from "constructs";
import { ComplianceChecks, addComplianceChecks } from "../checks/compliance-checks";
import type { KubernetesAccess } from "../cluster/virtual-node-cluster";
import { AppStack } from "./app-stack";
import { terraformCloudBackend } from "./backends";
import { ClusterServicesStack } from "./cluster-services-stack";
import { OciStack, OciStackProps } from "./oci-stack";
import { PlatformRefs, importPlatform } from "./platform";
import { ApiAccess, PlatformStack } from "./platform-stack";
import { REFERENCE_SETTINGS, ReferenceConfig } from "./reference-config";

export interface ReferenceApp {
  /** The platform stack, unless an existing platform was given. */
  readonly platform?: PlatformStack;
  readonly services: ClusterServicesStack;
  readonly app: AppStack;
  /** How the later stacks reach the Kubernetes API, in one sentence. */
  readonly apiAccessNote: string;
  /** The compliance checks every stack runs at synth. */
  readonly checks: ComplianceChecks;
}

/**
 * Oracle's "serverless Kubernetes with OKE virtual nodes" as three stacks applied in order:
 * platform (OCI resources, including the native-ingress add-ons), cluster services (Helm:
 * External Secrets with its CRDs, metrics-server), app (the AppWorkload with its custom
 * resources). With an existing platform the first is replaced by its outputs.
 */
export function buildReferenceApp(scope: Construct, config: ReferenceConfig, env: NodeJS.ProcessEnv = process.env): ReferenceApp {
  const backend = config.terraformCloudOrganization
    ? terraformCloudBackend(
        {
          organization: config.terraformCloudOrganization,
          workspacePrefix: config.terraformCloudWorkspacePrefix,
          project: config.terraformCloudProject,
          hostname: config.terraformCloudHostname,
        },
        env,
      )
    : undefined;
  const common: OciStackProps = { region: config.region, backend };
  const apiAccess: ApiAccess = config.apiAccess === "vcn" ? { kind: "vcn" } : { kind: config.apiAccess, clientCidrs: config.apiClientCidrs };
  const kubernetesAccess: KubernetesAccess =
    config.apiAccess === "bastion" ? { kind: "oci-cli", host: `https://127.0.0.1:${config.apiLocalPort}` } : { kind: "oci-cli" };

  const existing = config.existingPlatform;
  const platform = existing
    ? undefined
    : new PlatformStack(scope, config.stackNames.platform, {
        ...common,
        compartmentId: config.compartmentId,
        tenancyId: config.tenancyId,
        apiAccess,
        cluster: { createVirtualNodePolicy: config.createVirtualNodePolicy },
        nodePool: { size: config.nodePoolSize },
      });
  // A bad value in the outputs file is reported against the setting that named the file.
  const importExisting = (stack: OciStack): PlatformRefs => {
    try {
      return importPlatform(stack, "platform", existing!);
    } catch (err) {
      throw new Error(`${REFERENCE_SETTINGS.existingPlatform.env}: an output of the platform is not valid: ${(err as Error).message}`);
    }
  };
  const platformRefs: PlatformRefs | ((stack: OciStack) => PlatformRefs) = platform ?? importExisting;
  const services = new ClusterServicesStack(scope, config.stackNames.services, { ...common, platform: platformRefs, kubernetesAccess });
  const app = new AppStack(scope, config.stackNames.app, {
    ...common,
    platform: platformRefs,
    kubernetesAccess,
    after: [services],
    app: {
      namespace: config.app.namespace,
      name: config.app.name,
      image: config.app.image,
      imageTag: config.app.imageTag,
      autoscaling: { minReplicas: config.app.minReplicas, maxReplicas: config.app.maxReplicas },
      ingress: { host: config.app.host },
    },
  });
  const checks = addComplianceChecks(scope);
  return { platform, services, app, apiAccessNote: apiAccessNote(config), checks };
}

/** Which way into the Kubernetes API applies, for main.ts to state. */
export function apiAccessNote(config: Pick<ReferenceConfig, "apiAccess" | "apiClientCidrs" | "apiLocalPort" | "stackNames">): string {
  const later = `${config.stackNames.services} and ${config.stackNames.app}`;
  switch (config.apiAccess) {
    case "public":
      return `Kubernetes API: public endpoint, open on 6443 to ${config.apiClientCidrs.join(", ")} only; ${later} reach it directly.`;
    case "bastion":
      return (
        `Kubernetes API: private endpoint behind an OCI Bastion (clients ${config.apiClientCidrs.join(", ")}); before deploying ${later}, ` +
        `create a port-forwarding session (output bastion_session_command) and keep its SSH tunnel open on 127.0.0.1:${config.apiLocalPort}.`
      );
    case "vcn":
      return (
        `Kubernetes API: private endpoint, reachable only from inside the VCN; deploy ${later} from there (a compute instance, an OCI DevOps runner, ` +
        `a Terraform Cloud agent), or set OKE_API_ACCESS=bastion or public with OKE_API_CLIENT_CIDRS.`
      );
  }
}
