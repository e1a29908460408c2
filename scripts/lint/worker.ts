// A lint thread that loads both linters once and lints one API per request, so that a command
// lints on one core while it produces files on another, and a watcher keeps the rules loaded
// between edits (loading Spectral's ruleset is the slow part). One thread per configuration and
// process, kept for the process's life: a later run (a watcher's, a test's) finds it loaded, and
// an edited configuration is reloaded in it rather than in a new thread.
import { Worker } from "node:worker_threads";
import type { ApiEntry } from "../contract/index.js";
import { threadEntry } from "../thread.js";
import type { Finding, Linter } from "./findings.js";
import type { RulesetCache } from "./cache.js";

export interface LintThreadData {
  readonly configPath: string;
  readonly rulesetPath?: string;
  readonly cache?: RulesetCache;
}

export type LintRequest =
  | { readonly id: number; readonly api: ApiEntry }
  /** Loads the linters again, from the configuration as it is now. */
  | { readonly id: number; readonly reload: true };

/** The thread's answers: progress per linter, then the findings or the error of one request. */
export type LintReply =
  | { readonly id: number; readonly progress: { linter: Linter; ms: number; findings: Finding[] } }
  | { readonly id: number; readonly findings: Finding[] }
  | { readonly id: number; readonly error: { name: string; message: string; stack?: string } };

export type OnLinted = (linter: Linter, ms: number, findings: readonly Finding[]) => void;

export interface LintWorker {
  /** Lints one API (its root and every file it `$ref`s) with both linters. */
  lint(api: ApiEntry, onDone?: OnLinted): Promise<Finding[]>;
  /** Loads the linters again from the configuration files as they are now. */
  reload(): Promise<void>;
  /** What the caller said the configuration was when the linters last loaded (see Pipeline). */
  loaded: string | undefined;
  close(): Promise<void>;
}

interface Job {
  readonly onDone: OnLinted | undefined;
  readonly resolve: (findings: Finding[]) => void;
  readonly reject: (error: Error) => void;
}

const shared = new Map<string, LintWorker>();

/**
 * The lint thread of this configuration in this process: the one already running, or a new one,
 * which loads the linters at once. A thread that stopped is replaced.
 */
export function lintWorkerFor(data: LintThreadData): LintWorker {
  const key = JSON.stringify([data.configPath, data.rulesetPath, data.cache]);
  let worker = shared.get(key);
  if (!worker) {
    worker = startLintWorker(data, () => shared.delete(key));
    shared.set(key, worker);
  }
  return worker;
}

/** Starts a thread, which loads the linters at once; a failed load is the error of every request. */
function startLintWorker(data: LintThreadData, onExit: () => void): LintWorker {
  const options = { workerData: data };
  const thread = new Worker(threadEntry("scripts/lint/lint-thread.ts"), options);
  const jobs = new Map<number, Job>();
  let nextId = 0;
  const idle = (): void => void (jobs.size === 0 && thread.unref());
  thread.on("message", (reply: LintReply) => {
    const job = jobs.get(reply.id);
    if (!job) return;
    if ("progress" in reply) return job.onDone?.(reply.progress.linter, reply.progress.ms, reply.progress.findings);
    jobs.delete(reply.id);
    idle();
    if ("findings" in reply) job.resolve(reply.findings);
    else job.reject(Object.assign(new Error(reply.error.message), reply.error));
  });
  const fail = (error: Error): void => {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
  };
  thread.on("error", fail);
  thread.on("exit", (code) => {
    onExit();
    fail(new Error(`The lint thread stopped (exit code ${code}) before it answered.`));
  });
  idle();
  const ask = (request: Omit<LintRequest, "id">, onDone?: OnLinted): Promise<Finding[]> => {
    const id = nextId++;
    const done = new Promise<Finding[]>((resolve, reject) => jobs.set(id, { onDone, resolve, reject }));
    thread.ref();
    thread.postMessage({ id, ...request } as LintRequest);
    return done;
  };
  return {
    lint: (api, onDone) => ask({ api }, onDone),
    reload: () => ask({ reload: true }).then(() => {}),
    loaded: undefined,
    close: () => {
      onExit();
      return thread.terminate().then(() => {});
    },
  };
}
