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

async function start(): Promise<void> {
  root = await mkdtemp(join(tmpdir(), "watcher-"));
  await mkdir(join(root, "specs/a/errors"), { recursive: true });
  await writeFile(join(root, "specs/a/errors/x.yaml"), "x: 1\n");
  await writeFile(join(root, "specs/a/y.yaml"), "y: 1\n");
  await writeFile(join(root, "config.yaml"), "c: 1\n");
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
});
