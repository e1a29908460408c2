// The drift gate: what differs between the files the specs produce and generated/ on disk.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, write } from "../../scripts/pipeline/sync.js";

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
