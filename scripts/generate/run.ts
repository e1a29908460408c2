// The one orchestrator of `npm run generate`: for each API, read its contract (decorated once,
// here), lint it on the lint thread meanwhile, and produce its files; then the files that span
// every API. `generate`, `generate --check` and `generate --watch` all run through `Pipeline`:
// the first two once over every API, the watcher once per batch of edits over the APIs they
// touch. Nothing here writes a file or prints: callers decide what a run's outcome means.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { ApiEntry, Contract, SourceFile } from "../contract/index.js";
import type { RulesetCache } from "../lint/cache.js";
import { countBySeverity, type Finding, type Linter } from "../lint/findings.js";
import { type LintWorker, lintWorkerFor } from "../lint/worker.js";
import type { OutputFile } from "../output.js";

/**
 * The reader and the emitters, loaded once a pipeline exists: the lint thread is started first,
 * so that its load (the longest) overlaps this thread's (about a second each on two cores).
 */
const loadSteps = async () => {
  const [contract, { decorate }, { apiEmitters, projectEmitters }] = await Promise.all([
    import("../contract/index.js"),
    import("../pipeline/decorate.js"),
    import("../pipeline/emitters.js"),
  ]);
  return { readApis: contract.readApis, readContracts: contract.readContracts, decorate, apiEmitters, projectEmitters };
};
let steps: ReturnType<typeof loadSteps> | undefined;

export type OnStep = (api: string, step: string, ms: number) => void;

export interface PipelineOptions {
  /** redocly.yaml, which lists the APIs. */
  readonly configPath: string;
  /** The Spectral ruleset; `.spectral.yaml` beside redocly.yaml by default. */
  readonly rulesetPath?: string;
  /** Lints every API on a lint thread while its files are produced; without it nothing is linted. */
  readonly lint?: {
    readonly cache?: RulesetCache;
    readonly onLinted?: (api: string, linter: Linter, ms: number, findings: readonly Finding[]) => void;
  };
  /** Called once per finished step, for progress output. */
  readonly onStep?: OnStep;
}

/** One API's share of a run. */
export interface ApiOutcome {
  readonly api: string;
  /** Its lint findings, every severity (none when the run does not lint). */
  readonly findings: readonly Finding[];
  /** Every file its spec was read from, with the hash of what was read (empty when bundling failed). */
  readonly sources: ReadonlyMap<string, string>;
  /** Its contract, when the spec reads. */
  readonly contract?: Contract;
  /** Its files, when it is fit to write: the spec reads, every step produced, and no lint error. */
  readonly files?: readonly OutputFile[];
  /** Why it is not, when the reason is not a lint error: a SpecProblem(s) or an unexpected error. */
  readonly error?: unknown;
}

export interface RunResult {
  readonly outcomes: readonly ApiOutcome[];
  /** The files spanning every API, from each one's last good contract; absent while one has never read. */
  readonly shared?: readonly OutputFile[];
  /** Every file the run read (the configuration and the specs), with the hash of what it read. */
  readonly inputs: ReadonlyMap<string, string>;
}

const sha256 = (text: string | Uint8Array): string => createHash("sha256").update(text).digest("hex");

/** Those of `inputs` whose content is not what was read any more (edited or gone). */
export async function changedInputs(inputs: ReadonlyMap<string, string>): Promise<string[]> {
  const now = await Promise.all(
    [...inputs].map(async ([path, hash]) => ((await readFile(path).then(sha256, () => "")) === hash ? [] : [path])),
  );
  return now.flat().sort();
}

/** The specs changed while a run produced their files; what it produced is not written. */
export class InputsChanged extends Error {
  override readonly name = "InputsChanged";
  constructor(readonly files: readonly string[]) {
    super(`${files.join(", ")} changed while generating; nothing was written. Run again once the edits are saved.`);
  }
}

/** Throws InputsChanged when a file the run read is not what it read any more: its files would be stale. */
export async function assertUnchanged(result: RunResult): Promise<void> {
  const changed = await changedInputs(result.inputs);
  if (changed.length > 0) throw new InputsChanged(changed);
}

/** Every file of a run: each API's and the shared ones, sorted by path. */
export function filesOf(result: RunResult): OutputFile[] {
  const files = [...result.outcomes.flatMap((o) => o.files ?? []), ...(result.shared ?? [])];
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** True when every API of the run is fit to write and the shared files were made. */
export function isComplete(result: RunResult): boolean {
  return result.shared !== undefined && result.outcomes.every((o) => o.files !== undefined);
}

export class Pipeline {
  /** redocly.yaml and the Spectral ruleset: an edit to either redoes everything. */
  readonly configFiles: readonly string[];
  private apiList: readonly ApiEntry[] = [];
  private config = new Map<string, string>();
  private readonly lintWorker: LintWorker | undefined;
  /** The last contract of each API that read cleanly, for the shared files. */
  private readonly contracts = new Map<string, Contract>();
  /** The project steps' slow set-up (the docs renderer), started at once; their parts wait for it. */
  private readonly prepared: Promise<unknown>;

  constructor(private readonly options: PipelineOptions) {
    const configPath = resolve(options.configPath);
    const rulesetPath = resolve(options.rulesetPath ?? resolve(dirname(configPath), ".spectral.yaml"));
    this.configFiles = [configPath, rulesetPath];
    // Started (or found running) first: its load is the longest, and overlaps the rest.
    const { lint } = options;
    this.lintWorker = lint && lintWorkerFor({ configPath, rulesetPath, ...(lint.cache ? { cache: lint.cache } : {}) });
    steps ??= loadSteps();
    this.prepared = steps
      .then(({ projectEmitters }) => Promise.all(projectEmitters.map((emitter) => emitter.prepare?.())))
      .catch(() => {});
  }

  /** The APIs redocly.yaml listed at the last full run. */
  get apis(): readonly ApiEntry[] {
    return this.apiList;
  }

  /**
   * Runs the APIs named (and nothing else), or, without names, reloads the configuration (the
   * API list and the linters) and runs every API. A configuration that cannot be read throws.
   */
  async run(names?: readonly string[]): Promise<RunResult> {
    if (names === undefined || this.apiList.length === 0) await this.reload();
    const targets = this.apiList.filter((api) => names === undefined || names.includes(api.name));
    // Queued at once: the lint thread works through them while this thread produces files.
    const lints = targets.map((api) => this.lintOf(api));
    const outcomes: ApiOutcome[] = [];
    for (const [i, api] of targets.entries()) outcomes.push(await this.runApi(api, lints[i]));
    const inputs = new Map(this.config);
    for (const outcome of outcomes) for (const [path, hash] of outcome.sources) inputs.set(path, hash);
    const shared = await this.runShared();
    return { outcomes, ...(shared ? { shared } : {}), inputs };
  }

  /** The lint thread stays for a later run in this process (it does not hold the process open). */
  async close(): Promise<void> {}

  private async reload(): Promise<void> {
    const { readApis } = await steps!;
    // A file that is not there is recorded as changedInputs reads it: no hash, not the empty file's.
    const [apis, ...hashes] = await Promise.all([
      readApis(this.options.configPath),
      ...this.configFiles.map((file) => readFile(file).then(sha256, () => "")),
    ]);
    this.apiList = apis;
    this.config = new Map(this.configFiles.map((file, i) => [file, hashes[i]!]));
    // A thread started for this run loaded the configuration as it is; one that loaded an older one reloads.
    const config = [...this.config.values()].join();
    if (this.lintWorker && this.lintWorker.loaded !== undefined && this.lintWorker.loaded !== config) {
      await this.lintWorker.reload();
    }
    if (this.lintWorker) this.lintWorker.loaded = config;
    const listed = new Set(apis.map((api) => api.name));
    for (const name of this.contracts.keys()) if (!listed.has(name)) this.contracts.delete(name);
  }

  private lintOf(api: ApiEntry): Promise<Finding[]> | undefined {
    const onLinted = this.options.lint?.onLinted;
    const linting = this.lintWorker?.lint(
      api,
      onLinted && ((linter, ms, found) => onLinted(api.name, linter, ms, found)),
    );
    linting?.catch(() => {}); // awaited in runApi; a failure before then is not unhandled
    return linting;
  }

  private async runApi(api: ApiEntry, linting: Promise<Finding[]> | undefined): Promise<ApiOutcome> {
    const onStep = this.options.onStep ?? (() => {});
    const started = performance.now();
    let sources = new Map<string, string>();
    const onSources = (_: string, files: SourceFile[]): void => {
      sources = new Map(files.map((file) => [file.path, sha256(file.body)]));
    };
    let contract: Contract | undefined;
    let files: OutputFile[] | undefined;
    let error: unknown;
    try {
      const { readContracts, decorate } = await steps!;
      const [read] = await readContracts(this.options.configPath, { only: api.name, onSources });
      contract = { ...read!, document: decorate(read!) };
      onStep(api.name, "read spec", performance.now() - started);
      files = await this.emit(contract);
    } catch (caught) {
      error = caught;
    }
    // A lint thread that cannot load (a broken ruleset) fails the run, whatever the spec.
    const findings = linting ? await linting : [];
    const fit = files !== undefined && countBySeverity(findings).error === 0;
    if (fit) this.contracts.set(api.name, contract!);
    return {
      api: api.name,
      findings,
      sources,
      ...(contract ? { contract } : {}),
      ...(fit ? { files: files! } : {}),
      ...(error === undefined ? {} : { error }),
    };
  }

  /** One API's files: every API step, and its part of each project step (rendered on their own threads meanwhile). */
  private async emit(contract: Contract): Promise<OutputFile[]> {
    const onStep = this.options.onStep ?? (() => {});
    const { apiEmitters, projectEmitters } = await steps!;
    const parts = projectEmitters.map(async (emitter) => {
      await this.prepared;
      const started = performance.now();
      const files = await emitter.api(contract);
      onStep(contract.name, emitter.step, performance.now() - started);
      return files;
    });
    const pages = Promise.all(parts);
    pages.catch(() => {}); // awaited below, after the API steps; an early failure is not unhandled
    const files: OutputFile[] = [];
    for (const emitter of apiEmitters) {
      const started = performance.now();
      files.push(...(await emitter.emit(contract)));
      onStep(contract.name, emitter.step, performance.now() - started);
    }
    files.push(...(await pages).flat());
    return files;
  }

  private async runShared(): Promise<OutputFile[] | undefined> {
    const contracts = this.apiList.map((api) => this.contracts.get(api.name));
    if (contracts.some((contract) => contract === undefined)) return undefined;
    await this.prepared;
    const { projectEmitters } = await steps!;
    const files: OutputFile[] = [];
    for (const emitter of projectEmitters) {
      const started = performance.now();
      files.push(...(await emitter.shared(contracts as Contract[])));
      this.options.onStep?.("all", emitter.step, performance.now() - started);
    }
    return files;
  }
}

/**
 * Every generated file of the APIs in `configPath`, in memory, without the lint: for tests and
 * benchmarks. Throws the first API's problem when one does not read.
 */
export async function produce(options: Omit<PipelineOptions, "lint">): Promise<OutputFile[]> {
  const pipeline = new Pipeline(options);
  try {
    const result = await pipeline.run();
    const failed = result.outcomes.find((o) => o.error !== undefined);
    if (failed) throw failed.error;
    return filesOf(result);
  } finally {
    await pipeline.close();
  }
}
