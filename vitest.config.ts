import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ci = !["", "0", "false"].includes(process.env.CI ?? "");
/**
 * Test files that must not share modules with others in a worker: Spectral's packages keep state
 * across documents that changes what a later file's lint reports.
 */
const ISOLATED = ["test/lint/**/*.test.ts"];

export default defineConfig({
  test: {
    // Absolute, so a run with another --root (as the snapshot test does) still finds it.
    globalSetup: [fileURLToPath(new URL("test/support/temp-root.ts", import.meta.url))],
    // A worker per core: many suites wait on child processes, Chromium or loopback servers, so
    // vitest's default on two cores (one worker) leaves a core idle (measured: bench/RESULTS.md).
    maxWorkers: availableParallelism(),
    // Under CI a missing or changed snapshot fails; nothing is ever written (`.ci/run` sets CI).
    ...(ci ? { update: "none" as const } : {}),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: ISOLATED,
          // Modules loaded once per worker, not once per file: a third of the suite's time was imports.
          isolate: false,
          typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      { extends: true, test: { name: "isolated", include: ISOLATED } },
    ],
  },
});
