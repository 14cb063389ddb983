import {
  NATIVE_INGRESS_CONTROLLER_CLASS,
  NIC_NSG_ANNOTATION,
  dockerConfigExternalSecretManifest,
  externalSecretManifest,
  ingressClassManifest,
  ingressClassParametersManifest,
  secretStoreManifest,
} from "../../lib/workloads/custom-resources";
import { validateKubernetesObject } from "../support/kubernetes-schemas";

describe("secretStoreManifest", () => {
  test("GIVEN a vault and a service account THEN a store on OKE workload identity, valid against the CRD", () => {
    const store = secretStoreManifest({ name: "s", namespace: "ns", vaultId: "ocid1.vault.oc1..v", region: "eu-frankfurt-1", serviceAccountName: "reader" });
    expect(validateKubernetesObject(store)).toBe("crd");
    expect(store.spec.provider.oracle).toEqual({ vault: "ocid1.vault.oc1..v", region: "eu-frankfurt-1", principalType: "Workload", serviceAccountRef: { name: "reader" } });
  });
});

describe("externalSecretManifest", () => {
  test("GIVEN two keys THEN one data entry each, owned target, valid against the CRD", () => {
    const es = externalSecretManifest({
      name: "app",
      namespace: "ns",
      storeName: "s",
      targetName: "app-secrets",
      refreshInterval: "30m",
      data: [
        { secretKey: "DB_PASSWORD", vaultSecretName: "db-pw" },
        { secretKey: "API_KEY", vaultSecretName: "api" },
      ],
    });
    expect(validateKubernetesObject(es)).toBe("crd");
    expect(es.spec).toEqual({
      refreshInterval: "30m",
      secretStoreRef: { kind: "SecretStore", name: "s" },
      target: { name: "app-secrets", creationPolicy: "Owner" },
      data: [
        { secretKey: "DB_PASSWORD", remoteRef: { key: "db-pw" } },
        { secretKey: "API_KEY", remoteRef: { key: "api" } },
      ],
    });
  });
});

describe("dockerConfigExternalSecretManifest", () => {
  const es = dockerConfigExternalSecretManifest({ name: "pull", namespace: "ns", storeName: "s", targetName: "pull", refreshInterval: "1h", registryHost: "fra.ocir.io", vaultSecretName: "creds" });

  test("THEN it reads the username and password fields of one Vault secret, valid against the CRD", () => {
    expect(validateKubernetesObject(es)).toBe("crd");
    expect(es.spec.data).toEqual([
      { secretKey: "username", remoteRef: { key: "creds", property: "username" } },
      { secretKey: "password", remoteRef: { key: "creds", property: "password" } },
    ]);
    expect(es.spec.target.template!.type).toBe("kubernetes.io/dockerconfigjson");
  });

  test("GIVEN values with quotes and backslashes THEN the template, rendered as ESO would, is the docker config JSON", () => {
    // The three template actions it uses, rendered the way sprig's toJson / b64enc do.
    const username = 'frankfurt/ns/"odd\\user';
    const password = "to}}ken\"'";
    const rendered = es.spec.target.template!.data[".dockerconfigjson"]
      .replace("{{ .username | toJson }}", JSON.stringify(username))
      .replace("{{ .password | toJson }}", JSON.stringify(password))
      .replace('{{ printf "%s:%s" .username .password | b64enc | toJson }}', JSON.stringify(Buffer.from(`${username}:${password}`).toString("base64")));
    expect(rendered).not.toContain("{{");
    const config = JSON.parse(rendered);
    expect(config).toEqual({ auths: { "fra.ocir.io": { username, password, auth: Buffer.from(`${username}:${password}`).toString("base64") } } });
  });
});

describe("ingressClassParametersManifest and ingressClassManifest", () => {
  test("GIVEN a load balancer THEN the parameters carry it whole, valid against the CRD", () => {
    const lb = { compartmentId: "ocid1.compartment.oc1..c", subnetId: "ocid1.subnet.oc1..s", loadBalancerName: "edge", isPrivate: true, minBandwidthMbps: 10, maxBandwidthMbps: 100 };
    const params = ingressClassParametersManifest("edge", "ns", lb);
    expect(validateKubernetesObject(params)).toBe("crd");
    expect(params.spec).toEqual(lb);
  });

  test("GIVEN NSGs and isDefault THEN the NSG annotation lists them, the default-class annotation is set, parameters are namespaced", () => {
    const cls = ingressClassManifest({ name: "edge", parametersName: "edge", parametersNamespace: "ns", controller: NATIVE_INGRESS_CONTROLLER_CLASS, nsgIds: ["ocid1.nsg.oc1..a", "ocid1.nsg.oc1..b"], isDefault: true });
    expect(validateKubernetesObject(cls as { apiVersion: string; kind: string })).toBe("kubernetes-models");
    expect(cls.metadata!.annotations).toEqual({ [NIC_NSG_ANNOTATION]: "ocid1.nsg.oc1..a,ocid1.nsg.oc1..b", "ingressclass.kubernetes.io/is-default-class": "true" });
    expect(cls.spec!.parameters).toEqual({ scope: "Namespace", namespace: "ns", apiGroup: "ingress.oraclecloud.com", kind: "ingressclassparameters", name: "edge" });
  });

  test("GIVEN not default THEN no default-class annotation", () => {
    const cls = ingressClassManifest({ name: "e", parametersName: "e", parametersNamespace: "ns", controller: NATIVE_INGRESS_CONTROLLER_CLASS, nsgIds: ["ocid1.nsg.oc1..a"], isDefault: false });
    expect(Object.keys(cls.metadata!.annotations!)).toEqual([NIC_NSG_ANNOTATION]);
  });
});
