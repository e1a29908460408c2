import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ci = !["", "0", "false"].includes(process.env.CI ?? "");
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
    include: ["test/**/*.test.ts"],
    // Modules loaded once per worker, not once per file: a third of the suite's time was imports
    // (the lint's suites alone halve their CPU time by sharing Spectral and its ruleset).
    isolate: false,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
