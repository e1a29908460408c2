// What a client does with the options left out, and with a call's own options: retries on,
// a 60 s timeout per attempt, a real backoff between attempts, per-call `retry` and `timeoutMs`.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { json, startFaultServer, type FaultServer } from "./support/fault-server.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const TASK = { id: "task_1", object: "task", kind: "video", status: "waiting" };
const getTask = (client: ReturnType<typeof createIttybitClient>, id: string, init: object = {}) =>
  client.GET("/tasks/{id}", { params: { path: { id } }, ...init });
/** A 503 that asks for no wait: the client still waits its backoff (src/client/retry.ts), a second or so in all. */
const unavailableNow = (res: import("node:http").ServerResponse) =>
  json(res, 503, { kind: "x", message: "x" }, { "retry-after": "0" });

describe("retries", () => {
  it("are on when `retry` is left out: 2 retries", async () => {
    server.routes.set("GET /tasks/default", unavailableNow);
    const { error } = await getTask(createIttybitClient({ apiKey: "k_test", baseUrl: server.url }), "default");
    expect(error).toMatchObject({ status: 503 });
    expect(server.hitsOn("GET /tasks/default")).toHaveLength(3);
  });

  it.each([
    ["client-max", "the client's maxRetries", { maxRetries: 1 }, undefined, 2],
    ["call-max", "a call's maxRetries over the client's", { maxRetries: 3 }, { maxRetries: 1 }, 2],
    ["call-off", "a call's retry: false", { maxRetries: 3 }, false, 1],
    ["call-on", "a call's maxRetries over the client's retry: false", false, { maxRetries: 2 }, 3],
    ["client-off", "the client's retry: false", false, undefined, 1],
  ] as const)("follow %s: %s", async (id, _title, clientRetry, callRetry, attempts) => {
    server.routes.set(`GET /tasks/${id}`, unavailableNow);
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: clientRetry });
    await getTask(client, id, callRetry === undefined ? {} : { retry: callRetry });
    expect(server.hitsOn(`GET /tasks/${id}`)).toHaveLength(attempts);
  });
});

describe("backoff", () => {
  // Each wait is 150 to 200 ms (200 less up to 25 % jitter): a missing wait shows as a gap of a few ms.
  const retry = { initialDelayMs: 200, maxDelayMs: 200 };
  /** A fetch that notes when each attempt starts. */
  const timed = (starts: number[]) => (request: Request) => {
    starts.push(performance.now());
    return fetch(request);
  };
  const gaps = (starts: number[]) => starts.slice(1).map((t, i) => t - starts[i]!);

  it("waits between attempts after a retryable status", async () => {
    server.routes.set("GET /tasks/backoff", (res) => json(res, 503, { kind: "x", message: "x" }));
    const starts: number[] = [];
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry, fetch: timed(starts) });
    await getTask(client, "backoff");
    expect(starts).toHaveLength(3);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(140);
  });

  it("waits between attempts after a network error", async () => {
    server.routes.set("GET /tasks/backoff-reset", (_res, _attempt, req) => req.socket.destroy());
    const starts: number[] = [];
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry, fetch: timed(starts) });
    const { error } = await getTask(client, "backoff-reset");
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
    expect(starts).toHaveLength(3);
    for (const gap of gaps(starts)) expect(gap).toBeGreaterThanOrEqual(140);
  });
});

describe("timeouts", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A fetch that answers only when its request's signal aborts, with the abort's reason. */
  const hang = (request: Request) =>
    new Promise<Response>((_resolve, reject) => {
      request.signal.addEventListener("abort", () => reject(request.signal.reason));
    });

  it("give each attempt 60 s when `timeoutMs` is left out", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: false, fetch: hang });
    let settled = false;
    const call = getTask(client, "hang").finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(59_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const { error } = await call;
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
    expect(error?.message).toBe("GET /tasks/{id} failed: no response within 60000 ms");
  });

  it("give each retry 60 s of its own", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let attempts = 0;
    const fetch = (request: Request) => {
      attempts++;
      return hang(request);
    };
    const retry = { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 1 };
    let settled = false;
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry, fetch });
    const call = getTask(client, "hang").finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60_010);
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await call).toMatchObject({ error: { reason: "transport", transport: "timeout" } });
  });

  it("follow a call's own timeoutMs over the client's", async () => {
    server.routes.set("GET /tasks/slow-call", (res) => setTimeout(() => json(res, 200, TASK), 2000).unref());
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: false, timeoutMs: 30_000 });
    const { error } = await getTask(client, "slow-call", { timeoutMs: 100 });
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
    expect(error?.message).toBe("GET /tasks/{id} failed: no response within 100 ms");
  });

  it("follow a call's own longer timeoutMs over the client's", async () => {
    server.routes.set("GET /tasks/slowish", (res) => setTimeout(() => json(res, 200, TASK), 300).unref());
    const client = createIttybitClient({ apiKey: "k_test", baseUrl: server.url, retry: false, timeoutMs: 50 });
    const { data, error } = await getTask(client, "slowish", { timeoutMs: 30_000 });
    expect(error).toBeUndefined();
    expect(data).toEqual(TASK);
  });
});
