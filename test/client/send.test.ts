// The attempt loop against a real loopback server (no mocked fetch): attempts are counted by
// the server, requests are cloned, and timers are per attempt.
import { getEventListeners } from "node:events";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEFAULT_RETRY } from "../../src/client/retry.js";
import { startAttempts, type AttemptOutcome, type AttemptSettings, type Attempts } from "../../src/client/send.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const settings = (overrides: Partial<AttemptSettings> = {}): AttemptSettings => ({
  policy: { ...DEFAULT_RETRY, initialDelayMs: 1, maxDelayMs: 1 },
  timeoutMs: 5000,
  fetch: (request) => fetch(request),
  signalInInit: false,
  idempotencyHeader: "Idempotency-Key",
  signal: undefined,
  renew: false,
  ...overrides,
});

/** Sends as the client does: the request carries the attempts' signal, as openapi-fetch builds it. */
async function send(attempts: Attempts, url: string, init: RequestInit = {}): Promise<AttemptOutcome> {
  const request = new Request(url, { ...init, signal: attempts.signal ?? null });
  try {
    return await attempts.send(request);
  } finally {
    attempts.end();
  }
}

describe("startAttempts", () => {
  it("returns the last response once the attempts are used up", async () => {
    server.routes.set("PUT /flaky", (res, attempt) => json(res, 500, { attempt }));
    const init = { method: "PUT", body: "same body" };
    const { response } = await send(startAttempts(settings()), `${server.url}/flaky`, init);
    expect(await response?.json()).toEqual({ attempt: 3 });
    expect(server.hitsOn("PUT /flaky").map((h) => h.body)).toEqual(["same body", "same body", "same body"]);
  });

  it("returns a response that is not retryable at once", async () => {
    server.routes.set("GET /bad", (res) => json(res, 400, {}));
    const { response } = await send(startAttempts(settings()), `${server.url}/bad`);
    expect(response?.status).toBe(400);
    expect(server.hitsOn("GET /bad")).toHaveLength(1);
  });

  it("retries a POST with an idempotency key header, sending the caller's key", async () => {
    server.routes.set("POST /keyed", (res, attempt) => json(res, attempt < 2 ? 502 : 201, {}));
    const init = { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } };
    expect((await send(startAttempts(settings()), `${server.url}/keyed`, init)).response?.status).toBe(201);
    const keys = server.hitsOn("POST /keyed").map((h) => h.headers["idempotency-key"]);
    expect(keys).toEqual(["k".repeat(16), "k".repeat(16)]);
  });

  it("gives a POST without a key one key for all its attempts, on an API that documents keys", async () => {
    server.routes.set("POST /unkeyed-ok", (res, attempt) => json(res, attempt < 3 ? 503 : 201, {}));
    const init = { method: "POST", body: "{}" };
    const { response } = await send(startAttempts(settings()), `${server.url}/unkeyed-ok`, init);
    expect(response?.status).toBe(201);
    const keys = server.hitsOn("POST /unkeyed-ok").map((h) => h.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("gives each call a key of its own, and none to a GET", async () => {
    server.routes.set("POST /two", (res) => json(res, 201, {}));
    server.routes.set("GET /nokey", (res) => json(res, 200, {}));
    await send(startAttempts(settings()), `${server.url}/two`, { method: "POST", body: "{}" });
    await send(startAttempts(settings()), `${server.url}/two`, { method: "POST", body: "{}" });
    await send(startAttempts(settings()), `${server.url}/nokey`);
    const [a, b] = server.hitsOn("POST /two").map((h) => h.headers["idempotency-key"]);
    expect(a).not.toBe(b);
    expect(server.hitsOn("GET /nokey")[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("neither adds nor honours an idempotency key on an API that does not document one", async () => {
    server.routes.set("POST /unkeyed", (res) => json(res, 502, {}));
    const attempts = startAttempts(settings({ idempotencyHeader: undefined }));
    const init = { method: "POST", body: "{}", headers: { "Idempotency-Key": "k".repeat(16) } };
    expect((await send(attempts, `${server.url}/unkeyed`, init)).response?.status).toBe(502);
    const unkeyed = startAttempts(settings({ idempotencyHeader: undefined }));
    await send(unkeyed, `${server.url}/unkeyed`, { method: "POST", body: "{}" });
    const keys = server.hitsOn("POST /unkeyed").map((h) => h.headers["idempotency-key"]);
    expect(keys).toEqual(["k".repeat(16), undefined]);
  });

  it("gives each attempt its own timer and reports a timeout as the outcome", async () => {
    server.routes.set("GET /slow", (res) => setTimeout(() => json(res, 200, {}), 1000).unref());
    const attempts = startAttempts(settings({ timeoutMs: 50 }));
    const outcome = await send(attempts, `${server.url}/slow`);
    expect(outcome.response).toBeUndefined();
    expect(outcome.transport).toBe("timeout");
    expect(outcome.thrown).toBeInstanceOf(Error);
    // Each retry after a timeout reaches the server: it carries a new signal, not the aborted one.
    expect(server.hitsOn("GET /slow")).toHaveLength(3);
    expect(attempts.failureKind()).toBe("timeout");
  });

  it("times out a retry after a timeout, and resends a body after it", async () => {
    server.routes.set("PUT /slow-then-ok", (res, attempt) =>
      attempt === 1 ? setTimeout(() => json(res, 200, {}), 1000).unref() : json(res, 200, { attempt }),
    );
    const init = { method: "PUT", body: "same body" };
    const { response } = await send(startAttempts(settings({ timeoutMs: 100 })), `${server.url}/slow-then-ok`, init);
    expect(await response?.json()).toEqual({ attempt: 2 });
    expect(server.hitsOn("PUT /slow-then-ok").map((h) => h.body)).toEqual(["same body", "same body"]);
  });

  it("reports the caller's abort during an attempt as an abort, not a timeout", async () => {
    const controller = new AbortController();
    // Aborted once the request is there, so a slow machine cannot abort it before it is sent.
    server.routes.set("GET /hang", (res) => {
      controller.abort();
      setTimeout(() => json(res, 200, {}), 1000).unref();
    });
    const attempts = startAttempts(settings({ signal: controller.signal, timeoutMs: 5000 }));
    expect(await send(attempts, `${server.url}/hang`)).toMatchObject({ transport: "abort" });
    expect(server.hitsOn("GET /hang")).toHaveLength(1);
  });

  it("reports a network failure with what fetch threw, after the retries", async () => {
    server.routes.set("GET /reset", (_res, _attempt, req) => req.socket.destroy());
    const outcome = await send(startAttempts(settings()), `${server.url}/reset`);
    expect(outcome).toMatchObject({ transport: "network", thrown: { name: "TypeError" } });
    expect(server.hitsOn("GET /reset")).toHaveLength(3);
  });

  it("lets go of the caller's signal when the call ends", async () => {
    server.routes.set("GET /done", (res) => json(res, 200, {}));
    const controller = new AbortController();
    const attempts = startAttempts(settings({ signal: controller.signal }));
    await send(attempts, `${server.url}/done`);
    controller.abort();
    expect(attempts.signal?.aborted).toBe(false);
  });
});

describe("startAttempts with the signal in fetch's init (the global fetch)", () => {
  const inInit = (overrides: Partial<AttemptSettings> = {}) =>
    startAttempts(settings({ fetch: (request, init) => fetch(request, init), signalInInit: true, ...overrides }));
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

  it("leaves the request without a signal of the call's, and times out every attempt", async () => {
    server.routes.set("GET /slow-init", (res) => setTimeout(() => json(res, 200, {}), 1000).unref());
    const attempts = inInit({ timeoutMs: 50 });
    expect(attempts.signal).toBeUndefined();
    const started = performance.now();
    expect(await send(attempts, `${server.url}/slow-init`)).toMatchObject({ transport: "timeout" });
    // Three attempts of 50 ms each: the second and third had timers too, not the first one's.
    expect(server.hitsOn("GET /slow-init")).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("gives the retry after a timeout a fresh signal, so it gets its response", async () => {
    server.routes.set("GET /slow-then-ok-init", (res, attempt) =>
      attempt === 1 ? setTimeout(() => json(res, 200, {}), 1000).unref() : json(res, 200, { attempt }),
    );
    const { response } = await send(inInit({ timeoutMs: 100 }), `${server.url}/slow-then-ok-init`);
    expect(await response?.json()).toEqual({ attempt: 2 });
  });

  it("passes the caller's abort on as an abort, and the caller's signal on the request", async () => {
    const controller = new AbortController();
    // Aborted once the request is there, so a slow machine cannot abort it before it is sent.
    server.routes.set("GET /hang-init", (res) => {
      controller.abort();
      setTimeout(() => json(res, 200, {}), 1000).unref();
    });
    const { signal } = controller;
    const attempts = inInit({ signal, timeoutMs: 5000 });
    expect(attempts.signal).toBe(signal);
    expect(await send(attempts, `${server.url}/hang-init`)).toMatchObject({ transport: "abort" });
    expect(server.hitsOn("GET /hang-init")).toHaveLength(1);
  });

  it("clears the attempt's timer once the call ends, so it keeps no process alive", async () => {
    server.routes.set("GET /quick-init", (res) => json(res, 200, {}));
    const before = timers();
    const attempts = inInit();
    const request = new Request(`${server.url}/quick-init`);
    const sent = attempts.send(request);
    expect(timers()).toBe(before + 1);
    await (await sent).response?.text();
    attempts.end();
    expect(timers()).toBe(before);
  });
});

describe("startAttempts, outcomes that are not the network's", () => {
  /** A fetch that answers only when the signal it follows aborts, with the abort's reason. */
  const hang = (request: Request, init?: { readonly signal: AbortSignal }) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal ?? request.signal;
      signal.addEventListener("abort", () => reject(signal.reason));
    });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("keeps what fetch threw when the caller aborts during an attempt, and does not retry", async () => {
    const controller = new AbortController();
    const own = new Error("the fetch's own abort error");
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      controller.abort();
      throw own;
    };
    const outcome = await send(startAttempts(settings({ fetch, signal: controller.signal })), `${server.url}/x`);
    expect(outcome).toEqual({ transport: "abort", thrown: own });
    expect(outcome.thrown).toBe(own);
    expect(calls).toBe(1);
  });

  it("ends with the abort when the caller aborts during the wait before a retry", async () => {
    const controller = new AbortController();
    let calls = 0;
    const fetch = async (): Promise<Response> => {
      calls++;
      controller.abort(new Error("caller gave up"));
      return new Response("{}", { status: 503 });
    };
    const outcome = await send(startAttempts(settings({ fetch, signal: controller.signal })), `${server.url}/x`);
    expect(outcome).toEqual({ transport: "abort", thrown: controller.signal.reason });
    expect(calls).toBe(1);
  });

  it.each([false, true])("sends nothing for a caller's signal aborted already (signal in init: %s)", async (inInit) => {
    server.routes.set("GET /pre-aborted", (res) => json(res, 200, {}));
    const fetchInInit = (request: Request, init?: { readonly signal: AbortSignal }) => fetch(request, init);
    const attempts = startAttempts(settings({ signal: AbortSignal.abort(), signalInInit: inInit, fetch: fetchInInit }));
    expect(await send(attempts, `${server.url}/pre-aborted`)).toMatchObject({ transport: "abort" });
    expect(server.hitsOn("GET /pre-aborted")).toHaveLength(0);
  });

  it.each([false, true])(
    "with timeoutMs Infinity sets no timer: a slow attempt gets its response (signal in init: %s)",
    async (inInit) => {
      // 30 ms: a timer of Infinity would fire after 1 ms and abort it.
      server.routes.set("GET /late", (res) => setTimeout(() => json(res, 200, { late: true }), 30).unref());
      const fetchInInit = (request: Request, init?: { readonly signal: AbortSignal }) => fetch(request, init);
      const attempts = startAttempts(settings({ timeoutMs: Infinity, signalInInit: inInit, fetch: fetchInInit }));
      const request = new Request(`${server.url}/late`, { signal: attempts.signal ?? null });
      const { response } = await attempts.send(request);
      expect(attempts.failureKind()).toBe("network");
      expect(await response?.json()).toEqual({ late: true });
      attempts.end();
    },
  );

  it("with timeoutMs Infinity, the caller's abort during an attempt ends it as an abort", async () => {
    const controller = new AbortController();
    const fetch = (request: Request) => {
      queueMicrotask(() => controller.abort());
      return hang(request);
    };
    const attempts = startAttempts(settings({ timeoutMs: Infinity, fetch, signal: controller.signal }));
    // The request carries the caller's signal itself: nothing of the call's follows it.
    expect(attempts.signal).toBe(controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
    expect(await send(attempts, `${server.url}/x`)).toMatchObject({ transport: "abort" });
  });

  it("reports a network failure of the retry after a timeout as the network's, not a timeout", async () => {
    const failed = new TypeError("fetch failed");
    let calls = 0;
    const fetch = (request: Request) => (++calls === 1 ? hang(request) : Promise.reject(failed));
    const policy = { ...DEFAULT_RETRY, maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 };
    const attempts = startAttempts(settings({ timeoutMs: 50, fetch, policy }));
    expect(await send(attempts, `${server.url}/x`)).toEqual({ transport: "network", thrown: failed });
    expect(attempts.failureKind()).toBe("network");
    expect(calls).toBe(2);
  });

  it("retries a response without a body", async () => {
    let calls = 0;
    const fetch = async () => {
      calls++;
      return new Response(null, { status: 503 });
    };
    const { response } = await send(startAttempts(settings({ fetch })), `${server.url}/x`, { method: "HEAD" });
    expect(response?.status).toBe(503);
    expect(calls).toBe(3);
  });

  it("ends a streamed call before any attempt, and where timers are numbers (as in browsers)", async () => {
    expect(() => startAttempts(settings()).end(true)).not.toThrow();
    const realSetTimeout = globalThis.setTimeout;
    vi.stubGlobal("setTimeout", (callback: () => void, ms: number) => Number(realSetTimeout(callback, ms)));
    // A fetch of its own: the real one's internals are not for numbered timers.
    const attempts = startAttempts(settings({ fetch: async () => new Response("{}") }));
    const { response } = await attempts.send(new Request(`${server.url}/numbered`));
    expect(response?.status).toBe(200);
    expect(() => attempts.end(true)).not.toThrow();
    attempts.end();
  });
});

describe("failureKind", () => {
  it.each([
    [AbortSignal.abort(), "abort"],
    [new AbortController().signal, "network"],
    [undefined, "network"],
  ] as const)("%# → $1", (signal, kind) => {
    expect(startAttempts(settings({ signal })).failureKind()).toBe(kind);
  });
});
