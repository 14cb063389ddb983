import { COMPLIANCE_RULES, isInternetCidr } from "../../lib/checks/compliance-rules";

describe("isInternetCidr", () => {
  test.each(["0.0.0.0/0", "0.0.0.0/1", "128.0.0.0/1", "203.0.113.0/24", "8.8.8.8/32", "8.8.8.8", "10.0.0.0/7", "172.0.0.0/8"])("GIVEN %s THEN it is the internet (outside the private ranges)", (cidr) => {
    expect(isInternetCidr(cidr)).toBe(true);
  });

  test.each(["10.0.0.0/8", "10.20.0.0/16", "172.16.0.0/12", "172.31.255.0/24", "192.168.1.0/24", "10.1.2.3", "${var.office_cidr}", "all-fra-services-in-oracle-services-network", undefined])(
    "GIVEN %s THEN it is not",
    (cidr) => {
      expect(isInternetCidr(cidr)).toBe(false);
    },
  );
});

describe("COMPLIANCE_RULES", () => {
  test("THEN ids are unique and every rule says what it checks and how to comply", () => {
    const ids = COMPLIANCE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of COMPLIANCE_RULES) {
      expect(rule.rule.length).toBeGreaterThan(20);
      expect(rule.fix.length).toBeGreaterThan(10);
    }
  });

  test("GIVEN an NSG rule from 0.0.0.0/1 to all TCP ports THEN CIS-OCI-2.3 finds 22 and 3389", () => {
    const rule = COMPLIANCE_RULES.find((r) => r.id === "CIS-OCI-2.3")!;
    const resource = { type: "oci_core_network_security_group_security_rule", name: "r", path: "s/r", body: { direction: "INGRESS", protocol: "6", source: "0.0.0.0/1" } };
    expect(rule.check([resource])).toEqual([{ resource, detail: "ingress from 0.0.0.0/1 opens 22, 3389" }]);
  });

  test("GIVEN an automatic rotation on a key of a DEFAULT vault THEN CIS-OCI-4.16 says OCI does not offer it there", () => {
    const rule = COMPLIANCE_RULES.find((r) => r.id === "CIS-OCI-4.16")!;
    const vault = { type: "oci_kms_vault", name: "v", path: "s/v", body: { vault_type: "DEFAULT" } };
    const key = {
      type: "oci_kms_key",
      name: "k",
      path: "s/k",
      body: { management_endpoint: "${oci_kms_vault.v.management_endpoint}", is_auto_rotation_enabled: true, auto_key_rotation_details: { rotation_interval_in_days: 90 } },
    };
    expect(rule.check([vault, key])).toEqual([{ resource: key, detail: "automatic rotation is set on a key of a DEFAULT vault, where OCI does not offer it" }]);
  });
});
