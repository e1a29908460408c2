import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { OutputFile } from "../output.js";

export interface Drift {
  readonly changed: string[];
  readonly missing: string[];
  readonly stale: string[];
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

/** Compares what the specs produce with what is on disk under `outDir`. */
export async function compare(root: string, outDir: string, files: readonly OutputFile[]): Promise<Drift> {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  const onDisk = (await listFiles(join(root, outDir))).map((p) => relative(root, p));
  const drift: Drift = { changed: [], missing: [], stale: onDisk.filter((p) => !wanted.has(p)).sort() };
  for (const [path, content] of wanted) {
    const current = await readFile(join(root, path)).catch(() => undefined);
    if (current === undefined) drift.missing.push(path);
    else if (!same(current, content)) drift.changed.push(path);
  }
  return drift;
}

/** Writes what changed and removes what no spec produces any more; returns the drift it fixed. */
export async function write(root: string, outDir: string, files: readonly OutputFile[]): Promise<Drift> {
  const drift = await compare(root, outDir, files);
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  for (const path of [...drift.changed, ...drift.missing]) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), byPath.get(path)!);
  }
  for (const path of drift.stale) await rm(join(root, path));
  return drift;
}

/**
 * Writes those of `files` whose content differs from the disk, each to a temporary file beside
 * it then renamed into place, so that a reader sees the old file or the new one and never half
 * of one; then removes the paths in `remove` that exist. Files not named are left alone, so a
 * run that produced one API's files can write them without touching another API's.
 */
export async function writeAtomically(
  root: string,
  files: readonly OutputFile[],
  remove: readonly string[] = [],
): Promise<Drift> {
  const drift: Drift = { changed: [], missing: [], stale: [] };
  for (const file of files) {
    const path = join(root, file.path);
    const current = await readFile(path).catch(() => undefined);
    if (current !== undefined && same(current, file.content)) continue;
    (current === undefined ? drift.missing : drift.changed).push(file.path);
    await mkdir(dirname(path), { recursive: true });
    // A dot name in the same folder: rename is atomic only within one file system.
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      await writeFile(temporary, file.content);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
  for (const path of remove) {
    const gone = (error: NodeJS.ErrnoException): boolean => {
      if (error.code === "ENOENT") return false;
      throw error;
    };
    if (await rm(join(root, path)).then(() => true, gone)) drift.stale.push(path);
  }
  return drift;
}
