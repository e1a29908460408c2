// `npm run generate` as a user runs it, on a throwaway copy of the repository: the drift gate
// fails and names each drifted file (even when the no-op cache says nothing changed), and a
// spec with a lint error stops the run before it writes anything; a compile error fails the build.
import { readFile, rm, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUpToDate, record } from "../../scripts/pipeline/cache.js";
import { copyProject, npmRun, snapshotTree, type Project } from "./project.js";

const TIMEOUT = 120_000;

describe("npm run generate -- --check", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()));
  afterAll(() => project?.remove());

  it(
    "passes on the committed generated/",
    async () => {
      const run = await npmRun(project.root, "generate", ["--check"]);
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

      const run = await npmRun(project.root, "generate", ["--check"]);
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
      const run = await npmRun(project.root, "generate", ["--no-build"]);
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
      const run = await npmRun(project.root, "generate", ["--no-build"]);
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
    await writeFile(file, `${await readFile(file, "utf8")}export const broken: number = "not a number";\n`);
  });
  afterAll(() => project?.remove());

  it(
    "prints the compiler's error with file, line and column, and exits 1",
    async () => {
      const run = await npmRun(project.root, "generate", ["--force"]);
      expect(run.stderr).toMatch(/^src\/docs-anchor\.ts\(\d+,14\): error TS2322: /m);
      expect(run.stderr).toContain("The package build failed; generated/ is written");
      expect(run.stdout).not.toMatch(/^build +dist\//m);
      expect(run.code).toBe(1);
    },
    TIMEOUT,
  );
});
