// generated/docs/index.html: links to each API, and one filterable table of every code.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { errorDocsUrl } from "../../src/docs-anchor.js";
import { escapeHtml, landingApi, landingPageHtml, type LandingApi } from "../../scripts/docs/landing-page.js";
import { realContracts, VENDOR_APIS } from "../support/contracts.js";

const api = (name: string, title: string, catalog: LandingApi["catalog"]): LandingApi => ({
  name,
  title,
  version: "1",
  operations: 3,
  catalog,
});
const apis: LandingApi[] = [
  api("one", "One", [
    { code: "thing_missing", status: 404, statuses: [404], description: "No `thing` <here>.", retryable: false },
    {
      code: "busy",
      status: 503,
      statuses: [503],
      description: "Try later.",
      retryable: true,
      inferred: "No status is documented; 503 is assumed.",
    },
  ]),
  api("two", "Two & Co", [
    { code: "bad", status: 400, statuses: [400], type: "invalid_request_error", description: "Bad.", retryable: false },
  ]),
];
const page = landingPageHtml(apis);
const rows = page.match(/<tr data-api=.*<\/tr>/g) ?? [];

describe("landingPageHtml", () => {
  it("links each API's page with its counts", () => {
    expect(page).toContain(
      `<a href="./one.html">One</a><span>version 1 · 3 operations · <a href="./one.html#/errors">2 error codes</a>`,
    );
    expect(page).toContain(`<a href="./two.html">Two &amp; Co</a>`);
  });

  it("has one row per code, in API then catalog order", () => {
    expect(rows.map((r) => /data-code="([^"]+)"/.exec(r)?.[1])).toEqual(["thing_missing", "busy", "bad"]);
  });

  it.each([
    [
      "one",
      "thing_missing",
      [
        'data-status="404"',
        '<td class="status">404 Not Found</td>',
        '<td class="retry">no</td>',
        '<td class="type"></td>',
      ],
    ],
    [
      "one",
      "busy",
      [
        '<td class="retry">yes</td>',
        '503 Service Unavailable <span class="inferred">(inferred)</span></td>',
        '<span class="inferred">Inferred:</span> No status is documented; 503 is assumed.</td>',
      ],
    ],
    ["two", "bad", ['<td class="api">Two &amp; Co</td>', '<td class="type"><code>invalid_request_error</code></td>']],
  ])("shows %s's %s with its link, status, type and retry", (apiName, code, cells) => {
    const row = rows.find((r) => r.includes(`data-code="${code}"`))!;
    expect(row).toContain(`data-api="${apiName}"`);
    expect(row).toContain(`<a href="${errorDocsUrl("./", apiName, code)}"><code>${code}</code></a>`);
    for (const cell of cells) expect(row).toContain(cell);
  });

  it("lists a code sent with several statuses under each, and offers each as a filter", () => {
    const several = landingPageHtml([
      api("one", "One", [{ code: "denied", status: 401, statuses: [401, 403], description: "No.", retryable: false }]),
    ]);
    expect(several).toContain(`data-status="401 403"`);
    expect(several).toContain(`<td class="status">401 Unauthorized, 403 Forbidden</td>`);
    expect(several).toMatch(/<option value="401">.*<option value="403">/s);
  });

  it("escapes text from the specs and keeps its code spans", () => {
    expect(page).toContain('<td class="meaning">No <code>thing</code> &lt;here&gt;.</td>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("offers each API and each status once, in order, as filters", () => {
    expect(page).toContain(
      '<select name="api"><option value="">All</option><option value="one">One</option>' +
        '<option value="two">Two &amp; Co</option></select>',
    );
    expect(page).toMatch(
      new RegExp(
        /<select name="status"><option value="">All<\/option><option value="400">400 Bad Request<\/option>/.source +
          /<option value="404">404 Not Found<\/option><option value="503">503 Service Unavailable<\/option><\/select>/
            .source,
      ),
    );
    expect(page).toContain('<input name="code" type="search"');
  });

  it("allows only its own inline style and script, so it can make no request", () => {
    const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)![1]!;
    expect(page).toContain(
      `content="default-src 'none'; img-src data:; style-src ${hash(style)}; script-src ${hash(script)}"`,
    );
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  // The vendors' APIs, a fixture of their own: an API added to redocly.yaml leaves it as it is.
  it("matches the snapshot for the vendors' APIs", async () => {
    const models = await realContracts();
    const html = landingPageHtml(VENDOR_APIS.map((name) => landingApi(models.get(name)!)));
    await expect(html).toMatchFileSnapshot("__snapshots__/index.html");
  });
});
