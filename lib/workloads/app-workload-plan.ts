import { checkDns1123Label, checkDns1123Subdomain } from "../common/kubernetes-names";
import { OcidType, checkOcid } from "../common/ocid";
import { isReference } from "../common/references";
import { checkMySqlUserName } from "../database/app-user-sql";
import type { DeploymentInput, IngressTls } from "./app-manifests";
import type { AppWorkloadProps, AutoscalingOptions } from "./app-workload";
import { DEFAULT_DATABASE_ENV_NAMES, DatabaseEnvNames } from "./database-bootstrap-manifests";
import type { PodResources } from "./helm-values";
import { checkImage, imageRegistryHost, isOcirHost } from "./image-reference";
import { parseQuantity } from "./quantity";
import type { VirtualNodeDeploymentProps } from "./virtual-node-deployment";
import type { NativeIngressExposureProps } from "./native-ingress-exposure";

// Pure validation: props in, a checked plan out, no constructs made. The constructs prefix the
// errors with their construct path.

/**
 * Availability domain, fault domain and virtual node: OKE labels virtual nodes with
 * topology.kubernetes.io/zone and oci.oraclecloud.com/fault-domain (Oracle, "Supported Labels").
 */
export const DEFAULT_TOPOLOGY_KEYS = ["topology.kubernetes.io/zone", "oci.oraclecloud.com/fault-domain", "kubernetes.io/hostname"];
/** The defaults of the app's pods, as the props' `@default`s state them (a test compares the two). */
export const APP_WORKLOAD_DEFAULTS = {
  containerPort: 8080,
  resources: { cpu: "500m", memory: "1Gi" } as PodResources,
  minReplicas: 2,
  maxReplicas: 10,
  targetCpuUtilization: 70,
  surgePercent: 25,
  runAsId: 10001,
  refreshInterval: "1h",
  livenessPath: "/healthz",
  readinessPath: "/readyz",
  tmpVolume: true,
  whenUnsatisfiable: "ScheduleAnyway",
} as const;
const D = APP_WORKLOAD_DEFAULTS;

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const MAX_UID = 2147483647;

/**
 * The checked settings of a `VirtualNodeDeployment`: what its Deployment manifest is made from
 * (env and sidecars are added later), plus the autoscaler's settings.
 */
export type DeploymentPlan = Omit<DeploymentInput, "env" | "extraContainers" | "imagePullSecrets"> & {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly targetCpuUtilization: number;
  readonly imagePullSecrets: readonly string[];
  readonly env: readonly { readonly name: string; readonly value: string }[];
};

/** Checks a Deployment's props and fills in the defaults. Throws on the first bad value. */
export function planDeployment(props: Omit<VirtualNodeDeploymentProps, "cluster" | "network" | "provider" | "kubernetesAccess" | "dependsOn" | "deploymentDependsOn">): DeploymentPlan {
  const name = checkDns1035Label(props.name, "name");
  const scaling = checkAutoscaling(props.autoscaling ?? {});
  const resources = props.resources ?? D.resources;
  parseQuantity(resources.cpu, "resources.cpu");
  parseQuantity(resources.memory, "resources.memory");
  const env = Object.entries(props.env ?? {}).map(([envName, value]) => ({ name: checkEnvName(envName, "env"), value }));
  return {
    name,
    namespace: checkDns1123Label(props.namespace, "namespace"),
    image: checkImage(props.image),
    containerPort: checkContainerPort(props.containerPort ?? D.containerPort),
    cpu: resources.cpu,
    memory: resources.memory,
    livenessPath: checkPath(props.probes?.livenessPath ?? D.livenessPath, "probes.livenessPath"),
    readinessPath: checkPath(props.probes?.readinessPath ?? D.readinessPath, "probes.readinessPath"),
    runAsUser: checkUid(props.runAs?.user ?? D.runAsId, "runAs.user"),
    runAsGroup: checkUid(props.runAs?.group ?? D.runAsId, "runAs.group"),
    serviceAccountName: checkDns1123Subdomain(props.serviceAccountName ?? "default", "serviceAccountName"),
    ...scaling,
    whenUnsatisfiable: props.spread?.whenUnsatisfiable ?? D.whenUnsatisfiable,
    topologyKeys: props.spread?.topologyKeys ?? DEFAULT_TOPOLOGY_KEYS,
    tmpVolume: props.tmpVolume ?? D.tmpVolume,
    imagePullSecrets: (props.imagePullSecrets ?? []).map((secret) => checkDns1123Subdomain(secret, "imagePullSecrets")),
    env,
  };
}

/** The checked settings of a `NativeIngressExposure`'s Ingress. */
export interface ExposurePlan {
  readonly name: string;
  readonly namespace: string;
  readonly serviceName: string;
  readonly containerPort: number;
  readonly host?: string;
  readonly path: string;
  readonly tls?: IngressTls;
  readonly backendTls: boolean;
}

/** Checks an exposure's props and fills in the defaults. */
export function planExposure(props: Omit<NativeIngressExposureProps, "cluster" | "network" | "provider" | "kubernetesAccess" | "dependsOn" | "ingressClass" | "loadBalancer">): ExposurePlan {
  const serviceName = checkDns1035Label(props.serviceName, "serviceName");
  if (props.tls && "certificateId" in props.tls) checkOcid(props.tls.certificateId, "ingress.tls.certificateId", OcidType.certificate);
  if (props.tls && "secretName" in props.tls) checkDns1123Subdomain(props.tls.secretName, "ingress.tls.secretName");
  return {
    name: checkDns1123Subdomain(props.name ?? serviceName, "name"),
    namespace: checkDns1123Label(props.namespace, "namespace"),
    serviceName,
    containerPort: checkContainerPort(props.containerPort ?? D.containerPort),
    host: props.host === undefined ? undefined : checkHost(props.host),
    path: checkPath(props.path ?? "/", "ingress.path"),
    tls: props.tls,
    backendTls: props.backendTls ?? false,
  };
}

/** The checked settings of an `AppWorkload`: what its constructor then creates. */
export interface AppWorkloadPlan {
  readonly namespace: string;
  readonly name: string;
  readonly deployment: DeploymentPlan;
  readonly secretsServiceAccountName: string;
  /** The Kubernetes Secret External Secrets writes. */
  readonly secretName: string;
  readonly refreshInterval: string;
  /** The image's registry host, when the image names one. */
  readonly registryHost?: string;
  /** The migrate Job's image, with a bootstrap that migrates. */
  readonly migrateImage?: string;
  /** The database user the app connects as, and whether the bootstrap creates it. */
  readonly database?: { readonly user: string; readonly bootstrapped: boolean; readonly envNames: DatabaseEnvNames };
  /** Environment variables filled from the synced Secret: the database password's first. */
  readonly secretEnvNames: readonly string[];
  /** The Ingress, unless `ingress: false`. */
  readonly ingress?: ExposurePlan;
}

/** Checks an AppWorkload's props and fills in the defaults. Throws on the first bad value. */
export function planAppWorkload(props: AppWorkloadProps): AppWorkloadPlan {
  const namespace = checkDns1123Label(props.namespace, "namespace");
  const name = checkDns1035Label(props.name ?? props.namespace, "name");
  const deployment = planDeployment({ ...props, name, serviceAccountName: name });
  const refreshInterval = props.externalSecrets?.refreshInterval ?? D.refreshInterval;
  if (!DURATION.test(refreshInterval)) {
    throw new Error(`externalSecrets.refreshInterval: "${refreshInterval}" is not a duration such as 1h, 30m or 1h30m`);
  }
  const registryHost = imageRegistryHost(deployment.image);
  const migrateImage = props.database?.bootstrap?.migrate ? props.database.bootstrap.migrate.image ?? deployment.image : undefined;
  for (const [what, image] of [["image", deployment.image], ["database.bootstrap.migrate.image", migrateImage]] as const) {
    if (image && isOcirHost(imageRegistryHost(image)) && !props.imagePullCredentials) {
      throw new Error(
        `${what} "${image}" is on OCIR, which needs registry credentials; pass imagePullCredentials: a Vault secret holding {"username": "<tenancy-namespace>/<user>", "password": "<auth token>"}`,
      );
    }
  }
  if (props.imagePullCredentials && (!registryHost || isReference(registryHost))) {
    throw new Error(`image "${deployment.image}" names no literal registry host for the pull secret; give the image as <host>/<path>:<tag>`);
  }
  let database: AppWorkloadPlan["database"];
  const secretEnvNames: string[] = [];
  if (props.database) {
    const db = props.database;
    const bootstrapped = db.bootstrap !== undefined;
    if (db.user !== undefined && db.passwordSecret === undefined && !bootstrapped) {
      throw new Error(`database.user "${db.user}" is given without database.passwordSecret; give the secret holding that user's password`);
    }
    if (!/^[A-Za-z0-9_$]{1,64}$/.test(db.schemaName)) {
      throw new Error(`database.schemaName: "${db.schemaName}" is not a MySQL schema name; use 1–64 letters, digits, '_' and '$'`);
    }
    const user = bootstrapped ? checkMySqlUserName(db.user ?? name.replace(/-/g, "_").slice(0, 32), "database.user") : db.user ?? db.database.adminUsername;
    const envNames = { ...DEFAULT_DATABASE_ENV_NAMES, ...db.envNames };
    database = { user, bootstrapped, envNames };
    secretEnvNames.push(envNames.password);
  }
  secretEnvNames.push(...(props.secrets ?? []).map((s) => s.envName));
  const seen = new Set<string>();
  for (const envName of secretEnvNames) {
    if (!ENV_NAME.test(envName)) throw new Error(`secrets: "${envName}" is not an environment variable name`);
    if (seen.has(envName)) throw new Error(`secrets: ${envName} is mapped twice; each secret needs its own envName`);
    seen.add(envName);
  }
  if ((secretEnvNames.length || props.imagePullCredentials) && !(props.vault ?? props.database?.database.vault)) {
    throw new Error(`secrets are listed but no vault; pass vault`);
  }
  const ingressOptions = props.ingress === false ? undefined : props.ingress ?? {};
  return {
    namespace,
    name,
    deployment,
    secretsServiceAccountName: checkDns1123Subdomain(props.externalSecrets?.serviceAccountName ?? `${name}-secrets`, "externalSecrets.serviceAccountName"),
    secretName: `${name}-secrets`,
    refreshInterval,
    registryHost,
    migrateImage,
    database,
    secretEnvNames,
    ingress: ingressOptions && planExposure({ ...ingressOptions, namespace, serviceName: name, containerPort: deployment.containerPort }),
  };
}

/** @internal */
export function checkEnvName(name: string, what: string): string {
  if (!ENV_NAME.test(name)) {
    throw new Error(`${what}: "${name}" is not an environment variable name; use letters, digits, '_', '-' and '.', not starting with a digit`);
  }
  return name;
}

function checkDns1035Label(value: string, what: string): string {
  if (value.length > 63 || !DNS1035_LABEL.test(value)) {
    throw new Error(`${what}: "${value}" is not a valid Kubernetes Service name; use at most 63 lower-case letters, digits and '-', starting with a letter`);
  }
  return value;
}

function checkContainerPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`containerPort: ${port} is not a TCP port; use 1–65535`);
  }
  if (port >= 30000 && port <= 32767) {
    throw new Error(`containerPort: ${port} is in 30000-32767, which virtual nodes reserve for NodePorts; use another port such as 8080`);
  }
  return port;
}

function checkAutoscaling(options: AutoscalingOptions) {
  const minReplicas = options.minReplicas ?? D.minReplicas;
  const maxReplicas = options.maxReplicas ?? Math.max(D.maxReplicas, minReplicas);
  const targetCpuUtilization = options.targetCpuUtilization ?? D.targetCpuUtilization;
  const surgePercent = options.surgePercent ?? D.surgePercent;
  if (!Number.isInteger(minReplicas) || minReplicas < 2) {
    throw new Error(`autoscaling.minReplicas: ${minReplicas} is too few; use at least 2 so a disruption leaves a pod serving`);
  }
  if (!Number.isInteger(maxReplicas) || maxReplicas < minReplicas) {
    throw new Error(`autoscaling.maxReplicas: ${maxReplicas} is below minReplicas ${minReplicas}`);
  }
  if (!Number.isInteger(targetCpuUtilization) || targetCpuUtilization < 1 || targetCpuUtilization > 100) {
    throw new Error(`autoscaling.targetCpuUtilization: ${targetCpuUtilization} is not a percentage from 1 to 100`);
  }
  if (!Number.isInteger(surgePercent) || surgePercent < 0 || surgePercent > 100) {
    throw new Error(`autoscaling.surgePercent: ${surgePercent} is not a percentage from 0 to 100`);
  }
  return { minReplicas, maxReplicas, targetCpuUtilization, surgePercent };
}

function checkUid(id: number, what: string): number {
  if (!Number.isInteger(id) || id < D.runAsId || id > MAX_UID) {
    throw new Error(`${what}: ${id} is not allowed; use a whole number from ${D.runAsId} to ${MAX_UID} (above 10000, so it matches no user of the image's host)`);
  }
  return id;
}

function checkPath(path: string, what: string): string {
  if (!/^\/[^\s]*$/.test(path)) throw new Error(`${what}: "${path}" is not an HTTP path; start it with '/' and leave out spaces`);
  return path;
}

function checkHost(host: string): string {
  if (host.length > 253 || !HOST.test(host)) {
    throw new Error(`ingress.host: "${host}" is not a DNS name; use lower-case labels such as shop.example.com (a leading "*." is allowed)`);
  }
  return host;
}
