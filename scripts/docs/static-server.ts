// A static file server on a loopback address, for the docs site (`npm run docs:serve` and the
// browser tests). Pages that import a module must be served over HTTP: browsers refuse module
// scripts from file:// URLs. Requests are hostile until checked: a file is served only when its
// real path is inside the folder, only to a request for a loopback host (a web page that rebinds
// its own name to 127.0.0.1 reaches the port, but not with a loopback Host), and every answer
// tells the browser not to guess types and to load nothing from elsewhere.
import { readFile, realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { isLoopbackHost } from "../../src/http.js";
import { sha256 } from "./html.js";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".yaml": "application/yaml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly close: () => Promise<void>;
}

const within = (root: string, path: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

/** The file a request path names inside `root`, or undefined for paths that leave it. */
export function fileFor(root: string, requestPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (path.includes("\0")) return undefined;
  const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
  return within(root, file) ? file : undefined;
}

/** The real path of `file` (of a folder's index.html) when it exists and, links followed, is inside `root`. */
async function realFileIn(root: string, file: string): Promise<string | undefined> {
  const real = async (path: string) => realpath(path).catch(() => undefined);
  let found = await real(file);
  if (found && (await stat(found)).isDirectory()) found = await real(join(found, "index.html"));
  return found && within(root, found) ? found : undefined;
}

/** A Host header: a name or an address, IPv6 in brackets, and a port; nothing else (no user, no path). */
const HOST = /^([a-z\d.-]+|\[[\da-f:.]+\])(:\d{1,5})?$/i;

/** Whether a request's Host header names a loopback host (with any port). */
export function isLoopbackRequest(host: string | undefined): boolean {
  if (!host || !HOST.test(host)) return false;
  try {
    return isLoopbackHost(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/**
 * The policy every answer carries: everything from this server only, nothing from elsewhere;
 * inline scripts only those of the page itself, by hash; inline styles allowed (Redoc's
 * styled-components writes them at run time); and the page never framed.
 */
export function contentSecurityPolicy(page?: string): string {
  // A src attribute follows a space or a slash (`<script/src=…>`); `\bsrc` took data-src for one.
  const inline = [...(page ?? "").matchAll(/<script\b(?![^>]*[\s/]src\s*=)[^>]*>([\s\S]*?)<\/script>/gi)];
  const scripts = ["'self'", ...new Set(inline.map(([, code]) => sha256(code!)))].join(" ");
  return [
    "default-src 'self'",
    `script-src ${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const SAFETY = { "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" } as const;

function refuse(response: ServerResponse, status: number, text: string, headers: object = {}): void {
  const policy = { "content-security-policy": contentSecurityPolicy(), ...SAFETY };
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...policy, ...headers }).end(`${text}\n`);
}

/**
 * The path a request's target names. An origin-form target (`/a`, and `//a` too) is a path as it stands:
 * `new URL("//a", base)` would read `a` as a host and answer `/`, the index, for `//a`.
 */
function pathOf(target: string): string {
  return new URL(target.startsWith("/") ? `http://localhost${target}` : target, "http://localhost").pathname;
}

async function answer(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (!isLoopbackRequest(request.headers.host)) {
    refuse(response, 421, "This server answers requests for localhost, 127.0.0.1 and [::1] only.");
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    refuse(response, 405, "Method not allowed", { allow: "GET, HEAD" });
    return;
  }
  const file = fileFor(root, pathOf(request.url ?? "/"));
  const target = file ? await realFileIn(root, file) : undefined;
  const body = target ? await readFile(target).catch(() => undefined) : undefined;
  if (!target || !body) {
    refuse(response, 404, "Not found");
    return;
  }
  const type = extname(target);
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[type] ?? "application/octet-stream",
    "content-length": body.length,
    "cache-control": "no-cache",
    "content-security-policy": contentSecurityPolicy(type === ".html" ? body.toString("utf8") : undefined),
    ...SAFETY,
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Serves the files under `root` on 127.0.0.1; port 0 picks a free one. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  // Links followed once here, so that a file's real path can be compared with the folder's.
  const base = await realpath(resolve(root));
  const server = createServer((request, response) => {
    answer(base, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, SAFETY);
      response.end();
    });
  });
  await new Promise<void>((ready, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ready());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
