// The docs site in a real browser (Debian's Chromium through playwright-core), served from a
// loopback server, with every request that would leave the machine blocked and counted.
// Without /usr/bin/chromium the suite is skipped, unless REQUIRE_BROWSER=1 makes that a failure.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { errorAnchor, errorDocsUrl, errorPagePath } from "../../src/docs-anchor.js";
import { serveStatic, type StaticServer } from "../../scripts/docs/static-server.js";
import { DOCS_DIR, emitApiDocs } from "../../scripts/docs/emit.js";
import { REDOC_BUNDLE_FILE } from "../../scripts/docs/offline.js";
import { INFERRED_BADGE } from "../../scripts/docs/docs-variant.js";
import { docsLinks } from "../../scripts/diff/links.js";
import { browserSuiteRuns, launchChromium } from "../support/chromium.js";
import { API_NAMES, realContracts, root } from "../support/contracts.js";

const SCREENSHOTS = resolve(root, "test-results/screenshots");
const runs = browserSuiteRuns("the docs browser tests");

interface Catalog {
  readonly api: string;
  readonly errors: readonly { readonly code: string; readonly status: number; readonly inferred?: string }[];
}

const catalogOf = async (api: string): Promise<Catalog> =>
  JSON.parse(await readFile(resolve(root, `generated/${api}/errors.json`), "utf8")) as Catalog;

/**
 * Waits until the element with this id is in the viewport, near its top (where Redoc scrolls
 * it), or lower down when the page is scrolled to its end (the last entries).
 */
async function scrolledTo(page: Page, id: string): Promise<void> {
  const near = (target: string) => {
    const rect = document.getElementById(target)?.getBoundingClientRect();
    if (rect === undefined || rect.height === 0 || rect.top < -2 || rect.bottom > window.innerHeight + 2) return false;
    const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    return rect.top < window.innerHeight / 2 || atEnd;
  };
  try {
    await page.waitForFunction(near, id, { timeout: 10_000 });
  } catch (error) {
    const where = await page.evaluate((target) => {
      const rect = document.getElementById(target)?.getBoundingClientRect();
      return {
        top: rect?.top,
        scrollY: window.scrollY,
        innerHeight: window.innerHeight,
        scrollHeight: document.documentElement.scrollHeight,
      };
    }, id);
    throw new Error(`#${id} is not in view: ${JSON.stringify(where)}`, { cause: error });
  }
}

describe.skipIf(!runs)("the docs site in Chromium", () => {
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  const offMachine: string[] = [];
  const consoleErrors: string[] = [];
  const pages = new Map<string, Page>();

  /** One tab per document, reused by every test. */
  async function tab(name: string): Promise<Page> {
    const open = pages.get(name);
    if (open) return open;
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${name}: ${message.text()}`);
    });
    page.on("pageerror", (error) => consoleErrors.push(`${name}: ${error.message}`));
    pages.set(name, page);
    return page;
  }

  beforeAll(async () => {
    server = await serveStatic(resolve(root, DOCS_DIR));
    browser = await launchChromium(["--disable-background-networking", "--disable-component-update", "--disable-sync"]);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route("**/*", (route) => {
      const { hostname, protocol } = new URL(route.request().url());
      if (protocol === "file:" || hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
      offMachine.push(route.request().url());
      return route.abort("blockedbyclient");
    });
  });

  // Each test judges only its own pages: what an earlier test's page did must not fail it.
  beforeEach(() => {
    offMachine.length = 0;
    consoleErrors.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Waits until Redoc has hydrated the page and built its search index. */
  const searchReady = (page: Page) =>
    /* biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts;
       textContent would also read Redoc's inline scripts. */
    page.waitForFunction(() => !document.body.innerText.includes("Loading..."));

  /** A screenshot for review, once Redoc is ready. */
  async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
    await searchReady(page);
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage });
  }

  /**
   * The Errors section in a tall window: Redoc only renders what is near the viewport, so a
   * full-page screenshot of it would be mostly blank.
   */
  async function screenshotErrors(page: Page, api: string): Promise<void> {
    const { errors } = await catalogOf(api);
    await page.setViewportSize({ width: 1280, height: 4000 });
    try {
      await page.goto(`${server.url}${api}.html#/errors`);
      await page.locator(`[id="${errorAnchor(errors[0]!.code)}"]`).waitFor();
      await screenshot(page, `${api}-errors`, false);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  it.each(["index", ...API_NAMES])(
    "loads %s.html with no request off the machine and no console error",
    async (name) => {
      const page = await tab(name);
      await page.goto(`${server.url}${name}.html`, { waitUntil: "networkidle" });
      await screenshot(page, name);
      if (name !== "index") await screenshotErrors(page, name);
      expect(offMachine).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    60_000,
  );

  it.each(API_NAMES)(
    "shows every code of the %s catalog at errorDocsUrl, scrolled into view",
    async (api) => {
      const page = await tab(api);
      const { errors } = await catalogOf(api);
      for (const { code } of errors) {
        await page.goto(errorDocsUrl(server.url, api, code));
        await scrolledTo(page, errorAnchor(code));
        const heading = page.locator(`[id="${errorAnchor(code)}"]`);
        expect((await heading.textContent())?.trim(), code).toBe(code);
        expect(await heading.isVisible(), code).toBe(true);
      }
      expect(offMachine).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    120_000,
  );

  it.each(API_NAMES)(
    "opens a code's URL in a fresh %s page and scrolls to it",
    async (api) => {
      const { errors } = await catalogOf(api);
      const { code } = errors[errors.length - 1]!;
      const page = await context.newPage();
      try {
        await page.goto(errorDocsUrl(server.url, api, code));
        await scrolledTo(page, errorAnchor(code));
        expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  it.each(API_NAMES)(
    "opens a %s code's static page from disk (file:), with no script",
    async (api) => {
      const { errors } = await catalogOf(api);
      // The last code, and an inferred one when the catalog has one, so the mark is seen too.
      const codes = [...new Set([errors[errors.length - 1]!, ...errors.filter((e) => e.inferred).slice(0, 1)])];
      const page = await context.newPage();
      try {
        for (const entry of codes) {
          const url = pathToFileURL(resolve(root, DOCS_DIR, errorPagePath(api, entry.code))).href;
          await page.goto(url);
          expect(await page.locator("h1").textContent(), entry.code).toBe(entry.code);
          expect(await page.isVisible("#meaning")).toBe(true);
          expect(await page.locator("#inferred").count()).toBe(entry.inferred ? 1 : 0);
          expect(await page.evaluate(() => document.scripts.length)).toBe(0);
          const link = page.locator(`a[href$="${api}.html#${errorAnchor(entry.code)}"]`);
          expect(await link.count()).toBe(1);
        }
      } finally {
        await page.close();
      }
      expect(offMachine).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    60_000,
  );

  it.each([
    ["ittybit", "task_not_found"],
    ["willittrack", "monitor_limit_reached"],
  ])(
    "finds %s's %s with Redoc's search and goes to it",
    async (api, code) => {
      const page = await tab(api);
      await page.goto(`${server.url}${api}.html`, { waitUntil: "networkidle" });
      await searchReady(page);
      await page.keyboard.press("Control+k");
      await page.locator('[data-component-name="Search/SearchInput"] input').fill(code);
      const first = page.locator('[data-component-name="Search/SearchItem"]').first();
      await first.waitFor({ timeout: 10_000 });
      expect(await first.getAttribute("href")).toBe(`#${errorAnchor(code)}`);
      await first.click();
      await scrolledTo(page, errorAnchor(code));
      expect(new URL(page.url()).hash).toBe(`#${errorAnchor(code)}`);
    },
    60_000,
  );

  it.each(API_NAMES)(
    "badges each assumed %s operation by its title and leads its description with the reason",
    async (api) => {
      const contract = (await realContracts()).get(api)!;
      const links = docsLinks([...(await realContracts()).values()], server.url);
      const documented = contract.operations.find((op) => op.inferred === undefined)!;
      const page = await tab(api);
      for (const op of [documented, ...contract.operations.filter((o) => o.inferred !== undefined)]) {
        const url = links.operation(api, op.key)!;
        await page.goto(url);
        const section = page.locator(`[id="${new URL(url).hash.slice(2)}"]`);
        const badge = section.locator('h2 [data-component-name="Tag/Tag"]', { hasText: INFERRED_BADGE.name });
        await section.locator("h2").waitFor();
        expect(await badge.count(), op.key).toBe(op.inferred === undefined ? 0 : 1);
        if (op.inferred === undefined) continue;
        expect(await badge.isVisible(), op.key).toBe(true);
        const reason = op.inferred.replace(/\s+/g, " ").slice(0, 60);
        expect(await section.locator("p", { hasText: "Inferred:" }).first().textContent(), op.key).toContain(reason);
      }
      expect(offMachine).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    120_000,
  );

  it("narrows the landing page's table with its filters, and links into the pages", async () => {
    const page = await tab("index");
    await page.goto(`${server.url}index.html`);
    const visibleCodes = () =>
      page
        .locator("#error-table tbody tr:visible")
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code));
    const catalogs = await Promise.all(API_NAMES.map(catalogOf));
    const total = catalogs.reduce((n, c) => n + c.errors.length, 0);
    expect(await visibleCodes()).toHaveLength(total);

    await page.selectOption('select[name="api"]', "willittrack");
    const willItTrack = catalogs[API_NAMES.indexOf("willittrack")]!;
    expect(await visibleCodes()).toEqual(willItTrack.errors.map((e) => e.code));
    await page.selectOption('select[name="status"]', "409");
    expect(await visibleCodes()).toEqual(willItTrack.errors.filter((e) => e.status === 409).map((e) => e.code));
    await page.fill('input[name="code"]', "monitor");
    expect(await visibleCodes()).toEqual(["monitor_limit_reached"]);
    expect(await page.textContent("#filter-count")).toBe(`1 of ${total} codes`);
    await page.fill('input[name="code"]', "no_such_code");
    expect(await visibleCodes()).toEqual([]);
    expect(await page.isVisible("#no-match")).toBe(true);

    await page.fill('input[name="code"]', "monitor");
    await page.click('a:has-text("monitor_limit_reached")');
    await scrolledTo(page, errorAnchor("monitor_limit_reached"));
    expect(page.url()).toBe(errorDocsUrl(server.url, "willittrack", "monitor_limit_reached"));
    expect(offMachine).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it("renders an API above its prerender limit in the browser, at the same anchors", async () => {
    const contract = { ...(await realContracts()).get("ittybit")!, prerenderLimit: 0 };
    const dir = await mkdtemp(join(tmpdir(), "client-rendered-"));
    const [html] = await emitApiDocs(contract);
    await writeFile(join(dir, "ittybit.html"), html!.content);
    await copyFile(resolve(root, DOCS_DIR, REDOC_BUNDLE_FILE), join(dir, REDOC_BUNDLE_FILE));
    const clientServer = await serveStatic(dir);
    const page = await context.newPage();
    try {
      const { errors } = await catalogOf("ittybit");
      const { code } = errors[errors.length - 1]!;
      await page.goto(errorDocsUrl(clientServer.url, "ittybit", code));
      await scrolledTo(page, errorAnchor(code));
      expect(await page.locator("#rendered-in-browser").textContent()).toContain(
        `${contract.operations.length} operations, more than the 0 rendered ahead`,
      );
      // Operations' links as the diff and the docs print them open the same sections on this page.
      const links = docsLinks([contract], clientServer.url);
      const { operations } = contract;
      for (const op of [operations[0]!, operations[operations.length >> 1]!, operations[operations.length - 1]!]) {
        const url = links.operation("ittybit", op.key)!;
        await page.goto(url);
        const title = page.locator(`[id="${new URL(url).hash.slice(2)}"] h2`);
        await title.waitFor();
        await page.waitForFunction(
          (h2) => Math.abs(h2!.getBoundingClientRect().top) < 200,
          await title.elementHandle(),
        );
        const { summary } = contract.document.paths[op.path]![op.method.toLowerCase()] as { summary: string };
        expect(await title.textContent(), op.key).toContain(summary);
      }
    } finally {
      await page.close();
      await clientServer.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect(offMachine).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 60_000);
});
