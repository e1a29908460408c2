// `npm run generate` on a throwaway copy of the repository: the drift gate fails and names each
// drifted file (even when the no-op cache says nothing changed), and a spec with a lint error
// stops the run before it writes anything; a compile error fails the build. In-process through
// `generate(argv, io)`, except a run killed midway, which needs a process to kill (the
// launcher's tests run the command as a process too).
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate/cli.js";
import { isUpToDate, record } from "../../scripts/pipeline/cache.js";
import { capture } from "../support/io.js";
import { copyProject, npmStart, type Project, snapshotTree } from "./project.js";

const TIMEOUT = 120_000;

/** `npm run generate -- <args>` in-process on a copy: its exit code and what it printed. */
async function inProcess(project: Project, args: string[]) {
  const io = capture(project.root);
  const code = await generate(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

describe("npm run generate -- --check", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()));
  afterAll(() => project?.remove());

  it(
    "passes on the committed generated/",
    async () => {
      const run = await inProcess(project, ["--check"]);
      expect(run.stderr).toBe("");
      expect(run.stdout).toMatch(/^generated\/ is in step with the specs \(\d+ files\)$/m);
      expect(run.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "fails and names each changed, missing and stale file, even when the cache says all is done",
    async () => {
      const catalog = project.at("generated/ittybit/errors.json");
      await writeFile(catalog, (await readFile(catalog, "utf8")).replace('"retryable": true', '"retryable": false'));
      await rm(project.at("generated/willittrack/index.ts"));
      await writeFile(project.at("generated/ittybit/extra.ts"), "export {};\n");
      // The state a no-op run would skip: a `--check` that consulted the cache would report nothing.
      await record(project.root, ["generated"]);
      expect(await isUpToDate(project.root, ["generated"])).toBe(true);

      const run = await inProcess(project, ["--check"]);
      expect(run.stdout).not.toMatch(/nothing to do/);
      const lines = run.stderr.split("\n");
      expect(lines).toContain("generated/ differs from what the specs produce:");
      expect(lines).toContain("  changed  generated/ittybit/errors.json");
      expect(lines).toContain("  missing  generated/willittrack/index.ts");
      expect(lines).toContain("  stale    generated/ittybit/extra.ts");
      expect(lines.filter((l) => /^ {2}(changed|missing|stale) /.test(l))).toHaveLength(3);
      expect(run.code).toBe(1);
    },
    TIMEOUT,
  );
});

describe("npm run generate on a spec with a lint error", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    const file = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
    // A change generate would write (the description) next to one the lint rejects (an example that breaks its schema).
    await project.replace(file, "description: Task does not exist", "description: Task does not exist any more");
    await project.replace(file, "  - kind: task_not_found", "  - kind: task_gone");
  });
  afterAll(() => project?.remove());

  it(
    "prints the finding, exits 1 and leaves generated/ byte-identical",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      const run = await inProcess(project, ["--no-build"]);
      expect(run.stdout).toContain("task_not_found.yaml:13:11  error  contract-error-documented");
      expect(run.stderr).toMatch(/The specs have 1 lint error\(s\); nothing was generated/);
      expect(run.code).toBe(1);
      expect(await snapshotTree(project.root, "generated")).toEqual(before);
    },
    TIMEOUT,
  );
});

describe("npm run generate on a spec it cannot even read", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    // The files are produced while the lint runs; a $ref to no file fails both.
    await project.replace(
      "openapi/ittybit/openapi.yaml",
      "$ref: ./components/schemas/errors/task_not_found.yaml",
      "$ref: ./components/schemas/errors/no_such_file.yaml",
    );
  });
  afterAll(() => project?.remove());

  it(
    "reports the lint's findings, not the failed run, and writes nothing",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      const run = await inProcess(project, ["--no-build"]);
      expect(run.stdout).toMatch(/openapi\.yaml:\d+:\d+ {2}error {2}no-unresolved-refs/);
      expect(run.stderr).toMatch(/^The specs have \d+ lint error\(s\); nothing was generated/m);
      expect(run.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
      expect(run.code).toBe(1);
      expect(await snapshotTree(project.root, "generated")).toEqual(before);
    },
    TIMEOUT,
  );
});

describe("npm run generate on a package that does not compile", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    const file = project.at("src/docs-anchor.ts");
    // Not exported: the files that import this one need no second check (only its own errors matter here).
    await writeFile(file, `${await readFile(file, "utf8")}void ((): number => "not a number");\n`);
  });
  afterAll(() => project?.remove());

  it(
    "prints the compiler's error with file, line and column, and exits 1",
    async () => {
      const run = await inProcess(project, ["--force"]);
      expect(run.stderr).toMatch(/^src\/docs-anchor\.ts\(\d+,21\): error TS2322: /m);
      expect(run.stderr).toContain("The package build failed; generated/ is written");
      expect(run.stdout).not.toMatch(/^build +dist\//m);
      expect(run.code).toBe(1);
    },
    TIMEOUT,
  );
});

describe("npm run generate when a step fails after the lint", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    const file = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
    // A change every file would show, next to a schema whose name the client emitter refuses (it
    // would shadow the client's error class); the lint has no rule for it.
    await project.replace(file, "description: Task does not exist", "description: Task does not exist any more");
    await project.replace(
      "openapi/ittybit/openapi.yaml",
      "  schemas:\n",
      "  schemas:\n    IttybitApiError:\n      type: object\n",
    );
  });
  afterAll(() => project?.remove());

  it(
    "names the problem, exits 1 and writes nothing",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      const run = await inProcess(project, ["--no-build"]);
      expect(run.stderr).toMatch(/openapi\.yaml:\d+: The schema "IttybitApiError" has the name of an export/);
      expect(run.stdout).not.toMatch(/^write /m);
      expect(run.code).toBe(1);
      expect(await snapshotTree(project.root, "generated")).toEqual(before);
    },
    TIMEOUT,
  );
});

describe("npm run generate killed at any moment", () => {
  let project: Project;
  beforeAll(async () => {
    project = await copyProject();
    // Edits that change files of both APIs and the shared pages.
    const ittybit = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
    await project.replace(ittybit, "description: Task does not exist", "description: Task does not exist any more");
    const willittrack = "openapi/willittrack/components/schemas/errors/not_found.yaml";
    await project.replace(willittrack, "description: ", "description: Nothing here. ");
  });
  afterAll(() => project?.remove());

  it(
    "leaves generated/ as it was, fully new, or marked cut short and finished by the next run",
    async () => {
      const old = await snapshotTree(project.root, "generated");
      // Killed when it is about to write: its last step before the write printed.
      const started = npmStart(project.root, "generate", ["--no-build"]);
      await started.waitFor(/^all +docs/m, TIMEOUT);
      started.kill("SIGKILL");
      await started.exited;
      const left = await snapshotTree(project.root, "generated");
      // A lock with no transaction recorded yet was taken, but nothing was written under it.
      const lock = await readFile(join(project.root, "generated/.write-lock.json"), "utf8").catch(() => "{}");
      const cutShort = "transaction" in JSON.parse(lock);
      if (cutShort) {
        const check = await inProcess(project, ["--check"]);
        expect(check.stderr).toMatch(/^ {2}interrupted {2}generated\/\.write-lock\.json: a write was cut short/m);
        expect(check.code).toBe(1);
      }
      // The next run ends with the new state, whatever the killed one left.
      expect((await inProcess(project, ["--no-build", "--force"])).code).toBe(0);
      const fresh = await snapshotTree(project.root, "generated");
      expect(equalTrees(fresh, old)).toBe(false);
      expect([...fresh.keys()].filter((path) => /(\.tmp|write-lock\.json)$/.test(path))).toEqual([]);
      // Otherwise it died before its first rename: the files in place are as they were.
      for (const path of left.keys()) if (path.endsWith(".write-lock.json") || path.endsWith(".tmp")) left.delete(path);
      if (!cutShort) expect([old, fresh].some((state) => equalTrees(state, left))).toBe(true);
    },
    TIMEOUT,
  );
});

function equalTrees(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, hash]) => b.get(path) === hash);
}
