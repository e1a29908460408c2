// The vitest config `npm run mutate` runs per mutant: the project's suites minus those that
// cannot see a mutant (they spawn commands or a browser on files outside the mutated process,
// or need ../shared; test/commands/ runs most commands in-process now, so only the launcher's
// suite, processes throughout, is left out), the type tests (tsc reads the sources, not the
// mutated modules), and the Prism suite (a Prism start per mutant made a run of src/ take over
// an hour; the fault server covers the same paths in process). MUTATE_TESTS (comma-separated
// globs) narrows the suite to the tests that mirror the mutated group, for runs that would take
// hours against every test.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config.js";

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      typecheck: { enabled: false },
      exclude: [
        "**/node_modules/**",
        "test/commands/launch.test.ts",
        "test/config/**",
        "test/bench/smoke.test.ts",
        "test/package.test.ts",
        "test/docs/browser.test.ts",
        "test/client/prism.test.ts",
        "test/seed-conformance.test.ts",
      ],
    },
  }),
);
// Set after the merge: mergeConfig appends arrays, so an `include` given to it would add to the
// base's `test/**/*.test.ts` instead of narrowing it.
if (process.env.MUTATE_TESTS) config.test = { ...config.test, include: process.env.MUTATE_TESTS.split(",") };

export default config;
