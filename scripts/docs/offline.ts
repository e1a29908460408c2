// Makes `redocly build-docs` output work with no network: the pages import one local copy of
// Redoc's standalone bundle (shared by every page, referenced relatively), and that copy no
// longer fetches the attribution logo from Redocly's CDN nor posts telemetry.
import { GENERATED_NOTICE } from "../output.js";
import { installedRedocBundle } from "./redocly-internals.js";

/** The shared bundle's file name, next to the pages. */
export const REDOC_BUNDLE_FILE = "redoc.standalone.js";

const CDN_BUNDLE = String.raw`https://cdn\.redocly\.com/redoc/v[\w.-]+/bundles/redoc\.standalone\.js`;
const ANY_REDOCLY_CDN = /cdn\.redocly\.com|cdn\.redoc\.ly/;

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
  if (matches !== 1) {
    throw new Error(
      `Expected ${what} once in Redocly's output, found it ${matches} time(s); ` +
        "@redocly/cli changed its output, so update scripts/docs/offline.ts.",
    );
  }
  return text.replace(pattern, () => replacement);
}

/**
 * Browsers run no module script on a file:// page, so opened from disk a page shows only its
 * server-rendered overview; this note, shown only then, says how to browse it.
 */
const FILE_NOTE_STYLE = "margin:0;padding:12px 16px;background:#fff4e5;font:15px/1.4 system-ui,sans-serif";
export const FILE_NOTE =
  `<p id="served-over-http" hidden style="${FILE_NOTE_STYLE}">` +
  `This page runs Redoc from <code>${REDOC_BUNDLE_FILE}</code>, ` +
  "which browsers do not load into a page opened from disk. " +
  "Serve this folder over HTTP to browse it (any static file server).</p>\n" +
  `<script>if (location.protocol === "file:") document.getElementById("served-over-http").hidden = false;</script>`;

/** A page from build-docs (CDN mode) that imports the shared local bundle instead. */
export function useLocalRedoc(html: string): string {
  let page = replaceOnce(
    html,
    new RegExp(`\\s*<link rel="modulepreload" href="${CDN_BUNDLE}"[^>]*>`),
    "",
    "the CDN modulepreload link",
  );
  page = replaceOnce(
    page,
    new RegExp(`import \\{ hydrate \\} from "${CDN_BUNDLE}";`),
    `import { hydrate } from "./${REDOC_BUNDLE_FILE}";`,
    "the CDN import",
  );
  page = replaceOnce(page, /^<!DOCTYPE html>\n/, `<!DOCTYPE html>\n<!-- ${GENERATED_NOTICE} -->\n`, "the doctype");
  page = replaceOnce(page, /<body>\n/, `<body>\n${FILE_NOTE}\n`, "the body tag");
  if (ANY_REDOCLY_CDN.test(page)) throw new Error("The docs page still refers to a Redocly CDN after useLocalRedoc.");
  return page;
}

/** Small local stand-ins for the attribution logos, so "API docs by Redocly" needs no request. */
const svg = (width: number, text: string): string =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">` +
      `<text x="0" y="11" font-family="system-ui,sans-serif" font-size="11" font-weight="600" fill="#0044D4">` +
      `${text}</text></svg>`,
  )}`;
const LOGOS: ReadonlyMap<string, string> = new Map([
  ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", svg(54, "Redocly")],
  ["https://cdn.redoc.ly/redoc/logo-mini.svg", svg(10, "R")],
]);

/**
 * The default of Redoc's telemetry client, `disabled: options.disabled ?? false`. The pages pass
 * `disableTelemetry: true`, but a definition that fails to load makes a client of its own from
 * no options (Redoc's `<redoc spec-url>` start-up), which posts to Redocly's collector.
 */
const TELEMETRY_DEFAULT = /disabled:\w+\.disabled\?\?!1/;

/** Redoc's standalone bundle with the logo URLs pointed at inline images and its telemetry client always disabled. */
export function offlineRedocBundle(source: string, origin: string): string {
  let bundle = replaceOnce(source, TELEMETRY_DEFAULT, "disabled:!0", "the telemetry client's default");
  for (const [url, local] of LOGOS)
    bundle = replaceOnce(bundle, new RegExp(url.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")), local, `the logo URL ${url}`);
  if (ANY_REDOCLY_CDN.test(bundle.replace(/https:\/\/cdn\.redocly\.com\/icons\/[\w./-]*/g, ""))) {
    throw new Error("Redoc's bundle refers to a Redocly CDN that scripts/docs/offline.ts does not handle.");
  }
  const note = `Copied from ${origin}; the attribution logos are inline images, and telemetry is off.`;
  return `// ${GENERATED_NOTICE}\n// ${note}\n${bundle}`;
}

/** The shared bundle, from the installed @redocly/cli. */
export async function localRedocBundle(): Promise<string> {
  const { source, origin } = await installedRedocBundle();
  return offlineRedocBundle(source, origin);
}
