// One API's share of a generate run, for the watcher: read its contract, lint it, and produce
// its own files (every per-API emitter, and its part of each project step that can be split).
// Its docs pages render in the docs worker thread while this thread lints, so on two cores the
// slowest step costs little more than the lint; nothing here writes a file.
import { type ApiEntry, type Contract, readContracts } from "../contract/index.js";
import { countBySeverity, type Finding, lintApi, type Linters } from "../lint/index.js";
import type { OutputFile } from "../output.js";
import { decorate } from "../pipeline/decorate.js";
import { apiEmitters, projectEmitters } from "../pipeline/emitters.js";

export type OnStep = (api: string, step: string, ms: number) => void;

export interface ApiOutcome {
  readonly api: string;
  /** Lint findings of every severity. */
  readonly findings: readonly Finding[];
  /** The files a spec read last time can be mapped from, when bundling got that far. */
  readonly sources?: readonly string[];
  /** Present when the API is fit to write: no lint error and a contract that reads. */
  readonly produced?: { readonly contract: Contract; readonly files: readonly OutputFile[] };
  /** Why it is not, when the reason is not a lint error: a SpecProblem(s) or an unexpected error. */
  readonly error?: unknown;
}

async function read(configPath: string, api: ApiEntry) {
  let sources: string[] | undefined;
  try {
    const [contract] = await readContracts(configPath, { only: api.name, onSources: (_, files) => (sources = files) });
    return { sources, contract: { ...contract!, document: decorate(contract!) } };
  } catch (error) {
    return { sources, error };
  }
}

export interface ProduceContext {
  readonly linters: Linters;
  /** redocly.yaml. */
  readonly configPath: string;
  /** The project steps' set-up (see ProjectEmitter.prepare), which their parts wait for. */
  readonly ready: Promise<unknown>;
  readonly onStep: OnStep;
}

/** Starts this API's part of every project step that has parts (the docs pages), timed. */
function startPages(contract: Contract, { ready, onStep }: ProduceContext): Promise<OutputFile[]> {
  const parts = projectEmitters.flatMap((emitter) => {
    const part = emitter.parts?.api;
    if (!part) return [];
    const started = performance.now();
    const files = ready.then(() => part(contract));
    return [files.finally(() => onStep(contract.name, emitter.step, performance.now() - started))];
  });
  const pages = Promise.all(parts).then((files) => files.flat());
  // Awaited on every path below; this only keeps an early rejection from counting as unhandled.
  pages.catch(() => {});
  return pages;
}

export async function produceApi(context: ProduceContext, api: ApiEntry): Promise<ApiOutcome> {
  const { onStep } = context;
  let started = performance.now();
  const { sources, contract, error } = await read(context.configPath, api);
  onStep(api.name, "read spec", performance.now() - started);
  const pages = contract ? startPages(contract, context) : Promise.resolve([]);
  const findings = await lintApi(context.linters, api.root, api.name, (linter, ms) => onStep(api.name, linter, ms));
  const base = { api: api.name, findings, ...(sources ? { sources } : {}) };
  // The lint's findings say more than the reader's first problem, as in `npm run generate`.
  if (countBySeverity(findings).error > 0) {
    await pages.catch(() => {});
    return base;
  }
  if (!contract) return { ...base, error };
  try {
    const files: OutputFile[] = [];
    for (const emitter of apiEmitters) {
      started = performance.now();
      files.push(...(await emitter.emit(contract)));
      onStep(api.name, emitter.step, performance.now() - started);
    }
    files.push(...(await pages));
    return { ...base, produced: { contract, files } };
  } catch (caught) {
    await pages.catch(() => {});
    return { ...base, error: caught };
  }
}
