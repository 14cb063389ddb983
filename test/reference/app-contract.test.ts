/**
 * Synth-to-run contract: what the synthesized `oke-app` stack tells Kubernetes about the app
 * (container port, probes, env and the Secrets behind it, UID/GID, read-only root filesystem and
 * writable mounts, the migrate Job's command) must fit the real app in app/. Everything is READ
 * from the reference architecture synthesized here; nothing is copied into the test.
 *
 * Then the manifests are played out on this machine, as the kubelet would:
 * - a throwaway MariaDB (the app's test harness) stands in for the HeatWave DB system: its admin is
 *   the platform's `admin_username` with the password of the `random_password` the DB system uses;
 * - "Terraform" generates each `random_password` of the stacks; a "Vault" maps each `oci_vault_secret`'s
 *   name to its content; "External Secrets" renders each ExternalSecret's keys from it;
 * - the library's bootstrap SQL creates DB_USER on DB_NAME (values from the Deployment);
 * - the migrate Job's `command` runs with its env; the app starts with the Deployment's env;
 * - both run as the pod's runAsUser/runAsGroup, from a read-only copy of the image's files
 *   (app/Dockerfile's final stage: dist, production node_modules, package.json, in its WORKDIR),
 *   with the image's ENV, and with the pod's only writable mount (/tmp, an emptyDir) mapped to
 *   TMPDIR: a temp folder owned by that UID.
 * Mappings a laptop needs and Kubernetes does not, each said where it happens: the database
 * endpoint reference → 127.0.0.1, DB_PORT 3306 → the test server's port, /tmp → TMPDIR.
 *
 * Needs root to switch to the pod's UID (CI runs as root). Not root: it runs as the caller and says
 * so loudly in the test names and on stderr (the read-only copy is then enforced by file modes).
 */
import { spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { chmodSync, chownSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { APP_DIR, MariaDbServer, RunningApp, startApp, startMariaDb } from "../../app/test/support/mariadb-server";
import { appUserStatements } from "../../lib/database/app-user-sql";
import { buildReferenceApp } from "../../reference/reference-app";
import { readReferenceConfig } from "../../reference/reference-config";
import { manifestOf, manifestsOf } from "../support/kubernetes-schemas";
import { TfJson, resourcesOf, synthApp } from "../support/synth";

jest.setTimeout(90_000);

const DIST = join(APP_DIR, "dist");
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

// ---------------------------------------------------------------------------------------------
// Reading the synthesized stacks

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean }; [other: string]: unknown };
}

/** The one container of a pod spec (the library emits one; more would need this test to say which). */
function onlyContainer(what: string, podSpec: any): any {
  const containers = podSpec.containers ?? [];
  if (containers.length !== 1) throw new Error(`${what}.spec.template.spec.containers: expected 1 container, found ${containers.length}`);
  if (podSpec.initContainers?.length) throw new Error(`${what}: initContainers are not played by this test`);
  return containers[0];
}

/** `<ExternalSecret target name>` → `<key>` → the Vault secret (remoteRef) it renders from. */
function renderedKeys(stack: TfJson, namespace: string): Map<string, Map<string, { remoteKey: string; property?: string }>> {
  const secrets = new Map<string, Map<string, { remoteKey: string; property?: string }>>();
  for (const es of manifestsOf(stack as any).filter((m) => m.kind === "ExternalSecret" && m.metadata.namespace === namespace)) {
    const target = es.spec.target?.name ?? es.metadata.name;
    const keys = secrets.get(target) ?? new Map();
    for (const entry of es.spec.data ?? []) keys.set(entry.secretKey, { remoteKey: entry.remoteRef.key, property: entry.remoteRef.property });
    for (const key of Object.keys(es.spec.target?.template?.data ?? {})) keys.set(key, { remoteKey: `template of ExternalSecret ${es.metadata.name}` });
    if (es.spec.dataFrom?.length) throw new Error(`ExternalSecret ${es.metadata.name}: dataFrom is not played by this test`);
    secrets.set(target, keys);
  }
  return secrets;
}

const TERRAFORM_REF = /\$\{/;
/** A reference to the MySQL DB system's endpoint (the platform's output, through remote state). */
const DATABASE_ENDPOINT_REF = /^\$\{coalesce\(data\.terraform_remote_state\.[^,]+oci_mysql_mysql_db_system[^,]+endpoints0hostname, data\.terraform_remote_state\.[^,]+oci_mysql_mysql_db_system[^,]+ip_address\)\}$/;

/** The final stage of app/Dockerfile: what the image adds to the container (WORKDIR, ENV, USER, EXPOSE, CMD). */
function imageOf(dockerfile: string): { workdir: string; env: Record<string, string>; user: string; expose: number[]; cmd: string[] } {
  const lines = dockerfile.split("\n");
  const finalStage = lines.slice(lines.map((l, i) => (/^FROM\s/i.test(l) ? i : -1)).filter((i) => i >= 0).pop()!);
  const image = { workdir: "/", env: {} as Record<string, string>, user: "", expose: [] as number[], cmd: [] as string[] };
  for (const line of finalStage) {
    const [, instruction, rest] = /^(\w+)\s+(.*)$/.exec(line.trim()) ?? [];
    if (instruction === "WORKDIR") image.workdir = rest;
    if (instruction === "ENV") for (const pair of rest.split(/\s+/)) image.env[pair.split("=")[0]] = pair.split("=").slice(1).join("=");
    if (instruction === "USER") image.user = rest;
    if (instruction === "EXPOSE") image.expose.push(...rest.split(/\s+/).map((p) => Number(p.split("/")[0])));
    if (instruction === "CMD") image.cmd = JSON.parse(rest);
  }
  return image;
}

/** Plays Terraform's random_password: the length and character set the resource asks for. */
function generatePassword(resource: { length: number; special?: boolean; override_special?: string; upper?: boolean; lower?: boolean; numeric?: boolean }): string {
  const classes = [
    resource.upper === false ? "" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    resource.lower === false ? "" : "abcdefghijklmnopqrstuvwxyz",
    resource.numeric === false ? "" : "0123456789",
    resource.special === false ? "" : (resource.override_special ?? "!@#$%&*()-_=+[]{}<>:?"),
  ].filter((c) => c !== "");
  // One of each class (as min_* would ask), the rest from all of them.
  const chars = classes.map((c) => c[randomInt(c.length)]);
  const all = classes.join("");
  while (chars.length < resource.length) chars.push(all[randomInt(all.length)]);
  return chars.join("");
}

/** `${random_password.X.result}` or `${base64encode(random_password.X.result)}` → X. */
function randomPasswordOf(expression: string): string {
  const match = /^\$\{(?:base64encode\()?random_password\.([^.]+)\.result\)?\}$/.exec(expression);
  if (!match) throw new Error(`not a random_password result: ${expression}`);
  return match[1];
}

// ---------------------------------------------------------------------------------------------
// Running processes as the pod would

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The process's real and effective UID and GID, from /proc. */
function idsOf(pid: number): { uid: number[]; gid: number[] } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const ids = (name: string): number[] => new RegExp(`^${name}:\\s+(.*)$`, "m").exec(status)![1].split(/\s+/).slice(0, 2).map(Number);
  return { uid: ids("Uid"), gid: ids("Gid") };
}

function runCommand(command: string[], options: { env: Record<string, string>; cwd: string; uid?: number; gid?: number; timeoutMs: number }): Promise<{ code: number | null; output: string }> {
  // `node` in a container is the image's Node; here, the Node running the tests (same major, pinned in the Dockerfile).
  const [file, ...args] = command[0] === "node" ? [process.execPath, ...command.slice(1)] : command;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }) });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

async function httpGet(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text() };
}

/** Polls like the kubelet until 2xx; the error names the probe's field, path, port and last answer. */
async function expectProbeSucceeds(field: string, url: string, path: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  let last = "no answer";
  for (;;) {
    try {
      const answer = await httpGet(url);
      if (answer.status >= 200 && answer.status < 400) return;
      last = `answered ${answer.status} ${answer.body.slice(0, 200)}`;
      // 404/405: a wrong path, not a slow start.
      if (answer.status === 404 || answer.status === 405) break;
    } catch (error) {
      last = `did not answer (${(error as Error).message})`;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${field} ${path} ${last}`);
}

// ---------------------------------------------------------------------------------------------

describe("synth-to-run contract of the oke-app stack and the app in app/", () => {
  const env = { OCI_REGION: "eu-frankfurt-1", OCI_COMPARTMENT_OCID: "ocid1.compartment.oc1..aaaaaaaacontract", OCI_TENANCY_OCID: "ocid1.tenancy.oc1..aaaaaaaacontract" };
  let stacks: Record<string, TfJson>;
  let deployment: any;
  let container: any;
  let migrateJob: any;
  let migrateContainer: any;
  let containerPort: number;
  const image = imageOf(readFileSync(join(APP_DIR, "Dockerfile"), "utf8"));

  beforeAll(() => {
    if (!existsSync(join(DIST, "server.js")) || !existsSync(join(DIST, "migrate.js"))) {
      throw new Error(`${DIST} is missing: run \`npm run test:app\` (it builds the app) before this test`);
    }
    stacks = synthApp((app) => {
      buildReferenceApp(app, readReferenceConfig(env), env);
    }).stacks;
    const app = stacks["oke-app"];
    deployment = manifestOf(app as any, "Deployment");
    container = onlyContainer(`Deployment ${deployment.metadata.name}`, deployment.spec.template.spec);
    // The Job that runs the app image's migrations: the one whose container runs the Deployment's image.
    const jobs = manifestsOf(app as any).filter((m) => m.kind === "Job" && m.spec.template.spec.containers.some((c: any) => c.image === container.image));
    if (jobs.length !== 1) throw new Error(`expected one Job running the Deployment's image ${container.image}, found ${jobs.length}`);
    migrateJob = jobs[0];
    migrateContainer = onlyContainer(`Job ${migrateJob.metadata.name}`, migrateJob.spec.template.spec);
    const ports = container.ports ?? [];
    if (ports.length !== 1) throw new Error(`Deployment container ports: expected 1, found ${ports.length}`);
    containerPort = ports[0].containerPort;
  });

  /** A probe's port: a number, or the name of one of the container's ports. */
  const probePort = (field: string, port: number | string): number => {
    if (typeof port === "number") return port;
    const named = (container.ports ?? []).find((p: any) => p.name === port);
    if (!named) throw new Error(`${field}.httpGet.port "${port}" names no container port (${JSON.stringify(container.ports)})`);
    return named.containerPort;
  };

  test("THEN the image's EXPOSE and USER are the Deployment's containerPort and runAsUser:runAsGroup", () => {
    const pod = deployment.spec.template.spec.securityContext;
    expect({ "ports[0].containerPort": containerPort, "runAsUser:runAsGroup": `${pod.runAsUser}:${pod.runAsGroup}` }).toEqual({
      "ports[0].containerPort": image.expose[0],
      "runAsUser:runAsGroup": image.user,
    });
    expect(image.expose).toHaveLength(1);
  });

  test("THEN every secretKeyRef of the Deployment and the migrate Job resolves to a key an ExternalSecret renders into that Secret", () => {
    const rendered = renderedKeys(stacks["oke-app"], deployment.metadata.namespace);
    for (const [what, c] of [["Deployment", container], ["migrate Job", migrateContainer]] as const) {
      expect(c.envFrom ?? []).toEqual([]);
      for (const variable of c.env as EnvVar[]) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const keys = rendered.get(ref.name);
        if (!keys) throw new Error(`${what} env ${variable.name}: secretKeyRef.name ${ref.name} is no ExternalSecret's target (targets: ${[...rendered.keys()].join(", ")})`);
        if (!keys.has(ref.key)) throw new Error(`${what} env ${variable.name}: secretKeyRef.key ${ref.key} is not rendered into ${ref.name} (keys: ${[...keys.keys()].join(", ")})`);
      }
    }
  });

  test("THEN the user-bootstrap Job runs the library's SQL for the Deployment's DB_USER and DB_NAME, with the password the app's Secret holds", () => {
    const app = stacks["oke-app"];
    const rendered = renderedKeys(app, deployment.metadata.namespace);
    const userJobs = manifestsOf(app as any).filter((m) => m.kind === "Job" && m !== migrateJob);
    expect(userJobs).toHaveLength(1);
    const userContainer = onlyContainer(`Job ${userJobs[0].metadata.name}`, userJobs[0].spec.template.spec);
    const literal = (c: any, name: string): string | undefined => (c.env as EnvVar[]).find((v) => v.name === name)?.value;
    const vaultSecretOf = (c: any, name: string): string | undefined => {
      const ref = (c.env as EnvVar[]).find((v) => v.name === name)?.valueFrom?.secretKeyRef;
      return ref && rendered.get(ref.name)?.get(ref.key)?.remoteKey;
    };
    const script = userContainer.command.join(" ").replace(/\\`/g, "`");
    for (const statement of appUserStatements({ database: literal(container, "DB_NAME")!, user: literal(container, "DB_USER")!, password: "$APP_DB_PASSWORD" })) {
      expect(script).toContain(statement);
    }
    // The password the bootstrap sets is the one the app reads: the same Vault secret.
    expect(vaultSecretOf(userContainer, "APP_DB_PASSWORD")).toBe(vaultSecretOf(container, "DB_PASSWORD"));
    // And the bootstrap connects as the migrate Job does (the DB system's admin).
    expect(vaultSecretOf(userContainer, "DB_PASSWORD")).toBe(vaultSecretOf(migrateContainer, "DB_PASSWORD"));
    expect(vaultSecretOf(container, "DB_PASSWORD")).not.toBe(vaultSecretOf(migrateContainer, "DB_PASSWORD"));
  });

  describe("WHEN played out against a real MariaDB, as the pod's user, from a read-only copy of the image's files", () => {
    let server: MariaDbServer;
    let app: RunningApp | undefined;
    let workdir: string;
    let tmpMount: string;
    let runAs: { uid: number; gid: number } | undefined;
    let vault: Map<string, string>;
    let deploymentEnv: Record<string, string>;
    let migrateEnv: Record<string, string>;
    let migrateResult: { code: number | null; output: string };
    const asUserNote = isRoot ? "" : " [NOT ROOT: runs as the caller, the UID switch is NOT tested]";
    const pod = (): any => deployment.spec.template.spec;
    const podOf = (what: string): any => (what === "Deployment" ? deployment : migrateJob).spec.template.spec;

    /** The container's environment: the image's ENV, then the manifest's env with the mappings named in the file comment. */
    const containerEnv = (what: string, c: any): Record<string, string> => {
      const result: Record<string, string> = { ...image.env };
      const rendered = renderedKeys(stacks["oke-app"], deployment.metadata.namespace);
      for (const variable of c.env as EnvVar[]) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) {
          const source = rendered.get(ref.name)!.get(ref.key)!;
          const value = vault.get(source.remoteKey);
          if (value === undefined || source.property !== undefined) throw new Error(`${what} env ${variable.name}: the Vault secret ${source.remoteKey} is not one this test holds`);
          result[variable.name] = value;
        } else if (variable.valueFrom) {
          throw new Error(`${what} env ${variable.name}: valueFrom ${JSON.stringify(variable.valueFrom)} is not played by this test`);
        } else if (DATABASE_ENDPOINT_REF.test(variable.value ?? "")) {
          // Mapping 1: the DB system's endpoint (a Terraform reference) is the test server on loopback.
          result[variable.name] = server.host;
        } else if (variable.name === "DB_PORT") {
          // Mapping 2: DB_PORT must be the DB system's port (3306, checked below); the test server listens on a free port.
          const platformPort = Object.values(resourcesOf(stacks["oke-platform"], "oci_mysql_mysql_db_system"))[0].port;
          if (variable.value !== String(platformPort)) throw new Error(`${what} env DB_PORT ${variable.value} is not the DB system's port ${platformPort}`);
          result[variable.name] = String(server.port);
        } else if (TERRAFORM_REF.test(variable.value ?? "")) {
          throw new Error(`${what} env ${variable.name}: a Terraform reference this test cannot map: ${variable.value}`);
        } else {
          result[variable.name] = variable.value ?? "";
        }
      }
      // Mapping 3: the only writable mount, /tmp (an emptyDir), is a folder of the pod's user.
      for (const mount of c.volumeMounts ?? []) {
        if (mount.mountPath !== "/tmp") throw new Error(`${what} volumeMounts ${mount.mountPath}: no mapping in this test`);
        const volume = (podOf(what).volumes ?? []).find((v: any) => v.name === mount.name);
        if (!volume?.emptyDir || mount.readOnly) throw new Error(`${what} volumeMounts /tmp: expected a writable emptyDir, found ${JSON.stringify(volume)}`);
        result.TMPDIR = tmpMount;
      }
      return result;
    };

    beforeAll(async () => {
      const sc = pod().securityContext;
      if (isRoot) runAs = { uid: sc.runAsUser, gid: sc.runAsGroup };
      else process.stderr.write(`\n*** app-contract: not root, so the app runs as uid ${process.getuid?.()} instead of the Deployment's runAsUser ${sc.runAsUser}; CI runs as root and tests the switch ***\n\n`);
      if (!(await portIsFree(containerPort))) throw new Error(`containerPort ${containerPort} is in use on 127.0.0.1: the contract test starts the app on it (the Deployment sets no PORT) and needs it free`);

      // The image's files (app/Dockerfile's final stage), read-only to everyone.
      workdir = mkdtempSync(join(tmpdir(), "oke-vn-contract-app-"));
      cpSync(DIST, join(workdir, "dist"), { recursive: true });
      cpSync(join(APP_DIR, "package.json"), join(workdir, "package.json"));
      const lock = JSON.parse(readFileSync(join(APP_DIR, "node_modules", ".package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
      const production = Object.entries(lock.packages).filter(([path, p]) => path !== "" && !p.dev && !p.devOptional).map(([path]) => path);
      for (const path of production) {
        if (production.some((other) => other !== path && path.startsWith(`${other}/`))) continue; // nested: copied with its parent
        cpSync(join(APP_DIR, path), join(workdir, path), { recursive: true });
      }
      const readOnly = (path: string): void => {
        const isDir = statSync(path).isDirectory();
        if (isDir) for (const entry of readdirSync(path)) readOnly(join(path, entry));
        chmodSync(path, isDir ? 0o555 : 0o444);
      };
      readOnly(workdir);
      tmpMount = mkdtempSync(join(tmpdir(), "oke-vn-contract-tmp-"));
      if (runAs) chownSync(tmpMount, runAs.uid, runAs.gid);
      chmodSync(tmpMount, 0o700);

      server = await startMariaDb();
      // Terraform: each random_password of the stacks; Vault: each oci_vault_secret's name → its content.
      const generated = new Map<string, string>();
      vault = new Map();
      for (const stack of Object.values(stacks)) {
        for (const [id, resource] of Object.entries(resourcesOf(stack, "random_password"))) generated.set(id, generatePassword(resource));
      }
      for (const stack of Object.values(stacks)) {
        for (const secret of Object.values(resourcesOf(stack, "oci_vault_secret"))) {
          if (secret.secret_content.content_type !== "BASE64") throw new Error(`oci_vault_secret ${secret.secret_name}: content_type ${secret.secret_content.content_type} not played`);
          vault.set(secret.secret_name, generated.get(randomPasswordOf(secret.secret_content.content))!);
        }
      }
      // The DB system: its admin user and password, as the platform creates them.
      const dbSystem = Object.values(resourcesOf(stacks["oke-platform"], "oci_mysql_mysql_db_system"))[0];
      const adminPassword = generated.get(randomPasswordOf(dbSystem.admin_password))!;
      await server.sql(`CREATE USER '${dbSystem.admin_username}'@'%' IDENTIFIED BY '${adminPassword}'; GRANT ALL PRIVILEGES ON *.* TO '${dbSystem.admin_username}'@'%' WITH GRANT OPTION`);

      deploymentEnv = containerEnv("Deployment", container);
      migrateEnv = containerEnv("migrate Job", migrateContainer);
      // The bootstrap: the library's SQL for the Deployment's DB_USER and DB_NAME, with the password
      // the app's Secret holds (the bootstrap Job sets the same Vault secret's value).
      await server.sql(appUserStatements({ database: deploymentEnv.DB_NAME, user: deploymentEnv.DB_USER, password: deploymentEnv.DB_PASSWORD }).join(";\n"));
      // The migrate Job: its command in the image's WORKDIR (the Job sets no workingDir), as the pod's user.
      expect(migrateContainer.workingDir).toBeUndefined();
      const jobUser = migrateJob.spec.template.spec.securityContext;
      const jobRunAs = isRoot ? { uid: jobUser.runAsUser, gid: jobUser.runAsGroup } : undefined;
      if (jobRunAs && (jobRunAs.uid !== runAs!.uid || jobRunAs.gid !== runAs!.gid)) throw new Error(`migrate Job runAsUser/runAsGroup ${jobRunAs.uid}/${jobRunAs.gid} differ from the Deployment's: the /tmp mapping assumes one user`);
      migrateResult = await runCommand(migrateContainer.command, { env: migrateEnv, cwd: workdir, ...jobRunAs, timeoutMs: 60_000 });
      if (migrateResult.code !== 0) throw new Error(`migrate Job command ${JSON.stringify(migrateContainer.command)} exited ${migrateResult.code}:\n${migrateResult.output}`);
      // The Deployment sets no command: the image's CMD, in its WORKDIR.
      expect({ command: container.command, args: container.args }).toEqual({ command: undefined, args: undefined });
      expect(image.cmd).toEqual(["node", "dist/server.js"]); // startApp runs <appDir>/dist/server.js
      try {
        app = await startApp({ env: deploymentEnv, appDir: workdir, cwd: workdir, ...runAs, defaultPort: containerPort, upPath: null, readyTimeoutMs: 10_000 });
      } catch (error) {
        throw new Error(`ports[0].containerPort ${containerPort}: the app started with exactly the Deployment's env (no PORT) did not answer on it:\n${(error as Error).message}`);
      }
    });

    afterAll(async () => {
      await app?.stop();
      await server?.stop();
      for (const dir of [workdir, tmpMount]) {
        if (!dir) continue;
        if (!isRoot) for (const d of [dir, ...readdirSync(dir, { recursive: true }).map((p) => join(dir, String(p)))]) if (statSync(d).isDirectory()) chmodSync(d, 0o755);
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("THEN the environments are exactly the manifests' names (plus the image's ENV and TMPDIR for the /tmp mount)", () => {
      const names = (c: any): string[] => (c.env as EnvVar[]).map((v) => v.name);
      expect(Object.keys(deploymentEnv).sort()).toEqual([...names(container), ...Object.keys(image.env), "TMPDIR"].sort());
      expect(Object.keys(migrateEnv).sort()).toEqual([...names(migrateContainer), ...Object.keys(image.env), "TMPDIR"].sort());
      expect(deploymentEnv.PORT).toBeUndefined();
      // The app connects as its own user, the migrations as the DB system's admin.
      const admin = Object.values(resourcesOf(stacks["oke-platform"], "oci_mysql_mysql_db_system"))[0].admin_username;
      expect({ app: deploymentEnv.DB_USER, migrate: migrateEnv.DB_USER }).toEqual({ app: expect.not.stringMatching(new RegExp(`^${admin}$`)), migrate: admin });
      expect(migrateEnv.DB_NAME).toBe(deploymentEnv.DB_NAME);
    });

    test(`THEN the migrate Job's command ran as the pod's user and migrated the schema${asUserNote}`, async () => {
      expect(migrateResult.output).toMatch(/"msg":"schema migrated"/);
      expect(await server.sql("SHOW TABLES", { database: deploymentEnv.DB_NAME })).toEqual(expect.arrayContaining([["products"], ["kysely_migration"]]));
    });

    test(`THEN the app runs as runAsUser/runAsGroup and cannot write its files${asUserNote}`, () => {
      const expected = runAs ?? { uid: process.getuid!(), gid: process.getgid!() };
      expect(idsOf(app!.child.pid!)).toEqual({ uid: [expected.uid, expected.uid], gid: [expected.gid, expected.gid] });
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(statSync(join(workdir, "dist")).mode & 0o222).toBe(0);
      expect(statSync(tmpMount).uid).toBe(expected.uid);
    });

    test("THEN the livenessProbe and readinessProbe succeed on their paths and ports", async () => {
      for (const field of ["livenessProbe", "readinessProbe"] as const) {
        const probe = container[field];
        if (!probe?.httpGet) throw new Error(`${field}: expected an httpGet probe, found ${JSON.stringify(probe)}`);
        expect(`${field}.httpGet.scheme ${probe.httpGet.scheme ?? "HTTP"}`).toBe(`${field}.httpGet.scheme HTTP`);
        const port = probePort(field, probe.httpGet.port);
        // Within the kubelet's patience: failureThreshold × periodSeconds after initialDelaySeconds.
        const patienceMs = ((probe.initialDelaySeconds ?? 0) + (probe.failureThreshold ?? 3) * (probe.periodSeconds ?? 10)) * 1000;
        await expectProbeSucceeds(`${field}.httpGet.path`, `http://127.0.0.1:${port}${probe.httpGet.path}`, probe.httpGet.path, Math.min(patienceMs, 15_000));
      }
    });

    test("THEN a CRUD round trip through the containerPort works as the app's database user", async () => {
      const base = `http://127.0.0.1:${containerPort}`;
      const send = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
        const response = await fetch(`${base}${path}`, { method, headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      };
      const created = await send("POST", "/products", { sku: "CONTRACT-1", name: "Contract cup", priceCents: 990, currency: "EUR" });
      expect(created.status).toBe(201);
      const id = created.body.id;
      expect((await send("GET", `/products/${id}`)).body).toMatchObject({ sku: "CONTRACT-1", version: 1 });
      expect((await send("PATCH", `/products/${id}`, { version: 1, stock: 5 })).body).toMatchObject({ stock: 5, version: 2 });
      expect((await send("GET", "/products?limit=10")).body.items.map((p: any) => p.id)).toContain(id);
      expect((await send("DELETE", `/products/${id}`)).status).toBe(204);
      expect((await send("GET", `/products/${id}`)).status).toBe(404);
      // The rows went through the app's own user (the server's process list shows only it besides root).
      const users = (await server.sql("SELECT DISTINCT user FROM information_schema.PROCESSLIST WHERE user NOT IN ('root', 'system user', 'event_scheduler')")).map(([u]) => u);
      expect(users).toEqual([deploymentEnv.DB_USER]);
      expect(app!.stderr()).toBe("");
    });

    test("THEN the migrate Job's command run again (the Job re-runs on every image change) changes nothing", async () => {
      const jobUser = migrateJob.spec.template.spec.securityContext;
      const again = await runCommand(migrateContainer.command, { env: migrateEnv, cwd: workdir, ...(isRoot ? { uid: jobUser.runAsUser, gid: jobUser.runAsGroup } : {}), timeoutMs: 60_000 });
      expect(again.code).toBe(0);
      expect(again.output).toMatch(/"msg":"schema already at the latest migration"/);
    });

    test("THEN on SIGTERM the app exits 0 within the pod's grace period", async () => {
      // Virtual nodes refuse a pod-level terminationGracePeriodSeconds (the library checks it): Kubernetes' 30 s apply.
      const graceSeconds = pod().terminationGracePeriodSeconds ?? 30;
      const started = Date.now();
      app!.child.kill("SIGTERM");
      const exit = await app!.waitForExit(graceSeconds * 1000);
      if (exit === undefined) throw new Error(`terminationGracePeriodSeconds ${graceSeconds}: the app did not exit within it after SIGTERM`);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(graceSeconds * 1000);
    });
  });
});
