// `npm run generate -- --watch`: one full lint and generate (no dist/ build), then, after each
// edit under openapi/ or to redocly.yaml or .spectral.yaml, lints and regenerates only what
// the edit affects. One line per step; a broken spec prints its problems with file and line and
// the watcher waits for the next edit, generated/ left as it was. Ctrl-C or SIGTERM exits 0; a
// failure of the watcher itself exits 2.
import { relative, resolve } from "node:path";
import { formatFinding } from "../lint/index.js";
import type { Drift } from "../pipeline/sync.js";
import type { Scope } from "./scope.js";
import { type RunResult, Session } from "./session.js";
import { type Watching, watchFiles } from "./watcher.js";

const WATCHED_DIRS = ["openapi"];
const WATCHED_FILES = ["redocly.yaml", ".spectral.yaml"];

const line = (label: string, text: string): string => `${label.padEnd(12)} ${text}`;

function describe(drift: Drift): string[] {
  return [
    ...drift.changed.map((p) => `  changed  ${p}`),
    ...drift.missing.map((p) => `  missing  ${p}`),
    ...drift.stale.map((p) => `  stale    ${p}`),
  ];
}

/** A spec's problem as its message (which names file and line); anything else with its stack. */
function explain(error: unknown): string {
  const known = error instanceof Error && (error.name === "SpecProblem" || error.name === "SpecProblems");
  return known ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function report(result: RunResult, ms: number): void {
  if (result.apis.length === 0 && result.failures.length === 0) {
    console.log(line("skip", "nothing to redo"));
    return;
  }
  for (const finding of result.findings) console.log(formatFinding(finding));
  for (const failure of result.failures) {
    if (failure.error !== undefined) console.log(explain(failure.error));
    const why = failure.lintErrors > 0 ? `${failure.lintErrors} lint error(s)` : "the problem above";
    const subject = failure.api === "all" ? "the configuration" : failure.api;
    console.log(line("failed", `${subject}: ${why}; its generated files are left as they were`));
  }
  const changes = describe(result.drift);
  const what = changes.length === 0 ? "nothing changed" : `${changes.length} file(s)`;
  // One write, so that whoever waits for this line also has the list under it.
  console.log([line("write", `${what} in ${Math.round(ms)} ms`), ...changes].join("\n"));
}

function announce(root: string, files: readonly string[], scope: Scope): void {
  const first = relative(root, files[0]!);
  const more = files.length > 1 ? ` (+${files.length - 1} more)` : "";
  const target = scope === "all" ? "everything (configuration changed)" : scope.join(", ") || "no API reads it";
  console.log(line("change", `${first}${more} -> ${target}`));
}

/** Runs one after another: the first full run, then one per batch of edits, each reported. */
function runner(session: Session, root: string) {
  let stopping = false;
  let queue: Promise<void> = Promise.resolve();
  const run = async (scope: Scope): Promise<void> => {
    const started = performance.now();
    try {
      report(await session.run(scope), performance.now() - started);
    } catch (error) {
      if (!stopping) console.log(line("error", `${explain(error)}\nWaiting for the next edit.`));
    }
  };
  const then = (next: () => Promise<void>): Promise<void> => (queue = queue.then(next));
  return {
    first: () =>
      then(async () => {
        console.log(line("watch", "first a full lint and generate (watch mode builds no dist/: `npm run build` does)"));
        await run("all");
        const watched = [...WATCHED_DIRS.map((d) => `${d}/`), ...WATCHED_FILES].join(", ");
        console.log(line("watching", `${watched}; Ctrl-C stops`));
      }),
    edited: (files: string[]) =>
      then(() => {
        const scope = session.scopeOf(files);
        announce(root, files, scope);
        return run(scope);
      }),
    stop: () => {
      stopping = true;
      return session.stop();
    },
  };
}

/** Runs the watcher in the project at `root` until a signal (0) or a failure of the watcher itself (2). */
export async function watchAndGenerate(root: string): Promise<number> {
  const session = new Session({
    root,
    configPath: resolve(root, "redocly.yaml"),
    onStep: (api, step, ms) => console.log(`${api.padEnd(12)} ${step.padEnd(10)} ${Math.round(ms)} ms`),
  });
  const runs = runner(session, root);
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const watcherFailed = (error: unknown): number => {
    console.error(`The file watcher failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  };
  let watching: Watching;
  try {
    // Watching starts first, so an edit made during the first run is seen and runs after it.
    const options = { root, dirs: WATCHED_DIRS, files: WATCHED_FILES, onBatch: runs.edited };
    watching = await watchFiles({ ...options, onError: (error) => finish(watcherFailed(error)) });
  } catch (error) {
    return watcherFailed(error);
  }
  void runs.first();
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => finish(0));
  const code = await finished;
  watching.close();
  await runs.stop();
  return code;
}
