// The docs step of `npm run generate`, in memory: each API's pages and the shared ones are exactly
// the committed files under generated/docs/ (test/pipeline/emitters.test.ts does this for the
// other steps), and an API above its prerender limit gets the page its reader's browser renders.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { errorPagePath } from "../../src/docs-anchor.js";
import { clientRenderedPage } from "../../scripts/docs/client-rendered.js";
import { stopDocsWorker } from "../../scripts/docs/docs-worker.js";
import { docsDocument } from "../../scripts/docs/docs-variant.js";
import { DOCS_DIR, emitApiDocs, emitApiPages, emitErrorPages, emitSharedPages } from "../../scripts/docs/emit.js";
import { decorate } from "../../scripts/pipeline/decorate.js";
import { API_NAMES, realContract, realContracts, root } from "../support/contracts.js";

afterAll(() => stopDocsWorker());

/** The contract as generate hands it to the docs step: its document decorated. */
async function decorated(api: string) {
  const read = await realContract(api);
  return { ...read, document: decorate(read) };
}

describe.each(API_NAMES)("emitApiPages(%s)", (api) => {
  it("writes its Redoc page, rendered ahead at its limit exactly, and one page per code, as committed", async () => {
    const contract = await decorated(api);
    const files = await emitApiPages({ ...contract, prerenderLimit: contract.operations.length });
    const errorsDir = dirname(errorPagePath(api, "x"));
    const committed = [
      `${DOCS_DIR}/${api}.html`,
      ...(await readdir(join(root, DOCS_DIR, errorsDir))).map((file) => `${DOCS_DIR}/${errorsDir}/${file}`),
    ];
    expect(files.map((file) => file.path).sort()).toEqual(committed.sort());
    for (const { path, content } of files) expect(content, path).toBe(await readFile(join(root, path), "utf8"));
  }, 60_000);
});

describe("emitApiDocs", () => {
  it("gives an API with more operations than its limit the page the reader's browser renders", async () => {
    const contract = await decorated("ittybit");
    const limit = contract.operations.length - 1;
    const files = await emitApiDocs({ ...contract, prerenderLimit: limit });
    const page = clientRenderedPage({
      title: `${contract.title} API reference`,
      document: docsDocument(contract),
      operations: contract.operations.length,
      limit,
    });
    expect(files).toEqual([{ path: `${DOCS_DIR}/ittybit.html`, content: page }]);
  });
});

describe("emitErrorPages", () => {
  it("says on the page of a code that no operation returns so", async () => {
    const contract = await realContract("ittybit");
    const pages = emitErrorPages({ ...contract, operations: [] });
    expect(pages).toHaveLength(contract.catalog.length);
    for (const { path, content } of pages) expect(content, path).toContain("<dt>Returned by</dt><dd>no operation</dd>");
  });
});

describe("emitSharedPages", () => {
  it("writes the landing page over every API and Redoc's offline script, as committed", async () => {
    const contracts = [...(await realContracts()).values()];
    const files = await emitSharedPages(contracts);
    expect(files.map((file) => file.path)).toEqual([`${DOCS_DIR}/index.html`, `${DOCS_DIR}/redoc.standalone.js`]);
    for (const { path, content } of files) expect(content, path).toBe(await readFile(join(root, path), "utf8"));
  });
});
