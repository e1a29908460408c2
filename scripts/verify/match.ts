// Which API and operation a recorded request belongs to: the API by its server URL, the operation
// by method and path template, a literal segment winning over a template (`/checks/batch` over
// `/checks/{slug}`).
import type { VerifiedApi } from "./contracts.js";
import type { HarEntry } from "./har.js";

export type Match =
  | { readonly kind: "operation"; readonly api: VerifiedApi; readonly operation: string }
  /** The API's server answered a method and path the contract does not have. */
  | { readonly kind: "unknown-operation"; readonly api: VerifiedApi; readonly operation: string }
  | { readonly kind: "skip"; readonly reason: string };

/** `serverUrls` overrides an API's server URL (a staging host, a loopback recording). */
export function matchEntry(
  apis: readonly VerifiedApi[],
  entry: HarEntry,
  serverUrls: ReadonlyMap<string, string> = new Map(),
): Match {
  let url: URL;
  try {
    url = new URL(entry.url);
  } catch {
    return { kind: "skip", reason: "URL not readable" };
  }
  for (const api of apis) {
    const path = pathUnder(url, serverUrls.get(api.name) ?? api.serverUrl);
    if (path !== undefined) return matchPath(api, entry, path);
  }
  return { kind: "skip", reason: "no known API" };
}

/** The operation of a request to `api` whose path below the server URL is `path` (a proxy knows it). */
export function matchPath(api: VerifiedApi, entry: Pick<HarEntry, "method" | "requestHeaders">, path: string): Match {
  if (entry.method === "OPTIONS" && entry.requestHeaders["access-control-request-method"] !== undefined) {
    return { kind: "skip", reason: "CORS preflight" };
  }
  const operation = bestOperation(api, entry.method, path);
  if (operation) return { kind: "operation", api, operation };
  return { kind: "unknown-operation", api, operation: `${entry.method} ${path}` };
}

/** Each server URL parsed once: a proxy matches every request against the same one. */
const servers = new Map<string, URL | undefined>();

function parsedServer(serverUrl: string): URL | undefined {
  if (!servers.has(serverUrl)) servers.set(serverUrl, URL.canParse(serverUrl) ? new URL(serverUrl) : undefined);
  return servers.get(serverUrl);
}

/** The request's path below the server URL's path, or undefined when the URL is not the server's. */
function pathUnder(url: URL, serverUrl: string): string | undefined {
  const server = parsedServer(serverUrl);
  if (server === undefined || url.origin !== server.origin) return undefined;
  const base = server.pathname.replace(/\/+$/, "");
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  return url.pathname.slice(base.length) || "/";
}

/** An operation's path split once into its segments, a template parameter as `undefined`. */
interface Template {
  readonly key: string;
  readonly method: string;
  readonly parts: readonly (string | undefined)[];
}
const templatesOf = new WeakMap<VerifiedApi, readonly Template[]>();

function templates(api: VerifiedApi): readonly Template[] {
  let found = templatesOf.get(api);
  if (!found) {
    found = api.operations.map((op) => ({
      key: op.key,
      method: op.method,
      parts: op.path.split("/").map((part) => (/^\{[^}]+\}$/.test(part) ? undefined : part)),
    }));
    templatesOf.set(api, found);
  }
  return found;
}

function bestOperation(api: VerifiedApi, method: string, path: string): string | undefined {
  const segments = path.split("/").map(decodeSegment);
  let best: { key: string; literals: number } | undefined;
  for (const template of templates(api)) {
    if (template.method !== method || template.parts.length !== segments.length) continue;
    let literals = 0;
    const fits = template.parts.every((part, i) => {
      if (part === undefined) return segments[i] !== "";
      literals++;
      return part === segments[i];
    });
    if (fits && (!best || literals > best.literals)) best = { key: template.key, literals };
  }
  return best?.key;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
