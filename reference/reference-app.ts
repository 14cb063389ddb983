import { Construct } from "constructs";
import {
  AppStack,
  ClusterServicesStack,
  ComplianceChecks,
  OciStack,
  PlatformStack,
  addComplianceChecks,
  importPlatform,
  readPlatformFromTerraformCloud,
  regionInfo,
  terraformCloudWorkspaces,
  type ApiAccess,
  type KubernetesAccess,
  type OciStackProps,
  type PlatformRefs,
} from "oke-virtual-nodes";
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
  const cloud = config.terraformCloudOrganization
    ? terraformCloudWorkspaces(
        {
          organization: config.terraformCloudOrganization,
          workspacePrefix: config.terraformCloudWorkspacePrefix,
          project: config.terraformCloudProject,
          hostname: config.terraformCloudHostname,
        },
        env,
      )
    : undefined;
  const backend = cloud && ((stack: OciStack) => cloud.backend(stack));
  const common: OciStackProps = { region: config.region, backend, environment: config.environment };
  const apiAccess: ApiAccess =
    config.apiAccess === "bastion"
      ? { kind: "bastion", clientCidrs: config.apiClientCidrs, localPort: config.apiLocalPort }
      : { kind: config.apiAccess, clientCidrs: config.apiClientCidrs };
  const kubernetesAccess: KubernetesAccess =
    // Through the tunnel the certificate is checked against the endpoint's IP (tls_server_name, by default).
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
        // Outside oc1 the image is given (OKE_APP_IMAGE) and no repository is made for it.
        imageRepository: config.app.image && regionInfo(config.region)?.realm !== "oc1" ? false : undefined,
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
  // With Terraform Cloud the later stacks read the platform workspace's outputs (tfe_outputs),
  // not its whole state (terraform_remote_state, which cdktf's cross-stack references would use).
  const platformRefs: PlatformRefs | ((stack: OciStack) => PlatformRefs) = !platform
    ? importExisting
    : cloud
      ? (stack) =>
          readPlatformFromTerraformCloud(stack, "platform", platform, {
            organization: cloud.organization,
            hostname: cloud.hostname,
            workspace: cloud.workspaceName(platform.node.id),
          })
      : platform;
  const services = new ClusterServicesStack(scope, config.stackNames.services, { ...common, platform: platformRefs, kubernetesAccess });
  const app = new AppStack(scope, config.stackNames.app, {
    ...common,
    platform: platformRefs,
    kubernetesAccess,
    registrySecret: config.app.registrySecret,
    app: {
      clusterServices: services.services,
      // The sample app (app/): its migrations run as the admin; it connects as its own user.
      bootstrap: { migrate: { command: ["node", "dist/migrate.js"] } },
      namespace: config.app.namespace,
      name: config.app.name,
      image: config.app.image,
      imageTag: config.app.imageTag,
      autoscaling: { minReplicas: config.app.minReplicas, maxReplicas: config.app.maxReplicas },
      ingress: { host: config.app.host },
    },
  });
  // Nothing references the platform then: order the stacks explicitly (cdktf deploy '*').
  if (cloud && platform) for (const later of [services, app]) later.addDependency(platform);
  const checks = addComplianceChecks(scope);
  if (platform?.nativeIngress) {
    ComplianceChecks.waive(
      platform.nativeIngress.principal,
      "OKE-IAM-WORKLOAD-FAMILY",
      "the OCI native ingress controller's guide requires manage waf-family (WAF policies on its load balancers); the grant is limited to the controller's service account and the load balancers' compartment",
    );
    if (platform.nativeIngress.tenancyPolicy) {
      ComplianceChecks.waive(
        platform.nativeIngress.tenancyPolicy,
        "OKE-IAM-BROAD",
        "the OCI native ingress controller's guide requires manage floating-ips in the tenancy (reference §18); the statement is limited to the controller's service account in this cluster",
      );
    }
  }
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
      return config.apiClientCidrs.length
        ? `Kubernetes API: private endpoint, open on 6443 to ${config.apiClientCidrs.join(", ")}; deploy ${later} from a machine there (in the VCN or a peered network).`
        : `Kubernetes API: private endpoint, reachable only from inside the VCN; set OKE_API_CLIENT_CIDRS to the private CIDR of your runner there ` +
            `(a compute instance, an OCI DevOps runner, a Terraform Cloud agent) and deploy ${later} from it, or set OKE_API_ACCESS=bastion or public.`;
  }
}
