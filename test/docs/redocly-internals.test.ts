// The one place that depends on @redocly/cli's internals: it finds the build-docs handler and
// loadConfig in the installed CLI, and says what to do when a release moves them.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  findBuildDocsChunks,
  installedRedocBundle,
  loadBuildDocs,
  movedMessage,
  REDOCLY_CLI,
} from "../../scripts/docs/redocly-internals.js";

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A folder laid out like the CLI: lib/index.js and its chunks. */
async function fakeCli(index: string, chunks: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "fake-redocly-cli-"));
  made.push(dir);
  await mkdir(join(dir, "lib/chunks"), { recursive: true });
  await writeFile(join(dir, "lib/index.js"), index);
  for (const [name, text] of Object.entries(chunks)) await writeFile(join(dir, "lib/chunks", name), text);
  return dir;
}

// Minified as the CLI ships it; a local name can be longer than one character and hold `$`.
const INDEX =
  'import{a as b,loadConfig as x}from"./chunks/CFG1.js";import{c}from"./chunks/OTHER.js";' +
  'async function run(){let{handlerBuildCommand:h$1}=await import("./chunks/BUILD1.js");await x({configPath:p});}';

describe("findBuildDocsChunks", () => {
  it("finds both in lib/index.js as the installed CLI writes it", async () => {
    const index = await readFile(join(REDOCLY_CLI.dir, "lib/index.js"), "utf8");
    const chunks = findBuildDocsChunks(index);
    expect(chunks?.build).toMatch(/^\.\/chunks\/[\w-]+\.js$/);
    expect(chunks?.loadConfig.chunk).toMatch(/^\.\/chunks\/[\w-]+\.js$/);
  });

  it("reads an import by its local name, renamed or not", () => {
    expect(findBuildDocsChunks(INDEX)).toEqual({
      build: "./chunks/BUILD1.js",
      loadConfig: { chunk: "./chunks/CFG1.js", exported: "loadConfig" },
    });
    const plain = INDEX.replace("loadConfig as x", "x");
    expect(findBuildDocsChunks(plain)?.loadConfig).toEqual({ chunk: "./chunks/CFG1.js", exported: "x" });
  });

  it.each([
    ["the handler renamed", INDEX.replace("handlerBuildCommand", "buildDocsHandler")],
    ["loadConfig called otherwise", INDEX.replace("x({configPath:", "x(configPath,{")],
    ["loadConfig's import gone", INDEX.replace(",loadConfig as x", "")],
  ])("finds nothing when %s", (_name, index) => {
    expect(findBuildDocsChunks(index)).toBeUndefined();
  });
});

describe("loadBuildDocs", () => {
  it("loads both from the installed CLI", async () => {
    const { build, loadConfig } = await loadBuildDocs();
    expect([typeof build, typeof loadConfig]).toEqual(["function", "function"]);
  }, 30_000);

  it("loads both from the chunks lib/index.js names", async () => {
    const dir = await fakeCli(INDEX, {
      "BUILD1.js": "export async function handlerBuildCommand() {}",
      "CFG1.js": "export async function loadConfig() {}",
    });
    const { build, loadConfig } = await loadBuildDocs({ dir, version: "9.9.9" });
    expect([build.name, loadConfig.name]).toEqual(["handlerBuildCommand", "loadConfig"]);
  });

  it.each([
    ["a release whose entry no longer reads so", INDEX.replace("handlerBuildCommand", "build"), {}],
    [
      "a chunk that no longer exports the handler",
      INDEX,
      { "BUILD1.js": "export const other = 1;", "CFG1.js": "export async function loadConfig() {}" },
    ],
    [
      "a chunk that no longer exports loadConfig",
      INDEX,
      { "BUILD1.js": "export async function handlerBuildCommand() {}", "CFG1.js": "export const other = 1;" },
    ],
  ])("says what to do about %s", async (_name, index, chunks) => {
    const dir = await fakeCli(index, chunks);
    await expect(loadBuildDocs({ dir, version: "9.9.9" })).rejects.toThrow(
      new Error(
        "@redocly/cli 9.9.9: handlerBuildCommand or loadConfig is no longer where " +
          "scripts/docs/redocly-internals.ts looks for them; pin the version that works or update that file",
      ),
    );
    expect(movedMessage("9.9.9")).toMatch(/^@redocly\/cli 9\.9\.9: /);
  });
});

describe("installedRedocBundle", () => {
  it("reads Redoc's bundle from the installed CLI and says which", async () => {
    const { source, origin } = await installedRedocBundle();
    expect(source.length).toBeGreaterThan(1_000_000);
    expect(origin).toBe(`@redocly/cli ${REDOCLY_CLI.version} (lib/chunks/redoc.standalone.js)`);
  });
});
