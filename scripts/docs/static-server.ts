// A static file server on a loopback address, for the docs site (`npm run docs:serve` and the
// browser tests). Pages that import a module must be served over HTTP: browsers refuse module
// scripts from file:// URLs.
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

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
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined;
}

async function answer(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const file = fileFor(root, new URL(request.url ?? "/", "http://localhost").pathname);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  const target = info?.isDirectory() ? join(file!, "index.html") : file;
  const body = target ? await readFile(target).catch(() => undefined) : undefined;
  if (!target || !body) {
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found\n");
    return;
  }
  response.writeHead(200, {
    "content-type": CONTENT_TYPES[extname(target)] ?? "application/octet-stream",
    "content-length": body.length,
    "cache-control": "no-cache",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

/** Serves the files under `root` on 127.0.0.1; port 0 picks a free one. */
export async function serveStatic(root: string, port = 0): Promise<StaticServer> {
  const base = resolve(root);
  const server = createServer((request, response) => {
    answer(base, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
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
