// One worker thread that runs `redocly build-docs` through @redocly/cli's internal JavaScript
// entry points, one page after another. Why a worker: under tsx's loader, importing the CLI's
// 15 MB of chunks takes about 1.8 s instead of 0.4 s; a worker uses Node's own loader, can load
// the CLI while the main thread still reads the specs (`startDocsWorker`), and Redocly's
// banners stay inside it instead of reaching the caller's output. One worker, not one per page:
// on two cores a second worker's load and cold first render cost more than waiting.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const require = createRequire(import.meta.url);
/** The installed @redocly/cli's folder. */
export const REDOCLY_CLI_DIR = dirname(require.resolve("@redocly/cli/package.json"));
const REDOCLY_CLI_VERSION = (require("@redocly/cli/package.json") as { version: string }).version;

/**
 * Plain JavaScript, run by Node's own loader. Loads the command, and `loadConfig` from the CLI's
 * own bundled copy of openapi-core (importing @redocly/openapi-core itself costs 0.7 s more),
 * once; then builds one page per message, in order. Both names are found the way lib/index.js
 * finds them: `{handlerBuildCommand:x}=await import("./chunks/<hash>.js")` and
 * `await <loadConfig>({configPath: …})` with `<loadConfig>` imported from a chunk.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const fromLib = (chunk) => import(workerData.libUrl + chunk.slice(2));
function importedFrom(index, localName) {
  for (const [, names, chunk] of index.matchAll(/import\\{([^}]*)\\}from"(\\.\\/chunks\\/[\\w-]+\\.js)"/g)) {
    for (const specifier of names.split(",")) {
      const [exported, local = exported] = specifier.split(" as ");
      if (local === localName) return { chunk, exported };
    }
  }
}
async function load() {
  const index = readFileSync(workerData.cliDir + "/lib/index.js", "utf8");
  const buildImport = /\\{handlerBuildCommand:[\\w$]+\\}=await import\\("(\\.\\/chunks\\/[\\w-]+\\.js)"\\)/;
  const buildChunk = buildImport.exec(index)?.[1];
  const loadConfigAt = importedFrom(index, /await ([\\w$]+)\\(\\{configPath:/.exec(index)?.[1]);
  const build = buildChunk && (await fromLib(buildChunk)).handlerBuildCommand;
  const loadConfig = loadConfigAt && (await fromLib(loadConfigAt.chunk))[loadConfigAt.exported];
  if (typeof build !== "function" || typeof loadConfig !== "function") {
    throw new Error(
      "@redocly/cli " +
        workerData.version +
        ": handlerBuildCommand or loadConfig is no longer where scripts/docs/docs-worker.ts looks for them; " +
        "pin the version that works or update that file",
    );
  }
  return { build, loadConfig };
}
// Redocly's logger writes banners and progress to stderr; they are kept, and shown only in the
// error of a page that fails.
let log = [];
for (const stream of [process.stdout, process.stderr]) stream.write = (chunk) => log.push(String(chunk)) > 0;
let ready;
let queue = Promise.resolve();
parentPort.on("message", ({ warmUp, id, argv, configPath }) => {
  if (warmUp) {
    ready ??= load();
    // A failed load is reported with the first page, which needs the same load.
    ready.then(() => parentPort.postMessage({ id }), () => parentPort.postMessage({ id }));
    return;
  }
  queue = queue.then(async () => {
    log = [];
    try {
      const { build, loadConfig } = await (ready ??= load());
      await build({ argv, config: await loadConfig({ configPath }), collectSpecData: () => {} });
      parentPort.postMessage({ id });
    } catch (error) {
      parentPort.postMessage({ id, error: String((error && error.message) || error), log: log.join("") });
    }
  });
});
`;

interface Reply {
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
  const thread = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    stdout: true,
    stderr: true,
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    workerData: {
      cliDir: REDOCLY_CLI_DIR,
      libUrl: pathToFileURL(join(REDOCLY_CLI_DIR, "lib/")).href,
      version: REDOCLY_CLI_VERSION,
    },
  });
  // The worker's stdout and stderr are not read: reading them would keep the process alive, and
  // the worker writes nothing there (see WORKER_SOURCE). Nor must an idle worker.
  thread.unref();
  thread.on("message", ({ id, error, log }: Reply) => {
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

/** Posts one message to the worker; resolves when it answers. */
function post(message: object): Promise<void> {
  worker ??= startWorker();
  const id = nextId++;
  const done = new Promise<void>((resolve, reject) => jobs.set(id, { resolve, reject }));
  worker.ref();
  worker.postMessage({ ...message, id });
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
