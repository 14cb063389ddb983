import { cpuCores, memoryGiB, parseQuantity, quantitiesEqual } from "../../lib/workloads/quantity";

describe("parseQuantity", () => {
  test.each([
    ["1", "1000m"],
    ["0.5", "500m"],
    [".5", "500m"],
    ["1Gi", "1024Mi"],
    ["1G", "1000M"],
    ["1e3", "1k"],
    ["2E-3", "2m"],
    [1, "1"],
    ["250m", "0.25"],
    ["1.5Gi", "1536Mi"],
  ])("THEN %p equals %p", (a, b) => {
    expect(quantitiesEqual(a, b, "q")).toBe(true);
  });

  test.each([
    ["1", "1001m"],
    ["1Gi", "1G"],
    ["512Mi", "0.5G"],
  ])("THEN %p differs from %p", (a, b) => {
    expect(quantitiesEqual(a, b, "q")).toBe(false);
  });

  test("THEN a fraction finer than nano-units rounds up, as Kubernetes rounds", () => {
    expect(parseQuantity("0.0000000001", "q")).toBe(1n);
  });

  test("THEN cores and GiB for reports", () => {
    expect(cpuCores("250m", "cpu")).toBe(0.25);
    expect(memoryGiB("512Mi", "memory")).toBe(0.5);
  });

  test.each(["", "1 Gi", "1gi", "one", "1.2.3", "1Gib", "0x10", "m"])("GIVEN %j THEN a clear error naming it", (value) => {
    expect(() => parseQuantity(value, "resources.cpu")).toThrow(`resources.cpu: "${value}" is not a Kubernetes quantity`);
  });
});
