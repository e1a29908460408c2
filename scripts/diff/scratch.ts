// What a diff leaves on disk or running while it reads a git ref: the temporary folder the ref
// is extracted into, and the git and tar processes that fill it. Each is released when its work
// settles; on SIGINT or SIGTERM the command (scripts/diff.ts) releases all at once, then exits.
import { type ChildProcess, execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const folders = new Set<string>();
const running = new Set<ChildProcess>();

/**
 * Calls `fn` with a new temporary folder, removed once `fn` settles. The folder is known from the
 * moment it exists until it is gone (created synchronously, forgotten after its removal), so a
 * signal at any point between finds it.
 */
export async function withTempFolder<T>(prefix: string, fn: (folder: string) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.add(folder);
  try {
    return await fn(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
    folders.delete(folder);
  }
}

/** `execFile`, followed until it exits, so that a signal can stop it. Rejects as `execFile` does. */
export function run(file: string, args: readonly string[], cwd: string): Promise<{ stdout: string }> {
  return new Promise((done, fail) => {
    const child = execFile(file, args, { cwd, maxBuffer: 1 << 26 }, (error, stdout) => {
      running.delete(child);
      if (error) fail(error);
      else done({ stdout });
    });
    running.add(child);
  });
}

/**
 * Kills the processes still running and removes the folders still there, synchronously: what a
 * signal handler does before it exits. The processes first, so none writes into a folder after
 * it is gone; a file one wrote meanwhile is retried past.
 */
export function releaseAll(): void {
  for (const child of running) child.kill("SIGKILL");
  for (const folder of folders) rmSync(folder, { recursive: true, force: true, maxRetries: 5 });
  running.clear();
  folders.clear();
}
