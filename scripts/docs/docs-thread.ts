// The docs renderer's thread (see docs-worker.ts): loads `redocly build-docs` once, then renders
// one page per request, in order. Redocly's logger writes banners and progress to stdout and
// stderr; they are kept, and shown only in the error of a page that fails.
import { parentPort } from "node:worker_threads";
import { loadBuildDocs } from "./redocly-internals.js";
import type { DocsReply, DocsRequest } from "./docs-worker.js";

let log: string[] = [];
for (const stream of [process.stdout, process.stderr]) {
  stream.write = (chunk: string | Uint8Array): boolean => log.push(String(chunk)) > 0;
}

let loading: ReturnType<typeof loadBuildDocs> | undefined;
const load = (): ReturnType<typeof loadBuildDocs> => (loading ??= loadBuildDocs());
const post = (reply: DocsReply): void => parentPort!.postMessage(reply);

let queue = Promise.resolve();
parentPort!.on("message", (request: DocsRequest) => {
  if (request.warmUp) {
    // A failed load is reported with the first page, which needs the same load.
    load().then(
      () => post({ id: request.id }),
      () => post({ id: request.id }),
    );
    return;
  }
  queue = queue.then(async () => {
    log = [];
    try {
      const { build, loadConfig } = await load();
      await build({
        argv: request.argv,
        config: await loadConfig({ configPath: request.configPath }),
        collectSpecData() {},
      });
      post({ id: request.id });
    } catch (error) {
      post({ id: request.id, error: error instanceof Error ? error.message : String(error), log: log.join("") });
    }
  });
});
