// An API reference too large to render ahead of time: the server-side render's memory grows
// faster than the API (about 1.1 GB for 5,000 operations), so above the configured number of
// operations the page carries the definition and Redoc renders it in the browser. The same Redoc
// renders it, so every anchor and URL is the same as on a page rendered ahead.
import type { OpenApiDocument } from "../contract/index.js";
import { pageHead } from "./html.js";
import { FILE_NOTE, REDOC_BUNDLE_FILE } from "./offline.js";

/** Redoc's options on such a page, as `redocly build-docs` passes them to a page it renders. */
const REDOC_OPTIONS = { disableTelemetry: true };

const NOTE_STYLE = "margin:0;padding:12px 16px;background:#eef3ff;font:15px/1.4 system-ui,sans-serif";

/** JSON inside a `<script>`: no `<` can close the element or open a comment. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, "\\u003c");

export interface ClientRenderedPage {
  readonly title: string;
  readonly document: OpenApiDocument;
  /** How many operations the API has, and the most a page is rendered ahead for. */
  readonly operations: number;
  readonly limit: number;
}

/** The page, which imports the shared local Redoc bundle and renders the definition in the browser. */
export function clientRenderedPage({ title, document, operations, limit }: ClientRenderedPage): string {
  const note =
    `<p id="rendered-in-browser" style="${NOTE_STYLE}">This reference has ${operations} operations, more than ` +
    `the ${limit} rendered ahead of time, so your browser renders it: it takes a moment to appear.</p>`;
  // Not page()'s policy, which allows only its own inline script: Redoc imports its module and injects styles.
  return `${pageHead(title, "body { padding: 0; margin: 0; }")}
<body>
${FILE_NOTE}
${note}
<div id="redoc"></div>
<script type="module">
import { init } from "./${REDOC_BUNDLE_FILE}";
const definition = ${scriptJson(document)};
init(definition, ${scriptJson(REDOC_OPTIONS)}, document.getElementById("redoc"));
</script>
</body>
</html>
`;
}
