/** Container image references. Pure: no cdktf imports. */
import { isReference } from "../common/references";

/**
 * Explicit tag or digest, never `latest`: a moving tag makes every pod start a different image.
 * Where the registry part is a reference (an OCIR repository of the stack), the literal tail is checked.
 */
export function checkImage(image: string): string {
  const literal = isReference(image) ? image.slice(image.lastIndexOf("}") + 1) : image;
  const lastSegment = literal.slice(literal.lastIndexOf("/") + 1);
  const digest = /@sha256:[a-f0-9]{64}$/.test(lastSegment);
  const tag = /^[^:@]*:([\w][\w.-]{0,127})(@sha256:[a-f0-9]{64})?$/.exec(lastSegment)?.[1];
  if (!image || /\s/.test(image) || (!digest && !tag)) {
    throw new Error(`image: "${image}" has no tag or digest; pin one, e.g. fra.ocir.io/<namespace>/shop:1.4.2 or …@sha256:<digest>`);
  }
  if (tag === "latest") {
    throw new Error(`image: "${image}" uses the moving tag latest; pin a version tag or a digest`);
  }
  return image;
}

/** The registry host of an image reference (`fra.ocir.io` of `fra.ocir.io/ns/app:1`), if it names one. */
export function imageRegistryHost(image: string): string | undefined {
  const slash = image.indexOf("/");
  if (slash < 0) return undefined;
  const first = image.slice(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : undefined;
}

/** OCIR hosts: `<region-key>.ocir.io` or `<region>.ocir.io` (Oracle, "Preparing for Container Registry"). */
export function isOcirHost(host: string | undefined): boolean {
  return host !== undefined && !isReference(host) && /^[a-z0-9-]+\.ocir\.io$/.test(host);
}
