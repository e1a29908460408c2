// scripts/launch.mjs, which every npm script goes through: it runs the compiled JavaScript of
// the sources as they are now (an edit is never answered by a stale tree, whatever the edit
// keeps), keys a tree by everything that changes it, never removes a tree a running command
// holds, and says how to call it when called wrongly; a checkout copied or moved with its
// node_modules acts on itself; commands run at once in one checkout each finish rightly.
import { execFile } from "node:child_process";
import { readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../scripts/generate/cli.js";
import { API_NAMES } from "../support/contracts.js";
import { capture } from "../support/io.js";
import { copyProject, npmRun, npmStart, type Project, snapshotTree } from "./project.js";

const TIMEOUT = 120_000;
const TREES = "node_modules/.cache/api-error-contracts/bundles";

async function trees(project: Project): Promise<string[]> {
  return (await readdir(project.at(TREES))).filter((entry) => /^[0-9a-f]{16}$/.test(entry)).sort();
}

/** Makes every tree look unused for an hour, so that the next compile may collect it. */
async function ageTrees(project: Project): Promise<void> {
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const tree of await trees(project)) await utimes(project.at(`${TREES}/${tree}`), hourAgo, hourAgo);
}

/** A cheap command through the launcher: `mock` with an unknown API prints its usage and exits 2. */
const usage = (project: Project) => npmRun(project.root, "mock", ["nope"]);
const USAGE = "scripts/mock/cli.ts";

describe("scripts/launch.mjs", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()));
  afterAll(() => project?.remove());

  it(
    "runs the sources as edited, even by an edit that keeps the file's size",
    async () => {
      const first = await usage(project);
      expect(first.stderr).toContain(`Usage: npm run mock -- <api>   (one of: ${API_NAMES.join(", ")})\n`);
      expect(first.code).toBe(2);
      const before = await trees(project);

      await project.replace(USAGE, "`Usage: npm run mock", "`USAGE: npm run mock");
      const second = await usage(project);
      expect(second.stderr).toMatch(/^USAGE: npm run mock/m);
      expect(await trees(project)).toHaveLength(before.length + 1);
    },
    TIMEOUT,
  );

  it(
    "makes a new tree when a tsconfig file changes, and none for a file the command does not read",
    async () => {
      await usage(project);
      const before = await trees(project);
      // A spec edit changes generated/ (which only the bench reads) and nothing the command was made from.
      const spec = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
      await project.replace(spec, "description: Task does not exist", "description: Task is not there");
      const catalog = project.at("generated/ittybit/errors.ts");
      await writeFile(catalog, `${await readFile(catalog, "utf8")}\n// edited\n`);
      await usage(project);
      expect(await trees(project)).toEqual(before);

      await project.replace("tsconfig.json", '"strict": true', '"strict":  true');
      await usage(project);
      expect(await trees(project)).toHaveLength(before.length + 1);
    },
    TIMEOUT,
  );

  it(
    "removes a tree nobody holds and nobody used lately, and keeps one a running command holds",
    async () => {
      const server = npmStart(project.root, "docs:serve", ["--port", "0"]);
      let held: string[];
      try {
        await server.waitFor(/^Docs at /m);
        held = await trees(project);
        await ageTrees(project);
        // A new tree (an edited source) makes the launcher collect the old ones.
        await project.replace(USAGE, "`USAGE: npm run mock", "`Usage (edited): npm run mock");
        expect((await usage(project)).stderr).toMatch(/^Usage \(edited\)/m);
        // The server's tree is held, so it stays.
        const leased = async (tree: string) =>
          (await readdir(project.at(`${TREES}/leases/${tree}`)).catch(() => [])).length > 0;
        const serving = [];
        for (const tree of held) if (await leased(tree)) serving.push(tree);
        expect(serving).toHaveLength(1);
        expect(await trees(project)).toContain(serving[0]);
      } finally {
        await server.stop();
      }
      await ageTrees(project);
      await project.replace(USAGE, "`Usage (edited): npm run mock", "`Usage: npm run mock");
      expect((await usage(project)).code).toBe(2);
      // Only the tree just made is left: the rest were idle and unheld.
      expect(await trees(project)).toHaveLength(1);
    },
    TIMEOUT,
  );

  it("exits 2 with its usage when no command is named", async () => {
    const failed = await promisify(execFile)(process.execPath, [project.at("scripts/launch.mjs")]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/^usage: node scripts\/launch\.mjs/) });
  });

  it("refuses to run a compiled file without the launcher", async () => {
    const [tree] = await trees(project);
    const compiled = project.at(`${TREES}/${tree}/scripts/mock.js`);
    // Compiled code that is run by itself, not through the launcher, names no project.
    expect((await stat(compiled)).isFile()).toBe(true);
    const failed = await promisify(execFile)(process.execPath, [compiled], {
      env: { ...process.env, API_ERROR_CONTRACTS_ROOT: "" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringMatching(/run it through scripts\/launch\.mjs/) });
  });
});

describe("a checkout copied or moved with its node_modules", () => {
  let original: Project;
  let copy: Project;
  let unchanged: Map<string, string>;
  beforeAll(async () => {
    original = await copyProject();
    // The original's cache now holds a compiled tree (and the lint's bundled ruleset) that is its own.
    expect((await npmRun(original.root, "generate", ["--check"])).code).toBe(0);
    copy = await original.copy();
    unchanged = await snapshotTree(original.root, ".");
  }, TIMEOUT);
  afterAll(async () => {
    // Nothing a command did in the copy reached the original: no spec, output or build.
    const now = await snapshotTree(original.root, ".");
    const ownFiles = (map: Map<string, string>) => [...map].filter(([path]) => !path.startsWith("node_modules/"));
    expect(ownFiles(now)).toEqual(ownFiles(unchanged));
    await original?.remove();
    await copy?.remove();
  });

  it(
    "checks the copy's own generated/: drift there fails the gate, the original's is not read",
    async () => {
      const catalog = copy.at("generated/ittybit/errors.json");
      await writeFile(catalog, `${await readFile(catalog, "utf8")}\n`);
      const run = await npmRun(copy.root, "generate", ["--check"]);
      expect(run.stderr).toContain("  changed  generated/ittybit/errors.json");
      expect(run.code).toBe(1);
    },
    TIMEOUT,
  );

  it(
    "generates and builds from the copy's specs into the copy, and leaves the original as it was",
    async () => {
      const file = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
      await copy.replace(file, "description: Task does not exist", "description: Task is gone from the copy");
      const originalCatalog = await readFile(original.at("generated/ittybit/errors.json"), "utf8");
      const run = await npmRun(copy.root, "generate");
      expect(run.stdout).toMatch(/^ {2}changed {2}generated\/ittybit\/errors\.json$/m);
      expect(run.stdout).toMatch(/^build +dist\/ \d+ ms$/m);
      expect(run.code).toBe(0);
      expect(await readFile(copy.at("generated/ittybit/errors.json"), "utf8")).toContain("gone from the copy");
      expect(await readFile(copy.at("dist/generated/ittybit/errors.js"), "utf8")).toContain("gone from the copy");
      expect(await readFile(original.at("generated/ittybit/errors.json"), "utf8")).toBe(originalCatalog);
    },
    TIMEOUT,
  );

  it(
    "acts on its new place once moved",
    async () => {
      copy = await copy.move();
      const catalog = copy.at("generated/willittrack/errors.json");
      await writeFile(catalog, `${await readFile(catalog, "utf8")}\n`);
      const run = await npmRun(copy.root, "generate", ["--check"]);
      expect(run.stderr).toContain("  changed  generated/willittrack/errors.json");
      expect(run.code).toBe(1);
    },
    TIMEOUT,
  );
});

describe("commands at once in one checkout, across edits", () => {
  let project: Project;
  beforeAll(async () => (project = await copyProject()), TIMEOUT);
  afterAll(() => project?.remove());

  it(
    "each finishes with its own result while the watcher runs, and the watcher's tree survives",
    async () => {
      const watch = npmStart(project.root, "generate", ["--watch"]);
      try {
        await watch.waitFor(/^watching /m, TIMEOUT);
        await ageTrees(project);
        // A script edit makes every command below compile a new tree, which collects old ones.
        await project.replace("scripts/lint/cli.ts", "io.out(`lint: ", "io.out(`lint (edited): ");
        const file = "openapi/willittrack/components/schemas/errors/not_found.yaml";
        await project.replace(file, "description: ", "description: Edited while commands ran. ");
        const har = project.at("empty.har");
        await writeFile(
          har,
          JSON.stringify({ log: { version: "1.2", creator: { name: "t", version: "1" }, entries: [] } }),
        );
        const [lint, verify, generate] = await Promise.all([
          npmRun(project.root, "lint"),
          npmRun(project.root, "verify", [har]),
          npmRun(project.root, "generate", ["--no-build"]),
        ]);
        expect(lint.stdout).toMatch(/^lint \(edited\): no findings/m);
        expect(lint.code).toBe(0);
        expect(verify.code, verify.stderr).toBe(0);
        expect(generate.code, generate.stderr).toBe(0);
        // The watcher restarts its lint thread from its own tree after a configuration edit.
        const offset = watch.output().length;
        const ruleset = project.at(".spectral.yaml");
        await writeFile(ruleset, `${await readFile(ruleset, "utf8")}# edited\n`);
        await watch.waitFor(/^write {8}/m, TIMEOUT, offset);
        expect(watch.output()).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find module/);
      } finally {
        await watch.stop();
      }
      const check = capture(project.root);
      expect(await generate(["--check"], check), check.text()).toBe(0);
    },
    4 * TIMEOUT,
  );
});
