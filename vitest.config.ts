import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const ci = !["", "0", "false"].includes(process.env.CI ?? "");

/**
 * The files that take longest, longest first. They start first, so that no long file starts
 * late and runs alone at the end: vitest orders a fresh clone's files by size, which put these
 * last. A stale entry costs time, never a result.
 */
const LONGEST = [
  "test/commands/launch.test.ts",
  "test/commands/generate.test.ts",
  "test/package.test.ts",
  "test/docs/browser.test.ts",
  "test/verify/fuzz.test.ts",
  "test/generate/watch/edits.test.ts",
  "test/generate/cli.test.ts",
  "test/lint/mutations.test.ts",
  "test/diff/links.browser.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at < 0 ? LONGEST.length : at;
    };
    // Array.prototype.sort is stable: the others keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    // Absolute, so a run with another --root (as the snapshot test does) still finds it.
    globalSetup: [fileURLToPath(new URL("test/support/temp-root.ts", import.meta.url))],
    // A worker per core: many suites wait on child processes, Chromium or loopback servers, so
    // vitest's default on two cores (one worker) leaves a core idle (measured: bench/RESULTS.md).
    maxWorkers: availableParallelism(),
    // Under CI a missing or changed snapshot fails; nothing is ever written (`.ci/run` sets CI).
    ...(ci ? { update: "none" as const } : {}),
    sequence: { sequencer: LongestFirst },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    include: ["test/**/*.test.ts"],
    // Modules loaded once per worker, not once per file: a third of the suite's time was imports
    // (the lint's suites alone halve their CPU time by sharing Spectral and its ruleset).
    isolate: false,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
