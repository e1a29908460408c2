// `npm run bench -- --quick` end to end: every quick area runs and prints its table. This
// checks the harness works, never a speed. (The generate area spawns the CLIs for tens of
// seconds even when quick, so only `npm run bench` runs it.)
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

it("runs the quick benchmark and prints one table per area", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [resolve(root, "node_modules/tsx/dist/cli.mjs"), "bench/index.ts", "--quick", "--only=scale,client,size,typecheck"],
    { cwd: root, maxBuffer: 1 << 22 },
  );
  for (const heading of ["### 2. Scale", "### 3. Client overhead", "### 4. Bundle size", "### 5. Type-check cost"])
    expect(stdout).toContain(heading);
  expect(stdout).toMatch(/\| \d+(\.\d+)?× \|/);
}, 180_000);
