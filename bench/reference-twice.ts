/**
 * The reference architecture synthesized twice in one process, each time as main.ts does it:
 * `node dist/bench/reference-twice.js`. The second synth finds the code loaded, compiled and warm,
 * so the difference to one synth is what the work itself costs; the rest of a single synth is
 * starting Node and loading, compiling and first running the code.
 */
import { runReferenceApp } from "../reference/reference-main";

const quiet = { log: () => undefined, warn: () => undefined, error: (line: string) => console.error(line) };
for (let run = 0; run < 2; run++) {
  if (runReferenceApp({ env: process.env, out: quiet }) !== 0) process.exit(1);
}
