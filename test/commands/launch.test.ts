// scripts/launch.mjs, which every npm script goes through: it runs the compiled JavaScript of
// the sources as they are now (an edit is never answered by a stale tree), keeps one tree,
// and says how to call it when called wrongly.
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, npmRun, type Project } from "./project.js";

const TIMEOUT = 120_000;
const TREES = "node_modules/.cache/api-error-contracts/js";

describe("scripts/launch.mjs", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()));
  afterAll(() => project?.remove());

  it(
    "runs the sources as edited, from one compiled tree",
    async () => {
      const first = await npmRun(project.root, "lint");
      expect(first.stdout).toMatch(/^lint: no findings \(\d+ ms\)$/m);
      expect(first.code).toBe(0);
      const [tree] = await readdir(project.at(TREES));

      await project.replace("scripts/lint.ts", "console.log(`lint: ", "console.log(`lint (edited): ");
      const second = await npmRun(project.root, "lint");
      expect(second.stdout).toMatch(/^lint \(edited\): no findings/m);
      const trees = (await readdir(project.at(TREES))).filter((entry) => !entry.endsWith(".partial"));
      expect(trees).toHaveLength(1);
      expect(trees[0]).not.toBe(tree);
    },
    TIMEOUT,
  );

  it(
    "passes the command's exit code and arguments through",
    async () => {
      const run = await npmRun(project.root, "lint", ["does-not-exist/redocly.yaml"]);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).toMatch(/does-not-exist\/redocly\.yaml/);
    },
    TIMEOUT,
  );

  it("exits 2 with its usage when no command is named", async () => {
    const failed = await promisify(execFile)(process.execPath, [project.at("scripts/launch.mjs")]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/^usage: node scripts\/launch\.mjs/) });
  });
});
