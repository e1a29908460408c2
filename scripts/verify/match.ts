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
    if (path === undefined) continue;
    if (entry.method === "OPTIONS" && entry.requestHeaders["access-control-request-method"] !== undefined) {
      return { kind: "skip", reason: "CORS preflight" };
    }
    const operation = bestOperation(api, entry.method, path);
    if (operation) return { kind: "operation", api, operation };
    return { kind: "unknown-operation", api, operation: `${entry.method} ${path}` };
  }
  return { kind: "skip", reason: "no known API" };
}

/** The request's path below the server URL's path, or undefined when the URL is not the server's. */
function pathUnder(url: URL, serverUrl: string): string | undefined {
  let server: URL;
  try {
    server = new URL(serverUrl);
  } catch {
    return undefined;
  }
  if (url.origin !== server.origin) return undefined;
  const base = server.pathname.replace(/\/+$/, "");
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  return url.pathname.slice(base.length) || "/";
}

function bestOperation(api: VerifiedApi, method: string, path: string): string | undefined {
  const segments = path.split("/").map(decodeSegment);
  let best: { key: string; literals: number } | undefined;
  for (const op of api.operations) {
    if (op.method !== method) continue;
    const template = op.path.split("/");
    if (template.length !== segments.length) continue;
    let literals = 0;
    const fits = template.every((part, i) => {
      if (/^\{[^}]+\}$/.test(part)) return segments[i] !== "";
      literals++;
      return part === segments[i];
    });
    if (fits && (!best || literals > best.literals)) best = { key: op.key, literals };
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
