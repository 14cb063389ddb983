/**
 * The custom resources the library emits: External Secrets' SecretStore and ExternalSecret
 * (`external-secrets.io/v1`, reference §5) and the OCI native ingress controller's
 * IngressClassParameters with its IngressClass (reference §10). Their shapes are checked against
 * the CRDs' own schemas (../shared/schemas/) in the tests. Pure: no cdktf imports.
 */
import type { IIngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { MANAGED_BY } from "./app-manifests";

interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** @internal */
export interface SecretStore {
  readonly apiVersion: "external-secrets.io/v1";
  readonly kind: "SecretStore";
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly provider: {
      readonly oracle: {
        readonly vault: string;
        readonly region: string;
        readonly principalType: "Workload";
        readonly serviceAccountRef: { readonly name: string };
      };
    };
  };
}

/** @internal */
export interface ExternalSecret {
  readonly apiVersion: "external-secrets.io/v1";
  readonly kind: "ExternalSecret";
  readonly metadata: ObjectMeta;
  readonly spec: {
    readonly refreshInterval: string;
    readonly secretStoreRef: { readonly kind: "SecretStore"; readonly name: string };
    readonly target: {
      readonly name: string;
      readonly creationPolicy: "Owner";
      readonly template?: { readonly type: string; readonly engineVersion: "v2"; readonly data: Record<string, string> };
    };
    readonly data: readonly { readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property?: string } }[];
  };
}

/**
 * The load balancer an IngressClassParameters describes (its whole spec).
 * @internal
 */
export interface LoadBalancerInput {
  readonly compartmentId: string;
  readonly subnetId: string;
  readonly loadBalancerName: string;
  readonly isPrivate: boolean;
  readonly minBandwidthMbps: number;
  readonly maxBandwidthMbps: number;
}

/** @internal */
export interface IngressClassParameters {
  readonly apiVersion: "ingress.oraclecloud.com/v1beta1";
  readonly kind: "IngressClassParameters";
  readonly metadata: ObjectMeta;
  readonly spec: LoadBalancerInput;
}

const labels = { "app.kubernetes.io/managed-by": MANAGED_BY };

/**
 * A namespaced store reading one OCI Vault with OKE workload identity: External Secrets exchanges
 * the token of `serviceAccountName` (in the store's namespace) at the API endpoint, so the IAM
 * policy must name exactly that namespace and service account.
 * @internal
 */
export function secretStoreManifest(input: { name: string; namespace: string; vaultId: string; region: string; serviceAccountName: string }): SecretStore {
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "SecretStore",
    metadata: { name: input.name, namespace: input.namespace, labels },
    spec: {
      provider: {
        oracle: {
          vault: input.vaultId,
          region: input.region,
          principalType: "Workload",
          serviceAccountRef: { name: input.serviceAccountName },
        },
      },
    },
  };
}

/**
 * Vault secrets (by name) mapped to keys of one Kubernetes Secret that External Secrets owns.
 * @internal
 */
export function externalSecretManifest(input: {
  name: string;
  namespace: string;
  storeName: string;
  targetName: string;
  refreshInterval: string;
  data: readonly { secretKey: string; vaultSecretName: string }[];
}): ExternalSecret {
  return externalSecret(
    input,
    {},
    input.data.map((d) => ({ secretKey: d.secretKey, remoteRef: { key: d.vaultSecretName } })),
  );
}

/**
 * A Secret of type `kubernetes.io/dockerconfigjson` for one registry, rendered by External
 * Secrets from a Vault secret holding JSON `{"username": …, "password": …}` (reference §15). The
 * template (ESO engine v2, sprig functions) JSON-encodes both values, so any character in the user
 * name or token stays inside its string. `remoteRef.property` picks a JSON field of the secret's
 * content: the Oracle provider decodes the bundle and reads the field with gjson
 * (external-secrets pkg/provider/oracle/oracle.go, GetSecret).
 * @internal
 */
export function dockerConfigExternalSecretManifest(input: {
  name: string;
  namespace: string;
  storeName: string;
  targetName: string;
  refreshInterval: string;
  registryHost: string;
  vaultSecretName: string;
}): ExternalSecret {
  const server = JSON.stringify(input.registryHost);
  const dockerConfig =
    `{"auths":{${server}:{"username":{{ .username | toJson }},"password":{{ .password | toJson }},` +
    `"auth":{{ printf "%s:%s" .username .password | b64enc | toJson }}}}}`;
  return externalSecret(
    input,
    { template: { type: "kubernetes.io/dockerconfigjson", engineVersion: "v2", data: { ".dockerconfigjson": dockerConfig } } },
    ["username", "password"].map((property) => ({ secretKey: property, remoteRef: { key: input.vaultSecretName, property } })),
  );
}

/** An ExternalSecret from the store `storeName` to the Secret `targetName`, which it owns. */
function externalSecret(
  input: { name: string; namespace: string; storeName: string; targetName: string; refreshInterval: string },
  target: Pick<ExternalSecret["spec"]["target"], "template">,
  data: ExternalSecret["spec"]["data"],
): ExternalSecret {
  return {
    apiVersion: "external-secrets.io/v1",
    kind: "ExternalSecret",
    metadata: { name: input.name, namespace: input.namespace, labels },
    spec: {
      refreshInterval: input.refreshInterval,
      secretStoreRef: { kind: "SecretStore", name: input.storeName },
      target: { name: input.targetName, creationPolicy: "Owner", ...target },
      data,
    },
  };
}

/** @internal */
export function ingressClassParametersManifest(name: string, namespace: string, lb: LoadBalancerInput): IngressClassParameters {
  return {
    apiVersion: "ingress.oraclecloud.com/v1beta1",
    kind: "IngressClassParameters",
    metadata: { name, namespace, labels },
    spec: { ...lb },
  };
}

/** @internal */
export const NATIVE_INGRESS_CONTROLLER_CLASS = "oci.oraclecloud.com/native-ingress-controller";
/**
 * IngressClass annotation attaching NSGs to the load balancer the controller creates.
 * @internal
 */
export const NIC_NSG_ANNOTATION = "oci-native-ingress.oraclecloud.com/network-security-group-ids";

/**
 * An IngressClass for the native ingress controller, its LB in the given NSGs.
 * @internal
 */
export function ingressClassManifest(input: {
  name: string;
  parametersName: string;
  parametersNamespace: string;
  controller: string;
  nsgIds: readonly string[];
  isDefault: boolean;
}): IIngressClass {
  const annotations: Record<string, string> = { [NIC_NSG_ANNOTATION]: input.nsgIds.join(",") };
  if (input.isDefault) annotations["ingressclass.kubernetes.io/is-default-class"] = "true";
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "IngressClass",
    metadata: { name: input.name, labels, annotations },
    spec: {
      controller: input.controller,
      parameters: {
        scope: "Namespace",
        namespace: input.parametersNamespace,
        apiGroup: "ingress.oraclecloud.com",
        kind: "ingressclassparameters",
        name: input.parametersName,
      },
    },
  };
}
