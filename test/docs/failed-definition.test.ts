// Redoc's telemetry, in Debian's Chromium with every request off the machine blocked and
// counted: a page of the local bundle whose definition fails to load makes no outside request.
// Served as any web server would (no Content-Security-Policy, which would block the post on its
// own), so that the bundle itself is what is tested. Skipped without /usr/bin/chromium unless
// REQUIRE_BROWSER=1.
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_DIR } from "../../scripts/docs/emit.js";
import { REDOC_BUNDLE_FILE } from "../../scripts/docs/offline.js";
import { browserSuiteRuns, launchChromium } from "../support/chromium.js";
import { root } from "../support/contracts.js";

const runs = browserSuiteRuns("the failed-definition test");

/** Pages whose definition fails, each with what Redoc shows (or throws) when it does. */
const PAGES: Record<string, { readonly html: () => Promise<string>; readonly failure: RegExp }> = {
  "Redoc's own start-up, <redoc spec-url> of a missing file": {
    html: async () =>
      `<!DOCTYPE html><html><body><redoc spec-url="missing.yaml"></redoc>` +
      `<script type="module" src="./${REDOC_BUNDLE_FILE}"></script></body></html>`,
    failure: /Failed to load API description/,
  },
  "a generated page whose definition is not OpenAPI": {
    html: async () =>
      (await readFile(resolve(root, DOCS_DIR, "ittybit.html"), "utf8")).replace(
        /const __redoc_definition = .*;\n/,
        'const __redoc_definition = "missing.yaml";\n',
      ),
    failure: /"spec" must be an object/,
  },
};

describe.skipIf(!runs)("a docs page whose definition fails to load", () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const bundle = await readFile(resolve(root, DOCS_DIR, REDOC_BUNDLE_FILE));
    const pages = new Map<string, string>(
      await Promise.all(Object.values(PAGES).map(async (p, i) => [`/${i}.html`, await p.html()] as const)),
    );
    server = createServer((req, res) => {
      if (req.url === `/${REDOC_BUNDLE_FILE}`)
        return void res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      const page = pages.get(req.url ?? "");
      if (page === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    });
    await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((closed) => server?.close(closed));
  });

  it.each(Object.keys(PAGES).map((name, i) => [name, i] as const))(
    "makes no request off the machine: %s",
    async (name, i) => {
      const context = await browser.newContext();
      const offMachine: string[] = [];
      await context.route("**/*", (route) => {
        if (new URL(route.request().url()).hostname === "127.0.0.1") return route.continue();
        offMachine.push(`${route.request().method()} ${route.request().url()}`);
        return route.abort("blockedbyclient");
      });
      try {
        const page = await context.newPage();
        const thrown: string[] = [];
        page.on("pageerror", (error) => thrown.push(error.message));
        await page.goto(`${url}${i}.html`);
        const shown = async () => [...thrown, await page.evaluate(() => document.body.textContent)].join("\n");
        await expect.poll(shown, { timeout: 15_000 }).toMatch(PAGES[name]!.failure);
        // After the failure, until the network is quiet: anything posted has reached the route by then.
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(2000);
        expect(offMachine).toEqual([]);
      } finally {
        await context.close();
      }
    },
    60_000,
  );
});
