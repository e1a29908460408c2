// The state `npm run generate -- --watch` keeps between edits: the linters (Spectral's bundled
// ruleset and Redocly's config, loaded once), the APIs, and per API the files its spec was read
// from, its last good contract and the generated files it owns. A run redoes only the APIs in
// its scope, and the shared docs pages with the others' cached contracts; it produces all in
// memory, then writes what changed, each file atomically. It prints nothing: the CLI does.
import { dirname, resolve } from "node:path";
import { type ApiEntry, type Contract, readApis } from "../contract/index.js";
import { type Finding, type Linters, loadLinters, rulesetCacheIn } from "../lint/index.js";
import type { OutputFile } from "../output.js";
import { projectEmitters } from "../pipeline/emitters.js";
import { compare, type Drift, writeAtomically } from "../pipeline/sync.js";
import { type ApiOutcome, type OnStep, produceApi } from "./produce-api.js";
import { type Scope, scopeOf } from "./scope.js";

/** The folder a run writes, as `npm run generate` does. */
const OUT_DIR = "generated";
/** The owner of the files that span every API, in the map of who owns which file. */
const SHARED = "";

export interface SessionOptions {
  /** The project folder: paths of generated files are relative to it. */
  readonly root: string;
  /** redocly.yaml, which lists the APIs. */
  readonly configPath: string;
  /** The Spectral ruleset; `.spectral.yaml` next to redocly.yaml by default. */
  readonly rulesetPath?: string;
  readonly onStep?: OnStep;
}

/** An API left as it was, and why: lint errors (in the run's findings) or `error`. */
export interface Failure {
  /** The API's name, or "all" when the configuration itself could not be loaded. */
  readonly api: string;
  readonly lintErrors: number;
  readonly error?: unknown;
}

export interface RunResult {
  /** The APIs this run redid. */
  readonly apis: readonly string[];
  /** Their lint findings, every severity. */
  readonly findings: readonly Finding[];
  readonly failures: readonly Failure[];
  /** Whether the pages spanning every API were redone (not while an API has never read cleanly). */
  readonly shared: boolean;
  /** What was written and removed. */
  readonly drift: Drift;
}

const NO_DRIFT: Drift = { changed: [], missing: [], stale: [] };

export class Session {
  readonly configFiles: readonly string[];
  private linters: Linters | undefined;
  private apis: readonly ApiEntry[] = [];
  private readonly sources = new Map<string, ReadonlySet<string>>();
  private readonly contracts = new Map<string, Contract>();
  private readonly owned = new Map<string, ReadonlySet<string>>();
  /** APIs whose last run failed: every run retries them, as the edit may be their fix. */
  private readonly failing = new Set<string>();
  private writing: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** The project steps' slow set-up (the docs renderer), started once; their parts wait for it. */
  private readonly prepared: Promise<unknown>;

  constructor(private readonly options: SessionOptions) {
    const rulesetPath = options.rulesetPath ?? resolve(dirname(options.configPath), ".spectral.yaml");
    this.configFiles = [resolve(options.configPath), resolve(rulesetPath)];
    // Started now, so that it overlaps loading the linters.
    this.prepared = Promise.all(projectEmitters.map((emitter) => emitter.prepare?.())).catch(() => {});
  }

  /** What a batch of edited files (absolute paths) asks to redo. */
  scopeOf(files: Iterable<string>): Scope {
    return scopeOf(files, { apis: this.apis, sources: this.sources, configFiles: this.configFiles });
  }

  /**
   * Lets no run start writing from now on; resolves once a write under way has finished, so
   * that stopping never leaves one run's files half old, half new.
   */
  stop(): Promise<void> {
    this.stopped = true;
    return this.writing.then(
      () => {},
      () => {},
    );
  }

  /** Redoes `scope` (plus any API whose last run failed); "all" reloads the linters and the API list first. */
  async run(scope: Scope): Promise<RunResult> {
    const none = { apis: [], findings: [], failures: [], shared: false, drift: NO_DRIFT };
    const full = scope === "all" || this.linters === undefined;
    if (full) {
      try {
        await this.reload();
      } catch (error) {
        this.linters = undefined; // the next run tries again, whatever its scope
        return { ...none, failures: [{ api: "all", lintErrors: 0, error }] };
      }
    }
    const names = new Set(full ? this.apis.map((api) => api.name) : [...scope, ...this.failing]);
    const targets = this.apis.filter((api) => names.has(api.name));
    if (targets.length === 0) return none;
    const outcomes: ApiOutcome[] = [];
    for (const api of targets) outcomes.push(await this.produce(api));
    const shared = await this.produceShared();
    return {
      apis: targets.map((api) => api.name),
      findings: outcomes.flatMap((o) => o.findings),
      failures: outcomes.filter((o) => !o.produced).map(failure),
      shared: shared !== undefined,
      drift: await this.write(outcomes, shared, full),
    };
  }

  /**
   * Writes what the run produced. A full run where every API read cleanly also removes what no
   * API produces any more, as `npm run generate` does; any other run removes only files that a
   * redone API (or the shared step) made last time and no longer makes.
   */
  private async write(outcomes: readonly ApiOutcome[], shared: OutputFile[] | undefined, full: boolean) {
    const produced = [...outcomes.flatMap((o) => o.produced?.files ?? []), ...(shared ?? [])];
    produced.sort((a, b) => a.path.localeCompare(b.path));
    const everyApi = full && outcomes.every((o) => o.produced);
    const remove = everyApi
      ? (await compare(this.options.root, OUT_DIR, produced)).stale
      : this.stale(outcomes, shared);
    if (this.stopped) throw new Error("The watcher is stopping; nothing was written.");
    const writing = writeAtomically(this.options.root, produced, remove);
    this.writing = writing;
    const drift = await writing;
    this.own(outcomes, shared);
    return drift;
  }

  private async reload(): Promise<void> {
    const [linters, apis] = await Promise.all([
      loadLinters(this.options.configPath, this.configFiles[1], rulesetCacheIn(this.options.root)),
      readApis(this.options.configPath),
    ]);
    this.linters = linters;
    this.apis = apis;
    // An API no longer listed is forgotten; a full run's write removes its files as stale.
    const listed = new Set(apis.map((api) => api.name));
    for (const map of [this.sources, this.contracts, this.owned]) {
      for (const name of map.keys()) if (name !== SHARED && !listed.has(name)) map.delete(name);
    }
    for (const name of this.failing) if (!listed.has(name)) this.failing.delete(name);
  }

  private async produce(api: ApiEntry): Promise<ApiOutcome> {
    const { configPath, onStep = () => {} } = this.options;
    const outcome = await produceApi({ linters: this.linters!, configPath, ready: this.prepared, onStep }, api);
    if (outcome.sources) this.sources.set(api.name, new Set(outcome.sources));
    if (outcome.produced) {
      this.contracts.set(api.name, outcome.produced.contract);
      this.failing.delete(api.name);
    } else this.failing.add(api.name);
    return outcome;
  }

  /** The files spanning every API, from each one's last good contract; none while one has never read. */
  private async produceShared(): Promise<OutputFile[] | undefined> {
    const contracts = this.apis.map((api) => this.contracts.get(api.name));
    if (contracts.some((c) => c === undefined)) return undefined;
    await this.prepared;
    const files: OutputFile[] = [];
    for (const emitter of projectEmitters) {
      const started = performance.now();
      const all = contracts as Contract[];
      // A step that cannot be split has no per-API part above, so it is redone whole here.
      files.push(...(await (emitter.parts ? emitter.parts.shared(all) : emitter.emit(all))));
      this.options.onStep?.("all", emitter.step, performance.now() - started);
    }
    return files;
  }

  /** Files a redone owner made last time and no longer makes, unless another owner makes them. */
  private stale(outcomes: readonly ApiOutcome[], shared: readonly OutputFile[] | undefined): string[] {
    const fresh = new Map<string, readonly OutputFile[]>();
    for (const outcome of outcomes) if (outcome.produced) fresh.set(outcome.api, outcome.produced.files);
    if (shared) fresh.set(SHARED, shared);
    const made = new Set([...fresh.values()].flat().map((f) => f.path));
    const others = new Set([...this.owned].filter(([owner]) => !fresh.has(owner)).flatMap(([, paths]) => [...paths]));
    const gone = [...fresh.keys()].flatMap((owner) => [...(this.owned.get(owner) ?? [])]);
    return gone.filter((path) => !made.has(path) && !others.has(path)).sort();
  }

  private own(outcomes: readonly ApiOutcome[], shared: readonly OutputFile[] | undefined): void {
    for (const outcome of outcomes) {
      if (outcome.produced) this.owned.set(outcome.api, new Set(outcome.produced.files.map((f) => f.path)));
    }
    if (shared) this.owned.set(SHARED, new Set(shared.map((f) => f.path)));
  }
}

function failure(outcome: ApiOutcome): Failure {
  const lintErrors = outcome.findings.filter((f) => f.severity === "error").length;
  return { api: outcome.api, lintErrors, ...(outcome.error === undefined ? {} : { error: outcome.error }) };
}
