// The release notes' operation links, opened in the rendered docs in Debian's Chromium: every
// operation of both APIs lands on its own section. (Code links are errorDocsUrl, whose entries
// the docs' browser test checks.) Skipped without /usr/bin/chromium unless REQUIRE_BROWSER=1.
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveStatic, type StaticServer } from "../../scripts/docs/static-server.js";
import type { Contract } from "../../scripts/diff/contract.js";
import { docsLinks } from "../../scripts/diff/links.js";
import { readContracts } from "../../scripts/diff/read-contracts.js";
import { DOCS_DIR } from "../../scripts/docs/emit.js";
import { browserSuiteRuns, launchChromium } from "../support/chromium.js";
import { API_NAMES } from "../support/contracts.js";
import { ROOT } from "./fixture.js";

const runs = browserSuiteRuns("the diff's docs-link test");

describe.skipIf(!runs)("operation links in the rendered docs", () => {
  let server: StaticServer;
  let browser: Browser;
  let contracts: Contract[];

  beforeAll(async () => {
    contracts = await readContracts(join(ROOT, "redocly.yaml"));
    server = await serveStatic(join(ROOT, DOCS_DIR));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(API_NAMES)(
    "every %s operation's link shows that operation",
    async (api) => {
      const links = docsLinks(contracts, server.url);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(15_000);
      await page.route("**/*", (route) =>
        new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort(),
      );
      try {
        for (const op of contracts.find((c) => c.name === api)!.operations) {
          const url = links.operation(api, op.key);
          expect(url, op.key).toBeDefined();
          await page.goto(url!);
          const id = new URL(url!).hash.slice(2);
          // Redoc scrolls the operation's section (its element id is the route) to the top.
          await page.waitForFunction((target) => {
            const rect = document.getElementById(target)?.getBoundingClientRect();
            return rect !== undefined && rect.height > 0 && rect.top >= -2 && rect.top < window.innerHeight / 2;
          }, id);
          expect(await page.locator(`[id="${id}"]`).textContent(), op.key).toContain(op.path);
        }
      } finally {
        await page.close();
      }
    },
    180_000,
  );
});
