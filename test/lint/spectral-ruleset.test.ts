// The Spectral ruleset kept on disk: a second load comes from the cache and lints the same,
// an edit to any file the bundle was made from (the YAML, a function) or to the lockfile
// makes a new bundle, and a broken cache file is replaced rather than trusted.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadSpectral } from "../../scripts/lint/spectral.js";
import type { RulesetCache } from "../../scripts/lint/spectral-ruleset.js";

const TIMEOUT = 60_000;
// A built-in function (reached through Spectral's module registry) and a local one.
const RULESET = `functions: [flag]
rules:
  title-present:
    given: $.info
    severity: error
    then:
      field: title
      function: truthy
  flagged:
    given: $.info
    severity: warn
    then:
      function: flag
`;
const flag = (word: string): string => `export default () => [{ message: "${word}" }];\n`;
const SPEC = "openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n";

let dir: string;
let cache: RulesetCache;
let rulesetPath: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ruleset-cache-"));
  rulesetPath = join(dir, ".spectral.yaml");
  cache = { dir: join(dir, "cache"), lockfile: join(dir, "package-lock.json") };
  await mkdir(join(dir, "functions"));
  await Promise.all([
    writeFile(rulesetPath, RULESET),
    writeFile(join(dir, "functions/flag.js"), flag("first")),
    writeFile(cache.lockfile, "{}"),
  ]);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function lintWithCache(): Promise<string[]> {
  const linter = await loadSpectral(rulesetPath, { cache });
  const findings = await linter.lintText(SPEC, join(dir, "openapi.yaml"));
  return findings.map((f) => `${f.rule}: ${f.message}`).sort();
}

async function cacheFiles(): Promise<string[]> {
  return (await readdir(cache.dir)).filter((f) => f.endsWith(".json"));
}

describe("the Spectral ruleset cache", () => {
  it(
    "keeps one bundle naming the files it was made from, and lints the same from it",
    async () => {
      const uncached = await loadSpectral(rulesetPath);
      const want = (await uncached.lintText(SPEC, join(dir, "openapi.yaml"))).map((f) => `${f.rule}: ${f.message}`);
      expect(want.sort()).toEqual(["flagged: first", 'title-present: "info.title" property must be truthy']);

      expect(await lintWithCache()).toEqual(want);
      const [file] = await cacheFiles();
      const kept = JSON.parse(await readFile(join(cache.dir, file!), "utf8")) as { files: Record<string, string> };
      // Named from the ruleset's folder: no absolute path is kept.
      expect(Object.keys(kept.files)).toEqual(expect.arrayContaining([".spectral.yaml", "functions/flag.js"]));
      expect(JSON.stringify(kept)).not.toContain(dir);

      const written = (await stat(join(cache.dir, file!))).mtimeMs;
      expect(await lintWithCache()).toEqual(want);
      // Read, not rewritten: the second load came from the cache.
      expect((await stat(join(cache.dir, file!))).mtimeMs).toBe(written);
      expect(await cacheFiles()).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    "bundles again when a function, the YAML or the lockfile changed",
    async () => {
      await lintWithCache();
      await writeFile(join(dir, "functions/flag.js"), flag("second"));
      expect(await lintWithCache()).toContain("flagged: second");

      await writeFile(rulesetPath, RULESET.replace("severity: warn", "severity: off"));
      expect(await lintWithCache()).not.toContain("flagged: second");

      await writeFile(cache.lockfile, '{"changed":true}');
      await lintWithCache();
      // One per content of the YAML and the lockfile: the first, the edited YAML, the new lockfile.
      expect(await cacheFiles()).toHaveLength(3);
    },
    TIMEOUT,
  );

  it(
    "is reused by a copy of the folder, cache and all, and checked against the copy's own files",
    async () => {
      await lintWithCache();
      const [file] = await cacheFiles();
      const copy = await mkdtemp(join(tmpdir(), "ruleset-copy-"));
      await cp(dir, copy, { recursive: true });
      const written = (await stat(join(copy, "cache", file!))).mtimeMs;
      await rm(dir, { recursive: true, force: true });
      dir = copy;
      rulesetPath = join(copy, ".spectral.yaml");
      cache = { dir: join(copy, "cache"), lockfile: join(copy, "package-lock.json") };
      expect(await lintWithCache()).toContain("flagged: first");
      expect((await stat(join(cache.dir, file!))).mtimeMs).toBe(written);
      // The copy's own function is what counts.
      await writeFile(join(copy, "functions/flag.js"), flag("copied"));
      expect(await lintWithCache()).toContain("flagged: copied");
    },
    TIMEOUT,
  );

  it(
    "replaces a cache file it cannot read",
    async () => {
      await lintWithCache();
      const [file] = await cacheFiles();
      await writeFile(join(cache.dir, file!), "{ not json");
      expect(await lintWithCache()).toContain("flagged: first");
      const replaced = JSON.parse(await readFile(join(cache.dir, file!), "utf8")) as { code: unknown };
      expect(typeof replaced.code).toBe("string");
    },
    TIMEOUT,
  );

  // Each is not a bundle: a value that is no object, or one without its code or its files.
  it.each(["null", '{"files":{}}', '{"code":"x"}', '{"code":"x","files":null}'])(
    "replaces a cache file that holds %s",
    async (text) => {
      await lintWithCache();
      const [file] = await cacheFiles();
      await writeFile(join(cache.dir, file!), text);
      expect(await lintWithCache()).toContain("flagged: first");
      const replaced = JSON.parse(await readFile(join(cache.dir, file!), "utf8")) as { code: unknown };
      expect(typeof replaced.code).toBe("string");
    },
    TIMEOUT,
  );

  it.each(["", "module.exports = null", "module.exports = 1"])(
    "refuses a kept bundle whose code exports no ruleset (%j)",
    async (code) => {
      await lintWithCache();
      const [file] = await cacheFiles();
      await writeFile(join(cache.dir, file!), JSON.stringify({ code, files: {} }));
      await expect(lintWithCache()).rejects.toThrow("No valid export found");
    },
    TIMEOUT,
  );

  it(
    "refuses a kept bundle that names more than one registry of Spectral's packages",
    async () => {
      await lintWithCache();
      const [file] = await cacheFiles();
      const kept = JSON.parse(await readFile(join(cache.dir, file!), "utf8")) as { code: string };
      const code = `${kept.code}\n// [Symbol.for('@stoplight-spectral/builtins')]['1']\n`;
      await writeFile(join(cache.dir, file!), JSON.stringify({ ...kept, code }));
      await expect(lintWithCache()).rejects.toThrow("Spectral's built-in module registry changed shape");
    },
    TIMEOUT,
  );

  it(
    "makes the cache folder, parents and all, and leaves nothing else in it",
    async () => {
      cache = { ...cache, dir: join(dir, "deep", "er", "cache") };
      expect(await lintWithCache()).toContain("flagged: first");
      expect(await readdir(cache.dir)).toEqual([expect.stringMatching(/^spectral-[0-9a-f]{16}\.json$/)]);
    },
    TIMEOUT,
  );
});
