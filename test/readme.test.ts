import * as fs from "fs";
import * as path from "path";
import { readmeSections } from "../scripts/readme-sections";

describe("README", () => {
  const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

  test("starts with the two commands: the main job and the tests", () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1].trim().split("\n");
    expect(firstBlock.map((line) => line.split("#")[0].trim())).toEqual(["npm ci && npm run synth", "npm ci && npm test"]);
  });

  test.each(Object.entries(readmeSections()))("the generated %s section is current (npm run docs)", (name, body) => {
    const section = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme);
    expect(section?.[1]).toBe(body);
  });
});
