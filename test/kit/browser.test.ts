// The MSW handlers in a browser: a page bundles msw's setupWorker, a handler of the kit and the
// real client, and Chromium's service worker answers the client's fetch. Skipped without
// /usr/bin/chromium, unless REQUIRE_BROWSER=1 makes that a failure.
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../../scripts/docs/static-server.js";
import { browserSuiteRuns, launchChromium } from "../support/chromium.js";

const root = resolve(import.meta.dirname, "../..");
const runs = browserSuiteRuns("the MSW browser test");

const PAGE_SCRIPT = `
import { setupWorker } from "msw/browser";
import { createWillItTrackClient } from ${JSON.stringify(join(root, "generated/willittrack/index.ts"))};
import { willItTrackErrorHandler } from ${JSON.stringify(join(root, "generated/willittrack/testing-msw.ts"))};

const worker = setupWorker(willItTrackErrorHandler("GET /checks/{slug}", "not_found", { requestId: "req_browser" }));
await worker.start({ serviceWorker: { url: "/mockServiceWorker.js" }, onUnhandledRequest: "error", quiet: true });
const { error } = await createWillItTrackClient({ retry: false }).GET("/checks/{slug}", {
  params: { path: { slug: "abc" } },
});
window.result = { reason: error.reason, status: error.status, code: error.code, requestId: error.requestId };
`;

describe.skipIf(!runs)("MSW handlers with setupWorker in Chromium", () => {
  let dir: string;
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kit-browser-"));
    await build({
      stdin: { contents: PAGE_SCRIPT, resolveDir: root, loader: "ts" },
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      outfile: join(dir, "app.js"),
      logLevel: "silent",
    });
    await copyFile(join(root, "node_modules/msw/lib/mockServiceWorker.js"), join(dir, "mockServiceWorker.js"));
    await writeFile(
      join(dir, "index.html"),
      `<!doctype html><title>kit</title><script type="module" src="/app.js"></script>`,
    );
    server = await serveStatic(dir);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("answers the client's real fetch with the documented error", async () => {
    // The docs server's policy lets a page fetch from that server only; this page calls the
    // API's own host, which only the service worker answers.
    const page = await browser.newPage({ bypassCSP: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    const result = await page
      .waitForFunction(() => (window as { result?: unknown }).result, undefined, { timeout: 30_000 })
      .then((handle) => handle.jsonValue())
      .catch((cause: unknown) => {
        throw new Error(`No result; page errors: ${errors.join("; ") || "none"}`, { cause });
      });
    expect(result).toEqual({ reason: "known", status: 404, code: "not_found", requestId: "req_browser" });
  }, 60_000);
});
