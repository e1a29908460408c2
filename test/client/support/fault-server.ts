// A tiny HTTP server on loopback whose routes misbehave on purpose: the fault-injection half
// of the client tests. Every request is recorded so a test can count attempts.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Hit {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers one request; `attempt` counts the hits on this route, from 1. */
export type Route = (res: ServerResponse, attempt: number, req: IncomingMessage, hit: Hit) => void;

export interface FaultServer {
  readonly url: string;
  readonly hits: Hit[];
  /** Routes keyed `METHOD /path`; tests add theirs. */
  readonly routes: Map<string, Route>;
  hitsOn(route: string): Hit[];
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const hits: Hit[] = [];
  const routes = new Map<string, Route>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const key = `${req.method} ${new URL(req.url ?? "/", "http://x").pathname}`;
      const hit = {
        method: req.method ?? "",
        path: key.split(" ")[1]!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      hits.push(hit);
      const route = routes.get(key);
      if (!route) return void res.writeHead(599).end(`no route ${key}`);
      route(res, hits.filter((h) => `${h.method} ${h.path}` === key).length, req, hit);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    routes,
    hitsOn: (route) => hits.filter((h) => `${h.method} ${h.path}` === route),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with a status and optional headers. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}
