/**
 * `npm run golden`: rewrites test/reference/__golden__/addresses.json, the golden list of the
 * reference synth's stateful Terraform addresses (README "Stable addresses"). Run it when a
 * stateful resource is really added or removed, and commit the file with the change.
 */
import * as fs from "fs";
import * as path from "path";
import { GOLDEN_ADDRESSES_FILE, goldenAddresses, synthesizeVariants } from "../reference/golden-addresses";

const golden = goldenAddresses(synthesizeVariants());
fs.mkdirSync(path.dirname(GOLDEN_ADDRESSES_FILE), { recursive: true });
fs.writeFileSync(GOLDEN_ADDRESSES_FILE, JSON.stringify(golden, null, 2) + "\n");
const counts = Object.entries(golden).map(([variant, stacks]) => `${variant}: ${Object.entries(stacks).map(([stack, a]) => `${stack} ${a.length}`).join(", ")}`);
console.log(`wrote ${path.relative(process.cwd(), GOLDEN_ADDRESSES_FILE)} (${counts.join("; ")})`);
