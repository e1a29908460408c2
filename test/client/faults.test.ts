// The clients against a loopback server that misbehaves on purpose: retries, bodies that are
// not the envelope, slow and dropped connections, and what must never be retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient, IttybitApiError } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** Retries on, with delays short enough for a test. */
const FAST_RETRY = { initialDelayMs: 1, maxDelayMs: 2 };
const ittybit = (options: Parameters<typeof createIttybitClient>[0] | object = {}) =>
  createIttybitClient({ apiKey: "ittybit_test", baseUrl: server.url, retry: FAST_RETRY, ...options });
const getTask = (id: string, client = ittybit()) => client.GET("/tasks/{id}", { params: { path: { id } } });
const TASK = { id: "task_1", object: "task", kind: "video", status: "waiting" };

describe("retries", () => {
  it("waits for Retry-After: 1 after a 429, then succeeds on the one retry", async () => {
    server.routes.set("GET /tasks/rate", (res, attempt) =>
      attempt === 1
        ? json(res, 429, { kind: "rate_limited", message: "Slow down." }, { "retry-after": "1" })
        : json(res, 200, TASK),
    );
    const started = performance.now();
    const { data, error } = await getTask("rate");
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(error).toBeUndefined();
    expect(data).toEqual(TASK);
    expect(server.hitsOn("GET /tasks/rate")).toHaveLength(2);
  });

  it("waits at least the backoff for Retry-After: 0 (no retry storm), and keeps the 60 s cap", async () => {
    server.routes.set("GET /tasks/storm", (res) =>
      json(res, 503, { kind: "unavailable", message: "m" }, { "retry-after": "0" }),
    );
    const started = performance.now();
    const { error } = await getTask("storm", ittybit({ retry: { initialDelayMs: 40 } }));
    // Two backoffs of 40 and 80 ms, less at most 25 % jitter each: 3 attempts took 3 to 9 ms before.
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(server.hitsOn("GET /tasks/storm")).toHaveLength(3);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 0 });
  });

  it("gives up on a 503 after the retry budget and returns the last error", async () => {
    server.routes.set("GET /tasks/down", (res, attempt) =>
      json(res, 503, { kind: "unavailable", message: `attempt ${attempt}` }),
    );
    const { error, response } = await getTask("down");
    expect(server.hitsOn("GET /tasks/down")).toHaveLength(3);
    expect(error).toMatchObject({ reason: "declared_status", status: 503, kind: "unavailable" });
    expect(error).toMatchObject({ retryable: true, attempts: 3 });
    expect(error?.message).toContain("attempt 3");
    expect(response?.status).toBe(503);
  });

  it("never retries a POST on 503 on an API without idempotency keys", async () => {
    const body = { error: { code: "x", type: "api_error", message: "x", request_id: null } };
    server.routes.set("POST /checks", (res) => json(res, 503, body));
    const client = createWillItTrackClient({ baseUrl: server.url, retry: FAST_RETRY });
    const { error } = await client.POST("/checks", { body: { url: "https://example.com" } });
    expect(error).toMatchObject({ status: 503, retryable: true, attempts: 1 });
    expect(server.hitsOn("POST /checks")).toHaveLength(1);
  });

  it("gives a POST without a key one of its own, the same on each retry, on an API that documents keys", async () => {
    server.routes.set("POST /tasks", (res, attempt) =>
      attempt < 3 ? json(res, 503, { kind: "unavailable", message: "Try later." }) : json(res, 201, TASK),
    );
    const { data } = await ittybit().POST("/tasks", { body: { url: "https://example.com/a.mp4", kind: "video" } });
    expect(data).toEqual(TASK);
    const keys = server.hitsOn("POST /tasks").map((h) => h.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it("retries a POST that carries an idempotency key, sending the same body and key again", async () => {
    server.routes.set("POST /runs", (res, attempt) =>
      attempt === 1 ? json(res, 503, { kind: "unavailable", message: "x" }) : json(res, 201, { id: "run_1" }),
    );
    const body = { tasks: [{ kind: "video" }] };
    const { data } = await ittybit().POST("/runs", { body, idempotencyKey: "key-0123456789abcdef" });
    expect(data).toEqual({ id: "run_1" });
    const hits = server.hitsOn("POST /runs");
    expect(hits.map((h) => h.body)).toEqual([JSON.stringify(body), JSON.stringify(body)]);
    expect(hits.map((h) => h.headers["idempotency-key"])).toEqual(["key-0123456789abcdef", "key-0123456789abcdef"]);
  });

  it("retries a POST on 429", async () => {
    server.routes.set("POST /automations", (res, attempt) =>
      attempt === 1 ? json(res, 429, { kind: "x", message: "x" }) : json(res, 201, { id: "auto_1" }),
    );
    const { data } = await ittybit().POST("/automations", { body: { name: "a", workflow: [] } });
    expect(data).toEqual({ id: "auto_1" });
  });

  it("does not wait for a Retry-After beyond the cap, and reports it", async () => {
    server.routes.set("GET /tasks/later", (res) =>
      json(res, 429, { kind: "x", message: "x" }, { "retry-after": "3600" }),
    );
    const { error } = await getTask("later");
    expect(server.hitsOn("GET /tasks/later")).toHaveLength(1);
    expect(error?.retryAfterMs).toBe(3_600_000);
  });

  it("an abort cancels the wait before a retry", async () => {
    const controller = new AbortController();
    server.routes.set("GET /tasks/wait", (res) => {
      json(res, 503, { kind: "x", message: "x" }, { "retry-after": "30" });
      setTimeout(() => controller.abort(), 20);
    });
    const { error } = await ittybit().GET("/tasks/{id}", {
      params: { path: { id: "wait" } },
      signal: controller.signal,
    });
    expect(error).toMatchObject({ reason: "transport", transport: "abort", status: undefined });
    expect(server.hitsOn("GET /tasks/wait")).toHaveLength(1);
  });

  it("retry: false makes one attempt", async () => {
    server.routes.set("GET /tasks/once", (res) => json(res, 500, { kind: "internal_error", message: "x" }));
    const { error } = await getTask("once", ittybit({ retry: false }));
    expect(error).toMatchObject({ reason: "known", kind: "internal_error" });
    expect(server.hitsOn("GET /tasks/once")).toHaveLength(1);
  });
});

describe("bodies that are not the envelope", () => {
  const single = () => ittybit({ retry: false });

  it("an HTML 502 from a proxy: a status declared with no code, so the status is the signal", async () => {
    server.routes.set("GET /tasks/html", (res) =>
      res.writeHead(502, { "content-type": "text/html" }).end("<html><body>Bad Gateway</body></html>"),
    );
    const { error } = await getTask("html", single());
    expect(error).toMatchObject({
      reason: "declared_status",
      retryable: true,
      attempts: 1,
      status: 502,
      kind: undefined,
      body: "<html><body>Bad Gateway</body></html>",
    });
    expect(error?.message).toBe(
      "GET /tasks/{id} returned 502 with a body that is not the error envelope " +
        '(text/html: "<html><body>Bad Gateway</body></html>")',
    );
  });

  it("an empty 500", async () => {
    server.routes.set("GET /tasks/empty", (res) => res.writeHead(500).end());
    const { error } = await getTask("empty", single());
    expect(error).toMatchObject({ reason: "unexpected_response", status: 500 });
    expect(error?.message).toContain("an empty body");
  });

  it("truncated JSON", async () => {
    server.routes.set("GET /tasks/cut", (res) =>
      res.writeHead(500, { "content-type": "application/json" }).end('{"kind":"internal_er'),
    );
    const { error } = await getTask("cut", single());
    expect(error).toMatchObject({ reason: "unexpected_response", status: 500, body: '{"kind":"internal_er' });
  });

  it("JSON of another shape", async () => {
    server.routes.set("GET /tasks/other", (res) => json(res, 404, { error: "not found", kind: 404 }));
    const { error } = await getTask("other", single());
    expect(error).toMatchObject({
      reason: "unexpected_response",
      status: 404,
      body: { error: "not found", kind: 404 },
    });
  });

  it("an unknown code from a newer server is kept and flagged", async () => {
    server.routes.set("GET /tasks/new", (res) =>
      json(res, 404, { kind: "task_archived", message: "The task was archived." }),
    );
    const { error } = await getTask("new", single());
    expect(error).toMatchObject({ reason: "unknown_code", status: 404, kind: "task_archived", docsUrl: undefined });
  });

  it("a documented code under a status the operation does not declare", async () => {
    server.routes.set("GET /tasks/teapot", (res) => json(res, 418, { kind: "task_not_found", message: "x" }));
    const { error } = await getTask("teapot", single());
    expect(error).toMatchObject({ reason: "unexpected_response", status: 418, kind: "task_not_found" });
  });

  it("a 2xx body that is not valid JSON", async () => {
    server.routes.set("GET /tasks/badok", (res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("{oops"),
    );
    const { data, error } = await getTask("badok", single());
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ reason: "unexpected_response", status: 200 });
    expect(error?.message).toBe("GET /tasks/{id} returned 200 with a body that is not valid JSON");
  });

  it("WillItTrack: the request id comes from X-Request-Id when the body has none", async () => {
    server.routes.set("GET /checks/html", (res) =>
      res.writeHead(502, { "content-type": "text/html", "x-request-id": "req_from_header" }).end("<h1>502</h1>"),
    );
    const client = createWillItTrackClient({ baseUrl: server.url, retry: false });
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "html" } } });
    expect(error).toMatchObject({
      reason: "unexpected_response",
      status: 502,
      code: undefined,
      type: undefined,
      requestId: "req_from_header",
    });
    expect(error?.message).toContain("(request id req_from_header)");
  });

  it("WillItTrack: a known code with the wrong type is not trusted as known", async () => {
    const body = { error: { code: "not_found", type: "api_error", message: "x", request_id: null } };
    server.routes.set("GET /checks/mixed", (res) => json(res, 404, body, { "x-request-id": "req_h" }));
    const client = createWillItTrackClient({ baseUrl: server.url, retry: false });
    const { error } = await client.GET("/checks/{slug}", { params: { path: { slug: "mixed" } } });
    expect(error).toMatchObject({ reason: "unknown_code", code: "not_found", type: "api_error", requestId: "req_h" });
  });
});

describe("transport failures", () => {
  it("a response slower than timeoutMs", async () => {
    server.routes.set("GET /tasks/slow", (res) => setTimeout(() => json(res, 200, TASK), 2000).unref());
    const { error, response } = await getTask("slow", ittybit({ retry: false, timeoutMs: 100 }));
    expect(error).toMatchObject({ reason: "transport", transport: "timeout", status: undefined, kind: undefined });
    expect(error?.message).toBe("GET /tasks/{id} failed: no response within 100 ms");
    expect(response).toBeUndefined();
  });

  it("a response slower than timeoutMs on every attempt: each retry times out on its own timer", async () => {
    server.routes.set("GET /tasks/slow-all", (res) => setTimeout(() => json(res, 200, TASK), 2000).unref());
    const started = performance.now();
    const { error } = await getTask("slow-all", ittybit({ timeoutMs: 100 }));
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
    expect(server.hitsOn("GET /tasks/slow-all")).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("a body that stalls after the headers also times out", async () => {
    server.routes.set("GET /tasks/stall", (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
    });
    const { error } = await getTask("stall", ittybit({ retry: false, timeoutMs: 200 }));
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
  });

  it("times out a request that middleware rebuilt without the call's signal", async () => {
    server.routes.set("GET /tasks/rebuilt", (res) => setTimeout(() => json(res, 200, TASK), 2000).unref());
    const client = ittybit({ retry: false, timeoutMs: 100 });
    client.use({ onRequest: ({ request }) => new Request(request.url, { headers: request.headers }) });
    const started = performance.now();
    const { error } = await getTask("rebuilt", client);
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("a streamed body that stalls times out while the caller reads it", async () => {
    server.routes.set("GET /tasks/trickle", (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
    });
    const { data } = await ittybit({ retry: false, timeoutMs: 200 }).GET("/tasks/{id}", {
      params: { path: { id: "trickle" } },
      parseAs: "stream",
    });
    const read = new Response(data as unknown as ReadableStream).text();
    await expect(read).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("a connection reset, retried for a GET, then reported", async () => {
    server.routes.set("GET /tasks/reset", (_res, _attempt, req) => req.socket.destroy());
    const { error } = await getTask("reset");
    expect(error).toMatchObject({ reason: "transport", transport: "network", status: undefined });
    expect(error?.message).toMatch(/^GET \/tasks\/\{id\} failed: network error \(fetch failed/);
    expect(error?.cause).toBeInstanceOf(Error);
    expect(server.hitsOn("GET /tasks/reset")).toHaveLength(3);
  });

  it("a connection reset on a POST is not retried on an API without idempotency keys", async () => {
    server.routes.set("POST /monitors", (_res, _attempt, req) => req.socket.destroy());
    const client = createWillItTrackClient({ apiKey: "pg_test", baseUrl: server.url, retry: FAST_RETRY });
    const { error } = await client.POST("/monitors", { body: {} as never });
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
    expect(server.hitsOn("POST /monitors")).toHaveLength(1);
  });

  it("a connection reset on a POST is retried with its generated key on an API that documents keys", async () => {
    server.routes.set("POST /webhooks/endpoints", (_res, _attempt, req) => req.socket.destroy());
    const { error } = await ittybit().POST("/webhooks/endpoints", {
      body: { url: "https://example.com/h", topics: [] },
    });
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
    const keys = server.hitsOn("POST /webhooks/endpoints").map((h) => h.headers["idempotency-key"]);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it("an abort before the response", async () => {
    server.routes.set("GET /tasks/hang", (res) => setTimeout(() => json(res, 200, TASK), 2000).unref());
    const { error } = await ittybit().GET("/tasks/{id}", {
      params: { path: { id: "hang" } },
      signal: AbortSignal.timeout(50),
    });
    expect(error).toMatchObject({ reason: "transport", transport: "abort" });
  });
});

describe("throwing style", () => {
  it("throws the error, an IttybitApiError with a stack", async () => {
    server.routes.set("GET /tasks/gone", (res) =>
      json(res, 404, { kind: "task_not_found", message: "The task does not exist." }),
    );
    const thrower = createIttybitClient({
      apiKey: "ittybit_test",
      baseUrl: server.url,
      retry: false,
      throwOnError: true,
    });
    const thrown = await thrower.GET("/tasks/{id}", { params: { path: { id: "gone" } } }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(IttybitApiError);
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: "IttybitApiError", reason: "known", kind: "task_not_found", status: 404 });
    expect((thrown as Error).message).toBe("GET /tasks/{id} returned 404 task_not_found: The task does not exist.");
    expect((thrown as Error).stack).toMatch(/^IttybitApiError: GET \/tasks/);
  });

  it("resolves to { data, response } on success", async () => {
    server.routes.set("GET /tasks/ok", (res) => json(res, 200, TASK));
    const thrower = createIttybitClient({ apiKey: "ittybit_test", baseUrl: server.url, throwOnError: true });
    const { data, response } = await thrower.GET("/tasks/{id}", { params: { path: { id: "ok" } } });
    expect(data).toEqual(TASK);
    expect(response.status).toBe(200);
  });
});

describe("requests", () => {
  it("sends the key as a bearer token, and the client's headers", async () => {
    server.routes.set("GET /tasks/auth", (res) => json(res, 200, TASK));
    await getTask("auth", ittybit({ headers: { "x-trace": "t1" } }));
    expect(server.hitsOn("GET /tasks/auth")[0]?.headers).toMatchObject({
      authorization: "Bearer ittybit_test",
      "x-trace": "t1",
    });
  });

  it("WillItTrack calls without a key send no Authorization header", async () => {
    server.routes.set("POST /detect", (res) => json(res, 200, { data: [] }));
    await createWillItTrackClient({ baseUrl: server.url }).POST("/detect", { body: { urls: [] } });
    expect(server.hitsOn("POST /detect")[0]?.headers.authorization).toBeUndefined();
  });

  it("uses the fetch given to the client, or to the call, for every attempt", async () => {
    server.routes.set("GET /tasks/via", (res, attempt) =>
      attempt === 1 ? json(res, 503, { kind: "x", message: "x" }) : json(res, 200, TASK),
    );
    const seen: string[] = [];
    const tracking = (label: string) => (request: Request) => {
      seen.push(`${label} ${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    };
    await getTask("via", ittybit({ fetch: tracking("client") }));
    await ittybit({ fetch: tracking("client") }).GET("/tasks/{id}", {
      params: { path: { id: "via" } },
      fetch: tracking("call"),
    });
    expect(seen).toEqual(["client GET /tasks/via", "client GET /tasks/via", "call GET /tasks/via"]);
  });

  it("refuses a per-call baseUrl that is not HTTPS", async () => {
    await expect(ittybit().GET("/tasks", { baseUrl: "http://example.com" })).rejects.toThrow(/is not HTTPS/);
  });
});
