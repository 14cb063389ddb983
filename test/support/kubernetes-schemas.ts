/**
 * Validation of emitted Kubernetes objects against real schemas: core objects with
 * kubernetes-models (the Kubernetes OpenAPI schema), custom resources with their CRDs'
 * openAPIV3Schema from ../shared/schemas (External Secrets v1, OCI native ingress controller).
 *
 * CRD schemas are made strict the way the API server treats them: a field the schema does not
 * know is pruned on the server, so here it is an error.
 */
import Ajv, { ValidateFunction } from "ajv";
import * as fs from "fs";
import * as path from "path";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Job } from "kubernetes-models/batch/v1/Job";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

const SCHEMAS = path.join(__dirname, "..", "..", "..", "shared", "schemas");

type Model = { validate(): void };
const CORE: Record<string, new (data: any) => Model> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/Service": Service,
  "apps/v1/Deployment": Deployment,
  "batch/v1/Job": Job,
  "autoscaling/v2/HorizontalPodAutoscaler": HorizontalPodAutoscaler,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "networking.k8s.io/v1/Ingress": Ingress,
  "networking.k8s.io/v1/IngressClass": IngressClass,
};

const CRD_FILES: Record<string, string> = {
  "external-secrets.io/v1/SecretStore": "external-secrets-v1/secretstores.v1.json",
  "external-secrets.io/v1/ExternalSecret": "external-secrets-v1/externalsecrets.v1.json",
  "ingress.oraclecloud.com/v1beta1/IngressClassParameters": "oci-native-ingress/ingressclassparameters.v1beta1.json",
};

/** Objects with listed properties accept nothing else, unless the CRD keeps unknown fields. */
function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== "object") return schema;
  const out: any = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-kubernetes-")) continue;
    out[key] = strict(value);
  }
  if (out.type === "object" && out.properties && !schema["x-kubernetes-preserve-unknown-fields"] && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

// Formats (date-time in status fields) are not what is checked here.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validators: Record<string, ValidateFunction> = {};

function crdValidator(key: string): ValidateFunction | undefined {
  const file = CRD_FILES[key];
  if (!file) return undefined;
  if (!validators[key]) {
    const schema = strict(JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), "utf8")));
    // metadata is the API server's to check.
    schema.properties.metadata = { type: "object" };
    validators[key] = ajv.compile(schema);
  }
  return validators[key];
}

/** Throws when the object is not valid for its kind; returns the kind's schema source. */
export function validateKubernetesObject(object: { apiVersion: string; kind: string }): "kubernetes-models" | "crd" {
  const key = `${object.apiVersion}/${object.kind}`;
  const Core = CORE[key];
  if (Core) {
    new Core(object).validate();
    return "kubernetes-models";
  }
  const validate = crdValidator(key);
  if (!validate) throw new Error(`no schema for ${key}`);
  if (!validate(object)) {
    throw new Error(`${key} ${JSON.stringify((object as any).metadata?.name)}: ${ajv.errorsText(validate.errors, { separator: "; " })}`);
  }
  return "crd";
}

/** The Kubernetes objects of a synthesized stack's `kubernetes_manifest` resources. */
export function manifestsOf(tf: { resource: Record<string, Record<string, any>> }): { apiVersion: string; kind: string; metadata: any; spec?: any }[] {
  return Object.values(tf.resource.kubernetes_manifest ?? {}).map((r: any) => r.manifest);
}

/** The one object of `kind` (and `name`, when several). */
export function manifestOf(tf: { resource: Record<string, Record<string, any>> }, kind: string, name?: string): any {
  const found = manifestsOf(tf).filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0];
}
