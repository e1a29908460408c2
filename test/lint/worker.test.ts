// The lint thread as a command uses it, a real worker thread on a throwaway project: one per
// configuration, findings and progress per request, a reload, a load that fails, and a thread
// that stops. lint-thread.test.ts runs the thread's own loop in-process.
import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ApiEntry } from "../../scripts/contract/index.js";
import { lintApi, loadLinters, type Finding, type Linter } from "../../scripts/lint/index.js";
import { lintWorkerFor, type LintThreadData, type LintWorker } from "../../scripts/lint/worker.js";
import { RULESET, type Throwaway, throwaway } from "./throwaway.js";

const TIMEOUT = 60_000;
let project: Throwaway;
let data: LintThreadData;
let api: ApiEntry;
let at: (file: string) => string;
/** Every thread a test started, closed after it (a closed one is simply replaced). */
const opened: LintWorker[] = [];
const workerFor = (threadData: LintThreadData): LintWorker => {
  const worker = lintWorkerFor(threadData);
  opened.push(worker);
  return worker;
};
const spectralRules = (findings: readonly Finding[]): string[] =>
  findings.filter((f) => f.linter === "spectral").map((f) => f.rule);

beforeAll(async () => {
  project = await throwaway("lint-worker-");
  ({ data, api, at } = project);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((worker) => worker.close()));
  await project.writeRuleset();
});
afterAll(() => project.remove());

describe("the lint thread of a configuration", () => {
  it(
    "lints as lintApi does in-process, telling one request's findings per linter, holding the process meanwhile",
    async () => {
      const holds: string[] = [];
      vi.spyOn(Worker.prototype, "ref").mockImplementation(() => void holds.push("ref"));
      vi.spyOn(Worker.prototype, "unref").mockImplementation(() => void holds.push("unref"));
      const worker = workerFor(data);
      const done: [Linter, number, readonly Finding[]][] = [];
      // Two at once, the second without a callback (its progress is dropped).
      const found = await Promise.all([
        worker.lint(api, (linter, ms, findings) => done.push([linter, ms, findings])),
        worker.lint(api),
      ]);
      const want = await lintApi(await loadLinters(data.configPath, data.rulesetPath), api.root, api.name);
      expect(spectralRules(want)).toEqual(["title-present"]);
      expect(found).toEqual([want, want]);
      expect(done.map(([linter]) => linter)).toEqual(["spectral", "redocly"]);
      expect(done.flatMap(([, , findings]) => findings)).toEqual(expect.arrayContaining(want));
      for (const [, ms] of done) expect(ms).toBeGreaterThanOrEqual(0);
      // Let go when idle from the start, held per request, let go once no request waits.
      expect(holds).toEqual(["unref", "ref", "ref", "unref"]);
    },
    TIMEOUT,
  );

  it(
    "is one thread per configuration, replaced once closed",
    async () => {
      const worker = workerFor(data);
      expect(worker.loaded).toBeUndefined();
      expect(lintWorkerFor({ ...data })).toBe(worker);
      expect(workerFor({ ...data, rulesetPath: at("other.yaml") })).not.toBe(worker);
      expect(workerFor({ ...data, cache: { dir: at("cache"), lockfile: at("lock.json") } })).not.toBe(worker);
      expect(await worker.close()).toBeUndefined();
      expect(workerFor(data)).not.toBe(worker);
    },
    TIMEOUT,
  );

  it(
    "lints with the rules as they were loaded until told to reload",
    async () => {
      const worker = workerFor(data);
      expect(spectralRules(await worker.lint(api))).toEqual(["title-present"]);
      await project.writeRuleset(RULESET.replace("severity: error", "severity: off"));
      expect(spectralRules(await worker.lint(api))).toEqual(["title-present"]);
      expect(await worker.reload()).toBeUndefined();
      expect(spectralRules(await worker.lint(api))).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "fails every request with the thread's error when the linters cannot load",
    async () => {
      const worker = workerFor({ ...data, rulesetPath: at("missing.yaml") });
      for (const request of [worker.lint(api), worker.reload()]) {
        const error = await request.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(Error);
        expect(error).toMatchObject({ name: "Error", message: expect.stringMatching(/missing\.yaml/) });
        // The stack is the thread's, down to where the load failed, not the one of this thread's copy.
        expect((error as Error).stack).toMatch(/\bloadRuleset\b/);
      }
    },
    TIMEOUT,
  );

  it(
    "fails the requests still waiting when the thread stops",
    async () => {
      const worker = workerFor({ ...data, configPath: at("stopping/redocly.yaml") });
      // Asked before the thread has even loaded the linters, so it cannot have answered.
      const waiting = worker.lint(api);
      await worker.close();
      // The exit code is 0 or 1, depending on how far the thread had started.
      await expect(waiting).rejects.toThrow(/^The lint thread stopped \(exit code \d\) before it answered\.$/);
    },
    TIMEOUT,
  );
});
