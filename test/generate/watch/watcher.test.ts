// The file watcher behind `npm run generate -- --watch`, on a real folder: edits arrive as
// batches of changed files, an editor's rename-over save is seen every time (Node 20's
// recursive watch misses the second one), a save that changes nothing is no edit, and edits
// made while a batch runs come as one batch after it.
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchFiles, type Watching } from "../../../scripts/generate/watch/watcher.js";

let root: string;
let watching: Watching | undefined;
let batches: string[][];
let onBatch: (files: string[]) => Promise<void>;

async function start({ withConfig = true } = {}): Promise<void> {
  root = await mkdtemp(join(tmpdir(), "watcher-"));
  await mkdir(join(root, "specs/a/errors"), { recursive: true });
  await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 1\n");
  await writeFile(join(root, "specs/a/y.yaml"), "y: 1\n");
  if (withConfig) await writeFile(join(root, "config.yaml"), "c: 1\n");
  await writeFile(join(root, "other.yaml"), "o: 1\n");
  batches = [];
  onBatch = async (files) => void batches.push(files.map((f) => f.slice(root.length + 1)));
  watching = await watchFiles({
    root,
    dirs: ["specs"],
    files: ["config.yaml"],
    debounceMs: 50,
    onBatch: (files) => onBatch(files),
    onError: (error) => batches.push([`error: ${error.message}`]),
  });
}

/** How editors and `sed -i` save: a temporary file beside it, renamed over it. */
async function saveByRename(file: string, content: string): Promise<void> {
  const temporary = join(root, `${file}.tmp~`);
  await writeFile(temporary, content);
  await rename(temporary, join(root, file));
}

async function until(count: number, deadlineMs = 10_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (batches.length < count) {
    if (Date.now() > deadline) throw new Error(`${count} batch(es) expected; got ${JSON.stringify(batches)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  watching?.close();
  await rm(root, { recursive: true, force: true });
});

describe("watchFiles", () => {
  it("sees a file replaced by a rename every time, not only the first", async () => {
    await start();
    await saveByRename("specs/a/errors/x.yaml", "x: 2\n");
    await until(1);
    await saveByRename("specs/a/errors/x.yaml", "x: 3\n");
    await until(2);
    await saveByRename("specs/a/errors/x.yaml", "x: 4\n");
    await until(3);
    expect(batches).toEqual([["specs/a/errors/x.yaml"], ["specs/a/errors/x.yaml"], ["specs/a/errors/x.yaml"]]);
  });

  it("makes one batch of a burst, and none of a save that changes nothing", async () => {
    await start();
    await writeFile(join(root, "specs/a/y.yaml"), "y: 1\n"); // same content
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await saveByRename("config.yaml", "c: 2\n");
    await writeFile(join(root, "other.yaml"), "o: 2\n"); // in the root, but not a watched file
    await until(1);
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(2);
    expect(batches).toEqual([["config.yaml", "specs/a/errors/x.yaml"], ["specs/a/y.yaml"]]);
  });

  it("holds edits made while a batch runs and hands them over as one batch after it", async () => {
    await start();
    let release = (): void => {};
    const running = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    onBatch = async (files) => {
      batches.push(files.map((f) => f.slice(root.length + 1)));
      entered = true;
      if (batches.length === 1) await running;
    };
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(1);
    expect(entered).toBe(true);
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the quiet period, still running
    await saveByRename("specs/a/y.yaml", "y: 3\n");
    expect(batches).toHaveLength(1);
    release();
    await until(2);
    expect(batches).toEqual([["specs/a/y.yaml"], ["specs/a/errors/x.yaml", "specs/a/y.yaml"]]);
  });

  it("follows a new folder, and reports a deleted file", async () => {
    await start();
    await mkdir(join(root, "specs/b/deep"), { recursive: true });
    await writeFile(join(root, "specs/b/deep/z.yaml"), "z: 1\n");
    await until(1);
    await writeFile(join(root, "specs/b/deep/z.yaml"), "z: 2\n");
    await until(2);
    await rm(join(root, "specs/a/y.yaml"));
    await until(3);
    expect(batches).toEqual([["specs/b/deep/z.yaml"], ["specs/b/deep/z.yaml"], ["specs/a/y.yaml"]]);
  });

  it("sees a new file in a watched folder, and a watched single file that did not exist when it started", async () => {
    await start({ withConfig: false });
    await writeFile(join(root, "specs/a/new.yaml"), "n: 1\n");
    await until(1);
    await writeFile(join(root, "config.yaml"), "c: 1\n");
    await until(2);
    expect(batches).toEqual([["specs/a/new.yaml"], ["config.yaml"]]);
  });

  it("remembers what it saw first and what each edit saved: saving the same again is no edit", async () => {
    await start();
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await saveByRename("config.yaml", "c: 1\n"); // as it was when watching started
    await until(1);
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await saveByRename("config.yaml", "c: 2\n");
    await until(2);
    await saveByRename("config.yaml", "c: 2\n");
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(3);
    expect(batches).toEqual([["specs/a/errors/x.yaml"], ["config.yaml"], ["specs/a/y.yaml"]]);
  });

  it("watches a folder made again where one was moved away, and the folders in it", async () => {
    await start();
    await rename(join(root, "specs/a"), join(root, "moved"));
    await until(1);
    await mkdir(join(root, "specs/a/errors"), { recursive: true });
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await until(2);
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 3\n");
    await until(3);
    expect(batches).toEqual([
      ["specs/a/errors/x.yaml", "specs/a/y.yaml"],
      ["specs/a/errors/x.yaml"],
      ["specs/a/errors/x.yaml"],
    ]);
  });

  it("sees every file of a folder moved in, and the files of a folder moved away as deleted", async () => {
    await start();
    await mkdir(join(root, "outside/c/deep"), { recursive: true });
    await writeFile(join(root, "outside/c/deep/z.yaml"), "z: 1\n");
    await rename(join(root, "outside/c"), join(root, "specs/c"));
    await until(1);
    await writeFile(join(root, "specs/c/deep/z.yaml"), "z: 2\n"); // watched now, however deep
    await until(2);
    await rename(join(root, "specs/a"), join(root, "outside/a"));
    await until(3);
    expect(batches).toEqual([
      ["specs/c/deep/z.yaml"],
      ["specs/c/deep/z.yaml"],
      ["specs/a/errors/x.yaml", "specs/a/y.yaml"],
    ]);
  });

  it("takes a recheck as an event: a file counts when its content changed since it was last seen", async () => {
    await start();
    await writeFile(join(root, "other.yaml"), "o: 2\n"); // not watched: only the recheck names it
    watching?.recheck([join(root, "specs/a/y.yaml"), join(root, "other.yaml")]);
    await until(1);
    expect(batches).toEqual([["other.yaml"]]);
  });

  it("makes no batch of events whose files did not change", async () => {
    await start();
    watching?.recheck([join(root, "specs/a/y.yaml")]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // past the quiet period
    await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 2\n");
    await until(1);
    expect(batches).toEqual([["specs/a/errors/x.yaml"]]);
  });

  it("hands over an edit noted while a batch runs once the batch ends, with no further event", async () => {
    await start();
    let release = (): void => {};
    const running = new Promise<void>((resolve) => (release = resolve));
    onBatch = async (files) => {
      batches.push(files.map((f) => f.slice(root.length + 1)));
      if (batches.length === 1) await running;
    };
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(1);
    await writeFile(join(root, "other.yaml"), "o: 2\n");
    watching?.recheck([join(root, "other.yaml")]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // its quiet period ends while the batch runs
    release();
    await until(2);
    expect(batches).toEqual([["specs/a/y.yaml"], ["other.yaml"]]);
  });

  it("reports a batch that fails through onError, an Error or not, and goes on watching", async () => {
    await start();
    const failures: unknown[] = [new Error("the disk is full"), "a thrown string"];
    onBatch = async (files) => {
      const failure = failures.shift();
      if (failure !== undefined) throw failure;
      batches.push(files.map((f) => f.slice(root.length + 1)));
    };
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(1);
    await writeFile(join(root, "specs/a/y.yaml"), "y: 3\n");
    await until(2);
    await writeFile(join(root, "specs/a/y.yaml"), "y: 4\n");
    await until(3);
    expect(batches).toEqual([["error: the disk is full"], ["error: a thrown string"], ["specs/a/y.yaml"]]);
  });

  it("makes no batch once closed, nor reports the failure of one under way, nor takes an edit it held", async () => {
    await start();
    let release = (): void => {};
    const running = new Promise<void>((resolve) => (release = resolve));
    onBatch = async (files) => {
      batches.push(files.map((f) => f.slice(root.length + 1)));
      await running;
      throw new Error("failed after the close"); // closed: not reported
    };
    await writeFile(join(root, "specs/a/y.yaml"), "y: 2\n");
    await until(1);
    await writeFile(join(root, "other.yaml"), "o: 2\n");
    watching?.recheck([join(root, "other.yaml")]);
    watching?.close();
    release();
    await new Promise((resolve) => setTimeout(resolve, 300)); // well past the quiet period
    expect(batches).toEqual([["specs/a/y.yaml"]]);
  });

  it("keeps one watcher per folder, lets go of a folder moved away, and of every one when closed", async () => {
    const open = async (): Promise<number> => {
      await new Promise((resolve) => setTimeout(resolve, 20)); // a closed watcher is let go at the next turn
      return process.getActiveResourcesInfo().filter((name) => name === "FSEventWrap").length;
    };
    const before = await open();
    await start();
    expect(await open()).toBe(before + 4); // specs, specs/a, specs/a/errors, and the root for config.yaml
    await mkdir(join(root, "specs/b/deep"), { recursive: true });
    await writeFile(join(root, "specs/b/deep/z.yaml"), "z: 1\n");
    await until(1);
    expect(await open()).toBe(before + 6);
    await rename(join(root, "specs/a"), join(root, "moved"));
    await until(2);
    expect(await open()).toBe(before + 4);
    watching?.close();
    expect(await open()).toBe(before);
  });
});
