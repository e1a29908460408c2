import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const ci = !["", "0", "false"].includes(process.env.CI ?? "");

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Absolute, so a run with another --root (as the snapshot test does) still finds it.
    globalSetup: [fileURLToPath(new URL("test/support/temp-root.ts", import.meta.url))],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    // Under CI a missing or changed snapshot fails; nothing is ever written (`.ci/run` sets CI).
    ...(ci ? { update: "none" as const } : {}),
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
