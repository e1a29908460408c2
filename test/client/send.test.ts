// The attempt loop against a real loopback server (no mocked fetch): attempts are counted by
// the server, requests are cloned, and timers are per attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "../../src/client/retry.js";
import { sendWithRetries, transportKind, type Call } from "../../src/client/send.js";
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
  ...overrides,
});
const fail = (kind: string, cause: unknown) => Object.assign(new Error(kind), { kind, cause });

describe("sendWithRetries", () => {
  it("returns the last response once the attempts are used up", async () => {
    server.routes.set("PUT /flaky", (res, attempt) => json(res, 500, { attempt }));
    const state = call();
    const response = await sendWithRetries(state, fail)(new Request(`${server.url}/flaky`, { method: "PUT", body: "same body" }));
    expect(await response.json()).toEqual({ attempt: 3 });
    expect(server.hitsOn("PUT /flaky").map((h) => h.body)).toEqual(["same body", "same body", "same body"]);
    expect(state.response).toBe(response);
  });

  it("returns a response that is not retryable at once", async () => {
    server.routes.set("GET /bad", (res) => json(res, 400, {}));
    const response = await sendWithRetries(call(), fail)(new Request(`${server.url}/bad`));
    expect(response.status).toBe(400);
    expect(server.hitsOn("GET /bad")).toHaveLength(1);
  });

  it("retries a POST with an idempotency key header", async () => {
    server.routes.set("POST /keyed", (res, attempt) => json(res, attempt < 2 ? 502 : 201, {}));
    const request = new Request(`${server.url}/keyed`, { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } });
    expect((await sendWithRetries(call(), fail)(request)).status).toBe(201);
  });

  it("ignores an idempotency key header on an API that does not document one", async () => {
    server.routes.set("POST /unkeyed", (res) => json(res, 502, {}));
    const request = new Request(`${server.url}/unkeyed`, { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } });
    expect((await sendWithRetries(call({ idempotencyHeader: undefined }), fail)(request)).status).toBe(502);
    expect(server.hitsOn("POST /unkeyed")).toHaveLength(1);
  });

  it("gives each attempt its own timer and reports a timeout through fail()", async () => {
    server.routes.set("GET /slow", (res) => setTimeout(() => json(res, 200, {}), 1000).unref());
    const state = call({ timeoutMs: 50 });
    const thrown = await sendWithRetries(state, fail)(new Request(`${server.url}/slow`)).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ kind: "timeout" });
    expect(server.hitsOn("GET /slow")).toHaveLength(3);
    expect(transportKind(state)).toBe("timeout");
  });
});

describe("transportKind", () => {
  it.each([
    [{ signal: AbortSignal.abort(), timer: AbortSignal.abort() }, "abort"],
    [{ signal: new AbortController().signal, timer: AbortSignal.abort() }, "timeout"],
    [{ signal: new AbortController().signal, timer: undefined }, "network"],
    [{}, "network"],
  ])("%#", (state, kind) => {
    expect(transportKind(call(state))).toBe(kind);
  });
});
