// Without Chromium this is what keeps the docs offline: every file of generated/docs/ is read
// for each URL a page or its script can load, and any outside one fails. Other outside URLs
// (links, message text, example values) are allowed one by one below, each with its reason.
import { readdir, readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS_DIR } from "../../scripts/docs/emit.js";
import { findOutsideLoads, findOutsideUrls, isOutside, type Kind } from "../support/outside-loads.js";
import { root } from "../support/contracts.js";

const loadsOf = (text: string, kind: Kind = "html") => findOutsideLoads(text, kind).map((u) => `${u.via} ${u.url}`);

describe("isOutside", () => {
  it.each([
    ["https://cdn.example.com/a.js", true],
    ["http://example.com", true],
    ["//cdn.example.com/a.js", true],
    ["wss://example.com/socket", true],
    ["https:\\/\\/cdn.example.com\\/a.js", true],
    ["http://127.0.0.1:4173/a.js", false],
    ["http://localhost/a", false],
    ["http://[::1]:80/", false],
    ["./redoc.standalone.js", false],
    ["/docs/a.png", false],
    ["#/errors/x", false],
    ["data:image/svg+xml,%3Csvg%3E", false],
    ["blob:https://example.com/1", false],
  ])("%s: %s", (url, outside) => expect(isOutside(url)).toBe(outside));
});

describe("findOutsideLoads on crafted pages", () => {
  it.each([
    [
      "<script src>",
      `<script src="https://cdn.example.com/a.js"></script>`,
      "<script src> https://cdn.example.com/a.js",
    ],
    ["<link href>", `<link rel="stylesheet" href="//cdn.example.com/a.css">`, "<link href> //cdn.example.com/a.css"],
    [
      "<link rel=preconnect>",
      `<link rel=preconnect href=https://fonts.example.com>`,
      "<link href> https://fonts.example.com",
    ],
    [
      "<img src>",
      `<p>x</p><img alt="" src='https://img.example.com/a.png' />`,
      "<img src> https://img.example.com/a.png",
    ],
    [
      "srcset",
      `<img src="a.png" srcset="a2.png 2x, https://img.example.com/a3.png 3x">`,
      "<img srcset> https://img.example.com/a3.png",
    ],
    [
      "<source srcset>",
      `<picture><source srcset="https://img.example.com/a.webp"></picture>`,
      "<source srcset> https://img.example.com/a.webp",
    ],
    [
      "<source src>",
      `<video><source src="https://v.example.com/a.mp4"></video>`,
      "<source src> https://v.example.com/a.mp4",
    ],
    [
      "<video poster>",
      `<video poster="https://v.example.com/a.jpg"></video>`,
      "<video poster> https://v.example.com/a.jpg",
    ],
    ["<iframe>", `<iframe src="https://embed.example.com/"></iframe>`, "<iframe src> https://embed.example.com/"],
    [
      "<object data>",
      `<object data="https://x.example.com/a.svg"></object>`,
      "<object data> https://x.example.com/a.svg",
    ],
    [
      "<svg image>",
      `<svg><image href="https://x.example.com/a.svg"/></svg>`,
      "<image href> https://x.example.com/a.svg",
    ],
    [
      "<meta refresh>",
      `<meta http-equiv="refresh" content="0; url=https://x.example.com/">`,
      "<meta refresh> https://x.example.com/",
    ],
    [
      "style attribute",
      `<div style="background: url(https://x.example.com/bg.png)"></div>`,
      "<div style> url() https://x.example.com/bg.png",
    ],
    [
      "<style> url()",
      `<style>.a { background-image: url("https://x.example.com/bg.png"); }</style>`,
      "url() https://x.example.com/bg.png",
    ],
    [
      "<style> @import",
      `<style>@import "https://fonts.example.com/a.css";</style>`,
      "@import https://fonts.example.com/a.css",
    ],
    [
      "@import url()",
      `<style>@import url(https://fonts.example.com/a.css);</style>`,
      "url() https://fonts.example.com/a.css",
    ],
    [
      "@font-face",
      `<style>@font-face { src: url('//fonts.example.com/a.woff2') format("woff2"); }</style>`,
      "url() //fonts.example.com/a.woff2",
    ],
    [
      "a markdown image in page data",
      `<script>const d = {"description":"![logo](https://x.example.com/logo.png)"};</script>`,
      "markdown image https://x.example.com/logo.png",
    ],
  ])("finds %s", (_, page, load) => expect(loadsOf(page)).toEqual([load]));

  it.each([
    ["a link", `<a href="https://example.com/docs">docs</a>`],
    ["an area link", `<map><area href="https://example.com/"></map>`],
    [
      "local files",
      `<script type="module">import { hydrate } from "./redoc.standalone.js";</script>` +
        `<img src="a.png"><link href="/x.css">`,
    ],
    ["loopback", `<img src="http://127.0.0.1:4173/a.png"><script>fetch("http://localhost:3000/x")</script>`],
    ["a URL in an HTML comment", `<!-- <img src="https://x.example.com/a.png"> -->`],
    ["inline images", `<img src="data:image/svg+xml,%3Csvg%3E">`],
  ])("finds nothing in %s", (_, page) => expect(loadsOf(page)).toEqual([]));
});

describe("findOutsideLoads on crafted scripts", () => {
  it.each([
    [
      "fetch()",
      `async function f(){ const r = await fetch("https://api.example.com/x"); }`,
      "fetch() https://api.example.com/x",
    ],
    /* biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test and the finding
       quote a template literally. */
    ["fetch() of a template", "fetch(`https://api.example.com/${id}`)", "fetch() https://api.example.com/${id}"],
    ["new URL()", `const u = new URL('https://x.example.com/a.wasm');`, "new URL() https://x.example.com/a.wasm"],
    [
      "new URL() with an outside base",
      `const u = new URL(path, "https://x.example.com/");`,
      "new URL() base https://x.example.com/",
    ],
    [
      "import()",
      `const m = await import("https://esm.example.com/lib.js");`,
      "import() https://esm.example.com/lib.js",
    ],
    ["a static import", `import { a } from "https://esm.example.com/lib.js";`, "import https://esm.example.com/lib.js"],
    ["a bare import", `import "https://esm.example.com/polyfill.js";`, "import https://esm.example.com/polyfill.js"],
    ["a re-export", `export * from "https://esm.example.com/lib.js";`, "import https://esm.example.com/lib.js"],
    ["a worker", `new Worker("https://x.example.com/w.js")`, "worker https://x.example.com/w.js"],
    ["importScripts()", `importScripts('https://x.example.com/w.js')`, "worker https://x.example.com/w.js"],
    ["a WebSocket", `new WebSocket("wss://x.example.com/s")`, "socket wss://x.example.com/s"],
    ["an EventSource", `new EventSource("https://x.example.com/events")`, "socket https://x.example.com/events"],
    ["sendBeacon()", `navigator.sendBeacon("https://t.example.com/b", data)`, "sendBeacon() https://t.example.com/b"],
    ["XMLHttpRequest", `xhr.open("GET", "https://api.example.com/x")`, "XMLHttpRequest https://api.example.com/x"],
    ["an src property", `img.src = "https://img.example.com/a.png"`, "property https://img.example.com/a.png"],
    [
      "setAttribute()",
      `el.setAttribute("src", "https://img.example.com/a.png")`,
      "setAttribute() https://img.example.com/a.png",
    ],
    [
      "a React src prop",
      `(0,V.jsx)("img",{alt:"",src:\`https://img.example.com/a.png\`})`,
      "element prop https://img.example.com/a.png",
    ],
    [
      "CSS in a string",
      "const css = `.a{background:url(https://img.example.com/bg.png)}`;",
      "url() https://img.example.com/bg.png",
    ],
    [
      "HTML in a string",
      `el.innerHTML = '<img src="https://img.example.com/a.png">';`,
      "<img src> https://img.example.com/a.png",
    ],
  ])("finds %s", (_, script, load) => expect(loadsOf(script, "js")).toEqual([load]));

  it.each([
    ["a URL in a license comment", `/*! lib v1 | MIT | https://github.com/example/lib */ const a = 1;`],
    ["a link element in a string", `el.innerHTML = '<a href="https://example.com">x</a>';`],
    ["a relative fetch", `fetch("./errors.json")`],
  ])("finds nothing in %s", (_, script) => expect(loadsOf(script, "js")).toEqual([]));

  it("reports a URL kept in a variable as unplaced, with its line", () => {
    const script = `const a = 1;\nconst api = "https://api.example.com/x";\nfetch(api);`;
    expect(findOutsideUrls(script, "js")).toEqual([{ url: "https://api.example.com/x", line: 2, via: "unplaced" }]);
  });

  it("reports a link as a link, not a load", () => {
    expect(findOutsideUrls(`<a href="https://example.com">x</a>`, "html")).toEqual([
      { url: "https://example.com", line: 1, via: "link" },
    ]);
  });
});

/** Outside URLs that the docs hold but never load; anything else, or any of these in a load, fails. */
const ALLOWED: readonly { readonly url: RegExp; readonly files: RegExp; readonly reason: string }[] = [
  {
    url: /^https:\/\/(ittybit\.com|www\.willittrack\.com)\/docs\/errors$/,
    files: /^\w+\.html$/,
    reason: "the vendors' own error pages (each spec's root externalDocs), in the page data: a link, never loaded",
  },
  {
    url: /^http:\/\/www\.w3\.org\//,
    files: /./,
    reason: "XML namespace names (SVG, XLink, MathML): identifiers, never fetched",
  },
  {
    url: /^https:\/\/redocly\.com\/(redoc\/$|learn\/|docs\/|docs-legacy\/)/,
    files: /^(redoc\.standalone\.js|\w+\.html)$/,
    reason: "Redoc's 'API docs by Redocly' credit and its links to its own docs: <a href> targets and message text",
  },
  {
    url: new RegExp(
      String.raw`^https:\/\/(react\.dev\/errors\/|reactrouter\.com\/|yarnpkg\.com\/` +
        String.raw`|github\.com\/(styled-components|pmndrs)\/)`,
    ),
    files: /^redoc\.standalone\.js$/,
    reason: "text of the error and warning messages of React, React Router, styled-components and Jotai",
  },
  {
    url: /^https:\/\/(commonmark\.org\/|en\.wikipedia\.org\/wiki\/IEEE_floating_point)$/,
    files: /^redoc\.standalone\.js$/,
    reason: "markdown links in the descriptions of GraphQL's built-in types",
  },
  {
    url: /^https?:\/\/example\.com(\/|$)/,
    files: /^redoc\.standalone\.js$/,
    reason: "sample values Redoc shows for `uri` formats and in its schema descriptions",
  },
  {
    url: /^https:\/\/(chatgpt\.com|claude\.ai\/new|claude\.ai\/customize\/connectors\?)/,
    files: /^redoc\.standalone\.js$/,
    reason:
      "targets of the 'open in ChatGPT / Claude' buttons: window.open on a reader's click, a navigation, not a load",
  },
  {
    url: /^https:\/\/cdn\.redocly\.com\/icons\/(fa|code)\/[\d.]+$/,
    files: /^redoc\.standalone\.js$/,
    reason:
      "base URLs of icon sets that Redoc loads only for icons a page's config names; " +
      "these pages name none (the browser test sees no request)",
  },
  {
    url: /^https:\/\/otel\.cloud\.redocly\.com\/v1\/traces$/,
    files: /^redoc\.standalone\.js$/,
    reason:
      "Redoc's telemetry collector: the local bundle's client is always disabled (offline.ts; a failed " +
      "definition in Chromium: failed-definition.test.ts), and every page passes `disableTelemetry: true` (below)",
  },
];

/** The API description a page hands to Redoc: its example values and server URLs are shown as text. */
function dataUrls(page: string): Set<string> {
  const json = /const __redoc_definition = (.*);\n/.exec(page)?.[1];
  const urls = new Set<string>();
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === "string") {
      const shown =
        path.some((key) => key === "example" || key === "examples" || key === "value") ||
        (path.at(-1) === "url" && path.includes("servers"));
      if (shown) for (const match of value.matchAll(/https?:\/\/[^\s"'`)<>\\,;]*/g)) urls.add(match[0]);
    } else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  if (json !== undefined) walk(JSON.parse(json), []);
  return urls;
}

const docsFiles = (await readdir(resolve(root, DOCS_DIR)))
  .filter((f) => [".html", ".js", ".css"].includes(extname(f)))
  .sort();

describe.each(docsFiles)("generated/docs/%s", (file) => {
  const kind: Kind = file.endsWith(".html") ? "html" : file.endsWith(".css") ? "css" : "js";
  const read = () => readFile(resolve(root, DOCS_DIR, file), "utf8");

  it("loads nothing from outside the machine", async () => {
    expect(findOutsideLoads(await read(), kind)).toEqual([]);
  });

  it("holds no other outside URL than links, page data and the allowed ones", async () => {
    const text = await read();
    const data = kind === "html" ? dataUrls(text) : new Set<string>();
    const unexplained = findOutsideUrls(text, kind).filter(
      (u) => u.via === "unplaced" && !data.has(u.url) && !ALLOWED.some((a) => a.files.test(file) && a.url.test(u.url)),
    );
    expect(unexplained).toEqual([]);
  });
});

describe.each(docsFiles.filter((f) => f.endsWith(".html") && f !== "index.html"))(
  "generated/docs/%s's Redoc options",
  (file) => {
    it("turn Redoc's telemetry off, so its collector URL is never posted to", async () => {
      const options = /const __redoc_options = (\{.*?\});\n/.exec(
        await readFile(resolve(root, DOCS_DIR, file), "utf8"),
      )?.[1];
      expect(JSON.parse(options ?? "null")).toMatchObject({ disableTelemetry: true });
    });
  },
);
