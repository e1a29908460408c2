// A deleted file snapshot must fail CI, not be written afresh: `.ci/run` sets CI itself, and
// under CI the project's vitest config never writes a snapshot.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe(".ci/run", () => {
  it("exports CI=true before it runs the tests", async () => {
    const script = await readFile(resolve(root, ".ci/run"), "utf8");
    const exported = script.split("\n").findIndex((l) => /^export\s+(?:\S+=\S+\s+)*CI=true\b/.test(l));
    expect(exported).toBeGreaterThanOrEqual(0);
    const tests = script.split("\n").findIndex((l) => /^[^#]*\bnpm test$/.test(l));
    expect(tests).toBeGreaterThan(exported);
  });
});

describe("vitest.config.ts under CI", () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "snapshots-"));
    await mkdir(join(project, "test"));
    await symlink(resolve(root, "node_modules"), join(project, "node_modules"));
    await writeFile(
      join(project, "test/snap.test.ts"),
      [
        'import { expect, it } from "vitest";',
        'it("matches its file snapshot", async () => {',
        '  await expect("content").toMatchFileSnapshot("__snapshots__/deleted.txt");',
        "});",
        "",
      ].join("\n"),
    );
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  it("fails on a missing file snapshot and does not write it", () => {
    const vitest = resolve(root, "node_modules/vitest/vitest.mjs");
    const args = ["run", "--config", resolve(root, "vitest.config.ts"), "--root", project, "--typecheck.enabled=false"];
    const run = spawnSync(process.execPath, [vitest, ...args], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, CI: "true", FORCE_COLOR: "0" },
    });
    expect(`${run.stdout}${run.stderr}`).toMatch(/Snapshot .*mismatched|1 failed/);
    expect(run.status).toBe(1);
    expect(existsSync(join(project, "test/__snapshots__/deleted.txt"))).toBe(false);
  }, 60_000);
});
