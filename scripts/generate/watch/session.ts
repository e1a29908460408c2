// The state `npm run generate -- --watch` keeps between edits, over the one orchestrator
// (../run.ts, which keeps the linters loaded and each API's last good contract): per API the
// files its spec was read from and the generated files it owns, and the APIs whose last run
// failed. A run redoes only the APIs in its scope (and every failing one), and the shared docs
// pages; then writes what changed as one transaction, and nothing when a file it read changed
// meanwhile (the watcher is told, and runs again). It prints nothing: the CLI does.
import { resolve } from "node:path";
import { rulesetCacheIn } from "../../lint/cache.js";
import type { Finding } from "../../lint/findings.js";
import { OUTPUT_DIR, type OutputFile } from "../../output.js";
import { type Drift, write, writeSome } from "../../pipeline/sync.js";
import {
  type ApiOutcome,
  assertUnchanged,
  changedInputs,
  InputsChanged,
  type OnStep,
  Pipeline,
  type RunResult,
} from "../run.js";
import { type Scope, scopeOf } from "./scope.js";

export interface SessionOptions {
  /** The project folder: paths of generated files are relative to it. */
  readonly root: string;
  readonly onStep?: OnStep;
}

/** An API left as it was, and why: lint errors (in the run's findings) or `error`. */
export interface Failure {
  /** The API's name, or "all" when the configuration itself could not be loaded. */
  readonly api: string;
  readonly lintErrors: number;
  readonly error?: unknown;
}

export interface SessionResult {
  /** The APIs this run redid. */
  readonly apis: readonly string[];
  /** Their lint findings, every severity. */
  readonly findings: readonly Finding[];
  readonly failures: readonly Failure[];
  /** Whether the pages spanning every API were redone (not while an API has never read cleanly). */
  readonly shared: boolean;
  /** What was written and removed. */
  readonly drift: Drift;
  /** False when a file the run read changed before it could write: it wrote nothing. */
  readonly written: boolean;
  /** Files the run read that are not what it read any more: they are to be run again. */
  readonly changed: readonly string[];
}

const NO_DRIFT: Drift = { changed: [], missing: [], stale: [] };
const NONE: SessionResult = {
  apis: [],
  findings: [],
  failures: [],
  shared: false,
  drift: NO_DRIFT,
  written: true,
  changed: [],
};
/** The owner of the files that span every API, in the map of who owns which file. */
const SHARED = "";

export class Session {
  private readonly pipeline: Pipeline;
  private readonly sources = new Map<string, ReadonlySet<string>>();
  private readonly owned = new Map<string, ReadonlySet<string>>();
  /** APIs whose last run failed: every run retries them, as the edit may be their fix. */
  private readonly failing = new Set<string>();
  private writing: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: SessionOptions) {
    this.pipeline = new Pipeline({
      configPath: resolve(options.root, "redocly.yaml"),
      lint: {
        cache: rulesetCacheIn(options.root),
        ...(options.onStep
          ? { onLinted: (api: string, linter: string, ms: number) => options.onStep!(api, linter, ms) }
          : {}),
      },
      ...(options.onStep ? { onStep: options.onStep } : {}),
    });
  }

  /** What a batch of edited files (absolute paths) asks to redo. */
  scopeOf(files: Iterable<string>): Scope {
    const { apis, configFiles } = this.pipeline;
    return scopeOf(files, { apis, sources: this.sources, configFiles });
  }

  /**
   * Lets no run start writing from now on; resolves once a write under way has finished, so
   * that stopping never leaves one run's files half old, half new.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writing.catch(() => {});
    await this.pipeline.close();
  }

  /** Redoes `scope` (plus any API whose last run failed); "all" reloads the configuration first. */
  async run(scope: Scope): Promise<SessionResult> {
    const full = scope === "all" || this.pipeline.apis.length === 0;
    const names = full ? undefined : [...new Set([...scope, ...this.failing])];
    if (names?.length === 0) return NONE;
    let result: RunResult;
    try {
      result = await this.pipeline.run(names);
    } catch (error) {
      return { ...NONE, failures: [{ api: "all", lintErrors: 0, error }] };
    }
    if (full) this.forgetUnlisted();
    for (const outcome of result.outcomes) this.remember(outcome);
    let drift: Drift | undefined;
    try {
      drift = await this.write(result, full);
    } catch (error) {
      if (!(error instanceof InputsChanged)) {
        // Nothing was written: every API of the run is redone with the next edit.
        for (const outcome of result.outcomes) this.failing.add(outcome.api);
        throw error;
      }
    }
    // Checked after every run, written or failed: an edit the watcher missed is not lost.
    const changed = await changedInputs(result.inputs);
    return { ...this.summary(result), drift: drift ?? NO_DRIFT, written: drift !== undefined, changed };
  }

  private summary(result: RunResult): SessionResult {
    return {
      ...NONE,
      apis: result.outcomes.map((o) => o.api),
      findings: result.outcomes.flatMap((o) => o.findings),
      failures: result.outcomes.filter((o) => !o.files).map(failure),
      shared: result.shared !== undefined,
    };
  }

  private remember(outcome: ApiOutcome): void {
    if (outcome.sources.size > 0) this.sources.set(outcome.api, new Set(outcome.sources.keys()));
    if (outcome.files) this.failing.delete(outcome.api);
    else this.failing.add(outcome.api);
  }

  /** An API no longer listed is forgotten; a full run's write removes its files as stale. */
  private forgetUnlisted(): void {
    const listed = new Set(this.pipeline.apis.map((api) => api.name));
    for (const map of [this.sources, this.owned]) {
      for (const name of map.keys()) if (name !== SHARED && !listed.has(name)) map.delete(name);
    }
    for (const name of this.failing) if (!listed.has(name)) this.failing.delete(name);
  }

  /**
   * Writes what the run produced, unless a file it read has changed since. A full run where every
   * API read cleanly brings the whole folder in step, as `npm run generate` does; any other run
   * removes only files that a redone API (or the shared step) made last time and no longer makes.
   */
  private async write(result: RunResult, full: boolean): Promise<Drift> {
    const good = result.outcomes.filter((o) => o.files);
    const shared = result.shared;
    const produced = [...good.flatMap((o) => o.files ?? []), ...(shared ?? [])];
    if (this.stopped) throw new Error("The watcher is stopping; nothing was written.");
    const beforeWrite = () => assertUnchanged(result);
    const everyApi = full && shared !== undefined && good.length === result.outcomes.length;
    const writing = everyApi
      ? write(this.options.root, OUTPUT_DIR, produced, { beforeWrite })
      : writeSome(this.options.root, OUTPUT_DIR, { files: produced, remove: this.stale(good, shared), beforeWrite });
    this.writing = writing;
    const drift = await writing;
    this.own(good, shared);
    return drift;
  }

  /** Files a redone owner made last time and no longer makes, unless another owner makes them. */
  private stale(good: readonly ApiOutcome[], shared: readonly OutputFile[] | undefined): string[] {
    const fresh = new Map<string, readonly OutputFile[]>();
    for (const outcome of good) fresh.set(outcome.api, outcome.files ?? []);
    if (shared) fresh.set(SHARED, shared);
    const made = new Set([...fresh.values()].flat().map((f) => f.path));
    const others = new Set([...this.owned].filter(([owner]) => !fresh.has(owner)).flatMap(([, paths]) => [...paths]));
    const gone = [...fresh.keys()].flatMap((owner) => [...(this.owned.get(owner) ?? [])]);
    return gone.filter((path) => !made.has(path) && !others.has(path)).sort();
  }

  private own(good: readonly ApiOutcome[], shared: readonly OutputFile[] | undefined): void {
    for (const outcome of good) this.owned.set(outcome.api, new Set((outcome.files ?? []).map((f) => f.path)));
    if (shared) this.owned.set(SHARED, new Set(shared.map((f) => f.path)));
  }
}

function failure(outcome: ApiOutcome): Failure {
  const lintErrors = outcome.findings.filter((f) => f.severity === "error").length;
  return { api: outcome.api, lintErrors, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
}
