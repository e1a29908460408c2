// The static page of one error code: self-contained, no script, links relative to its place.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../../scripts/contract/index.js";
import { errorPageHtml } from "../../scripts/docs/error-page.js";
import { errorAnchor } from "../../src/docs-anchor.js";

const entry = (extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  code: "thing_missing",
  status: 404,
  statuses: [404],
  description: "No `thing` <here>.",
  retryable: false,
  example: { code: "thing_missing", message: "m" },
  schema: "thing_missing",
  ...extra,
});
const model = { name: "tiny", title: "Tiny" };

describe("errorPageHtml", () => {
  // Made in each test, not once here: mutation runs see only what a test's own body runs.
  const thingPage = () => errorPageHtml(model, entry(), ["GET /things/{id}"]);

  it("states the code, its meaning, status, retry advice, operations and example", () => {
    const page = thingPage();
    expect(page).toContain('<h1 id="thing_missing"><code>thing_missing</code></h1>');
    expect(page).toContain("No <code>thing</code> &lt;here&gt;.");
    expect(page).toContain("<dt>Status</dt><dd>404 Not Found</dd>");
    expect(page).toContain("<dt>Retry</dt><dd>No.");
    expect(page).toContain("<dt>Returned by</dt><dd><code>GET /things/{id}</code></dd>");
    expect(page).toContain("&quot;code&quot;: &quot;thing_missing&quot;");
  });

  it("says when no operation returns the code, and lists several in the order given", () => {
    expect(errorPageHtml(model, entry(), [])).toContain("<dt>Returned by</dt><dd>no operation</dd>");
    expect(errorPageHtml(model, entry(), ["GET /a", "POST /b"])).toContain(
      "<dt>Returned by</dt><dd><code>GET /a</code>, <code>POST /b</code></dd>",
    );
  });

  it("is titled by its code and its API", () => {
    expect(thingPage()).toContain("<title>thing_missing · Tiny error</title>");
  });

  it.each([
    ["a code of one status", entry(), ["<dt>Status</dt><dd>404 Not Found</dd>"]],
    [
      "a code sent with several statuses",
      entry({ status: 401, statuses: [401, 403] }),
      ["<dt>Status</dt><dd>401 Unauthorized, 403 Forbidden</dd>"],
    ],
    [
      "a code of an API whose envelope has a type",
      entry({ type: "invalid_request_error" }),
      ["<dt>Status</dt><dd>404 Not Found</dd>", "<dt>Type</dt><dd><code>invalid_request_error</code></dd>"],
    ],
  ])("lists the facts of %s, each once, in order", (_, code, facts) => {
    const advice = "No. The same request gets the same error; change the request, or what it depends on, first.";
    const retry = `<dt>Retry</dt><dd>${advice}</dd>`;
    const list = [...facts, retry, "<dt>Returned by</dt><dd>no operation</dd>"].join("\n");
    expect(errorPageHtml(model, code, [])).toContain(
      `<p id="meaning">No <code>thing</code> &lt;here&gt;.</p>\n<dl>\n${list}\n</dl>`,
    );
  });

  it("links up to the landing page and to the code's Redoc entry, relative to <api>/errors/", () => {
    const page = thingPage();
    expect(page).toContain('<a href="../../index.html">');
    expect(page).toContain(`<a href="../../tiny.html#${errorAnchor("thing_missing")}">`);
  });

  it("links the vendor's own error page under the vendor's title, and tells no one to run a command", () => {
    // An API with no such page: the link to the Redoc entry ends the page.
    expect(thingPage()).toMatch(/over HTTP\)\.<\/p>\n<\/main>/);
    const errorDocs = { url: "https://tiny.example/docs/errors?a=1&b=2", description: "Error <Codes>" };
    const linked = errorPageHtml({ ...model, errorDocs }, entry(), []);
    expect(linked).toContain(
      '<p id="vendor-page">Tiny\'s own documentation: ' +
        '<a href="https://tiny.example/docs/errors?a=1&amp;b=2">Error &lt;Codes&gt;</a>.</p>',
    );
    expect(linked).not.toContain("docs:serve");
  });

  it("runs no script, and its policy allows only its own style", () => {
    const page = thingPage();
    expect(page).not.toMatch(/<script/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const hash = createHash("sha256").update(style).digest("base64");
    expect(page).toContain(`content="default-src 'none'; img-src data:; style-src 'sha256-${hash}'"`);
  });

  it("marks an inferred status with its reason, and only then", () => {
    expect(thingPage()).not.toMatch(/\(inferred\)|Inferred:/);
    const inferred = errorPageHtml(model, entry({ inferred: "The docs give no status; 404 is assumed." }), []);
    expect(inferred).toContain(
      '<p class="inferred" id="inferred"><strong>Inferred:</strong> The docs give no status; 404 is assumed.</p>',
    );
    expect(inferred).toContain("<dd>404 Not Found (inferred)</dd>");
  });
});
