/**
 * Rewrites the generated parts of README.md (between `<!-- name:start -->` and
 * `<!-- name:end -->`) from the library's own data, so the docs cannot drift from the code.
 * `npm run docs`; test/readme.test.ts fails when README.md is stale.
 */
import * as fs from "fs";
import * as path from "path";
import { replaceSection } from "./readme-markers";
import { readmeSections } from "./readme-sections";

const readmePath = path.join(__dirname, "..", "README.md");
let readme = fs.readFileSync(readmePath, "utf8");
for (const [name, body] of Object.entries(readmeSections())) readme = replaceSection(readme, name, body);
fs.writeFileSync(readmePath, readme);
