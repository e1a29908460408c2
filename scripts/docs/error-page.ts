// One small page per error code, `generated/docs/<api>/errors/<code>.html`: what the code means
// and what to do about it, with no script, so that it opens straight from disk (`file:`), where
// the Redoc pages cannot run. The clients' default `docsUrl` points here.
import { errorDocsUrl, errorPagePath } from "../../src/docs-anchor.js";
import type { CatalogEntry, Contract } from "../contract/index.js";
import { retryAdvice, statusLabel } from "./errors-section.js";
import { escapeHtml, inlineText, page } from "./html.js";

const STYLE = `
main { max-width: 48rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
pre { padding: 0.75rem; overflow-x: auto; }
.inferred { border-left: 4px solid #d97706; background: #fff7ed; padding: 0.5rem 0.75rem; }
`;

/**
 * The page of one code of one API; `returnedBy` lists the operations that return the code
 * (`operationsByCode`, computed once per API: per page it made 5,000 operations × 3,000 codes
 * quadratic).
 */
export function errorPageHtml(
  model: Pick<Contract, "name" | "title" | "errorDocs"> & {
    readonly policy?: Pick<Contract["policy"], "retryAfterOn429">;
  },
  entry: CatalogEntry,
  returnedBy: readonly string[],
): string {
  const up = "../".repeat(errorPagePath(model.name, entry.code).split("/").length - 1);
  const facts: [string, string][] = [
    [
      "Status",
      escapeHtml(entry.statuses.map(statusLabel).join(", ")) + (entry.inferred === undefined ? "" : " (inferred)"),
    ],
    ...(entry.type === undefined ? [] : [["Type", `<code>${escapeHtml(entry.type)}</code>`] as [string, string]]),
    ["Retry", inlineText(retryAdvice(entry, model.policy))],
    ["Returned by", returnedBy.map((key) => `<code>${escapeHtml(key)}</code>`).join(", ") || "no operation"],
  ];
  const inferred =
    entry.inferred === undefined
      ? ""
      : `<p class="inferred" id="inferred"><strong>Inferred:</strong> ${inlineText(entry.inferred)}</p>\n`;
  const main = `<p><a href="${up}index.html">API reference</a> › ${escapeHtml(model.title)} errors</p>
<h1 id="${escapeHtml(entry.code)}"><code>${escapeHtml(entry.code)}</code></h1>
<p id="meaning">${inlineText(entry.description)}</p>
${inferred}<dl>
${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("\n")}
</dl>
<h2>Example body</h2>
<pre><code>${escapeHtml(JSON.stringify(entry.example, null, 2))}</code></pre>
<p><a href="${escapeHtml(errorDocsUrl(up, model.name, entry.code))}">
This code in the ${escapeHtml(model.title)} API reference</a>
(a Redoc page, which runs when the docs folder is served over HTTP).</p>${vendorLink(model)}`;
  return page({ title: `${entry.code} · ${model.title} error`, style: STYLE, main });
}

/** A link to the vendor's own page about its errors, named as the vendor names it. */
function vendorLink({ title, errorDocs }: Pick<Contract, "title" | "errorDocs">): string {
  if (!errorDocs) return "";
  const link = `<a href="${escapeHtml(errorDocs.url)}">${escapeHtml(errorDocs.description)}</a>`;
  return `\n<p id="vendor-page">${escapeHtml(title)}'s own documentation: ${link}.</p>`;
}
