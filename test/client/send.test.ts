// The attempt loop against a real loopback server (no mocked fetch): attempts are counted by
// the server, requests are cloned, and timers are per attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "../../src/client/retry.js";
import { endCall, sendWithRetries, startCall, transportKind, type Call } from "../../src/client/send.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const call = (overrides: Partial<Call> = {}): Call => ({
  policy: { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 1 },
  timeoutMs: 5000,
  fetch: (request) => fetch(request),
  idempotencyHeader: "Idempotency-Key",
  signal: undefined,
  renew: false,
  ...overrides,
});
const fail = (kind: string, cause: unknown) => Object.assign(new Error(kind), { kind, cause });

/** Sends as the client does: the request carries the call's signal, as openapi-fetch builds it. */
async function send(state: Call, url: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(url, { ...init, signal: startCall(state) ?? null });
  try {
    return await sendWithRetries(state, fail)(request);
  } finally {
    endCall(state);
  }
}

describe("sendWithRetries", () => {
  it("returns the last response once the attempts are used up", async () => {
    server.routes.set("PUT /flaky", (res, attempt) => json(res, 500, { attempt }));
    const state = call();
    const response = await send(state, `${server.url}/flaky`, { method: "PUT", body: "same body" });
    expect(await response.json()).toEqual({ attempt: 3 });
    expect(server.hitsOn("PUT /flaky").map((h) => h.body)).toEqual(["same body", "same body", "same body"]);
    expect(state.response).toBe(response);
  });

  it("returns a response that is not retryable at once", async () => {
    server.routes.set("GET /bad", (res) => json(res, 400, {}));
    const response = await send(call(), `${server.url}/bad`);
    expect(response.status).toBe(400);
    expect(server.hitsOn("GET /bad")).toHaveLength(1);
  });

  it("retries a POST with an idempotency key header", async () => {
    server.routes.set("POST /keyed", (res, attempt) => json(res, attempt < 2 ? 502 : 201, {}));
    const init = { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } };
    expect((await send(call(), `${server.url}/keyed`, init)).status).toBe(201);
  });

  it("ignores an idempotency key header on an API that does not document one", async () => {
    server.routes.set("POST /unkeyed", (res) => json(res, 502, {}));
    const init = { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } };
    expect((await send(call({ idempotencyHeader: undefined }), `${server.url}/unkeyed`, init)).status).toBe(502);
    expect(server.hitsOn("POST /unkeyed")).toHaveLength(1);
  });

  it("gives each attempt its own timer and reports a timeout through fail()", async () => {
    server.routes.set("GET /slow", (res) => setTimeout(() => json(res, 200, {}), 1000).unref());
    const state = call({ timeoutMs: 50 });
    const thrown = await send(state, `${server.url}/slow`).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ kind: "timeout" });
    // Each retry after a timeout reaches the server: it carries a new signal, not the aborted one.
    expect(server.hitsOn("GET /slow")).toHaveLength(3);
    expect(transportKind(state)).toBe("timeout");
  });

  it("times out a retry after a timeout, and resends a body after it", async () => {
    server.routes.set("PUT /slow-then-ok", (res, attempt) => (attempt === 1 ? setTimeout(() => json(res, 200, {}), 1000).unref() : json(res, 200, { attempt })));
    const response = await send(call({ timeoutMs: 100 }), `${server.url}/slow-then-ok`, { method: "PUT", body: "same body" });
    expect(await response.json()).toEqual({ attempt: 2 });
    expect(server.hitsOn("PUT /slow-then-ok").map((h) => h.body)).toEqual(["same body", "same body"]);
  });

  it("reports the caller's abort during an attempt as an abort, not a timeout", async () => {
    server.routes.set("GET /hang", (res) => setTimeout(() => json(res, 200, {}), 1000).unref());
    const state = call({ signal: AbortSignal.timeout(50), timeoutMs: 5000 });
    const thrown = await send(state, `${server.url}/hang`).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ kind: "abort" });
    expect(server.hitsOn("GET /hang")).toHaveLength(1);
  });

  it("lets go of the caller's signal when the call ends", async () => {
    server.routes.set("GET /done", (res) => json(res, 200, {}));
    const controller = new AbortController();
    const state = call({ signal: controller.signal });
    await send(state, `${server.url}/done`);
    controller.abort();
    expect(state.controller?.signal.aborted).toBe(false);
  });
});

describe("transportKind", () => {
  it.each([
    [{ signal: AbortSignal.abort(), timedOut: true }, "abort"],
    [{ signal: new AbortController().signal, timedOut: true }, "timeout"],
    [{ signal: new AbortController().signal, timedOut: false }, "network"],
    [{}, "network"],
  ])("%#", (state, kind) => {
    expect(transportKind(call(state))).toBe(kind);
  });
});
