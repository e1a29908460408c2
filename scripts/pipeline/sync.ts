// Brings an output folder (generated/) in step with what a run produced, as one transaction:
// every changed file is first written to a temporary file beside it, and only when all of them
// are on disk are they renamed into place. A run that fails before that (an emitter throws, the
// disk is full, a folder is read-only) leaves the folder as it was. The folder's write lock
// (scripts/pipeline/write-lock.ts) lets one writer at a time through and, until the renames are
// done, lists them, so a run killed among its renames is finished by the next writer and
// reported by the drift gate, never taken for a complete output.
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { OutputFile } from "../output.js";
import { isLockFile, type Lock, lockFolder, type Transaction } from "./write-lock.js";

export interface Drift {
  readonly changed: string[];
  readonly missing: string[];
  readonly stale: string[];
  /** The lock file of a write that was cut short among its renames, when there is one (see sync.ts). */
  readonly interrupted?: string;
}

/** The file operations a write uses; a test can make one of them fail. */
export interface WriteIo {
  readonly writeFile: typeof writeFile;
  readonly rename: typeof rename;
}

const FS: WriteIo = { writeFile, rename };

/** What a write does to the folder; every path is relative to the project root. */
export interface WritePlan {
  readonly files: readonly OutputFile[];
  /** Paths to remove (files no run produces any more). */
  readonly remove: readonly string[];
  /** Called under the lock before anything is written: a writer whose inputs changed meanwhile throws here. */
  readonly beforeWrite?: () => Promise<void>;
}

/** A file could not be written; the folder is as it was. */
export class WriteProblem extends Error {
  override readonly name = "WriteProblem";
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

const same = (a: Uint8Array, b: string | Uint8Array): boolean =>
  Buffer.from(a).equals(typeof b === "string" ? Buffer.from(b) : b);

/** What differs between `files` and the disk under `outDir`, read while no writer is at work. */
async function differences(root: string, outDir: string, files: readonly OutputFile[]): Promise<Drift> {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  const onDisk = (await listFiles(join(root, outDir))).map((p) => relative(root, p)).filter((p) => !isLockFile(p));
  const drift: Drift = { changed: [], missing: [], stale: onDisk.filter((p) => !wanted.has(p)).sort() };
  for (const [path, content] of wanted) {
    const current = await readFile(join(root, path)).catch(() => undefined);
    if (current === undefined) drift.missing.push(path);
    else if (!same(current, content)) drift.changed.push(path);
  }
  return drift;
}

/**
 * Compares what the specs produce with what is on disk under `outDir` (the drift gate). It waits
 * for a writer at work; a write cut short is reported as `interrupted`, and left for a writer.
 */
export async function compare(root: string, outDir: string, files: readonly OutputFile[]): Promise<Drift> {
  const lock = await lockFolder(join(root, outDir), { recover: false });
  try {
    const drift = await differences(root, outDir, files);
    return lock.interrupted ? { ...drift, interrupted: relative(root, lock.path) } : drift;
  } finally {
    await lock.release();
  }
}

/** Writes `files` under `outDir` and removes what no spec produces any more: the whole folder in step. */
export async function write(
  root: string,
  outDir: string,
  files: readonly OutputFile[],
  options: { beforeWrite?: () => Promise<void>; io?: WriteIo } = {},
): Promise<Drift> {
  return transact(
    root,
    outDir,
    async () => {
      const drift = await differences(root, outDir, files);
      return { drift, plan: { files, remove: drift.stale } };
    },
    options,
  );
}

/**
 * Writes those of `files` that differ from the disk and removes the paths in `remove` that
 * exist; files not named are left alone, so a run that produced one API's files can write them
 * without touching another API's.
 */
export async function writeSome(root: string, outDir: string, plan: WritePlan, io: WriteIo = FS): Promise<Drift> {
  return transact(
    root,
    outDir,
    async () => {
      const drift: Drift = { changed: [], missing: [], stale: [] };
      for (const file of plan.files) {
        const current = await readFile(join(root, file.path)).catch(() => undefined);
        if (current === undefined) drift.missing.push(file.path);
        else if (!same(current, file.content)) drift.changed.push(file.path);
      }
      const existing = await Promise.all(
        plan.remove.map((p) =>
          readFile(join(root, p)).then(
            () => p,
            () => undefined,
          ),
        ),
      );
      drift.stale.push(...existing.filter((p) => p !== undefined));
      return { drift, plan: { files: plan.files, remove: drift.stale } };
    },
    { ...(plan.beforeWrite ? { beforeWrite: plan.beforeWrite } : {}), io },
  );
}

/** Under the folder's lock: works out the drift, stages every file, then renames them all into place. */
async function transact(
  root: string,
  outDir: string,
  work: () => Promise<{ drift: Drift; plan: WritePlan }>,
  { beforeWrite, io = FS }: { beforeWrite?: () => Promise<void>; io?: WriteIo },
): Promise<Drift> {
  const lock = await lockFolder(join(root, outDir), { recover: true });
  try {
    if (lock.interrupted) await apply(root, lock.interrupted, io.rename);
    if (lock.leftBy !== undefined) await removeTemporaries(join(root, outDir), lock.leftBy);
    await beforeWrite?.();
    const { drift, plan } = await work();
    const byPath = new Map(plan.files.map((f) => [f.path, f.content]));
    const writes = [...drift.changed, ...drift.missing].map((path) => ({ path, content: byPath.get(path)! }));
    if (writes.length === 0 && plan.remove.length === 0) return drift;
    const transaction = await stage(root, { writes, remove: plan.remove }, lock, io);
    try {
      await apply(root, transaction, io.rename);
    } catch (error) {
      await lock.abandon();
      throw error;
    }
    return drift;
  } finally {
    await lock.release();
  }
}

/** A temporary name in the same folder: rename is atomic only within one file system. */
const temporaryOf = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);

/** Removes what a writer that died while staging left: its temporary files, which no rename was recorded for. */
async function removeTemporaries(dir: string, pid: number): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const left = entries.filter((e) => e.isFile() && e.name.startsWith(".") && e.name.endsWith(`.${pid}.tmp`));
  await Promise.all(left.map((e) => rm(join(e.parentPath, e.name), { force: true })));
}

/** Writes every file to its temporary name, then records the renames in the lock; on failure removes them all. */
async function stage(
  root: string,
  { writes, remove }: { writes: readonly OutputFile[]; remove: readonly string[] },
  lock: Lock,
  io: WriteIo,
): Promise<Transaction> {
  const renames: [string, string][] = [];
  let current = "";
  try {
    for (const file of writes) {
      current = file.path;
      const temporary = temporaryOf(file.path);
      await mkdir(dirname(join(root, file.path)), { recursive: true });
      renames.push([temporary, file.path]);
      await io.writeFile(join(root, temporary), file.content);
    }
  } catch (error) {
    await Promise.all(renames.map(([temporary]) => rm(join(root, temporary), { force: true })));
    const { code = "error" } = error as NodeJS.ErrnoException;
    throw new WriteProblem(
      `Could not write ${current} (${code}). Nothing was changed. ${fixFor(error, root, current)}.`,
    );
  }
  const transaction: Transaction = { renames, remove };
  await lock.record(transaction);
  return transaction;
}

/** What to do about a file that could not be written, by the system's error code. */
function fixFor(error: unknown, root: string, path: string): string {
  const { code, path: at } = error as NodeJS.ErrnoException;
  const failedAt = at === undefined ? dirname(path) : relative(root, at);
  if (code === "ENOSPC") return "Free some disk space and run again";
  if (code === "EACCES" || code === "EPERM" || code === "EROFS") return `Make ${dirname(path)}/ writable and run again`;
  // mkdir of a folder where a file stands (EEXIST, ENOTDIR): the file is in the way.
  if (code === "EEXIST" || code === "ENOTDIR") return `Remove the file in the way of ${failedAt}/ and run again`;
  return "Fix the cause and run again";
}

/** Renames every staged file into place and removes what is to go. */
export async function apply(root: string, { renames, remove }: Transaction, move = FS.rename): Promise<void> {
  for (const [temporary, path] of renames) {
    await move(join(root, temporary), join(root, path)).catch((error: NodeJS.ErrnoException) => {
      // Moved already: a recovery finishes a transaction whose renames were partly done.
      if (error.code !== "ENOENT") throw error;
    });
  }
  for (const path of remove) await rm(join(root, path), { force: true });
}
