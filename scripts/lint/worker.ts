// Runs `lintAll` on a worker thread, so that a command can lint on one core while it does
// other work on another (generate produces its files in memory meanwhile).
import { Worker } from "node:worker_threads";
import type { Finding, Linter } from "./findings.js";
import type { LintOptions } from "./index.js";

/** The worker's messages: one per API and linter, then the findings or the error. */
export type LintMessage =
  | { readonly progress: { api: string; linter: Linter; ms: number; findings: Finding[] } }
  | { readonly findings: Finding[] }
  | { readonly error: { name: string; message: string; stack?: string } };

/** The worker's source: beside this file, TypeScript when run from the sources, JavaScript when compiled. */
const WORKER_FILE = new URL(`./lint-thread.${import.meta.url.endsWith(".ts") ? "ts" : "js"}`, import.meta.url);

/** `lintAll` on a worker thread; the same findings, progress reported as it comes. */
export function lintAllInWorker(configPath: string, options: LintOptions = {}): Promise<Finding[]> {
  const { onProgress, ...rest } = options;
  const worker = new Worker(WORKER_FILE, { workerData: { configPath, options: rest } });
  return new Promise((resolve, reject) => {
    worker.on("message", (message: LintMessage) => {
      if ("progress" in message) {
        const { api, linter, ms, findings } = message.progress;
        onProgress?.(api, linter, ms, findings);
      } else if ("findings" in message) resolve(message.findings);
      else reject(Object.assign(new Error(message.error.message), message.error));
    });
    worker.on("error", reject);
    worker.on("exit", (code) => reject(new Error(`The lint worker stopped (exit code ${code}) before it answered.`)));
  });
}
