/**
 * Kubernetes object-name rules, checked at synth so a bad name fails before `cdktf deploy`.
 * Pure: no cdktf imports.
 */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespaces (and Services) must be RFC 1123 labels: ≤ 63 lower-case letters, digits, '-'. */
export function checkDns1123Label(value: string, what: string): string {
  if (value.length > 63 || !DNS1123_LABEL.test(value)) {
    throw new Error(
      `${what}: "${value}" is not a valid Kubernetes name; use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit`,
    );
  }
  return value;
}

/** Most object names (ServiceAccounts, Secrets, Deployments) must be RFC 1123 subdomains. */
export function checkDns1123Subdomain(value: string, what: string): string {
  if (value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    throw new Error(
      `${what}: "${value}" is not a valid Kubernetes name; use at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit`,
    );
  }
  return value;
}
