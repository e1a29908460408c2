// generated/docs/index.html: links to each API's page and one table of every error code of
// every API, filterable by API, status and code. Plain HTML with inline CSS and JS; its
// Content-Security-Policy allows only those two inline blocks, so it can make no request.
import { errorDocsUrl, errorsAnchor } from "../../src/docs-anchor.js";
import type { CatalogEntry, Contract } from "../contract/index.js";
import { statusLabel } from "./errors-section.js";
import { escapeHtml, inlineText, page } from "./html.js";

export { escapeHtml } from "./html.js";

/** What the landing page shows of one API. */
export interface LandingApi {
  /** The API's key, and its page's name: `<name>.html`. */
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly operations: number;
  readonly catalog: readonly Pick<
    CatalogEntry,
    "code" | "status" | "statuses" | "type" | "description" | "retryable" | "inferred"
  >[];
}

export function landingApi(model: Contract): LandingApi {
  return {
    name: model.name,
    title: model.title,
    version: model.version,
    operations: model.operations.length,
    catalog: model.catalog,
  };
}

const STYLE = `
main { max-width: 72rem; }
.apis { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.apis li { border: 1px solid #d0d5dd; border-radius: 6px; padding: 0.75rem 1rem; min-width: 16rem; }
.apis a { font-weight: 600; font-size: 1.1rem; }
.apis span { display: block; color: #555; font-size: 0.9rem; }
form { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 1rem 0; }
label { display: flex; flex-direction: column; font-size: 0.85rem; color: #444; }
select, input { font: inherit; padding: 0.25rem 0.4rem; }
output { color: #555; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.6rem; border-bottom: 1px solid #e4e7ec; }
th { background: #f5f6f8; position: sticky; top: 0; }
td.status, td.retry { white-space: nowrap; }
.inferred { color: #8a4b00; font-weight: 600; }
`;

const SCRIPT =
  `
const form = document.getElementById("filters");
const rows = Array.from(document.querySelectorAll("#error-table tbody tr"));
const count = document.getElementById("filter-count");
const none = document.getElementById("no-match");
function apply() {
  const api = form.elements.api.value;
  const status = form.elements.status.value;
  const code = form.elements.code.value.trim().toLowerCase();
  let shown = 0;
  for (const row of rows) {
    const match = (!api || row.dataset.api === api) && ` +
  `(!status || row.dataset.status.split(" ").includes(status)) && row.dataset.code.includes(code);
    row.hidden = !match;
    if (match) shown += 1;
  }
  count.textContent = shown + " of " + rows.length + " codes";
  none.hidden = shown > 0;
}
form.hidden = false;
form.addEventListener("input", apply);
form.addEventListener("submit", (event) => event.preventDefault());
apply();
`;

function apiList(apis: readonly LandingApi[]): string {
  const items = apis.map(
    (api) =>
      `  <li><a href="./${escapeHtml(api.name)}.html">${escapeHtml(api.title)}</a>` +
      `<span>version ${escapeHtml(api.version)} · ${api.operations} operations · ` +
      `<a href="./${escapeHtml(api.name)}.html#${escapeHtml(errorsAnchor())}">${api.catalog.length} error codes</a>` +
      "</span></li>",
  );
  return `<ul class="apis">\n${items.join("\n")}\n</ul>`;
}

function filters(apis: readonly LandingApi[]): string {
  const statuses = [...new Set(apis.flatMap((api) => api.catalog.flatMap((e) => e.statuses)))].sort((a, b) => a - b);
  const option = (value: string, label: string): string =>
    `<option value="${escapeHtml(value)}">${escapeHtml(label)}</option>`;
  const apiOptions = apis.map((a) => option(a.name, a.title)).join("");
  const statusOptions = statuses.map((s) => option(String(s), statusLabel(s))).join("");
  return [
    `<form id="filters" hidden>`,
    `  <label>API <select name="api">${option("", "All")}${apiOptions}</select></label>`,
    `  <label>Status <select name="status">${option("", "All")}${statusOptions}</select></label>`,
    `  <label>Code <input name="code" type="search" placeholder="e.g. not_found" autocomplete="off"></label>`,
    `  <output id="filter-count"></output>`,
    `</form>`,
  ].join("\n");
}

function errorRow(api: LandingApi, entry: LandingApi["catalog"][number]): string {
  const cells = [
    escapeHtml(api.title),
    `<a href="${escapeHtml(errorDocsUrl("./", api.name, entry.code))}"><code>${escapeHtml(entry.code)}</code></a>`,
    escapeHtml(entry.statuses.map(statusLabel).join(", ")) +
      (entry.inferred === undefined ? "" : ` <span class="inferred">(inferred)</span>`),
    entry.type === undefined ? "" : `<code>${escapeHtml(entry.type)}</code>`,
    entry.retryable ? "yes" : "no",
    inlineText(entry.description) +
      (entry.inferred === undefined ? "" : `<br><span class="inferred">Inferred:</span> ${inlineText(entry.inferred)}`),
  ];
  const classes = ["api", "code", "status", "type", "retry", "meaning"];
  const tds = cells.map((content, i) => `<td class="${classes[i]}">${content}</td>`).join("");
  const statuses = entry.statuses.join(" ");
  const data = `data-api="${escapeHtml(api.name)}" data-status="${statuses}" data-code="${escapeHtml(entry.code)}"`;
  return `<tr ${data}>${tds}</tr>`;
}

function errorTable(apis: readonly LandingApi[]): string {
  const rows = apis.flatMap((api) => api.catalog.map((entry) => errorRow(api, entry)));
  return [
    `<table id="error-table">`,
    `<thead><tr><th>API</th><th>Code</th><th>Status</th><th>Type</th><th>Retry</th><th>Meaning</th></tr></thead>`,
    `<tbody>\n${rows.join("\n")}\n</tbody>`,
    `</table>`,
    `<p id="no-match" hidden>No code matches these filters.</p>`,
  ].join("\n");
}

/** The landing page of the docs site. */
export function landingPageHtml(apis: readonly LandingApi[]): string {
  const intro = [
    `Every error code the APIs document. A status marked <span class="inferred">(inferred)</span> is`,
    "this project's choice where the vendor's docs give none; the reason follows the meaning.",
    "Each code links to its entry (status, meaning, whether to retry, an example body) in its API's reference.",
  ].join(" ");
  const main = [
    "<h1>API reference</h1>",
    apiList(apis),
    `<h2 id="error-codes">Error codes</h2>`,
    `<p>${intro}</p>`,
    filters(apis),
    errorTable(apis),
  ].join("\n");
  return page({ title: "API reference and error codes", style: STYLE, script: SCRIPT, main });
}
