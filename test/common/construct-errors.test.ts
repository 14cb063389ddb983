import { Construct, RootConstruct } from "constructs";
import { atPath, checkedAt } from "../../lib/common/construct-errors";

describe("checkedAt", () => {
  const root = new RootConstruct("app");
  const network = new Construct(new Construct(root, "platform"), "network");

  test("GIVEN a check that passes THEN its value", () => {
    expect(checkedAt(network, () => 42)).toBe(42);
  });

  test("GIVEN a check that throws THEN the error starts with the construct path", () => {
    expect(() =>
      checkedAt(network, () => {
        throw new Error("vcnDnsLabel: bad");
      }),
    ).toThrow(/^app\/platform\/network: vcnDnsLabel: bad$/);
  });

  test("GIVEN a message already prefixed THEN the path is not doubled", () => {
    expect(atPath(network, new Error("app/platform/network: x")).message).toBe("app/platform/network: x");
    expect(atPath(network, "plain").message).toBe("app/platform/network: plain");
  });

  test("GIVEN a child construct's own error THEN its path is kept, not prefixed with the parent's", () => {
    expect(atPath(network, new Error("app/platform/network/nsg-api: x")).message).toBe("app/platform/network/nsg-api: x");
    expect(atPath(network, new Error("app/platform/networks: x")).message).toBe("app/platform/network: app/platform/networks: x");
    expect(atPath(network, new Error("app/platform: x")).message).toBe("app/platform/network: app/platform: x");
  });
});
