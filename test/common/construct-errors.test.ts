import { Construct } from "constructs";
import { withPath } from "../../lib/common/construct-errors";

describe("withPath", () => {
  const root = new Construct(undefined as unknown as Construct, "root");
  const part = new Construct(new Construct(root, "app"), "deployment");

  test("GIVEN a check that passes THEN its value", () => {
    expect(withPath(part, () => 42)).toBe(42);
  });

  test("GIVEN a check that throws THEN the construct path is put in front", () => {
    expect(() =>
      withPath(part, () => {
        throw new Error("containerPort: 0 is not a TCP port");
      }),
    ).toThrow(/^root\/app\/deployment: containerPort: 0 is not a TCP port$/);
  });

  test("GIVEN an error that already names the path THEN it is not named twice", () => {
    expect(() =>
      withPath(part, () => {
        throw new Error("root/app/deployment: bad");
      }),
    ).toThrow(/^root\/app\/deployment: bad$/);
  });
});
