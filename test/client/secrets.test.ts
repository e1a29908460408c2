// The API key never shows in an error: not in its message, JSON, util.inspect, String() or
// cause chain, even when the server or a custom fetch echoes it back.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

const KEY = "ittybit_live_SECRET_0123456789";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** Every way an error is commonly turned into text, cause chain included. */
function renderings(error: unknown): string[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 10; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain.flatMap((e) => [String(e), JSON.stringify(e) ?? "", inspect(e, { depth: Infinity, showHidden: true }), (e as Error).stack ?? "", (e as Error).message ?? ""]);
}

function expectNoKey(error: unknown): void {
  expect(error).toBeDefined();
  for (const text of renderings(error)) expect(text).not.toContain(KEY);
}

describe("the API key in errors", () => {
  it("is scrubbed when the server echoes it in the message, the body and a header", async () => {
    server.routes.set("GET /tasks/echo", (res, _attempt, req) => {
      const sent = String(req.headers.authorization);
      json(res, 401, { kind: "token_invalid", message: `Rejected ${sent}`, [sent]: sent }, { "x-request-id": sent });
    });
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "echo" } } });
    expect(error).toMatchObject({ reason: "known", kind: "token_invalid", requestId: "Bearer [redacted]" });
    expectNoKey(error);
  });

  it("is scrubbed from a failing fetch's error and its causes", async () => {
    const fetch = async (request: Request): Promise<Response> => {
      const sent = request.headers.get("authorization");
      const root = Object.assign(new Error(`socket for ${sent} closed`), { code: "ECONNRESET", headers: { authorization: sent } });
      throw new TypeError(`fetch failed with ${sent}`, { cause: root });
    };
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, fetch });
    const { error } = await client.GET("/tasks");
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
    expect((error?.cause as { cause?: { code?: string } }).cause?.code).toBe("ECONNRESET");
    expectNoKey(error);
  });

  it("is scrubbed when thrown", async () => {
    server.routes.set("GET /tasks/echo2", (res, _attempt, req) => res.writeHead(502).end(`<p>${req.headers.authorization}</p>`));
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, throwOnError: true });
    const thrown = await client.GET("/tasks/{id}", { params: { path: { id: "echo2" } } }).catch((e: unknown) => e);
    expectNoKey(thrown);
  });

  it("is scrubbed when it came in the client's headers instead of apiKey", async () => {
    server.routes.set("GET /checks/echo", (res, _attempt, req) => json(res, 404, { error: { code: "not_found", type: "invalid_request_error", message: String(req.headers.authorization), request_id: null } }));
    const client = createWillItTrackClient({ baseUrl: server.url, retry: false, headers: { Authorization: `Bearer ${KEY}` } });
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "echo" } } });
    expect(error?.reason).toBe("known");
    expectNoKey(error);
  });

  it("is not in a transport error's message or cause after a timeout", async () => {
    server.routes.set("GET /tasks/slow", (res) => setTimeout(() => res.end(), 1000).unref());
    const client = createIttybitClient({ apiKey: KEY, baseUrl: server.url, retry: false, timeoutMs: 50 });
    const { error } = await client.GET("/tasks/{id}", { params: { path: { id: "slow" } } });
    expect(error?.reason).toBe("transport");
    expectNoKey(error);
  });
});
