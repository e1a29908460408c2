// What createApiClient adds around openapi-fetch, seen through a custom or stubbed fetch: the
// methods, the call's options, the timers on requests middleware rebuilt, what middleware may
// answer or throw, and the caller's signal let go of once a call ends. Timeouts run on fake timers.
import { getEventListeners } from "node:events";
import type { Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";

const BASE_URL = "http://127.0.0.1:9";
const KEY = "ittybit_test_KEY_0123456789";
const TASK = { id: "task_1", object: "task", kind: "video", status: "waiting" };
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

type Fetch = (request: Request) => Promise<Response>;
type Options = Parameters<typeof createIttybitClient>[0];
const ittybit = (fetch: Fetch | undefined, options: Partial<Options> = {}) =>
  createIttybitClient({ apiKey: KEY, baseUrl: BASE_URL, retry: false, ...(fetch && { fetch }), ...options });
/** The client as the runtime sees it: any method, any path, any option. */
type Loose = Record<string, (path: string, init?: object) => Promise<{ data?: unknown; error?: Error }>>;
const loose = (client: unknown) => client as Loose;

const jsonResponse = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const ok: Fetch = async () => jsonResponse(200, TASK);
/** A fetch that answers only when the request's signal aborts, with the abort's reason. */
const hang: Fetch = (request) =>
  new Promise((_resolve, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason));
  });

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Starts `call` on fake timers, lets `ms` pass, and says whether it settled by then. */
async function settlesWithin<T>(ms: number, call: () => Promise<T>): Promise<{ settled: boolean; result: Promise<T> }> {
  let settled = false;
  const result = call().finally(() => (settled = true));
  await vi.advanceTimersByTimeAsync(ms);
  return { settled, result };
}

describe("methods", () => {
  it("has one per HTTP method, besides use and eject", () => {
    expect(Object.keys(ittybit(ok)).sort()).toEqual([...METHODS, "eject", "use"].sort());
  });

  // TRACE is refused by the platform's Request before anything is sent.
  it.each(METHODS.filter((m) => m !== "TRACE"))("%s sends a %s request", async (method) => {
    const seen: string[] = [];
    const client = ittybit(async (request) => {
      seen.push(request.method);
      return jsonResponse(200, {});
    });
    await loose(client)[method]!("/tasks");
    expect(seen).toEqual([method]);
  });
});

describe("a call's options", () => {
  it("refuses an idempotency key on an API that documents no idempotency header, and sends nothing", async () => {
    const sent: string[] = [];
    const fetch: Fetch = async (request) => {
      sent.push(request.url);
      return jsonResponse(200, {});
    };
    const client = createWillItTrackClient({ baseUrl: BASE_URL, retry: false, fetch });
    const call = loose(client).POST!("/checks", {
      body: { url: "https://example.com" },
      idempotencyKey: "k-0123456789",
    });
    await expect(call).rejects.toThrow(
      new TypeError("Unknown option 'idempotencyKey' in the options of POST /checks."),
    );
    expect(sent).toEqual([]);
  });

  it.each([
    [
      { idempotencyKy: "k" },
      "Unknown option 'idempotencyKy' in the options of POST /tasks. Did you mean 'idempotencyKey'?",
    ],
    [{ timeoutMS: 5 }, "Unknown option 'timeoutMS' in the options of POST /tasks. Did you mean 'timeoutMs'?"],
    [{ retry: { maxRetrys: 0 } }, "Unknown option 'maxRetrys' in POST /tasks's `retry`. Did you mean 'maxRetries'?"],
  ])("refuses a misspelt option %j before any attempt", async (typo, message) => {
    let attempts = 0;
    const fetch: Fetch = async () => {
      attempts++;
      return jsonResponse(503, {});
    };
    const call = loose(ittybit(fetch)).POST!("/tasks", { body: { url: "u", kind: "video" }, ...typo });
    await expect(call).rejects.toThrow(new TypeError(message));
    expect(attempts).toBe(0);
  });

  it("times out a call's own fetch, which takes the signal on the request, on a client without one", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const client = ittybit(undefined, { timeoutMs: 1000 });
    const { settled, result } = await settlesWithin(1000, () => loose(client).GET!("/tasks", { fetch: hang }));
    expect(settled).toBe(true);
    expect((await result).error).toMatchObject({ reason: "transport", transport: "timeout" });
  });

  it("hands the global fetch each attempt's signal in its init, where it replaces the request's", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const global = (_request: Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    vi.stubGlobal("fetch", global);
    const client = ittybit(undefined, { timeoutMs: 1000 });
    const { settled, result } = await settlesWithin(1000, () => loose(client).GET!("/tasks"));
    expect(settled).toBe(true);
    expect((await result).error).toMatchObject({ reason: "transport", transport: "timeout" });
  });

  // openapi-fetch puts options it does not know (Next.js's `next`, say) on the request for the fetch to read.
  it.each([
    ["a GET, with retries", "GET", {}],
    ["a POST with a body, without retries", "POST", { body: { url: "https://example.com/a.mp4" } }],
  ])("hands a custom fetch the request openapi-fetch built, extra options on it (%s)", async (_title, method, init) => {
    const seen: unknown[] = [];
    const fetch: Fetch = async (request) => {
      seen.push((request as Request & { next?: unknown }).next);
      return jsonResponse(200, {});
    };
    const client = ittybit(fetch, { retry: method === "GET" ? { maxRetries: 2 } : false });
    await loose(client)[method]!("/tasks", { ...init, next: { revalidate: 60 } });
    expect(seen).toEqual([{ revalidate: 60 }]);
  });
});

describe("middleware", () => {
  /** Rebuilds the request, dropping its signal. */
  const rebuild: Middleware = { onRequest: ({ request }) => new Request(request.url, { headers: request.headers }) };

  it.each([
    ["the client's", (client: ReturnType<typeof ittybit>) => client.use(rebuild), {}],
    ["the call's", () => {}, { middleware: [rebuild] }],
  ])(
    "times out a custom fetch's request that %s middleware rebuilt without the call's signal",
    async (_t, use, init) => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
      const client = ittybit(hang, { timeoutMs: 1000 });
      use(client);
      const { settled, result } = await settlesWithin(1000, () => loose(client).GET!("/tasks", init));
      expect(settled).toBe(true);
      expect((await result).error).toMatchObject({ reason: "transport", transport: "timeout" });
    },
  );

  it("classifies a response middleware gave in place of the request, the call's key scrubbed from it", async () => {
    const client = ittybit(async () => {
      throw new Error("not sent");
    });
    client.use({
      onRequest: ({ request }) =>
        jsonResponse(401, { kind: "token_invalid", message: `Rejected ${request.headers.get("authorization")}` }),
    });
    const { error } = await client.GET("/tasks");
    expect(error).toMatchObject({ reason: "known", kind: "token_invalid", status: 401 });
    expect(error?.message).toBe("GET /tasks returned 401 token_invalid: Rejected Bearer [redacted]");
  });

  it("lets onError answer for an attempt that got no response", async () => {
    const client = ittybit(async () => {
      throw new TypeError("fetch failed");
    });
    client.use({ onError: () => jsonResponse(200, TASK) });
    const { data, error } = await client.GET("/tasks/{id}", { params: { path: { id: "task_1" } } });
    expect(error).toBeUndefined();
    expect(data).toEqual(TASK);
  });

  it.each([
    ["a 2xx", 200],
    ["a 404", 404],
  ])("rethrows what onResponse threw on %s, as it is", async (_title, status) => {
    const boom = new Error("boom");
    const client = ittybit(async () => jsonResponse(status, { kind: "task_not_found", message: "x" }));
    client.use({
      onResponse: () => {
        throw boom;
      },
    });
    await expect(client.GET("/tasks")).rejects.toBe(boom);
  });
});

describe("responses", () => {
  /** A fetch that answers at once with headers and a body that comes only as its request's abort reason. */
  const stalledBody: Fetch = async (request) => {
    const body = new ReadableStream({
      start(controller) {
        request.signal.addEventListener("abort", () => controller.error(request.signal.reason));
      },
    });
    return new Response(body, { headers: { "content-type": "application/json" } });
  };

  it("reports a body the timer cut off as a timeout, with the timer's reason as the cause", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const client = ittybit(stalledBody, { timeoutMs: 1000 });
    const { settled, result } = await settlesWithin(1000, () => client.GET("/tasks"));
    expect(settled).toBe(true);
    const { error } = await result;
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
    expect(error?.message).toBe("GET /tasks failed: no response within 1000 ms");
    expect(error?.cause).toMatchObject({ name: "TimeoutError", message: "No response within 1000 ms" });
  });

  it("reports a body the caller's abort cut off as an abort", async () => {
    const controller = new AbortController();
    const client = ittybit(stalledBody);
    client.use({ onResponse: () => void controller.abort(new Error("caller gave up")) });
    const { error } = await client.GET("/tasks", { signal: controller.signal });
    expect(error).toMatchObject({ reason: "transport", transport: "abort" });
    expect(error?.message).toBe("GET /tasks failed: aborted");
  });

  it("returns a custom fetch's Response.error() (status 0) as an unexpected response, not thrown", async () => {
    const { error } = await ittybit(async () => Response.error()).GET("/tasks");
    expect(error).toMatchObject({ reason: "unexpected_response", status: 0 });
  });
});

describe("the caller's signal", () => {
  it.each([
    ["a success", ok],
    ["an error response", async () => jsonResponse(404, { kind: "task_not_found", message: "x" })],
    [
      "a network failure",
      async () => {
        throw new TypeError("fetch failed");
      },
    ],
  ] as const)("is let go of once the call ends in %s", async (_title, fetch) => {
    const controller = new AbortController();
    await ittybit(fetch).GET("/tasks", { signal: controller.signal });
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
