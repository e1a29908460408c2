/**
 * Records the errors a test run meets, for consumer coverage: the test kit calls `recordError`
 * for each error it simulates, the client for each error response it delivers. Recording is on
 * only when the environment variable `API_ERROR_COVERAGE` names a folder, read once when this
 * module loads; otherwise `recordError` returns at once. Each process and worker thread appends
 * JSON lines to a file of its own there (`<pid>-<thread>.jsonl`), one synchronous append per
 * record, so that nothing is lost when a test runner ends its workers abruptly. The file system
 * is reached through `process.getBuiltinModule`, so that bundles for a browser import no Node
 * module (where there is no `process`, nothing is recorded).
 */

/** The variable that turns recording on, naming the folder the records go to. */
export const COVERAGE_VARIABLE = "API_ERROR_COVERAGE";

/** One error met: a line of a record file. `code` is null when the body had none that could be read. */
export interface ErrorRecord {
  readonly api: string;
  readonly operation: string;
  readonly status: number;
  readonly code: string | null;
}

/** What recording reads of Node's `process`: the variable, the id of the file, the file system. */
export interface RecordingProcess {
  readonly pid: number;
  readonly env?: { readonly [name: string]: string | undefined };
  readonly getBuiltinModule?: (id: string) => unknown;
}

/** Records that an error of `api`'s `operation` was met; never throws. */
export type RecordError = (api: string | undefined, operation: string, status: number, code: unknown) => void;

type AppendFileSync = (path: string, data: string) => void;

const off: RecordError = () => {};

/**
 * The recorder of a process: off (doing nothing) unless its environment names a folder and it
 * can reach the file system; else each distinct record is appended once to this process's and
 * thread's file in that folder.
 */
export function errorRecorder(process: RecordingProcess | undefined): RecordError {
  const folder = process?.env?.[COVERAGE_VARIABLE];
  if (!folder || typeof process?.getBuiltinModule !== "function") return off;
  const fs = process.getBuiltinModule("node:fs") as {
    readonly appendFileSync: AppendFileSync;
    readonly mkdirSync: (path: string, options: { recursive: true }) => unknown;
  };
  const { threadId } = process.getBuiltinModule("node:worker_threads") as { readonly threadId: number };
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch {
    return off;
  }
  // Forward slashes serve on every platform.
  const file = `${folder.replace(/[\\/]+$/, "")}/${process.pid}-${threadId}.jsonl`;
  const written = new Set<string>();
  return (api, operation, status, code) => {
    if (api === undefined) return;
    const record: ErrorRecord = { api, operation, status, code: typeof code === "string" ? code : null };
    const line = `${JSON.stringify(record)}\n`;
    if (written.has(line)) return;
    written.add(line);
    try {
      fs.appendFileSync(file, line);
    } catch {
      // A full disk or a removed folder loses coverage data, not the test.
    }
  };
}

/**
 * Records an error a test meets, when `API_ERROR_COVERAGE` named a folder as this module loaded:
 * the test kit calls it for each error it simulates, the client for each error response it delivers.
 */
export const recordError: RecordError = /* @__PURE__ */ errorRecorder(
  (globalThis as { process?: RecordingProcess }).process,
);
