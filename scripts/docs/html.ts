// The static HTML pages of the docs site (the landing page, a code's page): one page frame, and
// text from the specs written into it.
import { createHash } from "node:crypto";
import { GENERATED_NOTICE } from "../output.js";

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Spec descriptions are Markdown; the pages show them as text, keeping code spans. */
export const inlineText = (markdown: string): string =>
  escapeHtml(markdown.replace(/\s+/g, " ").trim()).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A Content-Security-Policy source that allows exactly this inline block. */
export const sha256 = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

/** The style every static page starts with: the font, the text column, headings, links and code. */
const BASE_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0; }
main { margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
a { color: #0044d4; }
code, pre { font: 0.9em ui-monospace, monospace; background: #f2f4f7; border-radius: 3px; }
code { padding: 0 0.2em; }
`;

export interface Page {
  /** The page's `<title>`, as text. */
  readonly title: string;
  /** CSS after the base style. */
  readonly style: string;
  /** The page's one inline script, if it has one. */
  readonly script?: string;
  /** The HTML inside `<main>`. */
  readonly main: string;
}

/**
 * A generated page from its start to `</head>`: the generated notice, the meta every page has,
 * `meta` (more elements, each on its own line), an empty icon (so no request for one), the title
 * and `css`.
 */
export function pageHead(title: string, css: string, meta = ""): string {
  return `<!DOCTYPE html>
<!-- ${GENERATED_NOTICE} -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${meta}<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>`;
}

/**
 * A self-contained page: the generated notice, a Content-Security-Policy that allows its own
 * inline style (and script) and nothing else, so it makes no request (not even for an icon), the
 * base style with the page's own, and `main`.
 */
export function page({ title, style, script, main }: Page): string {
  const css = `${BASE_STYLE}${style}`;
  const scriptSource = script === undefined ? "" : `; script-src ${sha256(script)}`;
  const csp = `default-src 'none'; img-src data:; style-src ${sha256(css)}${scriptSource}`;
  return `${pageHead(title, css, `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`)}
<body>
<main>
${main}
</main>
${script === undefined ? "" : `<script>${script}</script>\n`}</body>
</html>
`;
}
