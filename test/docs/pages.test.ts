// The committed docs pages, read as files: each one renders the docs variant of its API's
// document, shows every code of the catalog at its anchor, and needs nothing from a CDN.
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { errorAnchor, errorPagePath } from "../../src/docs-anchor.js";
import { docsDocument } from "../../scripts/docs/docs-variant.js";
import { ERRORS_TAG, headingId } from "../../scripts/docs/errors-section.js";
import { REDOC_BUNDLE_FILE } from "../../scripts/docs/offline.js";
import { DOCS_DIR } from "../../scripts/docs/emit.js";
import { decorate } from "../../scripts/pipeline/decorate.js";
import { isObject } from "../../scripts/contract/index.js";
import { API_NAMES, realContract, root } from "../support/contracts.js";

const read = (file: string) => readFile(resolve(root, DOCS_DIR, file), "utf8");

/** The document a page hands to Redoc (`const __redoc_definition = {…};`). */
function definitionOf(page: string): unknown {
  const json = /const __redoc_definition = (.*);\n/.exec(page)?.[1];
  if (json === undefined) throw new Error("No __redoc_definition in the page");
  return JSON.parse(json);
}

describe.each(API_NAMES)("generated/docs/%s/errors/", (api) => {
  it("has one static page per code of the catalog, and no other", async () => {
    const codes = (await realContract(api)).catalog.map((e) => e.code);
    const pages = await readdir(resolve(root, DOCS_DIR, dirname(errorPagePath(api, "x"))));
    expect(pages.sort()).toEqual(codes.map((c) => basename(errorPagePath(api, c))).sort());
  });
});

describe.each(API_NAMES)("generated/docs/%s.html", (api) => {
  it("imports the shared local Redoc bundle and nothing from a CDN", async () => {
    const page = await read(`${api}.html`);
    expect(page).toContain(`import { hydrate } from "./${REDOC_BUNDLE_FILE}";`);
    expect(page).not.toMatch(/cdn\.redocly\.com|cdn\.redoc\.ly|<script[^>]+src=|<link[^>]+href="https?:/);
  });

  it("renders the docs variant of the API's document, built from the catalog", async () => {
    const definition = definitionOf(await read(`${api}.html`));
    const contract = await realContract(api);
    expect(definition).toEqual(JSON.parse(JSON.stringify(docsDocument({ ...contract, document: decorate(contract) }))));
  });

  it("puts every code of the catalog at its anchor in the Errors tag", async () => {
    const definition = definitionOf(await read(`${api}.html`)) as { tags: unknown[] };
    const tag = definition.tags.find((t) => isObject(t) && t.name === ERRORS_TAG) as {
      description: string;
      "x-traitTag": boolean;
    };
    expect(tag["x-traitTag"]).toBe(true);
    for (const { code } of (await realContract(api)).catalog) {
      expect(tag.description).toContain(`### ${code} {% #${headingId(code)} %}`);
      expect(`/errors/${headingId(code)}`).toBe(errorAnchor(code));
    }
  });
});

describe(`generated/docs/${REDOC_BUNDLE_FILE}`, () => {
  it("is Redoc's module bundle with no CDN logo", async () => {
    const bundle = await read(REDOC_BUNDLE_FILE);
    expect(bundle).toContain("export{RedocStandalone,hydrate,init}");
    expect(bundle).not.toContain("cdn.redoc.ly");
  });
});
