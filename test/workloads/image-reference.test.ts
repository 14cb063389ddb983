import { checkImage, imageRegistryHost, isOcirHost } from "../../lib/workloads/image-reference";

describe("checkImage", () => {
  test.each([
    "fra.ocir.io/ns/shop:1.4.2",
    "registry.example.com:5000/team/app:v2",
    "app:1",
    `fra.ocir.io/ns/app@sha256:${"a".repeat(64)}`,
    `fra.ocir.io/ns/app:1.0@sha256:${"b".repeat(64)}`,
    "eu-frankfurt-1.ocir.io/${data.x.namespace}/app:1.0.0",
  ])("GIVEN %s THEN accepted as is", (image) => {
    expect(checkImage(image)).toBe(image);
  });

  test.each([
    ["fra.ocir.io/ns/shop", /has no tag or digest/],
    ["registry.example.com:5000/team/app", /has no tag or digest/],
    ["fra.ocir.io/ns/shop:latest", /moving tag latest/],
    ["fra.ocir.io/ns/shop:1 .0", /has no tag or digest/],
    ["", /has no tag or digest/],
    ["fra.ocir.io/ns/app@sha256:abc", /has no tag or digest/],
    ["eu-frankfurt-1.ocir.io/${data.x.namespace}/app", /has no tag or digest/],
  ])("GIVEN %s THEN an error naming it", (image, message) => {
    expect(() => checkImage(image)).toThrow(message);
    expect(() => checkImage(image)).toThrow(`"${image}"`);
  });
});

describe("imageRegistryHost and isOcirHost", () => {
  test.each([
    ["fra.ocir.io/ns/app:1", "fra.ocir.io", true],
    ["eu-frankfurt-1.ocir.io/ns/app:1", "eu-frankfurt-1.ocir.io", true],
    ["registry.example.com:5000/app:1", "registry.example.com:5000", false],
    ["localhost/app:1", "localhost", false],
    ["library/nginx:1.27", undefined, false],
    ["nginx:1.27", undefined, false],
    ["fra.ocir.io.evil.com/ns/app:1", "fra.ocir.io.evil.com", false],
  ])("GIVEN %s THEN host %s, OCIR %s", (image, host, ocir) => {
    expect(imageRegistryHost(image)).toBe(host);
    expect(isOcirHost(imageRegistryHost(image))).toBe(ocir);
  });

  test("GIVEN a host that is a reference THEN not taken for OCIR", () => {
    expect(isOcirHost("${var.region}.ocir.io")).toBe(false);
  });
});
