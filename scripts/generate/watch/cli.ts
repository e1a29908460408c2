// `npm run generate -- --watch`: one full lint and generate (no dist/ build), then, after each
// edit under openapi/ or to redocly.yaml or .spectral.yaml, lints and regenerates only what
// the edit affects. One line per step; a broken spec prints its problems with file and line and
// the watcher waits for the next edit, generated/ left as it was. Watching starts before the
// first run, and a run whose inputs changed while it read them writes nothing and hands them
// back to the watcher: no edit is lost. Ctrl-C or SIGTERM exits 0; a failure of the watcher
// itself exits 2.
import { relative } from "node:path";
import { explain, type Io } from "../../command.js";
import { formatFinding } from "../../lint/findings.js";
import { describeDrift, progress } from "../report.js";
import type { Scope } from "./scope.js";
import { Session, type SessionResult } from "./session.js";
import { type Watching, watchFiles } from "./watcher.js";

const WATCHED_DIRS = ["openapi"];
const WATCHED_FILES = ["redocly.yaml", ".spectral.yaml"];

function report(io: Io, result: SessionResult, ms: number): void {
  if (result.apis.length === 0 && result.failures.length === 0) {
    io.out(progress("skip", "nothing to redo"));
    return;
  }
  for (const finding of result.findings) io.out(formatFinding(finding, io.root));
  for (const failure of result.failures) {
    // The lint's findings say more than the reader's first problem, as in `npm run generate`.
    if (failure.error !== undefined && failure.lintErrors === 0) io.out(explain(failure.error));
    const why = failure.lintErrors > 0 ? `${failure.lintErrors} lint error(s)` : "the problem above";
    const subject = failure.api === "all" ? "the configuration" : failure.api;
    io.out(progress("failed", `${subject}: ${why}; its generated files are left as they were`));
  }
  const changed = result.changed.map((file) => relative(io.root, file)).join(", ");
  if (!result.written) {
    io.out(progress("restart", `${changed} changed while generating; nothing was written, running again`));
    return;
  }
  const changes = describeDrift(result.drift);
  const what = changes.length === 0 ? "nothing changed" : `${changes.length} file(s)`;
  // One write, so that whoever waits for this line also has the list under it.
  io.out([progress("write", `${what} in ${Math.round(ms)} ms`), ...changes].join("\n"));
  if (changed) io.out(progress("restart", `${changed} changed since this run read it; running again`));
}

function announce(io: Io, files: readonly string[], scope: Scope): void {
  const first = relative(io.root, files[0]!);
  const more = files.length > 1 ? ` (+${files.length - 1} more)` : "";
  const target = scope === "all" ? "everything (configuration changed)" : scope.join(", ") || "no API reads it";
  io.out(progress("change", `${first}${more} -> ${target}`));
}

/** Runs one after another: the first full run, then one per batch of edits, each reported. */
function runner(session: Session, io: Io, recheck: (files: readonly string[]) => void) {
  let stopping = false;
  let queue: Promise<void> = Promise.resolve();
  const run = async (scope: Scope): Promise<void> => {
    const started = performance.now();
    try {
      const result = await session.run(scope);
      report(io, result, performance.now() - started);
      if (result.changed.length > 0) recheck(result.changed);
    } catch (error) {
      // A write that failed (a read-only folder, a full disk) says what to fix; the watcher goes on.
      if (!stopping) io.out(progress("error", `${explain(error)}\nWaiting for the next edit.`));
    }
  };
  const then = (next: () => Promise<void>): Promise<void> => (queue = queue.then(next));
  return {
    first: () =>
      then(async () => {
        io.out(progress("watch", "first a full lint and generate (watch mode builds no dist/: `npm run build` does)"));
        await run("all");
        const watched = [...WATCHED_DIRS.map((d) => `${d}/`), ...WATCHED_FILES].join(", ");
        io.out(progress("watching", `${watched}; Ctrl-C stops`));
      }),
    edited: (files: string[]) =>
      then(() => {
        const scope = session.scopeOf(files);
        announce(io, files, scope);
        return run(scope);
      }),
    stop: () => {
      stopping = true;
      return session.stop();
    },
  };
}

/** Runs the watcher in the project at `io.root` until a signal (0) or a failure of the watcher itself (2). */
export async function watchAndGenerate(io: Io): Promise<number> {
  const session = new Session({ root: io.root, onStep: (api, step, ms) => io.out(progress(api, step, ms)) });
  let watching: Watching | undefined;
  const runs = runner(session, io, (files) => watching?.recheck(files));
  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (finish = resolve));
  const watcherFailed = (error: unknown): number => {
    io.err(`The file watcher failed: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  };
  try {
    // Watching starts first, so an edit made during the first run is seen and runs after it.
    const options = { root: io.root, dirs: WATCHED_DIRS, files: WATCHED_FILES, onBatch: runs.edited };
    watching = await watchFiles({ ...options, onError: (error) => finish(watcherFailed(error)) });
  } catch (error) {
    await session.stop();
    return watcherFailed(error);
  }
  void runs.first();
  void io.stopped().then(() => finish(0));
  const code = await finished;
  watching.close();
  await runs.stop();
  return code;
}
