// The lint thread's entry (see worker.ts): loads the linters once, then lints one API per request.
import { parentPort, workerData } from "node:worker_threads";
import { lintApi, loadLinters } from "./index.js";
import type { LintReply, LintRequest, LintThreadData, OnLinted } from "./worker.js";

const { configPath, rulesetPath, cache } = workerData as LintThreadData;
const linters = loadLinters(configPath, rulesetPath, cache);
// A failed load is answered to each request below.
linters.catch(() => {});
const post = (reply: LintReply): void => parentPort!.postMessage(reply);

let queue = Promise.resolve();
parentPort!.on("message", ({ id, api }: LintRequest) => {
  const onDone: OnLinted = (linter, ms, findings) => post({ id, progress: { linter, ms, findings: [...findings] } });
  queue = queue.then(async () => {
    try {
      post({ id, findings: await lintApi(await linters, api.root, api.name, onDone) });
    } catch (caught) {
      const error = caught as Error;
      post({ id, error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } });
    }
  });
});
