/**
 * The Jobs that prepare an app's database before its Deployment rolls: a client Job creating the
 * app's database and user (with the admin credentials), then a Job running the app image's
 * migrations. Two Jobs rather than an init container: virtual nodes do not run init containers
 * (reference §4; Oracle, "Comparing Virtual Nodes with Managed Nodes"), and the app image need
 * not carry a MySQL client. Pure: no cdktf imports; values may be Terraform references.
 */
import type { IJob } from "kubernetes-models/batch/v1/Job";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import { appUserStatements } from "../database/app-user-sql";
import { MANAGED_BY, TMP_VOLUME } from "./app-manifests";

export interface DatabaseEnvNames {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly schema: string;
}

/** The connection's environment variable names the app (and the migrate Job) read. */
export const DEFAULT_DATABASE_ENV_NAMES: DatabaseEnvNames = {
  host: "DB_HOST",
  port: "DB_PORT",
  user: "DB_USER",
  password: "DB_PASSWORD",
  schema: "DB_NAME",
};

/** The environment variable holding the app user's password in the client Job. */
export const APP_PASSWORD_ENV = "APP_DB_PASSWORD";
/** Stands in for the password in the SQL until the script puts the shell variable there. */
const PASSWORD_MARKER = "__oke_vn_app_password__";
const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** How the client connects to MySQL: TLS required (HeatWave serves TLS), or off for local tests. */
export type ClientTlsMode = "required" | "disabled";

/** @internal */
export interface BootstrapScriptInput {
  readonly database: string;
  readonly user: string;
  /** Environment variable names of the admin connection. */
  readonly env: { readonly host: string; readonly port: string; readonly user: string; readonly password: string };
  readonly tlsMode: ClientTlsMode;
}

/**
 * A POSIX sh script for the MySQL client image: refuses an app password that could break the
 * SQL literal, then feeds `appUserStatements` to `mysql` through a here-document. Passwords come
 * only from the environment: the admin's as one double-quoted argument (any character is safe
 * there), the app user's through the here-document's expansion (its result is not re-parsed by
 * the shell, and the check keeps it inside the SQL literal). `$`, backticks and backslashes of the
 * SQL itself are escaped, so only the password variable expands.
 * @internal
 */
export function bootstrapScript(input: BootstrapScriptInput): string {
  const { host, port, user, password } = input.env;
  for (const name of [host, port, user, password]) {
    if (!SHELL_NAME.test(name)) throw new Error(`database.envNames: "${name}" is not a shell variable name the bootstrap script can read; use letters, digits and '_'`);
  }
  const statements = appUserStatements({ database: input.database, user: input.user, password: PASSWORD_MARKER });
  // `$NAME`, never `${NAME}`: the script sits in Terraform JSON, where `${` starts an interpolation.
  const sql = statements
    .map((s) => `${s};`)
    .join("\n")
    .replace(/[\\`$]/g, (ch) => `\\${ch}`)
    .split(PASSWORD_MARKER)
    .join(`$${APP_PASSWORD_ENV}`);
  return [
    "set -eu",
    `case "$${APP_PASSWORD_ENV}" in`,
    `  ""|*"'"*|*\\\\*) echo "${APP_PASSWORD_ENV} is empty or holds a quote or backslash; the bootstrap refuses it (use a generated password)" >&2; exit 64 ;;`,
    "esac",
    `mysql --protocol=TCP --host="$${host}" --port="$${port}" --user="$${user}" --password="$${password}" ` +
      `--ssl-mode=${input.tlsMode === "required" ? "REQUIRED" : "DISABLED"} --connect-timeout=20 --batch <<SQL`,
    sql,
    "SQL",
    `echo 'database ${input.database} and user ${input.user} are ready'`,
  ].join("\n");
}

/** @internal */
export interface BootstrapJobInput {
  readonly name: string;
  readonly namespace: string;
  /** Labels of the Job and its pods. */
  readonly labels: Record<string, string>;
  readonly container: IContainer;
  readonly serviceAccountName: string;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  readonly imagePullSecrets: readonly string[];
  readonly backoffLimit: number;
  readonly activeDeadlineSeconds: number;
}

/**
 * A Job fit for virtual nodes: one container with requests = limits, non-root, read-only root
 * filesystem with a /tmp emptyDir, no service-account token, restartPolicy Never with a
 * backoffLimit. No ttlSecondsAfterFinished: Terraform would recreate a Job Kubernetes deleted.
 * @internal
 */
export function bootstrapJobManifest(input: BootstrapJobInput): IJob {
  const metadata = {
    name: input.name,
    namespace: input.namespace,
    labels: { ...input.labels, "app.kubernetes.io/managed-by": MANAGED_BY },
  };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata,
    spec: {
      backoffLimit: input.backoffLimit,
      activeDeadlineSeconds: input.activeDeadlineSeconds,
      template: {
        metadata: { labels: metadata.labels },
        spec: {
          restartPolicy: "Never",
          serviceAccountName: input.serviceAccountName,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: input.runAsUser, runAsGroup: input.runAsGroup },
          ...(input.imagePullSecrets.length ? { imagePullSecrets: input.imagePullSecrets.map((name) => ({ name })) } : {}),
          containers: [
            {
              ...input.container,
              securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
              volumeMounts: [{ name: TMP_VOLUME, mountPath: "/tmp" }],
            },
          ],
          volumes: [{ name: TMP_VOLUME, emptyDir: {} }],
        },
      },
    },
  };
}

/**
 * An env var read from a key of a Kubernetes Secret.
 * @internal
 */
export function secretEnv(name: string, secretName: string, key: string = name): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secretName, key } } };
}
