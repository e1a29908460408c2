// Global setup: every temporary folder the suite makes (fixture copies, throwaway projects,
// browser profiles, the commands it starts) goes under one folder that is removed at the end,
// so no run leaves anything behind in the system's temporary folder, however a test ends. A
// vitest run started inside the suite runs the global setup again and uses the folder it
// inherits (a folder nested in another would make Chromium's socket path too long).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MARK = "API_ERROR_CONTRACTS_TEST_TMPDIR";

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env[MARK] !== undefined && process.env[MARK] === process.env.TMPDIR) return async () => {};
  const root = await mkdtemp(join(tmpdir(), "api-error-contracts-test-"));
  // Workers and child processes start after this and inherit it; os.tmpdir() reads it per call.
  process.env.TMPDIR = root;
  process.env[MARK] = root;
  return () => rm(root, { recursive: true, force: true });
}
