/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type checking is `tsc --noEmit` (npm test runs it); ts-jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // Each test file starts its own MariaDB server; two at a time on two cores.
  maxWorkers: 2,
  testTimeout: 60000,
};
