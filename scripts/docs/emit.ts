// The docs emitter: one Redoc page per API, one static page per error code, the landing page,
// and the one local copy of Redoc's script that the Redoc pages share. It reads the contract
// models and nothing of the pipeline that runs it.
import { errorPagePath } from "../../src/docs-anchor.js";
import type { Contract } from "../contract/index.js";
import type { OutputFile } from "../output.js";
import { buildDocs } from "./build-docs.js";
import { clientRenderedPage } from "./client-rendered.js";
import { startDocsWorker } from "./docs-worker.js";
import { docsDocument } from "./docs-variant.js";
import { errorPageHtml } from "./error-page.js";
import { operationsByCode } from "./errors-section.js";
import { landingApi, landingPageHtml } from "./landing-page.js";
import { localRedocBundle, REDOC_BUNDLE_FILE, useLocalRedoc } from "./offline.js";

/** Where the docs site is written; `npm run docs:serve` serves this folder. */
export const DOCS_DIR = "generated/docs";

/**
 * Loads the renderer (about 0.5 s of CPU, in a worker thread) so that it is ready when the
 * pages are rendered; a generate run calls this before it reads the specs.
 */
export function prepareDocs(): Promise<void> {
  return startDocsWorker();
}

/**
 * One API's Redoc page from the docs variant of its document: rendered ahead by `redocly
 * build-docs`, or, for an API with more operations than its limit, in the reader's browser.
 */
export async function emitApiDocs(model: Contract): Promise<OutputFile[]> {
  const title = `${model.title} API reference`;
  const document = docsDocument(model);
  const { length: operations } = model.operations;
  const html =
    operations > model.prerenderLimit
      ? clientRenderedPage({ title, document, operations, limit: model.prerenderLimit })
      : useLocalRedoc(await buildDocs(document, { title }));
  return [{ path: `${DOCS_DIR}/${model.name}.html`, content: html }];
}

/** The static page of every code of one API. */
export function emitErrorPages(model: Contract): OutputFile[] {
  const returnedBy = operationsByCode(model.operations);
  return model.catalog.map((entry) => ({
    path: `${DOCS_DIR}/${errorPagePath(model.name, entry.code)}`,
    content: errorPageHtml(model, entry, returnedBy.get(entry.code) ?? []),
  }));
}

/**
 * The docs site comes in two parts, so that a watcher re-renders only what an edit to one API
 * affects: one API's pages (its Redoc page and error pages, the slow part), and the pages that
 * span every API.
 */
export async function emitApiPages(model: Contract): Promise<OutputFile[]> {
  return [...(await emitApiDocs(model)), ...emitErrorPages(model)];
}

/** Redoc's script depends on no spec: a long-running watcher prepares it once. */
let redocBundle: Promise<string> | undefined;

/** The shared part of the docs site: the landing page over every API and Redoc's script. */
export async function emitSharedPages(models: readonly Contract[]): Promise<OutputFile[]> {
  redocBundle ??= localRedocBundle();
  redocBundle.catch(() => (redocBundle = undefined));
  return [
    { path: `${DOCS_DIR}/index.html`, content: landingPageHtml(models.map(landingApi)) },
    { path: `${DOCS_DIR}/${REDOC_BUNDLE_FILE}`, content: await redocBundle },
  ];
}
