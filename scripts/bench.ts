/**
 * Speed and memory of the developer loop: binding generation, a cold synth of the reference
 * architecture, the type check and the test suite. Numbers go in release notes, not in tests.
 * `npm run bench [-- --runs N]`
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const root = path.join(__dirname, "..");
const runsArg = process.argv.indexOf("--runs");
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

function measure(command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  const argv = gnuTime ? [gnuTime, "-f", "%M", "-o", rssFile, ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  const maxRssMb = gnuTime ? Number(fs.readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024 : undefined;
  return { seconds, maxRssMb };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
const benchmarks: [string, () => Sample][] = [
  ["generate OCI bindings (--force)", () => measure(["node", "scripts/generate-oci-bindings.js", "--force"])],
  [
    "synth reference architecture (ts-node, cold process)",
    () => measure(["node", "-r", "ts-node/register/transpile-only", "main.ts"], { CDKTF_OUTDIR: outdir }),
  ],
  ["type check (tsc --noEmit, incremental)", () => measure(["node", "node_modules/typescript/bin/tsc", "--noEmit", "-p", "."])],
  ["test suite (jest)", () => measure(["node", "node_modules/jest/bin/jest.js", "--silent"])],
];

console.log(`node ${process.version}, ${os.cpus().length} cores, median of ${runs} runs\n`);
console.log("| step | seconds | max RSS MB |");
console.log("|---|---|---|");
for (const [name, run] of benchmarks) {
  const samples = Array.from({ length: runs }, run);
  const secs = median(samples.map((s) => s.seconds)).toFixed(2);
  const rss = samples[0].maxRssMb === undefined ? "n/a" : median(samples.map((s) => s.maxRssMb!)).toFixed(0);
  console.log(`| ${name} | ${secs} | ${rss} |`);
}
fs.rmSync(outdir, { recursive: true, force: true });
