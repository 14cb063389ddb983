import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const { prune } = require("../../scripts/prune-dist") as { prune(srcDir: string, outDir: string): string[] };

describe("scripts/prune-dist.js", () => {
  test("GIVEN outputs of a moved source THEN they are removed and the outputs of live sources and data stay", () => {
    // GIVEN
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "prune-dist-"));
    const write = (file: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), "");
    };
    ["lib/index.ts", "lib/stacks/oci-stack.ts", "lib/data/regions.json"].forEach(write);
    const live = ["dist/lib/index.js", "dist/lib/index.d.ts", "dist/lib/stacks/oci-stack.js", "dist/lib/stacks/oci-stack.d.ts", "dist/lib/data/regions.json"];
    const moved = ["dist/lib/stacks/reference-app.js", "dist/lib/stacks/reference-app.d.ts", "dist/lib/network/index.js"];
    [...live, ...moved].forEach(write);
    try {
      // WHEN
      const removed = prune(path.join(root, "lib"), path.join(root, "dist", "lib"));
      // THEN
      expect(removed).toEqual(["network/index.js", "stacks/reference-app.d.ts", "stacks/reference-app.js"].map((f) => path.normalize(f)));
      for (const file of moved) expect(fs.existsSync(path.join(root, file))).toBe(false);
      for (const file of live) expect(fs.existsSync(path.join(root, file))).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
