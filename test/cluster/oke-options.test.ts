import {
  checkFaultDomains,
  checkKubernetesVersion,
  checkLabelKey,
  checkLabelValue,
  checkPlacement,
  checkPodShape,
  checkPoolSize,
  checkTaintEffect,
} from "../../lib/cluster/oke-options";

describe("OKE options", () => {
  test.each(["v1.28.2", "v1.34.1", "v2.0.0"])("Kubernetes %s is accepted", (v) => {
    expect(checkKubernetesVersion(v)).toBe(v);
  });

  test.each([
    ["1.34.1", 'kubernetesVersion: "1.34.1" is not of the form vX.Y.Z'],
    ["v1.34", 'kubernetesVersion: "v1.34" is not of the form vX.Y.Z'],
    ["v1.27.9", "kubernetesVersion: v1.27.9 is older than v1.28"],
    ["v0.99.0", "kubernetesVersion: v0.99.0 is older than v1.28"],
  ])("Kubernetes %s is rejected", (v, message) => {
    expect(() => checkKubernetesVersion(v)).toThrow(message);
  });

  test("pod shapes: the three virtual-node shapes only", () => {
    for (const shape of ["Pod.Standard.E3.Flex", "Pod.Standard.E4.Flex", "Pod.Standard.A1.Flex"]) {
      expect(checkPodShape(shape)).toBe(shape);
    }
    expect(() => checkPodShape("VM.Standard.E4.Flex")).toThrow(
      'podShape: "VM.Standard.E4.Flex" is not a virtual-node pod shape; use one of Pod.Standard.E3.Flex, Pod.Standard.E4.Flex, Pod.Standard.A1.Flex',
    );
  });

  test("fault domains: known names, no repeats, not empty", () => {
    expect(checkFaultDomains(["FAULT-DOMAIN-2"], "x")).toEqual(["FAULT-DOMAIN-2"]);
    expect(() => checkFaultDomains(["FAULT-DOMAIN-4"], "pool a")).toThrow('pool a: "FAULT-DOMAIN-4" is not a fault domain');
    expect(() => checkFaultDomains(["FAULT-DOMAIN-1", "FAULT-DOMAIN-1"], "x")).toThrow("lists a fault domain twice");
    expect(() => checkFaultDomains([], "x")).toThrow("faultDomains is empty");
  });

  test("placement defaults to all three fault domains and rejects repeated ADs", () => {
    expect(checkPlacement([{ availabilityDomain: "AD-1" }], "placement")).toEqual([
      { availabilityDomain: "AD-1", faultDomains: ["FAULT-DOMAIN-1", "FAULT-DOMAIN-2", "FAULT-DOMAIN-3"] },
    ]);
    expect(() => checkPlacement([{ availabilityDomain: "AD-1" }, { availabilityDomain: "AD-1" }], "placement")).toThrow(
      "placement lists an availability domain twice: AD-1, AD-1",
    );
    expect(() => checkPlacement([], "placement")).toThrow("placement is empty");
  });

  test("pool size is a whole number ≥ 1", () => {
    expect(checkPoolSize(3)).toBe(3);
    expect(() => checkPoolSize(0)).toThrow("virtual node pool size: 0 must be a whole number ≥ 1");
    expect(() => checkPoolSize(2.5)).toThrow("virtual node pool size: 2.5");
  });

  test("labels and taints follow Kubernetes' rules", () => {
    expect(checkLabelKey("app.kubernetes.io/part-of", "l")).toBe("app.kubernetes.io/part-of");
    expect(checkLabelKey("tier", "l")).toBe("tier");
    expect(() => checkLabelKey("Bad Key", "label")).toThrow('label: "Bad Key" is not a valid Kubernetes label key');
    expect(() => checkLabelKey("UPPER.example.com/x", "label")).toThrow("is not a valid Kubernetes label key");
    expect(checkLabelValue("", "v")).toBe("");
    expect(() => checkLabelValue("-x", "value")).toThrow('value: "-x" is not a valid Kubernetes label value');
    expect(checkTaintEffect("NoExecute", "t")).toBe("NoExecute");
    expect(() => checkTaintEffect("Never", "taint")).toThrow('taint: "Never" is not a taint effect; use NoSchedule, PreferNoSchedule, NoExecute');
  });
});
