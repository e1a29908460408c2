// One worker thread that runs `redocly build-docs` (docs-thread.ts), one page after another. Why
// a worker: it can load the CLI while the main thread still reads the specs (`startDocsWorker`),
// and Redocly's banners stay inside it instead of reaching the caller's output. One worker, not
// one per page: on two cores a second worker's load and cold first render cost more than waiting.
import { Worker } from "node:worker_threads";
import { threadEntry } from "../thread.js";

/** What the thread is asked: to load the CLI now, or to render one page. */
type DocsTask =
  | { readonly warmUp: true }
  | { readonly warmUp?: false; readonly argv: Record<string, unknown>; readonly configPath: string };

/** A task as posted to the thread, with the id its answer carries. */
export type DocsRequest = DocsTask & { readonly id: number };

/** Its answer: done, or the error with what Redocly logged meanwhile. */
export interface DocsReply {
  readonly id: number;
  readonly error?: string;
  readonly log?: string;
}

interface Job {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

let worker: Worker | undefined;
const jobs = new Map<number, Job>();
let nextId = 0;

function startWorker(): Worker {
  const thread = new Worker(threadEntry("scripts/docs/docs-thread.ts"), {
    execArgv: [],
    stdout: true,
    stderr: true,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  // The worker's stdout and stderr are not read: reading them would keep the process alive, and
  // the thread writes nothing there (docs-thread.ts keeps it). Nor must an idle worker.
  thread.unref();
  thread.on("message", ({ id, error, log }: DocsReply) => {
    const job = jobs.get(id);
    jobs.delete(id);
    if (jobs.size === 0) thread.unref();
    if (error === undefined) job?.resolve();
    else job?.reject(new Error(`redocly build-docs failed: ${error}${log ? `\n${log.trim()}` : ""}`));
  });
  const fail = (error: Error): void => {
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
    if (worker === thread) worker = undefined;
  };
  thread.on("error", fail);
  thread.on("exit", (code) => fail(new Error(`The build-docs worker stopped (exit code ${code}).`)));
  return thread;
}

/** Posts one request to the worker; resolves when it answers. */
function post(task: DocsTask): Promise<void> {
  worker ??= startWorker();
  const id = nextId++;
  const done = new Promise<void>((resolve, reject) => jobs.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ ...task, id } satisfies DocsRequest);
  return done;
}

/**
 * Starts the worker and has it load the CLI now, so the first page need not wait for that.
 * Resolves once it is loaded, or has failed to load (that failure is the first page's error).
 */
export function startDocsWorker(): Promise<void> {
  return post({ warmUp: true }).catch(() => {});
}

/** Runs `redocly build-docs` with these command-line arguments (and config file) in the worker. */
export function runBuildDocs(argv: Record<string, unknown>, configPath: string): Promise<void> {
  return post({ argv, configPath });
}

/** Stops the worker (an idle one is unref'd, so a process can also just exit). */
export async function stopDocsWorker(): Promise<void> {
  const running = worker;
  worker = undefined;
  await running?.terminate();
}
