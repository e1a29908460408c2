// lintApi with stand-in linters: the order it runs them in, what it tells its caller per linter,
// and how it merges their findings (sorted, each once, one finding per syntax error). The
// loading of the real linters (the default ruleset, the cache) on a throwaway folder.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lintAll, lintApi, loadLinters, type Finding, type Linter, type Linters } from "../../scripts/lint/index.js";

const finding = (overrides: Partial<Finding>): Finding => ({
  linter: "spectral",
  rule: "some-rule",
  severity: "error",
  message: "Wrong.",
  file: "/spec/openapi.yaml",
  line: 1,
  column: 1,
  path: [],
  ...overrides,
});

/** Linters that answer with fixed findings and record what they were asked. */
function fakeLinters(spectral: Finding[], redocly: Finding[]): { linters: Linters; calls: string[] } {
  const calls: string[] = [];
  const linters: Linters = {
    spectral: {
      lintFile: async (path) => {
        calls.push(`spectral ${path}`);
        return spectral;
      },
      lintText: () => Promise.reject(new Error("not used")),
    },
    redocly: {
      lintFile: async (root, api) => {
        calls.push(`redocly ${root} ${api}`);
        return redocly;
      },
    },
  };
  return { linters, calls };
}

describe("lintApi", () => {
  it("runs Spectral, then Redocly for the API named, and reports each with its own findings", async () => {
    const spectral = [finding({ line: 3 })];
    const redocly = [finding({ linter: "redocly", line: 2 })];
    const { linters, calls } = fakeLinters(spectral, redocly);
    const done: [Linter, number, readonly Finding[]][] = [];
    const started = performance.now();
    const found = await lintApi(linters, "/spec/openapi.yaml", "shop", (linter, ms, findings) =>
      done.push([linter, ms, findings]),
    );
    const elapsed = performance.now() - started;
    expect(calls).toEqual(["spectral /spec/openapi.yaml", "redocly /spec/openapi.yaml shop"]);
    expect(done.map(([linter, , findings]) => [linter, findings])).toEqual([
      ["spectral", spectral],
      ["redocly", redocly],
    ]);
    // Each linter's time is a part of the call's.
    for (const [, ms] of done) expect(ms).toBeGreaterThanOrEqual(0);
    for (const [, ms] of done) expect(ms).toBeLessThanOrEqual(elapsed);
    expect(found).toEqual([redocly[0], spectral[0]]);
  });

  it("runs Redocly with its root rules when no API is named, and needs no callback", async () => {
    const { linters, calls } = fakeLinters([], [finding({ linter: "redocly" })]);
    expect(await lintApi(linters, "/spec/openapi.yaml")).toHaveLength(1);
    expect(calls).toContain("redocly /spec/openapi.yaml undefined");
  });

  it("keeps a finding both linters report at one place once", async () => {
    const both = finding({ rule: "shared" });
    const { linters } = fakeLinters([both], [{ ...both, linter: "redocly" }]);
    expect(await lintApi(linters, "/spec/openapi.yaml")).toHaveLength(1);
  });

  // Spectral's `parser` finding goes only where Redocly reports something at the same file and line.
  it.each([
    ["Redocly reports at that line", finding({ linter: "redocly", rule: "yaml-syntax", line: 4, column: 9 }), 1],
    ["Redocly reports at another line", finding({ linter: "redocly", rule: "yaml-syntax", line: 5 }), 2],
    ["Redocly reports in another file", finding({ linter: "redocly", line: 4, file: "/spec/other.yaml" }), 2],
    ["only Spectral reports there", finding({ rule: "other", line: 4, column: 2 }), 2],
  ] as const)("drops Spectral's parser finding when %s", async (_, other, count) => {
    const parser = finding({ rule: "parser", line: 4 });
    const spectral = other.linter === "spectral" ? [parser, other] : [parser];
    const redocly = other.linter === "redocly" ? [other] : [];
    const found = await lintApi(fakeLinters(spectral, redocly).linters, "/spec/openapi.yaml");
    expect(found).toHaveLength(count);
    expect(found).toContainEqual(other);
  });

  it("keeps Spectral's other findings at a line where Redocly reports", async () => {
    const spectral = [finding({ rule: "not-parser", line: 4 })];
    const redocly = [finding({ linter: "redocly", rule: "yaml-syntax", line: 4 })];
    expect(await lintApi(fakeLinters(spectral, redocly).linters, "/spec/openapi.yaml")).toHaveLength(2);
  });

  it("keeps Redocly's own findings named parser", async () => {
    const redocly = [finding({ linter: "redocly", rule: "parser", line: 4 })];
    expect(await lintApi(fakeLinters([], redocly).linters, "/spec/openapi.yaml")).toEqual(redocly);
  });
});

describe("loadLinters", () => {
  const RULESET =
    "rules:\n  title-present:\n    given: $.info\n    severity: error\n    then:\n" +
    "      field: title\n      function: truthy\n";
  const SPEC = "openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n";
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "load-linters-"));
    await Promise.all([
      writeFile(join(dir, ".spectral.yaml"), RULESET),
      writeFile(
        join(dir, "redocly.yaml"),
        "apis:\n  mini:\n    root: openapi.yaml\n  another:\n    root: zz/openapi.yaml\nextends: [minimal]\n",
      ),
      mkdir(join(dir, "zz")).then(() => writeFile(join(dir, "zz/openapi.yaml"), SPEC)),
      writeFile(join(dir, "openapi.yaml"), SPEC),
      writeFile(join(dir, "lock.json"), "{}"),
    ]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads the Spectral ruleset next to redocly.yaml when given none, and keeps no bundle", async () => {
    const linters = await loadLinters(join(dir, "redocly.yaml"));
    const found = await linters.spectral.lintFile(join(dir, "openapi.yaml"));
    expect(found.map((f) => f.rule)).toEqual(["title-present"]);
    expect(await readdir(dir)).not.toContain("cache");
  });

  it("lints every API of redocly.yaml, telling the API and linter of each step, findings sorted by file", async () => {
    const steps: string[] = [];
    const found = await lintAll(join(dir, "redocly.yaml"), {
      onProgress: (api, linter, _, findings) => steps.push(`${api} ${linter} ${findings.length}`),
    });
    expect(steps).toEqual(["another spectral 1", "another redocly 2", "mini spectral 1", "mini redocly 2"]);
    // Sorted by file across APIs: the API linted first holds the file that sorts last.
    expect(found.map((f) => `${f.file.replace(dir, "")} ${f.rule}`)).toEqual([
      "/openapi.yaml no-empty-servers",
      "/openapi.yaml struct",
      "/openapi.yaml title-present",
      "/zz/openapi.yaml no-empty-servers",
      "/zz/openapi.yaml struct",
      "/zz/openapi.yaml title-present",
    ]);
    // No callback needed.
    expect(await lintAll(join(dir, "redocly.yaml"))).toEqual(found);
  });

  it("keeps the bundled ruleset in the cache it is given", async () => {
    const cache = { dir: join(dir, "cache"), lockfile: join(dir, "lock.json") };
    await loadLinters(join(dir, "redocly.yaml"), join(dir, ".spectral.yaml"), cache);
    expect(await readdir(cache.dir)).toEqual([expect.stringMatching(/^spectral-[0-9a-f]{16}\.json$/)]);
  });
});
