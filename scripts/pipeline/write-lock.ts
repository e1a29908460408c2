// One writer at a time in an output folder, and a record of what a writer was doing when it
// died. The lock is a file in the folder (`.write-lock.json`) created exclusively, holding its
// owner's process id and host; once a writer has staged its files it adds the renames it is
// about to do. A lock whose owner is gone is taken over, and its renames are handed to the new
// owner to finish. Kept in the folder itself, so that a cut-short write travels with the
// checkout and the drift gate reports it, wherever the folder is copied or moved.
import { hostname } from "node:os";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";

export const LOCK_FILE = ".write-lock.json";

/** Staged renames (temporary file, final path) and removals, relative to the project root. */
export interface Transaction {
  readonly renames: readonly (readonly [string, string])[];
  readonly remove: readonly string[];
}

interface Owner {
  readonly pid: number;
  readonly host: string;
  readonly transaction?: Transaction;
  /** Its owner gave up midway (a rename failed): the next writer finishes it, in this process too. */
  readonly abandoned?: true;
}

export interface Lock {
  /** The lock file, absolute. */
  readonly path: string;
  /** What a writer that died under this lock had staged and not finished renaming. */
  readonly interrupted?: Transaction;
  /** The process id of a writer on this host that died holding the lock: its temporary files may be left. */
  readonly leftBy?: number;
  /** Records the renames this writer is about to do, so that a writer after it can finish them. */
  record(transaction: Transaction): Promise<void>;
  /** Leaves the recorded renames for the next writer, and lets go of the lock. */
  abandon(): Promise<void>;
  /** Removes the lock (or, for a reader that took it from a dead writer, puts that writer's lock back). */
  release(): Promise<void>;
}

/** How long a writer waits for another before it gives up with an error. */
const WAIT_MS = 120_000;
const POLL_MS = 25;
/** A lock from another host is taken for its owner's only after this long untouched. */
const FOREIGN_STALE_MS = 60_000;

/**
 * The lock is no output. Anything else a writer leaves behind when it dies before recording its
 * renames (a temporary file) is: the drift gate names it, and the next full write removes it.
 */
export function isLockFile(path: string): boolean {
  return basename(path) === LOCK_FILE;
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    return typeof value.pid === "number" && typeof value.host === "string" ? (value as Owner) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function ownerIsGone(path: string, owner: Owner | undefined): Promise<boolean> {
  // Unreadable: a writer died between creating the file and filling it in.
  if (owner?.abandoned) return true;
  if (!owner)
    return (
      Date.now() -
        (await stat(path).then(
          (s) => s.mtimeMs,
          () => 0,
        )) >
      POLL_MS * 40
    );
  if (owner.host === hostname()) return owner.pid !== process.pid && !alive(owner.pid);
  return (
    Date.now() -
      (await stat(path).then(
        (s) => s.mtimeMs,
        () => 0,
      )) >
    FOREIGN_STALE_MS
  );
}

/**
 * Replaces a dead owner's lock (still as `seen`) with this process's, so that the lock file never
 * goes missing and no third process can create one meanwhile. One waiter at a time may try: the
 * one that creates the take-over token.
 */
async function takeOver(path: string, seen: string, mine: string): Promise<boolean> {
  const token = `${path}.takeover`;
  try {
    await writeFile(token, mine, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const text = await readFile(token, "utf8").catch(() => undefined);
    // A waiter that died while taking over: its token goes, and the lock is tried again.
    if (text !== undefined && (await ownerIsGone(token, parseOwner(text)))) await rm(token, { force: true });
    return false;
  }
  try {
    if ((await readFile(path, "utf8").catch(() => undefined)) !== seen) return false;
    await replace(path, mine);
    return true;
  } finally {
    await rm(token, { force: true });
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock of `dir`, waiting while a live process holds it. A writer (`recover: true`)
 * gets a dead writer's unfinished renames to finish; a reader gets them too, and on release
 * leaves them recorded for a writer.
 */
export async function lockFolder(dir: string, { recover }: { recover: boolean }): Promise<Lock> {
  const path = join(dir, LOCK_FILE);
  const me = { pid: process.pid, host: hostname() };
  const mine = JSON.stringify(me);
  const deadline = Date.now() + WAIT_MS;
  if (recover) await mkdir(dir, { recursive: true });
  let inherited: { text: string; transaction?: Transaction; pid?: number } | undefined;
  for (;;) {
    try {
      await writeFile(path, mine, { flag: "wx" });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return unlocked(path); // no folder yet: nothing to guard
      if (code !== "EEXIST") throw error;
    }
    // Gone since (or a dangling link): tried again after the pause, under the deadline. Any other
    // failure (a folder in its place, no read permission) is thrown: retried at once, both spun forever.
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      const message = `${relative(process.cwd(), path)} cannot be read as the write lock (${error.code}).`;
      throw Object.assign(new Error(`${message} Remove it and run again.`), { code: error.code });
    });
    let owner: Owner | undefined;
    if (text !== undefined) {
      owner = parseOwner(text);
      if ((await ownerIsGone(path, owner)) && (await takeOver(path, text, mine))) {
        inherited = {
          text,
          ...(owner?.transaction && { transaction: owner.transaction }),
          ...(owner?.host === hostname() && { pid: owner.pid }),
        };
        break;
      }
    }
    if (Date.now() > deadline) {
      const who = owner ? `process ${owner.pid} on ${owner.host}` : "another process";
      const fix = `If no such process runs, remove ${relative(process.cwd(), path)} and run again.`;
      throw new Error(
        `${relative(process.cwd(), dir)}/ is being written by ${who}; waited ${WAIT_MS / 1000} s. ${fix}`,
      );
    }
    await sleep(POLL_MS);
  }
  const interrupted = inherited?.transaction;
  let recorded: Transaction | undefined;
  let held = true;
  return {
    path,
    ...(interrupted ? { interrupted } : {}),
    ...(inherited?.pid !== undefined ? { leftBy: inherited.pid } : {}),
    record(transaction) {
      recorded = transaction;
      return replace(path, JSON.stringify({ ...me, transaction }));
    },
    async abandon() {
      held = false;
      await replace(
        path,
        JSON.stringify({ ...me, transaction: recorded ?? { renames: [], remove: [] }, abandoned: true }),
      );
    },
    async release() {
      if (!held) return;
      held = false;
      // A reader leaves a dead writer's lock for a writer to finish (its renames) or clean up (its temporaries).
      if (!recover && inherited) await replace(path, inherited.text);
      else await rm(path, { force: true });
    },
  };
}

let replaced = 0;

/** Rewrites the lock file whole, by a rename: a reader sees the old text or the new one. */
async function replace(path: string, text: string): Promise<void> {
  const next = `${path}.${process.pid}.${replaced++}`;
  await writeFile(next, text);
  await rename(next, path);
}

function unlocked(path: string): Lock {
  return { path, record: async () => {}, abandon: async () => {}, release: async () => {} };
}
