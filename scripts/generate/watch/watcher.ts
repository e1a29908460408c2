// Turns file-system events into batches of edited files for `npm run generate -- --watch`.
// Editors save through temporary files and renames, so one save is a burst of events: a batch
// waits until the burst has been quiet for `debounceMs`. Events during a run are held and make
// one batch after it. A file counts as edited only when its content changed (or it was
// deleted), so a save that changes nothing, a touch or an editor's swap file starts no run.
import { createHash } from "node:crypto";
import { type FSWatcher, watch } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, sep } from "node:path";

export interface WatchOptions {
  /** The project folder. */
  readonly root: string;
  /** Folders under `root` watched with everything in them. */
  readonly dirs: readonly string[];
  /** Single files directly in `root` (watched through the folder, as editors replace files). */
  readonly files: readonly string[];
  readonly debounceMs?: number;
  /** Handles one batch of edited files (absolute paths); the next batch waits for it to settle. */
  readonly onBatch: (files: string[]) => Promise<void>;
  /** The watcher itself failed (e.g. a watched folder was removed); no further batches come. */
  readonly onError: (error: Error) => void;
}

export interface Watching {
  /** Has these files compared with what was last seen, as if an event had named them. */
  recheck(files: readonly string[]): void;
  /** Stops watching: no further batch starts (one under way is the caller's to stop). */
  close(): void;
}

const digest = (content: Buffer): string => createHash("sha1").update(content).digest("hex");

/** The content hash of every file under `paths` now, to tell a real edit from an event. */
async function snapshot(root: string, dirs: readonly string[], files: readonly string[]): Promise<Map<string, string>> {
  const paths = files.map((file) => join(root, file));
  for (const dir of dirs) {
    const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
    paths.push(...entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)));
  }
  const hashes = new Map<string, string>();
  for (const path of paths) {
    const content = await readFile(path).catch(() => undefined);
    if (content) hashes.set(path, digest(content));
  }
  return hashes;
}

/** Which of `candidates` really changed since `known` was taken; updates `known`. */
async function edited(known: Map<string, string>, candidates: Iterable<string>): Promise<string[]> {
  const changed: string[] = [];
  for (const path of candidates) {
    // A folder, or a file gone before it was read (an editor's temporary file), reads as nothing.
    const content = await readFile(path).catch(() => undefined);
    const hash = content && digest(content);
    if (hash === known.get(path)) continue;
    if (hash === undefined) known.delete(path);
    else known.set(path, hash);
    changed.push(path);
  }
  return changed.sort();
}

/**
 * Watches a folder and every folder under it, each with its own (non-recursive) watcher. Node
 * 20's `recursive` option on Linux loses a file once an editor has replaced it by a rename
 * (`sed -i`, most editors' safe write): the next save reports only the temporary file's name.
 * A watcher per folder sees every rename into the folder by the final name.
 */
class FolderWatchers {
  private readonly watchers = new Map<string, FSWatcher>();

  constructor(
    private readonly onEvent: (dir: string, event: string, name: string | null) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Watches `dir` and the folders under it that are not watched yet; a folder already gone is skipped. */
  async add(dir: string): Promise<void> {
    if (this.watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (event, name) => this.onEvent(dir, event, name));
    } catch (error) {
      if (["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException).code ?? "")) return;
      throw error;
    }
    this.watchers.set(dir, watcher.on("error", this.onError));
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) if (entry.isDirectory()) await this.add(join(dir, entry.name));
  }

  /** Stops watching `dir` and the folders under it (they were removed or renamed away). */
  remove(dir: string): void {
    for (const [path, watcher] of this.watchers) {
      if (path === dir || path.startsWith(`${dir}${sep}`)) {
        watcher.close();
        this.watchers.delete(path);
      }
    }
  }

  has(dir: string): boolean {
    return this.watchers.has(dir);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}

/** Collects noted paths into batches: one per quiet period, and never two at once. */
class Batches {
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    /** Content hashes of the files as last seen. */
    readonly known: Map<string, string>,
    private readonly options: Pick<WatchOptions, "debounceMs" | "onBatch" | "onError">,
  ) {}

  note(path: string): void {
    this.pending.add(path);
    // While a batch is under way its end schedules the next; restarting the quiet period is enough.
    this.schedule();
  }

  /** Notes every known file under `dir`. */
  noteUnder(dir: string): void {
    for (const file of this.known.keys()) if (file.startsWith(`${dir}${sep}`)) this.note(file);
  }

  fail(error: Error): void {
    if (!this.closed) this.options.onError(error);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.options.debounceMs ?? 100);
  }

  private flush(): void {
    if (this.running || this.closed || this.pending.size === 0) return;
    const candidates = this.pending;
    this.pending = new Set();
    this.running = edited(this.known, candidates)
      .then((changed) => (changed.length > 0 ? this.options.onBatch(changed) : undefined))
      .catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        this.running = undefined;
        if (this.pending.size > 0) this.schedule();
      });
  }
}

/** Starts watching; the content baseline is taken first, so edits made after this resolves are seen. */
export async function watchFiles(options: WatchOptions): Promise<Watching> {
  const { root, dirs, files } = options;
  const batches = new Batches(await snapshot(root, dirs, files), options);
  const fail = (error: Error): void => batches.fail(error);
  const folders: FolderWatchers = new FolderWatchers((dir, event, name) => {
    const path = name === null ? dir : join(dir, name);
    // A folder renamed in or out, or removed: its files count as edited (the content check sorts them out).
    if (event === "rename") followFolder(path).catch(fail);
    if (name !== null) batches.note(path);
    else batches.noteUnder(dir);
  }, fail);
  const followFolder = async (path: string): Promise<void> => {
    if (
      await stat(path).then(
        (s) => s.isDirectory(),
        () => false,
      )
    ) {
      await folders.add(path);
      // Gone again already: its removal is an event of its own.
      const inside = await readdir(path, { recursive: true }).catch(() => []);
      for (const entry of inside) batches.note(join(path, entry));
    } else if (folders.has(path)) {
      folders.remove(path);
      batches.noteUnder(path);
    }
  };
  for (const dir of dirs) await folders.add(join(root, dir));
  // The single files through their folder, without its sub-folders: an editor replaces a file by
  // a rename, which would leave a watcher on the file itself watching the old one.
  const single = watch(root, (_event, name) => {
    if (name !== null && files.includes(name)) batches.note(join(root, name));
  }).on("error", fail);
  return {
    recheck: (paths) => {
      for (const path of paths) batches.note(path);
    },
    close() {
      batches.close();
      folders.close();
      single.close();
    },
  };
}
