// Global setup: every temporary folder the suite makes (fixture copies, throwaway projects,
// browser profiles, the commands it starts) goes under one folder that is removed at the end,
// so no run leaves anything behind in the system's temporary folder, however a test ends.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), "api-error-contracts-test-"));
  // Workers and child processes start after this and inherit it; os.tmpdir() reads it per call.
  process.env.TMPDIR = root;
  return () => rm(root, { recursive: true, force: true });
}
