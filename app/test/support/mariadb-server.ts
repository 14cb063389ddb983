/**
 * Test harness: a throwaway MariaDB server with TLS, and the compiled app started as a child process.
 *
 * Uses only Node's standard library and three programs (Debian's `mariadb-server` package brings the
 * first two, `openssl` the third): /usr/sbin/mariadbd, mariadb-install-db and the `mariadb` client,
 * so the repository's root tests can import it without the app's node_modules.
 *
 *   const db = await startMariaDb();                     // 127.0.0.1, free port, TLS with a test CA
 *   await db.createAppDatabase({ database: "shop", user: "shop_app", password: "…" });
 *   await runMigrate({ env: dbEnv(db, { user: db.rootUser, password: db.rootPassword, database: "shop", caFile: db.caFile }) });
 *   const app = await startApp({ env: { ...dbEnv(db, appCredentials), PORT: "0" }, uid: 10001, gid: 10001 });
 *   … fetch(app.url + "/products") …
 *   await app.stop(); await db.stop();
 *
 * The server: own data directory, socket, pid file and error log in a temp folder; a free port on
 * 127.0.0.1 only; TLS on with a CA and a server certificate made here (SAN DNS:localhost unless
 * `certificateNames` says otherwise, so `verify-identity` holds for DB_HOST=localhost); an admin `root`@`127.0.0.1`
 * with a random password (the HeatWave admin's role). `stopServer()`/`startServer()` stop and start
 * the same server (same port, same data); `stop()` stops it and deletes the folder.
 */
import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, cpSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const MARIADB_SERVER_BINARY = "/usr/sbin/mariadbd";
export const MARIADB_NOT_INSTALLED = "mariadb-server is not installed: apt-get install mariadb-server";

/** The folder of the app (holds dist/server.js and dist/migrate.js once built). */
export const APP_DIR = resolve(__dirname, "..", "..");

export interface StartMariaDbOptions {
  /**
   * Names in the server certificate's subjectAltName: DNS names, or IP addresses as "IP:127.0.0.1".
   * @default ["localhost"]
   */
  readonly certificateNames?: readonly string[];
  /**
   * Flush InnoDB's log on every commit (production behaviour; the bench uses it).
   * @default false (tests: commits reach the OS, not the disk)
   */
  readonly durable?: boolean;
  /**
   * `require_secure_transport=ON`: the server refuses TCP connections without TLS.
   * @default false
   */
  readonly requireSecureTransport?: boolean;
  /** @default 128 */
  readonly innodbBufferPoolMiB?: number;
  /** @default 151 */
  readonly maxConnections?: number;
  /** More mariadbd options, e.g. `["--general-log=ON"]`. */
  readonly extraArgs?: readonly string[];
  /** @default 30000 */
  readonly startTimeoutMs?: number;
}

export interface AppDatabaseOptions {
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /**
   * Create the user with `REQUIRE SSL` (the server refuses it without TLS).
   * @default false
   */
  readonly requireSsl?: boolean;
}

export interface MariaDbServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** Admin with every privilege and GRANT OPTION, from 127.0.0.1 (migrations, bootstrap). */
  readonly rootUser: string;
  readonly rootPassword: string;
  /** CA that signed the server's certificate (PEM file and its text). */
  readonly caFile: string;
  readonly caPem: string;
  /** A second CA that signed nothing the server uses: `verify-ca` with it must fail. */
  readonly otherCaFile: string;
  /** The temp folder (data directory, socket, pid file, error log, certificates). */
  readonly dir: string;
  readonly version: string;
  /** Runs SQL as root through the `mariadb` client over TLS; returns rows of tab-separated columns. */
  sql(statements: string, options?: { readonly database?: string }): Promise<string[][]>;
  /** CREATE DATABASE (if missing) and a least-privilege user: SELECT, INSERT, UPDATE, DELETE on that database only. */
  createAppDatabase(options: AppDatabaseOptions): Promise<void>;
  /** Stops mariadbd (clean shutdown), keeping data and port for startServer(). */
  stopServer(): Promise<void>;
  /** Starts the stopped server again on the same port with the same data. */
  startServer(): Promise<void>;
  isRunning(): boolean;
  /** The server's error log so far (for failure messages). */
  errorLog(): string;
  /** Stops the server and deletes its folder. Safe to call twice. */
  stop(): Promise<void>;
}

/** Throws the one-line error when Debian's mariadb-server is missing (tests must not skip silently). */
export function assertMariaDbInstalled(serverBinary: string = MARIADB_SERVER_BINARY): void {
  if (!existsSync(serverBinary)) throw new Error(MARIADB_NOT_INSTALLED);
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(file: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    execFile(file, [...args], { env: options.env ?? process.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        reject(new Error(missing ? `${file} not found` : `${file} ${args.join(" ")} failed: ${String(stderr).trim() || error.message}`));
      } else {
        resolveRun({ stdout: String(stdout), stderr: String(stderr) });
      }
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** CA, server certificate (SAN: the given names) and an unrelated CA, made with the openssl CLI. */
async function makeCertificates(dir: string, names: readonly string[]): Promise<void> {
  const openssl = "openssl";
  try {
    await run(openssl, ["version"]);
  } catch {
    throw new Error("openssl is not installed: apt-get install openssl");
  }
  const days = "3";
  for (const [name, cn] of [
    ["ca", "oke-virtual-nodes test CA"],
    ["other-ca", "an unrelated CA"],
  ] as const) {
    await run(openssl, [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", days, "-subj", `/CN=${cn}`,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
      "-keyout", join(dir, `${name}-key.pem`), "-out", join(dir, `${name}.pem`),
    ]);
  }
  await run(openssl, ["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${names[0]!.replace(/^IP:/, "")}`, "-keyout", join(dir, "server-key.pem"), "-out", join(dir, "server.csr")]);
  writeFileSync(
    join(dir, "server-ext.cnf"),
    `subjectAltName=${names.map((name) => (name.startsWith("IP:") ? name : `DNS:${name}`)).join(",")}\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  await run(openssl, [
    "x509", "-req", "-in", join(dir, "server.csr"), "-CA", join(dir, "ca.pem"), "-CAkey", join(dir, "ca-key.pem"),
    "-set_serial", `0x${randomBytes(8).toString("hex")}`, "-days", days, "-extfile", join(dir, "server-ext.cnf"), "-out", join(dir, "server.pem"),
  ]);
}

/**
 * A pristine data directory, made once per machine and MariaDB version (mariadb-install-db takes
 * about 3 s; copying 26 MB does not) and copied for each server.
 */
async function pristineDataDir(version: string): Promise<string> {
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  const template = join(tmpdir(), `oke-vn-mariadb-template-${version.replace(/[^A-Za-z0-9.]/g, "_")}-${uid}`);
  // Made in a staging folder and renamed into place, so an existing template is complete.
  if (existsSync(join(template, "data"))) return join(template, "data");
  const staging = mkdtempSync(join(tmpdir(), "oke-vn-mariadb-install-"));
  try {
    const args = [
      "--no-defaults", `--datadir=${join(staging, "data")}`, "--auth-root-authentication-method=socket", "--skip-test-db",
      "--skip-name-resolve", "--innodb-log-file-size=8M", "--innodb-buffer-pool-size=32M",
    ];
    if (uid === 0) args.push("--user=root");
    await run("mariadb-install-db", args, { timeoutMs: 120_000 });
    try {
      renameSync(staging, template);
    } catch (error) {
      // Another test process won the race: its template is as good as ours.
      if (!existsSync(template)) throw error;
      rmSync(staging, { recursive: true, force: true });
    }
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return join(template, "data");
}

function sqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function sqlIdentifier(value: string): string {
  if (!/^[A-Za-z0-9_]{1,64}$/.test(value)) throw new Error(`not a plain identifier: ${JSON.stringify(value)}`);
  return `\`${value}\``;
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  liveChildren.add(child);
  child.once("exit", () => liveChildren.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A crashed test run must not leave servers behind.
    process.once("exit", () => {
      for (const c of liveChildren) c.kill("SIGKILL");
    });
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolveExit) => {
    const timer = setTimeout(() => resolveExit(undefined), timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolveExit({ code, signal });
    });
  });
}

/** Starts a throwaway MariaDB server (see the file's comment). */
export async function startMariaDb(options: StartMariaDbOptions = {}): Promise<MariaDbServer> {
  assertMariaDbInstalled();
  const { stdout: versionLine } = await run(MARIADB_SERVER_BINARY, ["--version"]);
  const version = (/Ver\s+(\S+)/.exec(versionLine) ?? [])[1] ?? "unknown";
  const template = await pristineDataDir(version);
  const dir = mkdtempSync(join(tmpdir(), "oke-vn-mariadb-"));
  const dataDir = join(dir, "data");
  cpSync(template, dataDir, { recursive: true });
  mkdirSync(join(dir, "tmp"));
  await makeCertificates(dir, options.certificateNames ?? ["localhost"]);
  // An app started as another user (e.g. 10001) must read the CA bundles; keys stay private.
  chmodSync(dir, 0o755);
  for (const file of ["ca.pem", "other-ca.pem", "server.pem"]) chmodSync(join(dir, file), 0o644);
  const rootUser = "root";
  const rootPassword = randomBytes(18).toString("base64url");
  // Runs at every start (also after startServer()), hence IF NOT EXISTS.
  writeFileSync(
    join(dir, "init.sql"),
    `CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ${sqlString(rootPassword)};\nGRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n`,
  );
  const errorLogFile = join(dir, "error.log");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  let port = await freePort();
  let child: ChildProcess | undefined;
  let stopped = false;

  const serverArgs = (): string[] => [
    "--no-defaults",
    `--datadir=${dataDir}`,
    `--socket=${join(dir, "mariadbd.sock")}`,
    `--pid-file=${join(dir, "mariadbd.pid")}`,
    `--log-error=${errorLogFile}`,
    `--tmpdir=${join(dir, "tmp")}`,
    `--init-file=${join(dir, "init.sql")}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    "--skip-name-resolve",
    `--ssl-ca=${join(dir, "ca.pem")}`,
    `--ssl-cert=${join(dir, "server.pem")}`,
    `--ssl-key=${join(dir, "server-key.pem")}`,
    "--skip-log-bin",
    "--performance-schema=OFF",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    `--innodb-buffer-pool-size=${options.innodbBufferPoolMiB ?? 128}M`,
    "--innodb-log-file-size=8M",
    `--max-connections=${options.maxConnections ?? 151}`,
    ...(options.durable ? [] : ["--innodb-flush-log-at-trx-commit=2", "--innodb-doublewrite=0"]),
    ...(options.requireSecureTransport ? ["--require-secure-transport=ON"] : []),
    // mariadbd refuses to run as root unless told to; CI runs as root.
    ...(isRoot ? ["--user=root"] : []),
    ...(options.extraArgs ?? []),
  ];

  const errorLog = (): string => (existsSync(errorLogFile) ? readFileSync(errorLogFile, "utf8") : "");
  const clientEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", MYSQL_PWD: rootPassword, HOME: dir });
  const clientArgs = (database?: string): string[] => [
    "--no-defaults", "--protocol=TCP", "-h", "127.0.0.1", "-P", String(port), "-u", rootUser,
    "--ssl", `--ssl-ca=${join(dir, "ca.pem")}`, "--batch", "--skip-column-names", "--raw",
    ...(database ? [`--database=${database}`] : []),
  ];
  const sql = async (statements: string, sqlOptions: { database?: string } = {}): Promise<string[][]> => {
    const { stdout } = await run("mariadb", [...clientArgs(sqlOptions.database), "-e", statements], { env: clientEnv() });
    return stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => line.split("\t"));
  };

  const launch = async (): Promise<void> => {
    const logStart = errorLog().length;
    const started = spawn(MARIADB_SERVER_BINARY, serverArgs(), { stdio: ["ignore", "ignore", "pipe"] });
    track(started);
    let stderr = "";
    started.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child = started;
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        const log = errorLog().slice(logStart) + stderr;
        const error = new Error(`mariadbd exited during startup (${started.exitCode ?? started.signalCode}):\n${log.split("\n").slice(-15).join("\n")}`);
        (error as Error & { addressInUse?: boolean }).addressInUse = /Address already in use|Bind on TCP\/IP port/i.test(log);
        throw error;
      }
      try {
        await sql("SELECT 1");
        return;
      } catch {
        if (Date.now() > deadline) {
          started.kill("SIGKILL");
          throw new Error(`mariadbd did not accept connections within ${startTimeoutMs} ms:\n${errorLog().slice(logStart).split("\n").slice(-15).join("\n")}`);
        }
        await sleep(100);
      }
    }
  };

  const stopServer = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    running.kill("SIGTERM");
    if ((await waitForExit(running, 30_000)) === undefined) {
      running.kill("SIGKILL");
      await waitForExit(running, 5_000);
    }
  };

  // A port that was free a moment ago can be taken by the time mariadbd binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if ((error as { addressInUse?: boolean }).addressInUse && attempt < 5) {
        port = await freePort();
        continue;
      }
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  return {
    host: "127.0.0.1",
    get port() {
      return port;
    },
    rootUser,
    rootPassword,
    caFile: join(dir, "ca.pem"),
    caPem: readFileSync(join(dir, "ca.pem"), "utf8"),
    otherCaFile: join(dir, "other-ca.pem"),
    dir,
    version,
    sql,
    async createAppDatabase(app: AppDatabaseOptions): Promise<void> {
      const database = sqlIdentifier(app.database);
      const user = `${sqlString(app.user)}@'%'`;
      await sql(
        [
          `CREATE DATABASE IF NOT EXISTS ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
          `CREATE USER IF NOT EXISTS ${user} IDENTIFIED BY ${sqlString(app.password)}${app.requireSsl ? " REQUIRE SSL" : ""}`,
          `GRANT SELECT, INSERT, UPDATE, DELETE ON ${database}.* TO ${user}`,
        ].join(";\n"),
      );
    },
    stopServer,
    async startServer(): Promise<void> {
      if (stopped) throw new Error("the server was stopped for good (stop()); start a new one");
      if (child !== undefined) return;
      // The port was ours a moment ago; a TIME_WAIT or a racing test can delay the bind briefly.
      for (let attempt = 1; ; attempt++) {
        try {
          await launch();
          return;
        } catch (error) {
          if (!(error as { addressInUse?: boolean }).addressInUse || attempt >= 10) throw error;
          await sleep(500);
        }
      }
    },
    isRunning: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    errorLog,
    async stop(): Promise<void> {
      stopped = true;
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The app's database environment (the names AppWorkload sets) for a user of this server. */
export function dbEnv(
  server: Pick<MariaDbServer, "host" | "port" | "caFile">,
  options: { readonly user: string; readonly password: string; readonly database: string; readonly tlsMode?: "required" | "verify-ca" | "verify-identity" | "disabled"; readonly caFile?: string; readonly host?: string },
): Record<string, string> {
  const tlsMode = options.tlsMode ?? "verify-ca";
  return {
    DB_HOST: options.host ?? server.host,
    DB_PORT: String(server.port),
    DB_USER: options.user,
    DB_PASSWORD: options.password,
    DB_NAME: options.database,
    DB_TLS_MODE: tlsMode,
    ...(tlsMode === "verify-ca" || tlsMode === "verify-identity" ? { DB_TLS_CA_FILE: options.caFile ?? server.caFile } : {}),
  };
}

export interface SpawnAppOptions {
  /** Exactly the environment the process gets (nothing is inherited). */
  readonly env: Readonly<Record<string, string>>;
  /** Run as this user and group (the caller must be root to switch). @default the caller's */
  readonly uid?: number;
  readonly gid?: number;
  /** Where dist/ is, e.g. a read-only copy of the app. @default APP_DIR */
  readonly appDir?: string;
  /** @default "/" (the app must not depend on its working directory) */
  readonly cwd?: string;
  /** @default process.execPath */
  readonly nodeBinary?: string;
}

export interface RunningApp {
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** stdout's JSON log lines, parsed (other lines skipped). */
  logs(): Record<string, unknown>[];
  /** Resolves when the process exits; undefined if it did not within timeoutMs. */
  waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>;
  /** SIGTERM, then SIGKILL after 30 s; resolves on exit. */
  stop(): Promise<void>;
}

function spawnNode(entry: "server" | "migrate", options: SpawnAppOptions): { child: ChildProcess; out: { stdout: string; stderr: string } } {
  const appDir = options.appDir ?? APP_DIR;
  const script = join(appDir, "dist", `${entry}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: build the app first (npm --prefix app run build)`);
  const child = spawn(options.nodeBinary ?? process.execPath, [script], {
    env: { ...options.env },
    cwd: options.cwd ?? "/",
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
  });
  track(child);
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out.stderr += chunk.toString()));
  return { child, out };
}

function parseLogs(stdout: string): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      entries.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a partial line still being written
    }
  }
  return entries;
}

/** Runs `node dist/migrate.js`; resolves with its exit code and output. */
export async function runMigrate(options: SpawnAppOptions & { readonly timeoutMs?: number }): Promise<{ code: number | null; stdout: string; stderr: string; logs: Record<string, unknown>[] }> {
  const { child, out } = spawnNode("migrate", options);
  const exit = await waitForExit(child, options.timeoutMs ?? 60_000);
  if (exit === undefined) {
    child.kill("SIGKILL");
    throw new Error(`migrate did not finish within ${options.timeoutMs ?? 60_000} ms:\n${out.stdout}${out.stderr}`);
  }
  return { code: exit.code, stdout: out.stdout, stderr: out.stderr, logs: parseLogs(out.stdout) };
}

export interface StartAppOptions extends SpawnAppOptions {
  /** @default 15000 */
  readonly readyTimeoutMs?: number;
  /**
   * The port the app must pick by itself: PORT is then left out of the environment (the contract
   * test checks that the app's default is the Deployment's containerPort, which sets no PORT).
   * @default env.PORT, or a free port passed as PORT when PORT is absent or "0"
   */
  readonly defaultPort?: number;
  /**
   * Polled until it answers 2xx; `null`: any HTTP answer (even a 404) means the app is up, so a
   * caller can report a wrong path itself.
   * @default "/healthz"
   */
  readonly upPath?: string | null;
}

/**
 * Starts `node dist/server.js` and waits until GET /healthz answers. `env.PORT` is the port it
 * listens on (a free one is picked and set when PORT is absent or "0", unless `defaultPort`).
 */
export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const port = options.defaultPort ?? (options.env.PORT && options.env.PORT !== "0" ? Number(options.env.PORT) : await freePort());
  const env = options.defaultPort === undefined ? { ...options.env, PORT: String(port) } : { ...options.env };
  const upPath = options.upPath === undefined ? "/healthz" : options.upPath;
  const { child, out } = spawnNode("server", { ...options, env });
  const url = `http://127.0.0.1:${port}`;
  const running: RunningApp = {
    child,
    url,
    port,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    logs: () => parseLogs(out.stdout),
    waitForExit: (timeoutMs) => waitForExit(child, timeoutMs),
    async stop(): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      if ((await waitForExit(child, 30_000)) === undefined) {
        child.kill("SIGKILL");
        await waitForExit(child, 5_000);
      }
    },
  };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before answering ${upPath ?? "on port " + port}:\n${out.stderr}${out.stdout}`.trimEnd());
    }
    try {
      const response = await fetch(`${url}${upPath ?? "/"}`, { signal: AbortSignal.timeout(1000) });
      if (response.ok || upPath === null) return running;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await running.stop();
      throw new Error(`the app did not answer ${upPath ?? "HTTP on port " + port} within ${options.readyTimeoutMs ?? 15_000} ms:\n${out.stderr}${out.stdout}`.trimEnd());
    }
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 50));
  }
}
