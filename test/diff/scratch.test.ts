// What a diff leaves behind while it reads a ref, in-process: the temporary folder goes when its
// work settles, a process is followed to its end, and releaseAll (what the signal handler of
// scripts/diff.ts calls; signals.test.ts sends the signals to a process) ends both at once.
import { access, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { releaseAll, run, withTempFolder } from "../../scripts/diff/scratch.js";

const PREFIX = "scratch-test-";

const gone = (path: string) => expect(access(path)).rejects.toThrow(/ENOENT/);

describe("withTempFolder", () => {
  it("gives a new folder in the system's temporary folder, and removes it and its files once fn returns", async () => {
    let seen = "";
    const result = await withTempFolder(PREFIX, async (folder) => {
      seen = folder;
      expect(dirname(folder)).toBe(tmpdir());
      expect(basename(folder)).toMatch(new RegExp(`^${PREFIX}\\w{6}$`));
      expect((await stat(folder)).isDirectory()).toBe(true);
      await writeFile(join(folder, "file"), "x");
      return 42;
    });
    expect(result).toBe(42);
    await gone(seen);
  });

  it("removes the folder when fn fails, and rethrows its error", async () => {
    let seen = "";
    const failed = withTempFolder(PREFIX, async (folder) => {
      seen = folder;
      await writeFile(join(folder, "file"), "x");
      throw new Error("boom");
    });
    await expect(failed).rejects.toThrow("boom");
    await gone(seen);
  });
});

describe("run", () => {
  it("resolves with the output of a process run in the folder given", async () => {
    const cwd = tmpdir();
    expect(await run(process.execPath, ["-e", "process.stdout.write(process.cwd())"], cwd)).toEqual({ stdout: cwd });
  });

  it("rejects as execFile does when the process fails", async () => {
    await expect(run(process.execPath, ["-e", "process.exit(3)"], tmpdir())).rejects.toMatchObject({ code: 3 });
  });

  // execFile's default is 1 MB: a large tree's listing must not overrun it.
  it("takes an output of more than a megabyte", async () => {
    const { stdout } = await run(process.execPath, ["-e", "process.stdout.write('x'.repeat(3 << 20))"], tmpdir());
    expect(stdout).toHaveLength(3 << 20);
  });
});

describe("releaseAll", () => {
  it("kills the processes still running and removes the folders still there", async () => {
    let folder = "";
    let running: Promise<unknown> = Promise.resolve();
    const started = new Promise<void>((ready) => {
      void withTempFolder(PREFIX, async (temp) => {
        folder = temp;
        // A process that would outlive the test: only a kill ends it.
        running = run(process.execPath, ["-e", "setInterval(() => {}, 1000)"], temp);
        ready();
        return running.catch(() => {});
      });
    });
    await started;
    releaseAll();
    await gone(folder);
    await expect(running).rejects.toMatchObject({ killed: true, signal: "SIGKILL" });
  });

  // A signal between withTempFolder's removal of its folder and its forgetting it finds it gone.
  it("skips a folder that is already gone", async () => {
    let release = () => {};
    const held = new Promise<void>((done) => {
      release = done;
    });
    let removed = () => {};
    const emptied = new Promise<void>((done) => {
      removed = done;
    });
    const settled = withTempFolder(PREFIX, async (folder) => {
      await rm(folder, { recursive: true });
      removed();
      await held;
    });
    await emptied;
    expect(() => releaseAll()).not.toThrow();
    release();
    await settled;
  });
});
