// @ts-check
// `npm run mutate`: StrykerJS over the runtime (src/) and every script under scripts/: the
// contract reader, the pipeline and the commands (tested in-process through `main(argv, io)`).
// scripts/launch.mjs is left out: it runs only as the process that starts a command, never
// inside the test process where Stryker switches mutants (test/MUTATION.md lists its hand
// mutations). Not part of `npm test` (it runs the related tests once per
// mutant). Incremental: a re-run only tests mutants whose code or tests changed since the
// last run, recorded in reports/ (git-ignored: it is a local cache; test/MUTATION.md keeps
// the figures). One folder, against the tests that mirror it:
// `MUTATE_TESTS='test/verify/*.test.ts' npm run mutate -- --mutate 'scripts/verify/**/*.ts'`.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "test/mutate.vitest.config.ts", related: true },
  mutate: ["src/**/*.ts", "src/**/*.js", "scripts/**/*.ts", "scripts/**/*.js", "!**/*.test.ts", "!**/*.d.ts"],
  coverageAnalysis: "perTest",
  // A mutant in code that runs at import (a constant, a table) is "static": Stryker would run
  // the whole suite for each (minutes apiece). They are reported as ignored, not as killed.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  concurrency: 2,
  timeoutMS: 30_000,
  // The first run of the whole suite, with coverage, on a shared two-core machine.
  dryRunTimeoutMinutes: 30,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  // Other runs' sandboxes too (a run may be given its own --tempDirName).
  ignorePatterns: ["dist", "test-results", "reports", "bench/.typecheck", ".cache", ".stryker-tmp*"],
  // Stryker's default prepends `// @ts-nocheck` to every .html and .ts under test/, file
  // snapshots included; the mutate runs never type-check, so it is not needed.
  disableTypeChecks: false,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
