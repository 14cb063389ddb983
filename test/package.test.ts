import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const root = path.join(__dirname, "..");

describe("the package", () => {
  test("GIVEN npm pack THEN the tarball holds the UPL-1.0 LICENSE next to package.json and README", () => {
    // --ignore-scripts: no build; the file list is what `files` and npm's own rules select.
    const [pack] = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts", "--silent"], { cwd: root, encoding: "utf8" })) as {
      files: { path: string }[];
    }[];
    expect(pack.files.map((f) => f.path)).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json"]));
    const license = fs.readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(license).toContain("The Universal Permissive License (UPL), Version 1.0");
    expect(license).toContain("a reference to the UPL must be included in all copies or substantial\nportions of the Software.");
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).license).toBe("UPL-1.0");
  });

  test("GIVEN a tarball in the work tree THEN git ignores it, and the consumer test packs into a temporary folder", () => {
    // check-ignore exits 0 when the path is ignored (and throws otherwise).
    expect(() => execFileSync("git", ["check-ignore", "-q", "oke-virtual-nodes-0.1.0.tgz"], { cwd: root })).not.toThrow();
    expect(fs.readFileSync(path.join(root, "scripts", "consumer-test.js"), "utf8")).toMatch(/"pack", "--pack-destination", work/);
  });
});
