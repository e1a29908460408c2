// One small page per error code, `generated/docs/<api>/errors/<code>.html`: what the code means
// and what to do about it, with no script, so that it opens straight from disk (`file:`), where
// the Redoc pages cannot run. The clients' default `docsUrl` points here.
import { errorDocsUrl, errorPagePath } from "../../src/docs-anchor.js";
import type { CatalogEntry, Contract } from "../contract/index.js";
import { GENERATED_NOTICE } from "../output.js";
import { retryAdvice, statusLabel } from "./errors-section.js";
import { escapeHtml, inlineText, sha256 } from "./html.js";

const STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
a { color: #0044d4; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
code, pre { font: 0.9em ui-monospace, monospace; background: #f2f4f7; border-radius: 3px; }
code { padding: 0 0.2em; }
pre { padding: 0.75rem; overflow-x: auto; }
.inferred { border-left: 4px solid #d97706; background: #fff7ed; padding: 0.5rem 0.75rem; }
`;

/**
 * The page of one code of one API; `returnedBy` lists the operations that return the code
 * (`operationsByCode`, computed once per API: per page it made 5,000 operations × 3,000 codes
 * quadratic).
 */
export function errorPageHtml(
  model: Pick<Contract, "name" | "title">,
  entry: CatalogEntry,
  returnedBy: readonly string[],
): string {
  const up = "../".repeat(errorPagePath(model.name, entry.code).split("/").length - 1);
  const facts: [string, string][] = [
    ["Status", escapeHtml(statusLabel(entry.status)) + (entry.inferred === undefined ? "" : " (inferred)")],
    ...(entry.type === undefined ? [] : [["Type", `<code>${escapeHtml(entry.type)}</code>`] as [string, string]]),
    ["Retry", inlineText(retryAdvice(entry))],
    ["Returned by", returnedBy.map((key) => `<code>${escapeHtml(key)}</code>`).join(", ") || "no operation"],
  ];
  const inferred =
    entry.inferred === undefined
      ? ""
      : `<p class="inferred" id="inferred"><strong>Inferred:</strong> ${inlineText(entry.inferred)}</p>\n`;
  const csp = `default-src 'none'; img-src data:; style-src ${sha256(STYLE)}`;
  return `<!DOCTYPE html>
<!-- ${GENERATED_NOTICE} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="icon" href="data:,">
<title>${escapeHtml(entry.code)} · ${escapeHtml(model.title)} error</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p><a href="${up}index.html">API reference</a> › ${escapeHtml(model.title)} errors</p>
<h1 id="${escapeHtml(entry.code)}"><code>${escapeHtml(entry.code)}</code></h1>
<p id="meaning">${inlineText(entry.description)}</p>
${inferred}<dl>
${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("\n")}
</dl>
<h2>Example body</h2>
<pre><code>${escapeHtml(JSON.stringify(entry.example, null, 2))}</code></pre>
<p><a href="${escapeHtml(errorDocsUrl(up, model.name, entry.code))}">
This code in the ${escapeHtml(model.title)} API reference</a>
(a Redoc page: serve the docs folder to browse it, <code>npm run docs:serve</code>).</p>
</main>
</body>
</html>
`;
}
