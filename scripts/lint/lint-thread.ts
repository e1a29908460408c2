// The lint thread's entry (see worker.ts): loads the linters once, then lints one API per request.
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { lintApi, loadLinters } from "./index.js";
import type { LintReply, LintRequest, LintThreadData, OnLinted } from "./worker.js";

/** The thread's end of its channel: requests come in as messages, replies go out. */
export interface LintPort {
  on(event: "message", listener: (request: LintRequest) => void): unknown;
  postMessage(reply: LintReply): void;
}

/** Answers the requests that come through `port`, one at a time, in order, with the linters `data` names. */
export function serveLints(port: LintPort, { configPath, rulesetPath, cache }: LintThreadData): void {
  const load = () => {
    const loading = loadLinters(configPath, rulesetPath, cache);
    // A failed load is answered to each request below.
    loading.catch(() => {});
    return loading;
  };
  let linters = load();
  const post = (reply: LintReply): void => port.postMessage(reply);

  let queue = Promise.resolve();
  port.on("message", (request: LintRequest) => {
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
        post({
          id,
          error: { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) },
        });
      }
    });
  });
}

// Started by worker.ts as a thread: serve its requests. Imported anywhere else (a test): nothing.
if (!isMainThread && parentPort && (workerData as Partial<LintThreadData> | null)?.configPath !== undefined) {
  serveLints(parentPort, workerData as LintThreadData);
}
