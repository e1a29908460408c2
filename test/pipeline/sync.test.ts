// The drift gate: what differs between the files the specs produce and generated/ on disk.
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, write, writeAtomically } from "../../scripts/pipeline/sync.js";

const files = [
  { path: "generated/a/one.ts", content: "one\n" },
  { path: "generated/b/two.json", content: "{}\n" },
];

async function emptyRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), "sync-"));
}

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
  ];

  it.each(cases)("%s", async (_name, { given, want }) => {
    const root = await emptyRoot();
    await given(root);
    expect(await compare(root, "generated", files)).toEqual(want);
  });

  it("write brings generated/ back in step and removes stale files", async () => {
    const root = await emptyRoot();
    await mkdir(join(root, "generated/old"), { recursive: true });
    await writeFile(join(root, "generated/old/gone.ts"), "");
    await write(root, "generated", files);
    expect(await compare(root, "generated", files)).toEqual({ changed: [], missing: [], stale: [] });
    expect(await readFile(join(root, "generated/a/one.ts"), "utf8")).toBe("one\n");
  });
});

describe("writeAtomically", () => {
  it("writes only what differs, by rename, and leaves files it was not given alone", async () => {
    const root = await emptyRoot();
    await write(root, "generated", files);
    await writeFile(join(root, "generated/b/other.ts"), "another API's\n");
    const untouched = (await stat(join(root, "generated/b/two.json"))).ino;
    const before = (await stat(join(root, "generated/a/one.ts"))).ino;

    const drift = await writeAtomically(root, [
      { path: "generated/a/one.ts", content: "one, edited\n" },
      { path: "generated/b/two.json", content: "{}\n" },
      { path: "generated/c/new.ts", content: "new\n" },
    ]);

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
    const drift = await writeAtomically(root, [], ["generated/a/one.ts", "generated/a/never.ts"]);
    expect(drift).toEqual({ changed: [], missing: [], stale: ["generated/a/one.ts"] });
    expect(await readdir(join(root, "generated/a"))).toEqual([]);
  });
});
