/**
 * The reference app's settings, from environment variables or cdktf.json context (the
 * environment wins), each checked with an error naming the variable or key and the value. All
 * problems are reported at once; unknown variables and keys get a warning with the closest known
 * name (setting-names.ts). REFERENCE_SETTINGS is the one table of settings: the code reads it and
 * the README's Settings table is generated from it. Pure: no cdktf imports.
 */
import * as fs from "fs";
import {
  OcidType,
  PRIVATE_RANGES,
  checkDns1123Label,
  checkImage,
  checkOcid,
  checkOcidRealm,
  checkRegion,
  imageRegistryHost,
  isOcirHost,
  isPrivateCidr,
  missingPlatformOutputs,
  parseCidr,
  regionInfo,
  type ExistingPlatformAttributes,
} from "oke-virtual-nodes";
import { unknownSettingWarnings } from "./setting-names";

/** One setting: its environment variable, its cdktf.json context key, what it is, its default. */
export interface SettingSpec {
  readonly env: string;
  readonly context: string;
  readonly description: string;
  readonly default: string;
  /** Configures only the platform stack: ignored, with a warning, when OKE_EXISTING_PLATFORM replaces it. */
  readonly platformOnly?: boolean;
}

export const REFERENCE_SETTINGS = {
  region: { env: "OCI_REGION", context: "region", description: "OCI region identifier", default: "eu-frankfurt-1 (placeholder, with a warning)" },
  compartmentId: { env: "OCI_COMPARTMENT_OCID", context: "compartmentId", description: "compartment for every resource", default: "a placeholder OCID, with a warning" },
  tenancyId: { env: "OCI_TENANCY_OCID", context: "tenancyId", description: "tenancy, for the virtual-node policy and the ingress controller's tenancy statements", default: "required with a real compartment; a placeholder with the placeholder compartment", platformOnly: true },
  createVirtualNodePolicy: { env: "OKE_CREATE_VIRTUAL_NODE_POLICY", context: "createVirtualNodePolicy", description: "`true` creates Oracle's tenancy-wide virtual-node policy (needs the tenancy)", default: "false", platformOnly: true },
  apiAccess: { env: "OKE_API_ACCESS", context: "apiAccess", description: "how the Kubernetes API is reached: `vcn`, `bastion` or `public`", default: "vcn" },
  apiClientCidrs: { env: "OKE_API_CLIENT_CIDRS", context: "apiClientCidrs", description: "comma-separated CIDRs of the machines running Terraform/kubectl: private ranges of a runner in the VCN or a peered network (vcn), or public addresses (bastion, public)", default: "none", platformOnly: true },
  apiLocalPort: { env: "OKE_API_LOCAL_PORT", context: "apiLocalPort", description: "local port of the bastion tunnel the providers connect to", default: "6443" },
  nodePoolSize: { env: "OKE_NODE_POOL_SIZE", context: "nodePoolSize", description: "virtual nodes in the pool", default: "3", platformOnly: true },
  appNamespace: { env: "OKE_APP_NAMESPACE", context: "appNamespace", description: "the app's namespace", default: "shop" },
  appName: { env: "OKE_APP_NAME", context: "appName", description: "the app's name", default: "shop-api" },
  appImage: { env: "OKE_APP_IMAGE", context: "appImage", description: "the app image (explicit tag or digest)", default: "the platform's OCIR repository with OKE_APP_IMAGE_TAG (realm oc1; required in other realms)" },
  appImageTag: { env: "OKE_APP_IMAGE_TAG", context: "appImageTag", description: "tag of the image in the platform's repository", default: "1.0.0" },
  appHost: { env: "OKE_APP_HOST", context: "appHost", description: "host name of the app's ingress rule", default: "any host" },
  appMinReplicas: { env: "OKE_APP_MIN_REPLICAS", context: "appMinReplicas", description: "fewest app pods (≥ 2)", default: "2" },
  appMaxReplicas: { env: "OKE_APP_MAX_REPLICAS", context: "appMaxReplicas", description: "most app pods", default: "10" },
  registrySecretOcid: { env: "OKE_REGISTRY_SECRET_OCID", context: "registrySecretOcid", description: "OCID of the Vault secret with the OCIR pull credentials (JSON `username`, `password`; see Deploying)", default: "a placeholder OCID, with a warning" },
  registrySecretName: { env: "OKE_REGISTRY_SECRET_NAME", context: "registrySecretName", description: "that secret's name in the vault", default: "oke-registry-credentials" },
  stackPrefix: { env: "OKE_STACK_PREFIX", context: "stackPrefix", description: "the environment (`dev`, `prod`): stack and workspace names are `<prefix>-platform`, `-services`, `-app`, and it starts every OCI display and policy name", default: "oke (stack names only)" },
  terraformCloudOrganization: { env: "TF_CLOUD_ORGANIZATION", context: "terraformCloudOrganization", description: "Terraform Cloud organization: a `cloud` block and workspace per stack", default: "none (local state)" },
  terraformCloudWorkspacePrefix: { env: "TF_WORKSPACE_PREFIX", context: "terraformCloudWorkspacePrefix", description: "prefix of the Terraform Cloud workspace names (`<prefix><stack>`)", default: "none" },
  terraformCloudProject: { env: "TF_CLOUD_PROJECT", context: "terraformCloudProject", description: "Terraform Cloud project of the workspaces", default: "the organization's default project" },
  terraformCloudHostname: { env: "TF_CLOUD_HOSTNAME", context: "terraformCloudHostname", description: "Terraform Enterprise host name, without `https://` (e.g. `tfe.example.com`)", default: "app.terraform.io" },
  existingPlatform: { env: "OKE_EXISTING_PLATFORM", context: "existingPlatform", description: "JSON file of an existing platform's outputs: synthesize only the services and app stacks", default: "none" },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof REFERENCE_SETTINGS;

export const PLACEHOLDER_REGION = "eu-frankfurt-1";
export const PLACEHOLDER_COMPARTMENT = "ocid1.compartment.oc1..aaaaaaaaplaceholdercompartmentocid";
export const PLACEHOLDER_REGISTRY_SECRET = "ocid1.vaultsecret.oc1..aaaaaaaaplaceholderregistrysecretocid";
/** With the placeholder compartment only: the ingress controller's tenancy statements need a tenancy. */
export const PLACEHOLDER_TENANCY = "ocid1.tenancy.oc1..aaaaaaaaplaceholdertenancyocid";

export type ApiAccessKind = "vcn" | "bastion" | "public";

export interface ReferenceConfig {
  readonly region: string;
  readonly compartmentId: string;
  readonly tenancyId?: string;
  readonly createVirtualNodePolicy: boolean;
  readonly apiAccess: ApiAccessKind;
  readonly apiClientCidrs: string[];
  readonly apiLocalPort: number;
  readonly nodePoolSize: number;
  readonly app: {
    readonly namespace: string;
    readonly name: string;
    readonly image?: string;
    readonly imageTag: string;
    readonly host?: string;
    readonly minReplicas: number;
    readonly maxReplicas: number;
    /** The Vault secret with the registry credentials. */
    readonly registrySecret?: { readonly secretId: string; readonly secretName: string };
  };
  readonly stackNames: { readonly platform: string; readonly services: string; readonly app: string };
  /** The environment name (OKE_STACK_PREFIX when set) that starts OCI display and policy names. */
  readonly environment?: string;
  readonly terraformCloudOrganization?: string;
  /** With an organization: the workspace prefix ("" for none), project and host. */
  readonly terraformCloudWorkspacePrefix?: string;
  readonly terraformCloudProject?: string;
  readonly terraformCloudHostname?: string;
  readonly existingPlatform?: ExistingPlatformAttributes;
  /** One warning per placeholder in use, per unknown variable or key, per setting that does not apply. */
  readonly warnings: string[];
}

/** Every problem with the settings, each naming the variable or key and the value. */
export class ConfigError extends Error {
  public constructor(public readonly problems: string[]) {
    super(`the reference app's settings are not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Source = Readonly<Record<string, unknown>>;

/** Terraform Cloud's limit on workspace names. */
const MAX_WORKSPACE_NAME = 90;

/** TF_CLOUD_HOSTNAME is a host name, as the `cloud` block's `hostname` takes it: no scheme, no path. */
function checkHostname(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (scheme) throw new Error(`give the host name alone: drop the scheme ${scheme[0]} (e.g. ${value.slice(scheme[0].length).split("/")[0] || "tfe.example.com"})`);
  if (value.includes("/")) throw new Error(`give the host name alone, without a path (e.g. ${value.split("/")[0]})`);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(:[0-9]{1,5})?$/i.test(value)) {
    throw new Error("use a host name such as tfe.example.com (optionally with :port)");
  }
  return value.toLowerCase();
}

export function readReferenceConfig(
  env: Readonly<Record<string, string | undefined>>,
  context: Source = {},
  readFile: (path: string) => string = (path) => fs.readFileSync(path, "utf8"),
): ReferenceConfig {
  const problems: string[] = [];
  const warnings: string[] = [];

  /** The raw value and where it came from, or undefined. */
  const raw = (name: SettingName): { value: string; where: string } | undefined => {
    const spec = REFERENCE_SETTINGS[name];
    const fromEnv = env[spec.env]?.trim();
    if (fromEnv) return { value: fromEnv, where: spec.env };
    const fromContext = context[spec.context];
    if (fromContext === undefined || fromContext === null || fromContext === "") return undefined;
    const value = Array.isArray(fromContext) ? fromContext.join(",") : String(fromContext);
    return { value, where: `cdktf.json context ${spec.context}` };
  };
  /** Runs a check; on failure records "<where>=<value>: <why>". */
  const checked = <T>(name: SettingName, check: (value: string) => T): T | undefined => {
    const given = raw(name);
    if (!given) return undefined;
    try {
      return check(given.value);
    } catch (err) {
      problems.push(`${given.where}="${given.value}": ${(err as Error).message}`);
      return undefined;
    }
  };
  const integer = (min: number, max: number) => (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`use a whole number from ${min} to ${max}`);
    return Number(value);
  };

  const placeholder = (name: SettingName, value: string) => {
    warnings.push(`${REFERENCE_SETTINGS[name].env} is not set; using the placeholder ${value} (set it, or context ${REFERENCE_SETTINGS[name].context}, before cdktf deploy)`);
    return value;
  };

  // Also the environment: lower-case, as it starts OCI names (see common/environment).
  const environment = checked("stackPrefix", (v) => {
    if (!/^[a-z][a-z0-9-]{0,23}$/.test(v) || v.endsWith("-")) throw new Error("use up to 24 lower-case letters, digits and '-', starting with a letter, e.g. dev or prod");
    return v;
  });
  const stackPrefix = environment ?? "oke";
  // First: an existing platform's outputs supply some settings and make the platform's moot.
  const existingPlatform = checked("existingPlatform", (path) => readExistingPlatform(path, readFile, `${stackPrefix}-platform`));
  const existingGiven = raw("existingPlatform") !== undefined;
  if (existingGiven) {
    for (const [name, spec] of Object.entries(REFERENCE_SETTINGS) as [SettingName, SettingSpec][]) {
      if (spec.platformOnly && raw(name)) warnings.push(`${raw(name)!.where} is ignored: it configures the platform stack, which ${REFERENCE_SETTINGS.existingPlatform.env} replaces`);
    }
  }

  const region = checked("region", (v) => checkRegion(v)) ?? (raw("region") ? "" : placeholder("region", PLACEHOLDER_REGION));
  // OCIDs carry their realm; a tenancy reaches only its realm's regions (common/realms.ts).
  const realm = region ? regionInfo(region)?.realm : undefined;
  const compartmentId =
    checked("compartmentId", (v) => checkOcid(v, "compartment", OcidType.compartment)) ??
    (raw("compartmentId") ? "" : existingGiven ? (existingPlatform?.compartment_id ?? "") : placeholder("compartmentId", inRealm(PLACEHOLDER_COMPARTMENT, realm)));
  const tenancyId = checked("tenancyId", (v) => checkOcid(v, "tenancy", OcidType.tenancy));
  for (const [name, value] of [["compartmentId", compartmentId], ["tenancyId", tenancyId]] as const) {
    try {
      checkOcidRealm(value || undefined, REFERENCE_SETTINGS[name].env, realm, region);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const createVirtualNodePolicy =
    checked("createVirtualNodePolicy", (v) => {
      const lower = v.toLowerCase();
      if (lower !== "true" && lower !== "false") throw new Error("use true or false");
      return lower === "true";
    }) ?? false;
  if (createVirtualNodePolicy && !tenancyId && !raw("tenancyId") && !existingGiven) {
    problems.push(`${REFERENCE_SETTINGS.createVirtualNodePolicy.env} is true but ${REFERENCE_SETTINGS.tenancyId.env} is not set: the policy is attached to the tenancy`);
  }
  const apiAccess =
    checked("apiAccess", (v) => {
      const lower = v.toLowerCase();
      if (!["vcn", "bastion", "public"].includes(lower)) throw new Error("use vcn, bastion or public");
      return lower as ApiAccessKind;
    }) ?? "vcn";
  const apiClientCidrs =
    checked("apiClientCidrs", (v) =>
      v
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => parseCidr(c, "CIDR").cidr),
    ) ?? [];
  const publicClients = apiAccess === "vcn" && !existingGiven ? apiClientCidrs.filter((c) => !isPrivateCidr(c)) : [];
  if (publicClients.length) {
    problems.push(
      `${REFERENCE_SETTINGS.apiClientCidrs.env}="${apiClientCidrs.join(",")}": ${publicClients.join(", ")} is not a private range (${PRIVATE_RANGES.join(", ")}), ` +
        `but ${REFERENCE_SETTINGS.apiAccess.env}=vcn gives the endpoint a private IP only; for clients on the internet set ${REFERENCE_SETTINGS.apiAccess.env}=public (or bastion)`,
    );
  }
  if (apiAccess !== "vcn" && apiClientCidrs.length === 0 && !raw("apiClientCidrs") && !existingGiven) {
    problems.push(`${REFERENCE_SETTINGS.apiAccess.env}=${apiAccess} needs ${REFERENCE_SETTINGS.apiClientCidrs.env}: the CIDRs of the machines that run Terraform and kubectl (e.g. 203.0.113.7/32)`);
  }
  const apiLocalPort = checked("apiLocalPort", integer(1024, 65535)) ?? 6443;
  const nodePoolSize = checked("nodePoolSize", integer(1, 1000)) ?? 3;
  const namespace = checked("appNamespace", (v) => checkDns1123Label(v, "namespace")) ?? "shop";
  const name = checked("appName", (v) => checkDns1123Label(v, "name")) ?? "shop-api";
  const image = checked("appImage", (v) => checkImage(v));
  // The platform's repository is addressed as <region>.ocir.io, the commercial realm's host only.
  if (realm && realm !== "oc1" && !image && !raw("appImage") && !existingGiven) {
    problems.push(`${REFERENCE_SETTINGS.appImage.env} is not set: ${REFERENCE_SETTINGS.region.env}=${region} is in realm ${realm}, whose OCI Registry host the library does not assume; give the full image reference`);
  }
  if (existingPlatform && !raw("appImage") && !existingPlatform.image_repository) {
    problems.push(
      `${REFERENCE_SETTINGS.appImage.env} is not set and the outputs in ${REFERENCE_SETTINGS.existingPlatform.env} have no image_repository: ` +
        `set ${REFERENCE_SETTINGS.appImage.env} to the app image with an explicit tag or digest (e.g. eu-frankfurt-1.ocir.io/<namespace>/shop-api:1.0.0)`,
    );
  }
  const imageTag =
    checked("appImageTag", (v) => {
      if (!/^[\w][\w.-]{0,127}$/.test(v) || v === "latest") throw new Error("use a version tag such as 1.4.2 (not latest)");
      return v;
    }) ?? "1.0.0";
  const host = checked("appHost", (v) => {
    if (!/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(v)) throw new Error("use a lower-case DNS name such as shop.example.com");
    return v;
  });
  const minReplicas = checked("appMinReplicas", integer(2, 1000)) ?? 2;
  const maxReplicas = checked("appMaxReplicas", integer(2, 5000)) ?? Math.max(10, minReplicas);
  if (maxReplicas < minReplicas) problems.push(`${REFERENCE_SETTINGS.appMaxReplicas.env}=${maxReplicas} is below ${REFERENCE_SETTINGS.appMinReplicas.env}=${minReplicas}`);
  // Only an image on OCIR (the platform's repository by default) needs registry credentials.
  const onOcir = image === undefined ? !raw("appImage") : isOcirHost(imageRegistryHost(image));
  const registrySecretId =
    checked("registrySecretOcid", (v) => checkOcid(v, "secret", OcidType.secret)) ??
    (raw("registrySecretOcid") || !onOcir ? undefined : placeholder("registrySecretOcid", PLACEHOLDER_REGISTRY_SECRET));
  const registrySecretName =
    checked("registrySecretName", (v) => {
      if (!/^[A-Za-z0-9._-]{1,255}$/.test(v)) throw new Error("use 1–255 letters, digits, '-', '_' and '.'");
      return v;
    }) ?? "oke-registry-credentials";
  const terraformCloudOrganization = checked("terraformCloudOrganization", (v) => {
    if (!/^[A-Za-z0-9_-]+$/.test(v)) throw new Error("use letters, digits, '-' and '_'");
    return v;
  });
  // The platform's native ingress controller needs statements in the tenancy (reference §18).
  let tenancy = tenancyId;
  if (!tenancyId && !raw("tenancyId") && !raw("existingPlatform") && !compartmentId.startsWith("ocid1.tenancy.")) {
    if (compartmentId === inRealm(PLACEHOLDER_COMPARTMENT, realm)) tenancy = placeholder("tenancyId", inRealm(PLACEHOLDER_TENANCY, realm));
    else if (compartmentId) {
      problems.push(
        `${REFERENCE_SETTINGS.tenancyId.env} is not set: the native ingress controller needs 'read public-ips' and 'manage floating-ips' in the tenancy of ${REFERENCE_SETTINGS.compartmentId.env}; set it to the tenancy OCID`,
      );
    }
  }
  const longestStack = Math.max(...["platform", "services", "app"].map((s) => `${stackPrefix}-${s}`.length));
  const terraformCloudWorkspacePrefix = checked("terraformCloudWorkspacePrefix", (v) => {
    if (!/^[A-Za-z0-9_-]+$/.test(v)) throw new Error("use letters, digits, '-' and '_' (a workspace is <prefix><stack name>)");
    if (v.length + longestStack > MAX_WORKSPACE_NAME) {
      throw new Error(`with the stack names (up to ${longestStack} characters) the workspace names exceed ${MAX_WORKSPACE_NAME} characters; use at most ${MAX_WORKSPACE_NAME - longestStack}`);
    }
    return v;
  });
  const terraformCloudProject = checked("terraformCloudProject", (v) => {
    if (!/^[A-Za-z0-9 _-]{1,40}$/.test(v)) throw new Error("use up to 40 letters, digits, spaces, '-' and '_'");
    return v;
  });
  const terraformCloudHostname = checked("terraformCloudHostname", checkHostname);
  if (!raw("terraformCloudOrganization")) {
    for (const name of ["terraformCloudWorkspacePrefix", "terraformCloudProject", "terraformCloudHostname"] as const) {
      if (raw(name)) warnings.push(`${raw(name)!.where} is ignored: it applies only with ${REFERENCE_SETTINGS.terraformCloudOrganization.env} (Terraform Cloud)`);
    }
  }
  warnings.push(...unknownSettingWarnings(env, context, Object.values(REFERENCE_SETTINGS)));

  if (problems.length) throw new ConfigError(problems);
  return {
    region,
    compartmentId,
    tenancyId: tenancy,
    createVirtualNodePolicy,
    apiAccess,
    apiClientCidrs,
    apiLocalPort,
    nodePoolSize,
    app: { namespace, name, image, imageTag, host, minReplicas, maxReplicas, registrySecret: registrySecretId ? { secretId: registrySecretId, secretName: registrySecretName } : undefined },
    stackNames: { platform: `${stackPrefix}-platform`, services: `${stackPrefix}-services`, app: `${stackPrefix}-app` },
    environment,
    terraformCloudOrganization,
    terraformCloudWorkspacePrefix: terraformCloudOrganization ? (terraformCloudWorkspacePrefix ?? "") : undefined,
    terraformCloudProject: terraformCloudOrganization ? terraformCloudProject : undefined,
    terraformCloudHostname: terraformCloudOrganization ? terraformCloudHostname : undefined,
    existingPlatform,
    warnings,
  };
}

/** A placeholder OCID in the region's realm (oc1 when unknown), so it passes the realm checks. */
function inRealm(ocid: string, realm: string | undefined): string {
  return realm ? ocid.replace(".oc1.", `.${realm}.`) : ocid;
}

/** An outputs file: `cdktf output --outputs-file` (outputs by stack) or the platform's outputs alone. */
function readExistingPlatform(path: string, readFile: (path: string) => string, platformStack: string): ExistingPlatformAttributes {
  let text: string;
  try {
    text = readFile(path);
  } catch (err) {
    throw new Error(`cannot read the file (${(err as Error).message})`);
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error("is not JSON; write it with cdktf output --outputs-file");
  }
  const byStack = parsed[platformStack];
  const outputs = (byStack && typeof byStack === "object" ? byStack : parsed) as Record<string, unknown>;
  const missing = missingPlatformOutputs(outputs);
  if (missing.length) {
    const where = byStack ? `its ${platformStack} section` : `it has no ${platformStack} section, and as the platform's outputs alone it`;
    throw new Error(
      `${where} lacks ${missing.length} of the platform stack's outputs: ${missing.join(", ")}; ` +
        `write the file with cdktf output ${platformStack} --outputs-file <file> after deploying the platform`,
    );
  }
  return outputs as unknown as ExistingPlatformAttributes;
}

/** The settings as a Markdown table, for the README. */
export function settingsMarkdown(): string {
  const rows = ["| Environment variable | cdktf.json context key | Meaning | Default |", "|---|---|---|---|"];
  for (const spec of Object.values(REFERENCE_SETTINGS) as SettingSpec[]) {
    const scope = spec.platformOnly ? " (platform stack only)" : "";
    rows.push(`| \`${spec.env}\` | \`${spec.context}\` | ${spec.description}${scope} | ${spec.default} |`);
  }
  return rows.join("\n");
}
