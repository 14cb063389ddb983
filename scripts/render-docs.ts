/**
 * Rewrites the generated parts of README.md (between `<!-- name:start -->` and
 * `<!-- name:end -->`) from the library's own data, so the docs cannot drift from the code.
 * `npm run docs`; test/readme.test.ts fails when README.md is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { readmeSections } from "./readme-sections";

const readmePath = path.join(__dirname, "..", "README.md");
let readme = fs.readFileSync(readmePath, "utf8");
for (const [name, body] of Object.entries(readmeSections())) {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  if (!pattern.test(readme)) throw new Error(`README.md has no ${name} markers`);
  readme = readme.replace(pattern, `$1${body}$2`);
}
fs.writeFileSync(readmePath, readme);
