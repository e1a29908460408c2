// The lint thread's entry (see worker.ts): loads the linters once, then lints one API per request.
import { parentPort, workerData } from "node:worker_threads";
import { lintApi, loadLinters } from "./index.js";
import type { LintReply, LintRequest, LintThreadData, OnLinted } from "./worker.js";

const { configPath, rulesetPath, cache } = workerData as LintThreadData;
const load = () => {
  const loading = loadLinters(configPath, rulesetPath, cache);
  // A failed load is answered to each request below.
  loading.catch(() => {});
  return loading;
};
let linters = load();
const post = (reply: LintReply): void => parentPort!.postMessage(reply);

let queue = Promise.resolve();
parentPort!.on("message", (request: LintRequest) => {
  const { id } = request;
  const onDone: OnLinted = (linter, ms, findings) => post({ id, progress: { linter, ms, findings: [...findings] } });
  queue = queue.then(async () => {
    try {
      if ("reload" in request) {
        linters = load();
        await linters;
        return post({ id, findings: [] });
      }
      post({ id, findings: await lintApi(await linters, request.api.root, request.api.name, onDone) });
    } catch (caught) {
      const error = caught as Error;
      post({ id, error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) } });
    }
  });
});
