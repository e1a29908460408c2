import { buildDocs } from "../docs/build-docs.js";
import { warmUpDocsWorker } from "../docs/docs-worker.js";
import { docsDocument } from "../docs/docs-variant.js";
import { landingApi, landingPageHtml } from "../docs/landing-page.js";
import { localRedocBundle, REDOC_BUNDLE_FILE, useLocalRedoc } from "../docs/offline.js";
import type { ApiModel } from "./model.js";
import type { OutputFile } from "./output.js";

/** Where the docs site is written; `npm run docs:serve` serves this folder. */
export const DOCS_DIR = "generated/docs";

/** One API's Redoc page, rendered by `redocly build-docs` from the docs variant of its document. */
export async function emitApiDocs(model: ApiModel): Promise<OutputFile[]> {
  const html = await buildDocs(docsDocument(model), { title: `${model.document.info.title} API reference` });
  return [{ path: `${DOCS_DIR}/${model.api.name}.html`, content: useLocalRedoc(html) }];
}

/**
 * A step per API that writes nothing: it has the docs worker load @redocly/cli (about 0.5 s of
 * CPU) on another core while the main thread goes on with the specs, so the docs step at the
 * end only renders.
 */
export function warmUpDocs(): OutputFile[] {
  warmUpDocsWorker();
  return [];
}

/**
 * The docs site: one Redoc page per API, the landing page, and the one local copy of Redoc's
 * script that the pages share. One step over every API, since the pages share that script and
 * the landing page links them all.
 */
export async function emitDocsSite(models: readonly ApiModel[]): Promise<OutputFile[]> {
  const [pages, bundle] = await Promise.all([Promise.all(models.map(emitApiDocs)), localRedocBundle()]);
  return [
    ...pages.flat(),
    { path: `${DOCS_DIR}/index.html`, content: landingPageHtml(models.map(landingApi)) },
    { path: `${DOCS_DIR}/${REDOC_BUNDLE_FILE}`, content: bundle },
  ];
}
