// `npm run verify -- --proxy <upstream>`: a reverse proxy on loopback that forwards every request
// to the upstream unchanged (method, headers, body, both directions streamed) and checks each
// error response against the API's contract with the rules of `verify`, as it happens. Only an
// error response's body is held (up to a limit) to check it; success bodies pass straight through.
import { once } from "node:events";
import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { VerifiedApi } from "./contracts.js";
import type { HarEntry } from "./har.js";
import { matchPath } from "./match.js";
import { type Exchange, type HarWriter, scrubbed } from "./har-writer.js";
import { type ReportedViolation, Verification } from "./report.js";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, and are not forwarded. */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);
/** The most of an error body held to check it; a larger one passes through unchecked (and says so). */
export const MAX_CHECKED_BODY = 1024 * 1024;

export interface ProxyOptions {
  /** The server the proxy forwards to, with the API's base path (`https://staging.example.com/v1`). */
  readonly upstream: URL;
  /** The API whose contract the upstream keeps. */
  readonly api: VerifiedApi;
  readonly port?: number;
  /** Told every violation as it is found, with the exchange it was found in. */
  readonly onViolation?: (violation: ReportedViolation, exchange: Exchange) => void;
  /** Told when the upstream cannot be reached. */
  readonly onUnreachable?: (method: string, url: string, error: Error) => void;
  readonly har?: HarWriter;
}

export interface RunningProxy {
  readonly url: string;
  readonly verification: Verification;
  /** Stops accepting requests, lets those under way end, and closes their connections. */
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  const { upstream, api } = options;
  const verification = new Verification([api], new Map([[api.name, upstream.href]]));
  let index = 0;
  const pending = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const path = pathOf(req.url ?? "/");
    const done = forward(req, res, { ...options, verification, index: index++, path }).catch(() => {});
    pending.add(done);
    void done.finally(() => pending.delete(done));
  });
  // A client that never sends its headers does not hold the port forever.
  server.headersTimeout = 60_000;
  const sockets = new Set<Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verification,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await Promise.all(pending);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

interface Forwarding extends ProxyOptions {
  readonly verification: Verification;
  readonly index: number;
  /** The request's path below the upstream's base URL, which names its operation. */
  readonly path: string;
}

/** A request target's path, without its query (`/checks/a?x=1` is `/checks/a`). */
function pathOf(target: string): string {
  const path = target.split("?", 1)[0]!;
  return path.startsWith("/") ? path : `/${path}`;
}

/** The upstream URL of a request: the upstream's base path, then the request's path and query. */
function upstreamUrl(upstream: URL, path: string): URL {
  const base = upstream.pathname.replace(/\/+$/, "");
  return new URL(`${upstream.origin}${base}${path.startsWith("/") ? path : `/${path}`}`);
}

function forward(req: IncomingMessage, res: ServerResponse, options: Forwarding): Promise<void> {
  const started = new Date();
  const begun = performance.now();
  const url = upstreamUrl(options.upstream, req.url ?? "/");
  const requestHeaders = pairs(req.rawHeaders).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
  const headers = requestHeaders.filter(([name]) => name.toLowerCase() !== "host");
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<void>((resolve) => {
    const outgoing = send(url, { method: req.method, headers: [...headers.flat(), "Host", url.host] as never });
    outgoing.on("error", (error) => {
      options.onUnreachable?.(req.method ?? "GET", url.href, error);
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(`The proxy could not reach ${url.origin}: ${(error as NodeJS.ErrnoException).code ?? error.message}\n`);
      resolve();
    });
    outgoing.on("response", (incoming) => {
      const status = incoming.statusCode ?? 0;
      const responseHeaders = pairs(incoming.rawHeaders).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase()));
      res.writeHead(status, incoming.statusMessage, responseHeaders.flat() as never);
      const held: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (status >= 400 && size <= MAX_CHECKED_BODY) held.push(chunk);
      });
      incoming.pipe(res);
      incoming.on("end", () => {
        const seen: Exchange = {
          started,
          ms: performance.now() - begun,
          method: (req.method ?? "GET").toUpperCase(),
          url: url.href,
          requestHeaders,
          status,
          statusText: incoming.statusMessage ?? "",
          responseHeaders,
          mimeType: headerValue(responseHeaders, "content-type") ?? "",
          size,
          ...(status >= 400 && size <= MAX_CHECKED_BODY ? { text: decoded(held, responseHeaders) } : {}),
        };
        // Only what is printed or written is scrubbed: an error's body and headers, or anything kept in a HAR.
        check(status >= 400 || options.har ? scrubbed(seen) : seen, options);
        resolve();
      });
      incoming.on("error", () => {
        // The upstream broke off: so does the client's response, which `pipe` would leave open forever.
        res.destroy();
        resolve();
      });
    });
    req.pipe(outgoing);
  });
}

/** Checks one exchange, tells each violation, and records it. */
function check(exchange: Exchange, options: Forwarding): void {
  // Only the error rules read headers, and only a preflight's request headers matter.
  const read = exchange.status >= 400 || exchange.method === "OPTIONS";
  const entry: HarEntry = {
    index: options.index,
    method: exchange.method,
    url: exchange.url,
    requestHeaders: read ? record(exchange.requestHeaders) : NO_HEADERS,
    status: exchange.status,
    headers: read ? record(exchange.responseHeaders) : NO_HEADERS,
    body: exchange.text,
    ...(exchange.status >= 400 && exchange.text === undefined
      ? { bodyNote: `the body (${exchange.size} bytes) was larger than the proxy checks` }
      : {}),
  };
  const match = matchPath(options.api, entry, options.path);
  for (const violation of options.verification.add(entry, match)) options.onViolation?.(violation, exchange);
  void options.har?.add(exchange);
}

/** The body's text as the client reads it: decompressed when the upstream compressed it. */
function decoded(chunks: readonly Buffer[], headers: readonly (readonly [string, string])[]): string {
  const body = Buffer.concat(chunks);
  const encoding = headerValue(headers, "content-encoding")?.toLowerCase();
  try {
    const plain =
      encoding === "gzip"
        ? gunzipSync(body)
        : encoding === "deflate"
          ? inflateSync(body)
          : encoding === "br"
            ? brotliDecompressSync(body)
            : body;
    return plain.toString("utf8");
  } catch {
    return body.toString("utf8");
  }
}

/** Raw header lines as name and value pairs, in the order sent. */
function pairs(raw: readonly string[]): [string, string][] {
  const list: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i]!, raw[i + 1]!]);
  return list;
}

const NO_HEADERS: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

/** Lower-cased names, a repeated header's values joined with ", " (as the HAR reader gives them). */
function record(headers: readonly (readonly [string, string])[]): Record<string, string> {
  const result: Record<string, string> = Object.create(null);
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    result[key] = result[key] === undefined ? value : `${result[key]}, ${value}`;
  }
  return result;
}

function headerValue(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}
