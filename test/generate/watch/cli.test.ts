// `npm run generate -- --watch` as a user runs it, as a process, on a throwaway copy of the
// repository: the first full run, then an edit to one API's error description regenerates that
// API's files (and the docs pages that show it) and leaves the other API's untouched; SIGTERM
// exits 0. Then what it prints for each kind of run, in-process on the tiny project (the
// process part is skipped under Stryker, which sees no mutant in a child process). The rest of
// the watch mode runs in-process in edits.test.ts.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchAndGenerate } from "../../../scripts/generate/watch/cli.js";
import { copyProject, npmRun, type Project, snapshotTree } from "../../commands/project.js";
import { replaceIn } from "../../pipeline/fixture.js";
import { API_NAMES } from "../../support/contracts.js";
import { capture } from "../../support/io.js";
import { removeTinyWatchProject, type TinyWatchProject, tinyWatchProject } from "./tiny-project.js";

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

describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run generate -- --watch", () => {
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

interface InProcess {
  /** Everything printed after `offset` once it matches `pattern`. */
  readonly after: (offset: number, pattern: RegExp) => Promise<string>;
  readonly output: () => string;
  /** Stops it as Ctrl-C does; its exit code. */
  readonly stop: () => Promise<number>;
}

/** `watchAndGenerate` on the tiny project, until its first full run is over and it is watching. */
async function watchTiny(root: string, onLine: (text: string) => void = () => {}): Promise<InProcess> {
  let stop: () => void = () => {};
  const io = capture(root, new Promise<void>((resolve) => (stop = resolve)));
  const out = (text: string): void => {
    io.out(text);
    onLine(text);
  };
  const exited = watchAndGenerate({ ...io, out });
  let code: number | undefined;
  void exited.then((c) => (code = c));
  // A run of the tiny project takes well under a second; the first also loads the linters.
  const after = async (offset: number, pattern: RegExp, deadlineMs = 15_000): Promise<string> => {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const text = io.text().slice(offset);
      if (pattern.test(text)) return text;
      if (code !== undefined || Date.now() > deadline) throw new Error(`No ${pattern} (exit ${code}):\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await after(0, /^watching /m, 60_000);
  const stopAndWait = (): Promise<number> => {
    stop();
    return exited;
  };
  return { after, output: io.text, stop: stopAndWait };
}

describe("watchAndGenerate, in-process on the tiny project", () => {
  const ERROR = "openapi/tiny/components/schemas/errors/thing_missing.yaml";
  let watching: InProcess | undefined;
  afterAll(async () => {
    await watching?.stop();
    await removeTinyWatchProject("watch-cli");
  });
  /** A fresh project, watched; the watcher of the test before is stopped first. */
  const start = async (onLine?: (text: string) => void, prepare?: (project: TinyWatchProject) => Promise<void>) => {
    await watching?.stop();
    const project = await tinyWatchProject("watch-cli");
    await prepare?.(project);
    watching = await watchTiny(project.root, onLine);
    return { project, watch: watching };
  };

  it(
    "runs everything first, says what it wrote and that it is watching, and exits 0 when stopped",
    async () => {
      const { watch } = await start();
      const text = watch.output();
      const lines = text.split("\n");
      expect(lines[0]).toBe(
        "watch        first a full lint and generate (watch mode builds no dist/: `npm run build` does)",
      );
      expect(text).toMatch(/^tiny +spectral +\d+ ms$/m);
      expect(text).toMatch(/^other +read spec +\d+ ms$/m);
      expect(text).toMatch(/^write {8}\d+ file\(s\) in \d+ ms\n {2}missing {2}generated\//m);
      expect(text).toMatch(/^ {2}missing {2}generated\/tiny\/errors\.json$/m);
      expect(lines.at(-2)).toBe("watching     openapi/, redocly.yaml, .spectral.yaml; Ctrl-C stops");
      expect(await watch.stop()).toBe(0);
      watching = undefined;
    },
    TIMEOUT,
  );

  it(
    "names the edited file and the API it redoes, and only that API's files change",
    async () => {
      const { project, watch } = await start();
      const offset = watch.output().length;
      const edited = performance.now();
      await replaceIn(project.at(ERROR), "does not exist", "is nowhere");
      const run = await watch.after(offset, /^write {8}.*$/m);
      const since = performance.now() - edited;
      expect(run).toMatch(new RegExp(`^change {7}${ERROR} -> tiny$`, "m"));
      expect(run).not.toMatch(/^other /m);
      expect(run).not.toMatch(/^restart /m);
      // The run's time, which cannot be longer than since the edit.
      const ms = Number(/^write {8}\d+ file\(s\) in (\d+) ms$/m.exec(run)?.[1]);
      expect(ms).toBeLessThanOrEqual(Math.ceil(since));
      expect(run).toMatch(/^ {2}changed {2}generated\/tiny\/errors\.json$/m);
      expect(run).not.toMatch(/generated\/other\//);
    },
    TIMEOUT,
  );

  it(
    "says when an edit changes nothing generated, and when no API reads the edited file",
    async () => {
      const { project, watch } = await start();
      let offset = watch.output().length;
      await writeFile(project.at(ERROR), `${await readFile(project.at(ERROR), "utf8")}# a comment\n`);
      expect(await watch.after(offset, /^write {8}.*$/m)).toMatch(/^write {8}nothing changed in \d+ ms$/m);
      offset = watch.output().length;
      await writeFile(project.at("openapi/unused.yaml"), "x: 1\n");
      const skipped = await watch.after(offset, /^skip .*$/m);
      expect(skipped).toBe("change       openapi/unused.yaml -> no API reads it\nskip         nothing to redo\n");
    },
    TIMEOUT,
  );

  it(
    "on a lint error prints the finding and that the API's files are left as they were",
    async () => {
      const { project, watch } = await start();
      const offset = watch.output().length;
      await replaceIn(project.at("openapi/tiny/openapi.yaml"), "title: Tiny", "title: Broken");
      const run = await watch.after(offset, /^write {8}.*$/m);
      expect(run).toMatch(/openapi\/tiny\/openapi\.yaml:3:\d+ {2}error {2}title-not-broken /);
      expect(run).toMatch(/^failed {7}tiny: 1 lint error\(s\); its generated files are left as they were$/m);
      expect(run).not.toMatch(/the problem above/);
      expect(run).not.toMatch(/^undefined$/m);
    },
    TIMEOUT,
  );

  it(
    "on a spec problem the lint finds too prints the lint's findings, not the reader's problem",
    async () => {
      const { project, watch } = await start();
      const offset = watch.output().length;
      await replaceIn(project.at("openapi/tiny/paths/things_{id}.yaml"), "errors/thing_missing", "errors/thing_mising");
      const run = await watch.after(offset, /^failed .*$/m);
      expect(run).toMatch(/^failed {7}tiny: \d+ lint error\(s\); its generated files are left as they were$/m);
      expect(run).not.toMatch(/Point the `\$ref` at an existing file/); // the reader's fix
    },
    TIMEOUT,
  );

  it(
    "names the first of several files edited at once, and every API a file affects",
    async () => {
      const { project, watch } = await start(undefined, async (p) => {
        // A schema both APIs read, outside their folders.
        await mkdir(p.at("openapi/common"));
        await rename(p.at("openapi/tiny/components/schemas/Thing.yaml"), p.at("openapi/common/Thing.yaml"));
        for (const api of ["tiny", "other"]) {
          await replaceIn(
            p.at(`openapi/${api}/openapi.yaml`),
            "./components/schemas/Thing.yaml",
            "../common/Thing.yaml",
          );
          const path = p.at(`openapi/${api}/paths/things_{id}.yaml`);
          await replaceIn(path, "../components/schemas/Thing.yaml", "../../common/Thing.yaml");
        }
      });
      let offset = watch.output().length;
      await writeFile(project.at("openapi/common/Thing.yaml"), "type: object\ndescription: A thing.\n");
      const both = await watch.after(offset, /^write {8}.*$/m);
      expect(both).toMatch(/^change {7}openapi\/common\/Thing\.yaml -> other, tiny$/m);

      // A folder moved in: all its files in one batch.
      await mkdir(project.at("outside/extra"), { recursive: true });
      await writeFile(project.at("outside/extra/a.yaml"), "a: 1\n");
      await writeFile(project.at("outside/extra/b.yaml"), "b: 1\n");
      offset = watch.output().length;
      await rename(project.at("outside/extra"), project.at("openapi/tiny/extra"));
      const moved = await watch.after(offset, /^write {8}.*$/m);
      expect(moved).toMatch(/^change {7}openapi\/tiny\/extra\/a\.yaml \(\+1 more\) -> tiny$/m);
    },
    TIMEOUT,
  );

  it(
    "stops when told during a run: exits 0, and the run it cut short writes nothing and says nothing",
    async () => {
      let stopNow: (() => Promise<number>) | undefined;
      let exited: Promise<number> | undefined;
      const { project, watch } = await start((text) => {
        if (stopNow && /^tiny +read spec/.test(text)) {
          exited = stopNow();
          stopNow = undefined;
        }
      });
      const before = await readFile(project.at("generated/tiny/errors.json"), "utf8");
      const offset = watch.output().length;
      stopNow = watch.stop;
      await replaceIn(project.at(ERROR), "does not exist", "is nowhere");
      for (let waited = 0; !/^all +apis/m.test(watch.output().slice(offset)); waited += 20) {
        if (waited > 15_000) throw new Error(`The run never ended:\n${watch.output().slice(offset)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await exited).toBe(0);
      watching = undefined;
      // Past when the cut-short run would have written (a write here takes a fraction of that).
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(watch.output().slice(offset)).not.toMatch(/^(error|write) /m);
      expect(await readFile(project.at("generated/tiny/errors.json"), "utf8")).toBe(before);
    },
    TIMEOUT,
  );

  it(
    "on a spec that does not read prints its problem, and on a configuration that does not read says so",
    async () => {
      const { project, watch } = await start();
      let offset = watch.output().length;
      await replaceIn(project.at(ERROR), "x-error-status: 404\n", "");
      const run = await watch.after(offset, /^failed .*$/m);
      expect(run).toMatch(/thing_missing\.yaml:1: .*"thing_missing" has no status/);
      expect(run).toMatch(/^failed {7}tiny: the problem above; its generated files are left as they were$/m);

      offset = watch.output().length;
      await writeFile(project.at("redocly.yaml"), "apis: [\n");
      const config = await watch.after(offset, /^failed .*$/m);
      expect(config).toMatch(/^change {7}redocly\.yaml -> everything \(configuration changed\)$/m);
      expect(config).toMatch(/^failed {7}the configuration: the problem above; its generated files are left/m);
    },
    TIMEOUT,
  );

  it(
    "says what to fix when generated/ cannot be written, and goes on watching",
    async () => {
      const { project, watch } = await start();
      await rm(project.at("generated/docs/tiny/errors"), { recursive: true });
      await writeFile(project.at("generated/docs/tiny/errors"), "in the way\n");
      let offset = watch.output().length;
      await replaceIn(project.at(ERROR), "does not exist", "is nowhere");
      const blocked = await watch.after(offset, /Waiting for the next edit\.$/m);
      expect(blocked).toMatch(
        /^error {8}Could not write generated\/docs\/tiny\/errors\/.*\nWaiting for the next edit\.$/m,
      );
      await rm(project.at("generated/docs/tiny/errors"));
      offset = watch.output().length;
      await replaceIn(project.at(ERROR), "is nowhere", "is nowhere at all");
      expect(await watch.after(offset, /^write {8}.*$/m)).toMatch(/^ {2}changed {2}generated\/tiny\/errors\.json$/m);
    },
    TIMEOUT,
  );

  it(
    "writes nothing when a spec changes while it generates, and runs again",
    async () => {
      let edit: (() => void) | undefined;
      const { project, watch } = await start((text) => {
        // The edit lands after the spec was read and before the write: the run must not write.
        if (edit && /^tiny +read spec/.test(text)) {
          edit();
          edit = undefined;
        }
      });
      const offset = watch.output().length;
      const file = project.at(ERROR);
      const text = await readFile(file, "utf8");
      const root = project.at("openapi/tiny/openapi.yaml");
      edit = () => {
        writeFileSync(file, text.replace("does not exist", "was edited meanwhile"));
        writeFileSync(root, readFileSync(root, "utf8").replace("title: Tiny", "title: Tiny edited"));
      };
      await writeFile(file, text.replace("does not exist", "is nowhere"));
      const run = await watch.after(offset, /^restart .*$/m);
      const says = "changed while generating; nothing was written, running again";
      expect(run).toMatch(new RegExp(`^restart {6}${ERROR}, openapi/tiny/openapi.yaml ${says}$`, "m"));
      await watch.after(offset, /^write {8}/m);
      expect(await readFile(project.at("generated/tiny/errors.json"), "utf8")).toContain("was edited meanwhile");
    },
    TIMEOUT,
  );

  it("says why and exits 2 when there is no folder to watch", async () => {
    await watching?.stop();
    watching = undefined;
    const project = await tinyWatchProject("watch-cli");
    await rm(project.at("openapi"), { recursive: true });
    const io = capture(project.root);
    expect(await watchAndGenerate(io)).toBe(2);
    expect(io.stderr()).toMatch(/^The file watcher failed: ENOENT: no such file or directory, .*openapi'\n$/);
    expect(io.stdout()).toBe("");
  });
});
