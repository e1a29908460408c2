// The page of an API above its prerender limit: it carries the definition, and Redoc renders it
// in the reader's browser from the shared local bundle (test/docs/browser.test.ts opens one).
import { describe, expect, it } from "vitest";
import type { OpenApiDocument } from "../../scripts/contract/index.js";
import { clientRenderedPage } from "../../scripts/docs/client-rendered.js";
import { FILE_NOTE, REDOC_BUNDLE_FILE } from "../../scripts/docs/offline.js";
import { GENERATED_NOTICE } from "../../scripts/output.js";

const document: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "Big", version: "1", description: "Ends a script: </script><script>alert(1)</script> <!-- x" },
  paths: {},
  components: {},
};
// Made in each test, not once here: mutation runs see only what a test's own body runs.
const bigPage = () =>
  clientRenderedPage({ title: "Big & <Co> API reference", document, operations: 6000, limit: 5000 });
const moduleScriptOf = (page: string) => /<script type="module">\n([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";

describe("clientRenderedPage", () => {
  it("starts with the notice and the title, escaped, and shows Redoc edge to edge", () => {
    const page = bigPage();
    expect(page.startsWith(`<!DOCTYPE html>\n<!-- ${GENERATED_NOTICE} -->\n<html lang="en">`)).toBe(true);
    // No policy of its own (Redoc imports its module and injects styles): the server's applies.
    expect(page).toContain('initial-scale=1">\n<link rel="icon" href="data:,">\n<title>');
    expect(page).toContain("<title>Big &amp; &lt;Co&gt; API reference</title>");
    expect(page).toContain("<style>body { padding: 0; margin: 0; }</style>\n</head>\n<body>");
  });

  it("says why the reader's browser renders it, with the API's count and the limit", () => {
    const page = bigPage();
    expect(page).toContain(
      "This reference has 6000 operations, more than the 5000 rendered ahead of time, " +
        "so your browser renders it: it takes a moment to appear.</p>",
    );
    expect(page).toMatch(/<p id="rendered-in-browser" style="[^"]+">This reference/);
  });

  it("says how to browse it when it is opened from disk, where modules do not load", () => {
    const page = bigPage();
    expect(page).toContain(`<body>\n${FILE_NOTE}\n<p id="rendered-in-browser"`);
  });

  it("renders the definition into #redoc with the shared local bundle and telemetry off", () => {
    const page = bigPage();
    expect(page).toContain('<div id="redoc"></div>\n<script type="module">');
    expect(moduleScriptOf(page).split("\n")).toEqual([
      `import { init } from "./${REDOC_BUNDLE_FILE}";`,
      expect.stringMatching(/^const definition = \{.*\};$/),
      'init(definition, {"disableTelemetry":true}, document.getElementById("redoc"));',
      "",
    ]);
    expect(page.endsWith("</script>\n</body>\n</html>\n")).toBe(true);
  });

  it("carries the definition as it is, and no text of it can close the script or open a comment", () => {
    const page = bigPage();
    const json = /^const definition = (.*);$/m.exec(moduleScriptOf(page))![1]!;
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual(document);
    // The module script is the last of the page's scripts: the description's `</script>` ended nothing.
    expect(page.match(/<\/script>/g)).toHaveLength(2);
  });
});
