// A static check that a web page, or a script it runs, loads nothing from outside the machine:
// every place HTML, CSS or JavaScript can name a URL the browser fetches (`src`, `srcset`,
// `<link href>`, CSS `url()` and `@import`, `import`, `fetch`, `new URL`, workers, sockets,
// beacons, markdown images) is read, and an absolute URL to another host there is a load.
// `<a href>` (and `<area href>`) are links, not loads. Every other absolute URL in the text is
// reported too, as unplaced, so that the caller allows each one explicitly, with a reason.

export interface FoundUrl {
  readonly url: string;
  /** 1-based line of the URL in the text. */
  readonly line: number;
  /** How the URL is used: the sink (`<img src>`, `fetch()`, `url()`), `link`, or `unplaced`. */
  readonly via: string;
}

export type Kind = "html" | "js" | "css";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** True for an absolute or protocol-relative http(s)/ws(s) URL to a host other than loopback. */
export function isOutside(url: string): boolean {
  const trimmed = url.trim().replace(/\\\//g, "/");
  if (!/^(?:(?:https?|wss?):)?\/\/[^/]/i.test(trimmed)) return false;
  try {
    return !LOOPBACK.has(new URL(trimmed, "http://localhost/").hostname);
  } catch {
    return true;
  }
}

/** Attributes and properties that name a URL to fetch (an `href` only outside links). */
const LOAD_NAMES = "src|srcset|href|xlink:href|data|poster|background";

/** A string literal in JavaScript: its quote in group `q`, its content in group `s`. */
const STR = String.raw`(?<q>["'\x60])(?<s>(?:(?!\k<q>)[^\\\n]|\\.)*)\k<q>`;
const JS_SINKS: readonly [string, RegExp][] = [
  ["import()", new RegExp(String.raw`\bimport\s*\(\s*${STR}`, "g")],
  ["import", new RegExp(String.raw`(?<!@)\b(?:import|export)\s+(?:[\w$*{},\s]+?\s+from\s*)?${STR}`, "g")],
  ["fetch()", new RegExp(String.raw`\bfetch\s*\(\s*${STR}`, "g")],
  ["new URL()", new RegExp(String.raw`\bnew\s+URL\s*\(\s*${STR}`, "g")],
  ["new URL() base", new RegExp(String.raw`\bnew\s+URL\s*\([^;]*?,\s*${STR}\s*\)`, "g")],
  [
    "worker",
    new RegExp(String.raw`\b(?:new\s+(?:Shared)?Worker|importScripts|serviceWorker\.register)\s*\(\s*${STR}`, "g"),
  ],
  ["socket", new RegExp(String.raw`\bnew\s+(?:WebSocket|EventSource)\s*\(\s*${STR}`, "g")],
  ["sendBeacon()", new RegExp(String.raw`\bsendBeacon\s*\(\s*${STR}`, "g")],
  ["XMLHttpRequest", new RegExp(String.raw`\.open\s*\(\s*["'\x60][A-Za-z]+["'\x60]\s*,\s*${STR}`, "g")],
  ["property", new RegExp(String.raw`\.(?:${LOAD_NAMES})\s*=\s*${STR}`, "g")],
  ["setAttribute()", new RegExp(String.raw`\bsetAttribute\s*\(\s*["'\x60](?:${LOAD_NAMES})["'\x60]\s*,\s*${STR}`, "g")],
  ["element prop", new RegExp(String.raw`\b(?:src|srcSet|srcset|poster)\s*:\s*${STR}`, "g")],
];

const CSS_SINKS: readonly [string, RegExp][] = [
  ["url()", /(?<![\w$])url\(\s*(?<q>["']?)(?<s>[^"')\s]+)\k<q>\s*\)/g],
  ["@import", /@import\s+(?<q>["'])(?<s>[^"']+)\k<q>/gi],
  ["image-set()", /\bimage-set\(\s*(?<q>["'])(?<s>[^"']+)\k<q>/gi],
];

const MARKDOWN_IMAGE: readonly [string, RegExp] = ["markdown image", /!\[[^\]\n]*\]\(\s*<?(?<s>[^)\s>]+)/g];

/** Attributes whose URL the browser fetches; `href` only outside links (`<a>`, `<area>`). */
const LOAD_ATTRIBUTES = new Set([...LOAD_NAMES.split("|"), "imagesrcset", "manifest", "icon"]);
const LINK_TAGS = new Set(["a", "area"]);

const TAG = /<(?<tag>[a-zA-Z][\w:-]*)(?<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /(?<name>[^\s=>/]+)(?:\s*=\s*(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<uq>[^\s>]+)))?/g;
/** Absolute URLs anywhere in the text (`\/` as JSON may escape it). */
const ANY_URL = /\b(?:https?|wss?):(?:\/|\\\/){2}[^\s"'\x60)<>\\,;]*(?:\\\/[^\s"'\x60)<>\\,;]*)*/gi;

/** Text with HTML comments and `/*! … *\/` or `/** … *\/` JavaScript comments blanked (lines kept). */
function withoutComments(text: string, kind: Kind): string {
  const blank = (match: string): string => match.replace(/[^\n]/g, " ");
  const comments = kind === "html" ? /<!--[\s\S]*?-->/g : /\/\*[!*][\s\S]*?\*\//g;
  let result = text.replace(comments, blank);
  if (kind === "html") {
    result = result.replace(/<script\b[^>]*>([\s\S]*?)<\/script>/gi, (m) => m.replace(/\/\*[!*][\s\S]*?\*\//g, blank));
  }
  return result;
}

interface Hit {
  readonly index: number;
  readonly url: string;
  readonly via: string;
}

function sinkHits(text: string, sinks: readonly (readonly [string, RegExp])[]): Hit[] {
  const hits: Hit[] = [];
  for (const [via, pattern] of sinks) {
    for (const match of text.matchAll(pattern)) {
      const url = match.groups!.s!;
      hits.push({ index: match.index + match[0].lastIndexOf(url), url, via });
    }
  }
  return hits;
}

/** Tags with load attributes; link hrefs come back as `link` so they are not unplaced. */
function tagHits(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const tag of text.matchAll(TAG)) {
    const name = tag.groups!.tag!.toLowerCase();
    const attrs = tag.groups!.attrs ?? "";
    const attrsAt = tag.index + 1 + tag.groups!.tag!.length;
    for (const attr of attrs.matchAll(ATTRIBUTE)) {
      const value = attr.groups!.dq ?? attr.groups!.sq ?? attr.groups!.uq;
      if (value === undefined) continue;
      const key = attr.groups!.name!.toLowerCase();
      const at = attrsAt + attr.index + attr[0].lastIndexOf(value);
      if (key === "style") {
        const css = sinkHits(value, CSS_SINKS);
        hits.push(...css.map((h) => ({ ...h, index: at + h.index, via: `<${name} style> ${h.via}` })));
      } else if (key === "content" && name === "meta") {
        const refresh = /url\s*=\s*['"]?([^'"\s]+)/i.exec(value);
        if (refresh) hits.push({ index: at + refresh.index, url: refresh[1]!, via: "<meta refresh>" });
      } else if (LOAD_ATTRIBUTES.has(key)) {
        const via = `<${name} ${key}>`;
        const link = (key === "href" || key === "xlink:href") && LINK_TAGS.has(name);
        const urls = key.endsWith("srcset") ? value.split(",").map((c) => c.trim().split(/\s+/)[0]!) : [value];
        for (const url of urls) hits.push({ index: at + value.indexOf(url), url, via: link ? "link" : via });
      }
    }
  }
  return hits;
}

function lineAt(text: string): (index: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/**
 * Every outside URL in a page, script or stylesheet: loads (with their sink), links, and the
 * unplaced rest. Scripts and styles inside a page, and HTML or CSS inside a script's strings,
 * are read with the same rules.
 */
export function findOutsideUrls(text: string, kind: Kind): FoundUrl[] {
  const clean = withoutComments(text, kind);
  const hits = [...tagHits(clean), ...sinkHits(clean, CSS_SINKS), ...sinkHits(clean, [MARKDOWN_IMAGE])];
  if (kind !== "css") hits.push(...sinkHits(clean, JS_SINKS));
  const outside = hits.filter((h) => isOutside(h.url));
  const placed = new Set(outside.map((h) => h.index));
  for (const match of clean.matchAll(ANY_URL)) {
    if (placed.has(match.index) || !isOutside(match[0])) continue;
    outside.push({ index: match.index, url: match[0], via: "unplaced" });
  }
  const line = lineAt(text);
  // One report per place: the first, most specific reading wins (a page's tags before its scripts).
  const byIndex = new Map<number, Hit>();
  for (const hit of outside) if (!byIndex.has(hit.index)) byIndex.set(hit.index, hit);
  return [...byIndex.values()]
    .sort((a, b) => a.index - b.index)
    .map((h) => ({ url: h.url.replace(/\\\//g, "/"), line: line(h.index), via: h.via }));
}

/** The outside URLs a browser would fetch: everything but links and unplaced URLs. */
export function findOutsideLoads(text: string, kind: Kind): FoundUrl[] {
  return findOutsideUrls(text, kind).filter((u) => u.via !== "link" && u.via !== "unplaced");
}
