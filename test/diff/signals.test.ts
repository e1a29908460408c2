// `npm run diff` as a process, in a throwaway copy of the project that is a git repository: its
// exit code and report through npm, and, stopped while it reads a ref (its temporary folder
// exists), sent SIGINT as Ctrl-C sends it (to the whole process group) or SIGTERM, it removes
// the folder and exits 130 / 143 (npm itself ends by the signal, as a shell then reports 130).
import { execFileSync, spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMP_PREFIX } from "../../scripts/diff/sides.js";
import { copyProject, npmRun, type Project } from "../commands/project.js";

let project: Project;
/** A folder whose `tar` hangs until killed: a signal then always finds the diff reading the ref, never done. */
let hangingTar: string;
beforeAll(async () => {
  project = await copyProject();
  hangingTar = await mkdtemp(join(tmpdir(), "hanging-tar-"));
  await writeFile(join(hangingTar, "tar"), "#!/bin/sh\nexec sleep 600\n");
  await chmod(join(hangingTar, "tar"), 0o755);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: project.root });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "specs");
  git("tag", "v1");
  // A breaking change in the working tree: a code's status.
  await project.replace(
    "openapi/ittybit/components/schemas/errors/internal_error.yaml",
    "x-error-status: 500",
    "x-error-status: 501",
  );
});
afterAll(async () => {
  await project?.remove();
  if (hangingTar) await rm(hangingTar, { recursive: true, force: true });
});

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The diff's temporary folders still in its TMPDIR once it ended. */
  readonly left: string[];
}

/** Starts the diff in its own process group, signals it once its temporary folder exists, and waits for its end. */
async function interrupt(how: "npm" | "node", signal: NodeJS.Signals, target: "group" | "process"): Promise<Ended> {
  const tmp = await mkdtemp(join(tmpdir(), "diff-signal-"));
  const args = ["--base", "v1", "--format", "json"];
  const [command, argv] =
    how === "npm"
      ? ["npm", ["run", "--silent", "diff", "--", ...args]]
      : [process.execPath, [join(project.root, "scripts/launch.mjs"), "scripts/diff.ts", ...args]];
  const env = { ...process.env, TMPDIR: tmp, FORCE_COLOR: "0", PATH: `${hangingTar}:${process.env.PATH}` };
  const child = spawn(command, argv, { cwd: project.root, env, detached: true, stdio: "ignore" });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once("close", (code, signal) => done({ code, signal })),
  );
  const diffFolders = async () => (await readdir(tmp)).filter((name) => name.startsWith(TEMP_PREFIX));
  let seen = false;
  while (!seen && child.exitCode === null && child.signalCode === null) {
    seen = (await diffFolders()).length > 0;
    if (!seen) await new Promise((next) => setTimeout(next, 2));
  }
  expect(seen, "the diff ended before its temporary folder was seen").toBe(true);
  if (target === "group") process.kill(-child.pid!, signal);
  else child.kill(signal);
  const { code, signal: by } = await ended;
  return { code, signal: by, left: await diffFolders() };
}

describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run diff as a process", () => {
  it("prints the report and exits 1 when --fail-on names a severity that occurs", async () => {
    const run = await npmRun(project.root, "diff", ["--base", "v1", "--format", "json", "--fail-on", "breaking"]);
    expect(JSON.parse(run.stdout)).toMatchObject({ base: "v1", head: "working tree", semver: "major" });
    expect(run.stderr).toMatch(/^diff: \d+ change\(s\), semver major; \d+ at --fail-on breaking or worse$/m);
    expect(run.code).toBe(1);
  }, 60_000);
});

describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run diff, interrupted while it reads a ref", () => {
  it("by Ctrl-C: removes its temporary folder, and npm ends by SIGINT", async () => {
    const ended = await interrupt("npm", "SIGINT", "group");
    expect(ended.left).toEqual([]);
    expect(ended.signal === "SIGINT" || ended.code === 130).toBe(true);
  }, 60_000);

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)(
    "by %s to its node process: removes its temporary folder and exits %i",
    async (signal, exit) => {
      expect(await interrupt("node", signal, "process")).toEqual({ code: exit, signal: null, left: [] });
    },
    60_000,
  );
});
