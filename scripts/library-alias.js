// Preloaded (`ts-node -r ./scripts/library-alias.js`) by the scripts that run the reference app
// from source (npm run docs, npm run bench): the reference imports the library by its package
// name, which here means the library's source entry, lib/index.ts, as tsconfig.json's "paths" and
// jest's moduleNameMapper say. (Plain Node would resolve the name to the built dist/lib instead,
// through the package's self-reference, and the script would load the library twice.)
"use strict";
const Module = require("module");
const path = require("path");

const entry = path.join(__dirname, "..", "lib", "index.ts");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "oke-virtual-nodes" ? entry : request, ...rest);
};
