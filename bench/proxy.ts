// Area 12: what the checking proxy (`npm run verify -- --proxy`) adds to a call on loopback,
// against a bare Node http proxy that only forwards, measured in the same run: sequential calls
// through each to one local upstream, half answered 200 and half with a documented 404.
import { once } from "node:events";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { willItTrackOperationError } from "../generated/willittrack/server.js";
import { readVerifiedApis } from "../scripts/verify/contracts.js";
import { startProxy } from "../scripts/verify/proxy.js";
import { alternate, ROOT, table, timeMs } from "./harness.js";

async function listen(server: Server): Promise<string> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The upstream: a small JSON success, or the documented 404 of `GET /checks/{slug}`. */
function upstream(): Server {
  const missing = willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId: "req_1" });
  return createServer((req, res) => {
    if (req.url?.endsWith("/missing")) {
      res.writeHead(missing.status, { ...missing.headers, "Content-Type": "application/json" });
      return void res.end(JSON.stringify(missing.body));
    }
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"data":{"slug":"a"}}');
  });
}

/** The anchor: a proxy that forwards and streams back, and nothing else. */
function bareProxy(target: string): Server {
  return createServer((req, res) => {
    const url = new URL(`/v1${req.url ?? "/"}`, target);
    const outgoing = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (incoming) => {
      res.writeHead(incoming.statusCode ?? 502, incoming.headers);
      incoming.pipe(res);
    });
    req.pipe(outgoing);
  });
}

export async function proxyLatency(quick: boolean): Promise<string> {
  const calls = quick ? 50 : 500;
  const servers: Server[] = [upstream()];
  const target = await listen(servers[0]!);
  servers.push(bareProxy(target));
  const bare = await listen(servers[1]!);
  const [api] = await readVerifiedApis(resolve(ROOT, "redocly.yaml"), "willittrack");
  const ours = await startProxy({ upstream: new URL(`${target}/v1`), api: api! });
  try {
    const through = (base: string) => () =>
      timeMs(async () => {
        for (let i = 0; i < calls; i++) await (await fetch(`${base}/checks/${i % 2 ? "missing" : "a"}`)).text();
      }).then((ms) => ms / calls);
    const measured = await alternate(quick ? 1 : 7, through(ours.url), through(bare));
    const row = {
      name: `a call through the proxy, ${calls} sequential calls (half 200, half a documented 404)`,
      unit: "ms",
      ...measured,
      goal: 1.3,
    };
    return table("12. Checking proxy: latency per call vs a bare Node http proxy", "bare proxy", [row]);
  } finally {
    await ours.close();
    for (const server of servers) server.close();
  }
}
