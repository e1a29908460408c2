// The lint worker thread's entry (see worker.ts): lints every API and posts what it finds.
import { parentPort, workerData } from "node:worker_threads";
import { lintAll, type LintOptions } from "./index.js";
import type { LintMessage } from "./worker.js";

const { configPath, options } = workerData as { configPath: string; options: LintOptions };
const post = (message: LintMessage): void => parentPort!.postMessage(message);

lintAll(configPath, {
  ...options,
  onProgress: (api, linter, ms, findings) => post({ progress: { api, linter, ms, findings: [...findings] } }),
}).then(
  (findings) => post({ findings }),
  (error: Error) =>
    post({ error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } }),
);
