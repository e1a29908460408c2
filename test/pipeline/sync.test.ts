// The drift gate and the writer: what differs between the files the specs produce and
// generated/ on disk, and a write that is all or nothing, whatever fails or dies midway.
import { mkdir, mkdtemp, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apply, compare, write, type WriteIo, WriteProblem, writeSome } from "../../scripts/pipeline/sync.js";
import { LOCK_FILE, lockFolder } from "../../scripts/pipeline/write-lock.js";

const files = [
  { path: "generated/a/one.ts", content: "one\n" },
  { path: "generated/b/two.json", content: "{}\n" },
];
const next = [
  { path: "generated/a/one.ts", content: "one, next\n" },
  { path: "generated/b/two.json", content: '{"next":true}\n' },
  { path: "generated/c/three.ts", content: "three\n" },
];

async function emptyRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), "sync-"));
}

/** Every file under generated/ by path, with its content. */
async function tree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(join(root, "generated"), { recursive: true, withFileTypes: true }).catch(() => []);
  const found: Record<string, string> = {};
  for (const e of entries.filter((e) => e.isFile())) {
    const path = join(e.parentPath, e.name);
    found[path.slice(root.length + 1)] = await readFile(path, "utf8");
  }
  return found;
}

const asTree = (list: readonly { path: string; content: string }[]) =>
  Object.fromEntries(list.map((f) => [f.path, f.content]));

/** A pid no process has: the highest a Linux kernel hands out, plus one. */
const DEAD_PID = 4_194_305;

describe("drift gate", () => {
  const cases: [
    string,
    { given: (root: string) => Promise<void>; want: { changed: string[]; missing: string[]; stale: string[] } },
  ][] = [
    [
      "nothing written yet",
      {
        given: async () => {},
        want: { changed: [], missing: ["generated/a/one.ts", "generated/b/two.json"], stale: [] },
      },
    ],
    [
      "in step",
      {
        given: async (root) => void (await write(root, "generated", files)),
        want: { changed: [], missing: [], stale: [] },
      },
    ],
    [
      "a hand edit",
      {
        given: async (root) => {
          await write(root, "generated", files);
          await writeFile(join(root, "generated/a/one.ts"), "edited\n");
        },
        want: { changed: ["generated/a/one.ts"], missing: [], stale: [] },
      },
    ],
    [
      "a file no spec produces",
      {
        given: async (root) => {
          await write(root, "generated", files);
          await mkdir(join(root, "generated/old"), { recursive: true });
          await writeFile(join(root, "generated/old/gone.ts"), "");
        },
        want: { changed: [], missing: [], stale: ["generated/old/gone.ts"] },
      },
    ],
    [
      "a temporary file a dead writer left before it recorded its renames",
      {
        given: async (root) => {
          await write(root, "generated", files);
          await writeFile(join(root, "generated/a/.one.ts.123.tmp"), "half");
        },
        want: { changed: [], missing: [], stale: ["generated/a/.one.ts.123.tmp"] },
      },
    ],
  ];

  it.each(cases)("%s", async (_name, { given, want }) => {
    const root = await emptyRoot();
    await given(root);
    expect(await compare(root, "generated", files)).toEqual(want);
  });

  it("write brings generated/ back in step, removes stale files and leaves no lock", async () => {
    const root = await emptyRoot();
    await mkdir(join(root, "generated/old"), { recursive: true });
    await writeFile(join(root, "generated/old/gone.ts"), "");
    await write(root, "generated", files);
    expect(await compare(root, "generated", files)).toEqual({ changed: [], missing: [], stale: [] });
    expect(await tree(root)).toEqual(asTree(files));
  });
});

describe("a write", () => {
  it("puts each changed file in place by a rename, and leaves unchanged files and other files alone", async () => {
    const root = await emptyRoot();
    await write(root, "generated", files);
    await writeFile(join(root, "generated/b/other.ts"), "another API's\n");
    const untouched = (await stat(join(root, "generated/b/two.json"))).ino;
    const before = (await stat(join(root, "generated/a/one.ts"))).ino;

    const drift = await writeSome(root, "generated", {
      files: [
        { path: "generated/a/one.ts", content: "one, edited\n" },
        { path: "generated/b/two.json", content: "{}\n" },
        { path: "generated/c/new.ts", content: "new\n" },
      ],
      remove: [],
    });

    expect(drift).toEqual({ changed: ["generated/a/one.ts"], missing: ["generated/c/new.ts"], stale: [] });
    expect(await readFile(join(root, "generated/a/one.ts"), "utf8")).toBe("one, edited\n");
    // A rename puts a new file in place; writing in place would keep the inode a reader has open.
    expect((await stat(join(root, "generated/a/one.ts"))).ino).not.toBe(before);
    expect((await stat(join(root, "generated/b/two.json"))).ino).toBe(untouched);
    expect(await readFile(join(root, "generated/b/other.ts"), "utf8")).toBe("another API's\n");
    expect((await readdir(join(root, "generated/a"))).sort()).toEqual(["one.ts"]);
  });

  it("removes the paths it is told to, reporting only those that existed", async () => {
    const root = await emptyRoot();
    await write(root, "generated", files);
    const drift = await writeSome(root, "generated", {
      files: [],
      remove: ["generated/a/one.ts", "generated/a/no.ts"],
    });
    expect(drift).toEqual({ changed: [], missing: [], stale: ["generated/a/one.ts"] });
    expect(await readdir(join(root, "generated/a"))).toEqual([]);
  });

  // A failure at each staged file in turn: the disk fills up, or a folder is read-only.
  it.each([
    ["ENOSPC", "no space left on device", /Free some disk space and run again\.$/],
    ["EACCES", "permission denied", /Make generated\/\w\/ writable and run again\.$/],
  ])("that fails with %s at any file changes nothing and says what to fix", async (code, text, fix) => {
    for (let failAt = 0; failAt < next.length; failAt++) {
      const root = await emptyRoot();
      await write(root, "generated", files);
      let writes = 0;
      const io: WriteIo = {
        rename,
        writeFile: (async (...args: Parameters<typeof writeFile>) => {
          if (writes++ === failAt) throw Object.assign(new Error(`${code}: ${text}, open`), { code });
          return writeFile(...args);
        }) as typeof writeFile,
      };
      const written = writeSome(root, "generated", { files: next, remove: [] }, io);
      await expect(written).rejects.toThrow(WriteProblem);
      await expect(written).rejects.toThrow(fix);
      await expect(written).rejects.toThrow(
        new RegExp(`^Could not write generated/\\w/\\w+\\.\\w+ \\(${code}\\)\\. Nothing`),
      );
      expect(await tree(root), `failing at file ${failAt}`).toEqual(asTree(files));
    }
  });

  it("that dies among its renames is finished by the next writer, and named by the drift gate until then", async () => {
    for (let diesAfter = 0; diesAfter < next.length; diesAfter++) {
      const root = await emptyRoot();
      await write(root, "generated", files);
      // Stop the process's renames after `diesAfter` of them, as a kill would, with the lock left behind.
      let renames = 0;
      const io: WriteIo = {
        writeFile,
        rename: (async (from: string, to: string) => {
          if (!from.endsWith(".tmp")) return rename(from, to);
          if (renames++ === diesAfter) throw new Error("killed");
          return rename(from, to);
        }) as typeof rename,
      };
      await expect(writeSome(root, "generated", { files: next, remove: [] }, io)).rejects.toThrow("killed");
      // The lock keeps the renames; a kill leaves it as it is, a process that lives on marks it abandoned.
      const lockPath = join(root, "generated", LOCK_FILE);
      const left = await readFile(lockPath, "utf8");
      expect(JSON.parse(left).transaction.renames).toHaveLength(next.length);

      const gate = await compare(root, "generated", next);
      expect(gate.interrupted).toBe(`generated/${LOCK_FILE}`);
      expect(await readFile(lockPath, "utf8")).toBe(left); // the gate writes nothing

      const drift = await writeSome(root, "generated", { files: next, remove: [] });
      expect(drift).toEqual({ changed: [], missing: [], stale: [] }); // the recovery did it all
      expect(await tree(root), `dying after ${diesAfter} renames`).toEqual(asTree(next));
    }
  });
  it("that dies while staging leaves generated/ as it was; the next writer removes its temporaries", async () => {
    const root = await emptyRoot();
    await write(root, "generated", files);
    // A writer killed before it recorded any rename: its lock and part of its staged files are left.
    const dir = join(root, "generated");
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname() }));
    await writeFile(join(dir, `a/.one.ts.${DEAD_PID}.tmp`), "half");
    await writeFile(join(dir, `a/.other.${DEAD_PID + 1}.tmp`), "not its own");
    const gate = await compare(root, "generated", files);
    expect(gate.interrupted).toBeUndefined(); // nothing of it reached a file in place
    await writeSome(root, "generated", { files: next, remove: [] });
    expect(await tree(root)).toEqual({ ...asTree(next), [`generated/a/.other.${DEAD_PID + 1}.tmp`]: "not its own" });
  });
});

describe("the write lock", () => {
  it("lets one writer at a time through: the second waits for the first to finish", async () => {
    const root = await emptyRoot();
    const dir = join(root, "generated");
    const first = await lockFolder(dir, { recover: true });
    const order: string[] = [];
    const second = lockFolder(dir, { recover: true }).then((lock) => {
      order.push("second");
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    order.push("first done");
    await first.release();
    await (await second).release();
    expect(order).toEqual(["first done", "second"]);
    expect(await readdir(dir)).toEqual([]);
  });

  it("is taken over from a process that is gone, once, however many wait", async () => {
    const root = await emptyRoot();
    const dir = join(root, "generated");
    await mkdir(dir);
    const transaction = { renames: [], remove: ["generated/x"] };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: DEAD_PID, host: hostname(), transaction }));
    const held: string[] = [];
    const locks = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const lock = await lockFolder(dir, { recover: true });
        held.push(`in ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        held.push(`out ${n}`);
        await lock.release();
        return lock;
      }),
    );
    // Never two holders at once: every "in" is followed by its own "out".
    for (let i = 0; i < held.length; i += 2) expect(held[i]!.slice(3)).toBe(held[i + 1]!.slice(4));
    expect(locks.filter((lock) => lock.interrupted)).toHaveLength(1);
  });

  it("applies a recovered transaction whose renames were partly done already", async () => {
    const root = await emptyRoot();
    await mkdir(join(root, "generated"), { recursive: true });
    await writeFile(join(root, "generated/.a.1.tmp"), "a");
    await writeFile(join(root, "generated/gone"), "");
    await apply(root, {
      renames: [
        ["generated/.a.1.tmp", "generated/a"],
        ["generated/.b.1.tmp", "generated/b"],
      ],
      remove: ["generated/gone"],
    });
    expect(await tree(root)).toEqual({ "generated/a": "a" });
  });
});
