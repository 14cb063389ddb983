import { checkDns1123Label, checkDns1123Subdomain } from "../../lib/common/kubernetes-names";

describe("Kubernetes names", () => {
  test.each(["app", "a", "external-secrets", "a1-b2", "0abc"])("label %s is accepted", (name) => {
    expect(checkDns1123Label(name, "namespace")).toBe(name);
  });

  test.each(["App", "-app", "app-", "a.b", "a_b", "", "x".repeat(64)])("label %j is rejected naming it", (name) => {
    expect(() => checkDns1123Label(name, "namespace")).toThrow(`namespace: "${name}" is not a valid Kubernetes name`);
  });

  test.each(["app.v1", "my-service-account", "x".repeat(253)])("subdomain %s is accepted", (name) => {
    expect(checkDns1123Subdomain(name, "serviceAccount")).toBe(name);
  });

  test.each(["App", "a..b", ".a", "a_b", "x".repeat(254)])("subdomain %j is rejected", (name) => {
    expect(() => checkDns1123Subdomain(name, "serviceAccount")).toThrow("is not a valid Kubernetes name");
  });
});
