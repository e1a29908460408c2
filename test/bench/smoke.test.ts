// `npm run bench -- --quick` end to end: every quick area runs and prints its table. This
// checks the harness works, never a speed. (The generate area rewrites this checkout's
// generated/ while other tests read it, and diff runs git on it: only `npm run bench` runs those.)
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

it("runs the quick benchmark and prints one table per area", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      resolve(root, "scripts/launch.mjs"),
      "bench/index.ts",
      "--quick",
      "--only=scale,client,size,typecheck,apis,verify",
    ],
    { cwd: root, maxBuffer: 1 << 22 },
  );
  const headings = [
    "### 2. Scale",
    "### 3a. Client overhead per call, stubbed fetch",
    "### 3b. Client cost per call, loopback HTTP",
    "### 4. Bundle size",
    "### 5. Type-check cost",
    "### 8. Many",
    "### 9. Verify",
  ];
  for (const heading of headings) expect(stdout).toContain(heading);
  expect(stdout).toMatch(/\| \d+(\.\d+)?× \|/);
}, 180_000);
