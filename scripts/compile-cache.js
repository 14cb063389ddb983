// V8's compiled code for the app's own JavaScript (dist/), kept between synths: an unchanged
// synth then neither parses nor compiles it again. This is what Node >= 22.1 does with
// module.enableCompileCache() (TypeScript's tsc turns that on too), and that is used where Node
// has it; on Node 20 the same is done here for the modules under `dist/` only: each is compiled
// with the cached data V8 made for it at the end of the previous synth (so including the
// functions that ran, not only the top level), and a module without usable cached data gets it
// at exit. An entry belongs to one file's size and time and to one V8 version; V8 refuses data
// that does not fit its source, and then the module is compiled as usual. Nothing here changes
// what runs: the cache is kept in dist/.compile-cache, which goes with dist/.
"use strict";
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

const CACHE_DIR = path.join("dist", ".compile-cache");

/**
 * Turns the cache on for modules loaded from now on. Returns which way ("node": Node's own, or
 * "dist": this module's) with, for "dist", counts of the modules compiled from cached data, without
 * any, or with data V8 refused; undefined when it could not be turned on (the synth then runs as
 * it would without it).
 */
function enableCompileCache(root) {
  const dir = path.join(root, CACHE_DIR);
  if (typeof Module.enableCompileCache === "function") {
    const { status } = Module.enableCompileCache(dir);
    return status === Module.constants.compileCacheStatus.FAILED ? undefined : { mode: "node" };
  }
  const stats = { cached: 0, compiled: 0, refused: 0 };
  const dist = path.join(root, "dist") + path.sep;
  const versionDir = path.join(dir, `v8-${process.versions.v8}-${process.arch}`);
  const compile = Module.prototype._compile;
  const toWrite = [];
  Module.prototype._compile = function (content, filename) {
    if (!filename.startsWith(dist) || content.startsWith("#!")) return compile.call(this, content, filename);
    let stat;
    try {
      stat = fs.statSync(filename);
    } catch {
      return compile.call(this, content, filename);
    }
    const entry = path.join(versionDir, `${encodeURIComponent(path.relative(dist, filename))}-${stat.size}-${stat.mtimeMs}`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(entry);
    } catch {}
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, entry });
    stats[!cachedData ? "compiled" : script.cachedDataRejected ? "refused" : "cached"]++;
    return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once("exit", () => {
    if (toWrite.length === 0) return;
    try {
      // Entries of another V8, or of a file's earlier build, are never read again.
      for (const other of fs.readdirSync(dir)) {
        if (other.startsWith("v8-") && path.join(dir, other) !== versionDir) fs.rmSync(path.join(dir, other), { recursive: true, force: true });
      }
    } catch {}
    for (const { script, entry } of toWrite) {
      try {
        fs.mkdirSync(versionDir, { recursive: true });
        const prefix = `${path.basename(entry).replace(/-\d+-[\d.]+$/, "")}-`;
        for (const old of fs.readdirSync(versionDir)) if (old.startsWith(prefix) && /^\d+-[\d.]+$/.test(old.slice(prefix.length))) fs.rmSync(path.join(versionDir, old), { force: true });
        // Written aside and renamed: a synth running at the same time reads a whole entry or none.
        const partial = `${entry}.${process.pid}.partial`;
        fs.writeFileSync(partial, script.createCachedData());
        fs.renameSync(partial, entry);
      } catch {}
    }
  });
  return { mode: "dist", stats };
}

/** The `require` Node gives a module (module.require and what hangs off it). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

module.exports = { enableCompileCache, CACHE_DIR };
