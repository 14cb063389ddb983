/**
 * Mistyped settings: environment variables in the reference app's namespaces (`OCI_*`, `OKE_*`,
 * `TF_CLOUD_*`, `TF_WORKSPACE*`) and cdktf.json context keys that nothing reads, each with the
 * closest known name. Pure: no cdktf imports.
 */

/** The namespaces checked: a variable outside them is none of this app's business. */
export const CHECKED_ENV_PREFIXES = ["OCI_", "OKE_", "TF_CLOUD_", "TF_WORKSPACE"] as const;

/**
 * Variables the tools around the app read themselves, so setting them is not a mistake:
 * - OCI CLI: every `OCI_CLI_*` (OCI_CLI_PROFILE, OCI_CLI_REGION, OCI_CLI_CONFIG_FILE, OCI_CLI_AUTH,
 *   …; docs.oracle.com/iaas/Content/API/SDKDocs/clienvironmentvariables.htm).
 * - OCI SDKs: OCI_CONFIG_FILE (the Python SDK's fallback config path,
 *   docs.oracle.com/en-us/iaas/tools/python/latest/api/config.html), OCI_REGION_METADATA (a region
 *   the SDK does not know, docs.oracle.com/iaas/Content/API/Concepts/sdk_adding_new_region_endpoints.htm),
 *   every `OCI_RESOURCE_PRINCIPAL_*` (resource principal session tokens,
 *   docs.oracle.com/en-us/iaas/Content/bigdata/manage-cluster-resource-principal-access-token-env-var.htm).
 * - Terraform's `cloud` block: TF_CLOUD_ORGANIZATION, TF_CLOUD_HOSTNAME, TF_CLOUD_PROJECT and
 *   TF_WORKSPACE (developer.hashicorp.com/terraform/cli/cloud/settings, "Environment Variables").
 */
export const EXTERNAL_ENV = ["OCI_CONFIG_FILE", "OCI_REGION_METADATA", "TF_CLOUD_ORGANIZATION", "TF_CLOUD_HOSTNAME", "TF_CLOUD_PROJECT", "TF_WORKSPACE"] as const;
export const EXTERNAL_ENV_PREFIXES = ["OCI_CLI_", "OCI_RESOURCE_PRINCIPAL_"] as const;

/** Context keys cdktf itself sets (cdktfVersion, cdktfRelativeModules, …) or feature flags with a '/'. */
function isFrameworkContextKey(key: string): boolean {
  return key.startsWith("cdktf") || key.includes("/");
}

/** Edit distance with adjacent transpositions counted once (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known name closest to `name` (case and '_'/'-' ignored), if it is close enough to be a typo. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, "");
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(norm(name), norm(candidate));
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  // A third of the name may differ: OKE_API_ACESS → OKE_API_ACCESS, nodePoolSzie → nodePoolSize.
  return best && best.distance <= Math.max(2, Math.floor(norm(name).length / 3)) ? best.name : undefined;
}

/** The settings as `unknownSettingWarnings` needs them. */
export interface NamedSetting {
  readonly env: string;
  readonly context: string;
}

/**
 * One warning per unknown variable in the checked namespaces and per unknown context key, with the
 * closest known name when there is one. Warnings, not errors: a variable may be meant for another
 * tool, and a newer version of this app may read it.
 */
export function unknownSettingWarnings(
  env: Readonly<Record<string, string | undefined>>,
  context: Readonly<Record<string, unknown>>,
  settings: readonly NamedSetting[],
): string[] {
  const warnings: string[] = [];
  const ownEnv = settings.map((s) => s.env);
  const knownEnv = new Set<string>([...ownEnv, ...EXTERNAL_ENV]);
  for (const name of Object.keys(env).sort()) {
    if (env[name] === undefined || !CHECKED_ENV_PREFIXES.some((p) => name.startsWith(p))) continue;
    if (knownEnv.has(name) || EXTERNAL_ENV_PREFIXES.some((p) => name.startsWith(p))) continue;
    const suggestion = closestName(name, [...ownEnv, ...EXTERNAL_ENV]);
    warnings.push(
      `${name} is not a setting of this app (nor one the OCI CLI, the OCI SDKs or Terraform read) and is ignored` +
        (suggestion ? `; did you mean ${suggestion}?` : "; see README Settings"),
    );
  }
  const contextKeys = settings.map((s) => s.context);
  for (const key of Object.keys(context).sort()) {
    if (context[key] === undefined || contextKeys.includes(key) || isFrameworkContextKey(key)) continue;
    const byEnvName = settings.find((s) => s.env === key);
    const suggestion = byEnvName?.context ?? closestName(key, contextKeys);
    warnings.push(`cdktf.json context ${key} is not a setting of this app and is ignored` + (suggestion ? `; did you mean ${suggestion}?` : "; see README Settings"));
  }
  return warnings;
}
