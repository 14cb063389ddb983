/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type checking is `tsc --noEmit` (part of `npm test`); ts-jest only transpiles (isolatedModules in tsconfig), which keeps
    // the suite fast on two cores despite the large generated OCI bindings.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Tokens get no creation stack (test/support/no-token-traces.ts).
  setupFiles: ["<rootDir>/test/support/no-token-traces.ts"],
  // The reference app imports the library by its package name (tsconfig.json "paths").
  moduleNameMapper: { "^oke-virtual-nodes$": "<rootDir>/lib/index.ts" },
  // Jest's default on two cores is one worker; the suite is CPU-bound, so use both.
  maxWorkers: 2,
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
