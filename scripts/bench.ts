/**
 * Speed and memory, measured side by side in one run on this machine (numbers go in the README and
 * release notes, not in tests): a one-resource cdktf app, the reference architecture, the reference
 * plus 10, 50 and 200 AppWorkloads (all compiled JavaScript), `node scripts/synth.js` (cdktf.json's
 * `app`) and `npm run synth` with nothing changed, and the test suite. Median wall time and peak
 * RSS over the runs, interleaved round by round.
 * `npm run bench [-- --runs N (default 9)] [-- --skip-tests]`. A full run (with the tests) writes
 * bench/results.md and the README's "speed" section (test/readme.test.ts checks they agree).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { replaceSection } from "./readme-markers";
import { BENCH_RESULTS } from "./readme-sections";
const { isBuildCurrent } = require("./synth-inputs") as { isBuildCurrent(root: string): boolean };

const root = path.join(__dirname, "..");
const arg = (name: string) => process.argv.indexOf(name);
const runs = arg("--runs") > 0 ? Number(process.argv[arg("--runs") + 1]) : 9;
const testRuns = Math.max(1, Math.min(runs, 3));
const skipTests = arg("--skip-tests") > 0;
const gnuTime = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
/** The unchanged synth's target, as a multiple of the one-resource app. */
const SYNTH_TARGET = 2;

interface Sample {
  seconds: number;
  /** User + system CPU seconds (all threads): less disturbed than wall time by other work on the machine. */
  cpuSeconds?: number;
  maxRssMb?: number;
}

function measure(command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}`);
  const argv = gnuTime ? [gnuTime, "-f", "%M %U %S", "-o", rssFile, ...command] : command;
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: root, env: { ...process.env, ...env }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${command.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  if (!gnuTime) return { seconds };
  const [rssKb, user, system] = fs.readFileSync(rssFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds, cpuSeconds: user + system, maxRssMb: rssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface Row {
  name: string;
  seconds: number;
  rss?: number;
  cpu?: number;
  /** Each round's wall time, in order. */
  rounds: number[];
}

/** Runs every benchmark once per round, interleaved, so a change in the machine's load hits them all alike. */
function benchInterleaved(rounds: number, benches: [string, () => Sample][]): Row[] {
  const samples = benches.map((): Sample[] => []);
  for (let round = 0; round < rounds; round++) benches.forEach(([, run], i) => samples[i].push(run()));
  return benches.map(([name], i) => ({
    name,
    seconds: median(samples[i].map((s) => s.seconds)),
    rounds: samples[i].map((s) => s.seconds),
    rss: samples[i][0].maxRssMb === undefined ? undefined : median(samples[i].map((s) => s.maxRssMb!)),
    cpu: samples[i][0].cpuSeconds === undefined ? undefined : median(samples[i].map((s) => s.cpuSeconds!)),
  }));
}

const loadAtStart = os.loadavg()[0];
// Build once, so every app below runs compiled JavaScript, and the synth rows find nothing changed.
measure(["node", "scripts/synth.js"], { CDKTF_OUTDIR: fs.mkdtempSync(path.join(os.tmpdir(), "bench-build-")) });
if (!isBuildCurrent(root)) throw new Error("bench: scripts/synth.js did not record its build (dist/.synth-inputs)");
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-synth-"));
const synthEnv = { CDKTF_OUTDIR: outdir };
const app = (file: string, ...args: string[]) => () => measure(["node", file, ...args], synthEnv);

const SYNTH_ROW = "node scripts/synth.js, nothing changed";
const TWICE_ROW = "reference architecture, synthesized twice in one process";
// The synth rows run as a user does: no CDKTF_OUTDIR, so cdktf.json's context and cdktf.out.
const rows: Row[] = benchInterleaved(runs, [
  ["one-resource cdktf app", app("dist/bench/one-resource.js")],
  ["reference architecture (3 stacks)", app("dist/main.js")],
  [TWICE_ROW, app("dist/bench/reference-twice.js")],
  ...[10, 50, 200].map((n): [string, () => Sample] => [`reference + ${n} AppWorkloads`, app("dist/bench/reference-plus-workloads.js", String(n))]),
  [SYNTH_ROW, () => measure(["node", "scripts/synth.js"])],
  ["npm run synth, nothing changed", () => measure(["npm", "run", "--silent", "synth"])],
]);
// Had a synth row rebuilt, it would not have measured an unchanged synth.
if (!isBuildCurrent(root)) throw new Error("bench: the sources changed while the bench ran; run it again");
if (!skipTests) rows.push(...benchInterleaved(testRuns, [[`npm test (median of ${testRuns})`, () => measure(["npm", "test", "--silent"])]]));

const baseline = rows[0];
const reference = rows[1].seconds;
const at200 = rows.find((r) => r.name.includes("200"))!.seconds;
const synth = rows.find((r) => r.name === SYNTH_ROW)!;
const warmSynth = rows.find((r) => r.name === TWICE_ROW)!.seconds - reference;
// Each round ran both apps back to back, so the round's ratio is the fairest under a changing load.
const perRound = synth.rounds.map((s, i) => s / baseline.rounds[i]).sort((a, b) => a - b);
const synthRatio = median(perRound);
const referenceRatio = median(rows[1].rounds.map((s, i) => s / baseline.rounds[i]));
const tests = rows.find((r) => r.name.startsWith("npm test"));
const verdict = (met: boolean) => (met ? "met" : "NOT met");
const lines = [
  `node ${process.version}, ${os.cpus().length} cores (load average ${loadAtStart.toFixed(1)} at the start), median of ${runs} runs (test suite: ${testRuns}), ` +
    new Date().toISOString().slice(0, 10),
  "",
  "| measured | wall s | × one-resource app | CPU s | × one-resource app | peak RSS MB |",
  "|---|---|---|---|---|---|",
  ...rows.map((row) => {
    const tests = row.name.startsWith("npm test");
    const ratio = tests ? "" : `${(row.seconds / baseline.seconds).toFixed(2)}×`;
    const cpu = row.cpu === undefined ? "n/a" : row.cpu.toFixed(2);
    const cpuRatio = tests || row.cpu === undefined ? "" : `${(row.cpu / baseline.cpu!).toFixed(2)}×`;
    return `| ${row.name} | ${row.seconds.toFixed(2)} | ${ratio} | ${cpu} | ${cpuRatio} | ${row.rss === undefined ? "n/a" : row.rss.toFixed(0)} |`;
  }),
  "",
  `Cost per added AppWorkload: ${(((at200 - reference) / 200) * 1000).toFixed(1)} ms. ` +
    `A second synth of the reference in the same process costs ${warmSynth.toFixed(2)} s: of the first synth's ${reference.toFixed(2)} s, ` +
    `the rest is starting Node and loading, compiling and first running the code (the one-resource app: ${baseline.seconds.toFixed(2)} s). ` +
    `Unchanged synth (\`${SYNTH_ROW.split(",")[0]}\`): ${synthRatio.toFixed(2)}× the one-resource app (median of the ${runs} rounds' ratios, ` +
    `${perRound[0].toFixed(2)}–${perRound[perRound.length - 1].toFixed(2)}×; target ≤ ${SYNTH_TARGET}×: ${verdict(synthRatio <= SYNTH_TARGET)}` +
    (synth.cpu === undefined ? ")." : `; in CPU time ${(synth.cpu / baseline.cpu!).toFixed(2)}×).`) +
    ` The reference app alone, without the compile cache (\`dist/main.js\`): ${referenceRatio.toFixed(2)}× (median of the rounds' ratios; target ≤ 2×: ${verdict(referenceRatio <= 2)}).` +
    ` 200 AppWorkloads: ${at200.toFixed(2)} s (target under 10 s: ${verdict(at200 < 10)}).` +
    (tests ? ` The test suite: ${tests.seconds.toFixed(0)} s (target under 60 s: ${verdict(tests.seconds < 60)}).` : ""),
];
console.log(lines.join("\n"));
fs.rmSync(outdir, { recursive: true, force: true });
if (skipTests) {
  console.log(`\n(--skip-tests: ${path.relative(root, BENCH_RESULTS)} and the README are left as they were)`);
} else {
  fs.writeFileSync(BENCH_RESULTS, `${lines.join("\n")}\n`);
  const readmePath = path.join(root, "README.md");
  fs.writeFileSync(readmePath, replaceSection(fs.readFileSync(readmePath, "utf8"), "speed", lines.join("\n")));
  console.log(`\nwrote ${path.relative(root, BENCH_RESULTS)} and README.md's speed section`);
}
