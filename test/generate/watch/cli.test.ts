// `npm run generate -- --watch` as a user runs it, as a process, on a throwaway copy of the
// repository: the first full run, then an edit to one API's error description regenerates that
// API's files (and the docs pages that show it) and leaves the other API's untouched; SIGTERM
// exits 0. The rest of the watch mode runs in-process in edits.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyProject, npmRun, type Project, snapshotTree } from "../../commands/project.js";
import { API_NAMES } from "../../support/contracts.js";

const TIMEOUT = 240_000;
const ERROR_FILE = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";

interface Watch {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

/**
 * What `npm run generate -- --watch` runs (`node scripts/launch.mjs scripts/generate.ts --watch`), started without
 * npm so that a signal reaches the watcher alone: npm, signalled itself, dies by the signal.
 */
function startWatch(root: string): Watch {
  const launcher = join(root, "scripts/launch.mjs");
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", FORCE_COLOR: "0" };
  const child = spawn(process.execPath, [launcher, "scripts/generate.ts", "--watch"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("close", done));
  return { child, output: () => output, exited };
}

/** The output printed after `offset` once it matches `pattern`, polled up to a generous deadline. */
async function outputAfter(watch: Watch, offset: number, pattern: RegExp, deadlineMs = 180_000): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const text = watch.output().slice(offset);
    if (watch.child.exitCode !== null) throw new Error(`The watcher ended (${watch.child.exitCode}):\n${text}`);
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`No ${pattern} within ${deadlineMs} ms; output:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Modification times of every file of the other API (its own folder and its docs pages). */
async function willittrackTimes(project: Project): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const files = [
    ...(await readdir(project.at("generated/willittrack"))).map((f) => `generated/willittrack/${f}`),
    ...(await readdir(project.at("generated/docs/willittrack"), { recursive: true })).map(
      (f) => `generated/docs/willittrack/${f}`,
    ),
    "generated/docs/willittrack.html",
  ];
  for (const file of files) {
    const info = await stat(project.at(file));
    if (info.isFile()) times.set(file, info.mtimeMs);
  }
  return times;
}

describe("npm run generate -- --watch", () => {
  let project: Project;
  let watch: Watch;
  let startup = "";
  beforeAll(async () => {
    project = await copyProject();
    watch = startWatch(project.root);
    startup = await outputAfter(watch, 0, /^watching {5}openapi\/, redocly\.yaml, \.spectral\.yaml/m);
  }, TIMEOUT);
  afterAll(async () => {
    // Only when a test failed before the last one stopped it: the whole group, at once.
    if (watch?.child.exitCode === null) process.kill(-watch.child.pid!, "SIGKILL");
    await project?.remove();
  });

  it("starts with a full lint and generate, without the dist/ build, and says it is watching", () => {
    expect(startup).toMatch(/^watch {8}first a full lint and generate \(watch mode builds no dist\//m);
    for (const api of API_NAMES) {
      expect(startup).toMatch(new RegExp(`^${api} +spectral +\\d+ ms$`, "m"));
      expect(startup).toMatch(new RegExp(`^${api} +docs +\\d+ ms$`, "m"));
    }
    // The copy's generated/ is in step with its specs, so the full run has nothing to write.
    expect(startup).toMatch(/^write {8}nothing changed in \d+ ms$/m);
    expect(startup).not.toMatch(/^build /m);
  });

  it(
    "regenerates only the edited API's files and the shared pages, as a full generate would",
    async () => {
      const before = await snapshotTree(project.root, "generated");
      const times = await willittrackTimes(project);
      const offset = watch.output().length;
      await project.replace(ERROR_FILE, "description: Task does not exist", "description: Task was never created");
      const run = await outputAfter(watch, offset, /^write {8}.*$/m);

      expect(run).toMatch(new RegExp(`^change {7}${ERROR_FILE} -> ittybit$`, "m"));
      expect(run).not.toMatch(/^willittrack /m);
      const written = [...run.matchAll(/^ {2}changed {2}(\S+)$/gm)].map((m) => m[1]);
      expect(written).toContain("generated/ittybit/errors.json");
      expect(written).toContain("generated/docs/ittybit/errors/task_not_found.html");
      expect(written).toContain("generated/docs/index.html");
      expect(written.filter((p) => p?.includes("willittrack"))).toEqual([]);
      expect(await readFile(project.at("generated/ittybit/errors.json"), "utf8")).toContain("Task was never created");
      const after = await snapshotTree(project.root, "generated");
      const differ = [...after].filter(([path, hash]) => before.get(path) !== hash).map(([path]) => path);
      expect(differ.sort()).toEqual([...written].sort());
      expect(await willittrackTimes(project)).toEqual(times);

      // What the watcher wrote is exactly what a full generate makes of the edited specs.
      const check = await npmRun(project.root, "generate", ["--check"], TIMEOUT);
      expect(check.stdout).toMatch(/^generated\/ is in step with the specs/m);
      expect(check.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "exits 0 on SIGTERM",
    async () => {
      watch.child.kill("SIGTERM");
      expect(await watch.exited).toBe(0);
    },
    TIMEOUT,
  );
});
