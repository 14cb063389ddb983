import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { podSpecViolations } from "../../lib/workloads/virtual-node-pod-rules";
import {
  APP_PASSWORD_ENV,
  DEFAULT_DATABASE_ENV_NAMES,
  bootstrapJobManifest,
  bootstrapScript,
  secretEnv,
} from "../../lib/workloads/database-bootstrap-manifests";
import { validateKubernetesObject } from "../support/kubernetes-schemas";

const env = { host: "DB_HOST", port: "DB_PORT", user: "DB_USER", password: "DB_PASSWORD" };

/** Runs the script with /bin/sh and a stand-in `mysql` that records its arguments and stdin. */
function runScript(script: string, vars: Record<string, string>): { status: number | null; stderr: string; args: string; sql: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bootstrap-script-"));
  try {
    fs.writeFileSync(path.join(dir, "mysql"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\ncat > "${dir}/sql"\n`, { mode: 0o755 });
    const result = spawnSync("/bin/sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin`, ...vars }, encoding: "utf8", timeout: 10_000 });
    const read = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : "");
    return { status: result.status, stderr: result.stderr, args: read("args"), sql: read("sql") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("bootstrapScript", () => {
  const script = bootstrapScript({ database: "shop", user: "shop_api", env, tlsMode: "required" });
  const vars = { DB_HOST: "10.0.3.5", DB_PORT: "3306", DB_USER: "admin", DB_PASSWORD: 'adm"in$pw`x', [APP_PASSWORD_ENV]: "S3cret-$(touch /tmp/pwned)-`id`" };

  test("THEN no ${ in the script (it sits in Terraform JSON, where ${ interpolates)", () => {
    expect(script).not.toContain("${");
  });

  test("GIVEN a shell-hostile admin password THEN run by sh, mysql gets it as one argument, with TLS required", () => {
    const run = runScript(script, vars);
    expect(run.status).toBe(0);
    expect(run.args.split("\n")).toEqual(expect.arrayContaining(["--host=10.0.3.5", "--port=3306", "--user=admin", `--password=${vars.DB_PASSWORD}`, "--ssl-mode=REQUIRED"]));
  });

  test("GIVEN an app password with $( ) and backticks THEN it reaches the SQL literally, unexpanded", () => {
    const run = runScript(script, vars);
    expect(run.sql).toContain(`'${vars[APP_PASSWORD_ENV]}'`);
    expect(run.sql).toMatch(/CREATE DATABASE IF NOT EXISTS `shop`/);
    expect(fs.existsSync("/tmp/pwned")).toBe(false);
  });

  test.each(["", "it's", "back\\slash"])("GIVEN the app password %j THEN the script refuses it before calling mysql", (password) => {
    const run = runScript(script, { ...vars, [APP_PASSWORD_ENV]: password });
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/refuses it/);
    expect(run.sql).toBe("");
  });

  test("GIVEN tlsMode disabled THEN --ssl-mode=DISABLED", () => {
    expect(bootstrapScript({ database: "d", user: "u", env, tlsMode: "disabled" })).toContain("--ssl-mode=DISABLED");
  });

  test("GIVEN an env name the shell cannot read THEN an error naming it", () => {
    expect(() => bootstrapScript({ database: "d", user: "u", env: { ...env, host: "DB-HOST" }, tlsMode: "required" })).toThrow(/database.envNames: "DB-HOST"/);
  });

  test("THEN the script is valid sh (sh -n)", () => {
    expect(() => execFileSync("/bin/sh", ["-n", "-c", script])).not.toThrow();
  });
});

describe("bootstrapJobManifest", () => {
  const job = bootstrapJobManifest({
    name: "shop-db-bootstrap-abc",
    namespace: "shop",
    labels: { "app.kubernetes.io/name": "shop-db-bootstrap" },
    container: { name: "create-user", image: "docker.io/library/mysql:8.4.11", command: ["/bin/sh", "-c", "true"], resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "250m", memory: "512Mi" } } },
    serviceAccountName: "shop-db-bootstrap",
    runAsUser: 10001,
    runAsGroup: 10001,
    imagePullSecrets: ["shop-registry"],
    backoffLimit: 4,
    activeDeadlineSeconds: 900,
  });

  test("THEN a valid Job that never restarts in place, with a deadline and no token", () => {
    expect(validateKubernetesObject(job as { apiVersion: string; kind: string })).toBe("kubernetes-models");
    expect(job.spec).toMatchObject({ backoffLimit: 4, activeDeadlineSeconds: 900 });
    expect(job.spec!.template.spec).toMatchObject({ restartPolicy: "Never", automountServiceAccountToken: false, imagePullSecrets: [{ name: "shop-registry" }] });
    expect(job.spec!.ttlSecondsAfterFinished).toBeUndefined();
  });

  test("THEN its pod passes the virtual-node rules", () => {
    expect(podSpecViolations(job.spec!.template.spec!, "spec.template.spec")).toEqual([]);
    // The premise: the rules do reject a pod that breaks them.
    expect(podSpecViolations({ ...job.spec!.template.spec!, hostNetwork: true }, "spec.template.spec").length).toBeGreaterThan(0);
  });
});

describe("secretEnv and the default env names", () => {
  test("THEN a secretKeyRef on the given key, the name by default", () => {
    expect(secretEnv("DB_PASSWORD", "s")).toEqual({ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "s", key: "DB_PASSWORD" } } });
    expect(secretEnv("X", "s", "k").valueFrom!.secretKeyRef!.key).toBe("k");
  });

  test("THEN the defaults are the documented DB_HOST, DB_PORT, DB_USER, DB_PASSWORD, DB_NAME", () => {
    expect(Object.values(DEFAULT_DATABASE_ENV_NAMES).sort()).toEqual(["DB_HOST", "DB_NAME", "DB_PASSWORD", "DB_PORT", "DB_USER"]);
  });
});
