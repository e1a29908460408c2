// The generated test kits through the real clients: every code of every operation, built by
// `…ErrorResponse` and served by `mock…Fetch`, arrives as the typed error it documents.
import { describe, expect, it } from "vitest";
import { createIttybitClient, FetchSetupError } from "../../generated/ittybit/index.js";
import { ittybitErrorResponse, ittybitErrorTables, mockIttybitFetch } from "../../generated/ittybit/testing.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import {
  mockWillItTrackFetch,
  willItTrackErrorResponse,
  willItTrackErrorTables,
} from "../../generated/willittrack/testing.js";
import type { ErrorTables } from "../../src/tables.js";
import type { MockFetch } from "../../src/kit/mock-fetch.js";

type LooseCall = (path: string, init: object) => Promise<{ data?: unknown; error?: Record<string, unknown> }>;
type LooseClient = Record<string, LooseCall>;
type Kit = {
  readonly name: string;
  readonly tables: ErrorTables;
  readonly response: (operation: string, error: string | number, init?: object) => Response;
  readonly mock: (routes: Record<string, unknown>) => MockFetch;
  readonly client: (fetch: MockFetch, options?: object) => LooseClient;
};

const kits: Kit[] = [
  {
    name: "Ittybit",
    tables: ittybitErrorTables,
    response: ittybitErrorResponse as Kit["response"],
    mock: mockIttybitFetch as Kit["mock"],
    client: (fetch, options) =>
      createIttybitClient({ apiKey: "ittybit_test", fetch, retry: false, ...options }) as unknown as LooseClient,
  },
  {
    name: "WillItTrack",
    tables: willItTrackErrorTables,
    response: willItTrackErrorResponse as Kit["response"],
    mock: mockWillItTrackFetch as Kit["mock"],
    client: (fetch, options) =>
      createWillItTrackClient({ apiKey: "pg_live_test", fetch, retry: false, ...options }) as unknown as LooseClient,
  },
];

/** Every (operation, status, code) the kit's tables declare; an open status appears with its status as the error. */
function declared(kit: Kit): [string, string, number, string | number][] {
  return Object.entries(kit.tables.operations).flatMap(([operation, statuses]) =>
    Object.entries(statuses).flatMap(([status, { codes, open }]) => [
      ...codes.map((code) => [kit.name, operation, Number(status), code] as [string, string, number, string]),
      ...(open ? [[kit.name, operation, Number(status), Number(status)] as [string, string, number, number]] : []),
    ]),
  );
}

function call(client: LooseClient, operation: string): ReturnType<LooseCall> {
  const [method, path] = operation.split(" ") as [string, string];
  const body = method === "POST" || method === "PUT" || method === "PATCH" ? { body: {} } : {};
  return client[method]!(path, { params: { path: { id: "x1", slug: "x1" } }, ...body });
}

const byName = new Map(kits.map((k) => [k.name, k]));

describe.each(kits.map((k) => [k.name, k] as const))("%s kit through the real client", (_, kit) => {
  const cases = declared(kit);

  it("covers every code of the catalog", () => {
    const codes = new Set(cases.map(([, , , error]) => error).filter((e) => typeof e === "string"));
    expect([...codes].sort()).toEqual(Object.keys(kit.tables.catalog).sort());
  });

  it.each(cases)("%s %s %i %s", async (name, operation, status, error) => {
    const k = byName.get(name)!;
    const requestId = `req_${operation.replace(/\W+/g, "_")}_${error}`;
    const carriesId = k.tables.envelope.requestId !== undefined;
    const fetch = k.mock({
      [operation]: (request: Request) =>
        k.response(operation, error, { ...(carriesId && { requestId }), message: `${request.method} failed` }),
    });
    const { error: failure } = await call(k.client(fetch), operation);
    const statusOnly = k.tables.operations[operation]?.[String(status)]?.codes.length === 0;
    expect(failure).toMatchObject({
      reason: typeof error === "string" ? "known" : statusOnly ? "declared_status" : "unknown_code",
      status,
      [k.tables.envelope.code.at(-1)!]: typeof error === "string" ? error : "undocumented",
      requestId: carriesId ? requestId : undefined,
      retryAfterMs: status === 429 ? 1000 : undefined,
    });
    expect(failure?.message).toContain(
      `${status} ${typeof error === "string" ? error : "undocumented"}: ${operation.split(" ")[0]} failed`,
    );
  });

  it("puts one request id in the header and the body, also by default", async () => {
    for (const [, operation, , error] of cases) {
      const response = kit.response(operation, error);
      const header = response.headers.get("x-request-id");
      if (header === null) continue;
      const body = (await response.json()) as Record<string, Record<string, unknown>>;
      expect(body.error?.request_id, `${operation} ${error}`).toBe(header);
    }
  });
});

describe("mockIttybitFetch", () => {
  const client = (fetch: MockFetch, options: Parameters<typeof createIttybitClient>[0] | object = {}) =>
    createIttybitClient({ apiKey: "ittybit_test", fetch, ...options });

  it("answers successive calls from an array: a 503, then the data, is retried into a success", async () => {
    const seen: string[] = [];
    const fetch = mockIttybitFetch({
      "GET /tasks/{id}": [
        (request) => {
          seen.push(request.url);
          return 503;
        },
        (request) => {
          seen.push(request.url);
          return Response.json({ id: "task_1", status: "succeeded" });
        },
      ],
    });
    const { data, error } = await client(fetch, { retry: { initialDelayMs: 1, maxDelayMs: 1 } }).GET("/tasks/{id}", {
      params: { path: { id: "task_1" } },
    });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ id: "task_1" });
    expect(seen).toEqual(["https://api.ittybit.com/tasks/task_1", "https://api.ittybit.com/tasks/task_1"]);
  });

  it("reuses a fixed Response for every call", async () => {
    const fetch = mockIttybitFetch({ "GET /tasks": Response.json({ data: [] }) });
    expect(await (await fetch("https://api.ittybit.com/tasks")).json()).toEqual({ data: [] });
    expect(await (await fetch("https://api.ittybit.com/tasks")).json()).toEqual({ data: [] });
  });

  it("prefers a literal path to a template", async () => {
    const fetch = mockIttybitFetch({ "GET /tasks/{id}": "task_not_found", "GET /tasks": Response.json({ data: [] }) });
    expect((await fetch("https://api.ittybit.com/tasks")).status).toBe(200);
    expect((await fetch("https://api.ittybit.com/tasks/t1")).status).toBe(404);
  });

  it('fails a "network" route as a transport failure', async () => {
    const fetch = mockIttybitFetch({ "GET /tasks/{id}": "network" });
    const { error } = await client(fetch, { retry: false }).GET("/tasks/{id}", { params: { path: { id: "t1" } } });
    expect(error).toMatchObject({ reason: "transport", transport: "network" });
  });

  it('leaves a "timeout" route unanswered until the client gives up', async () => {
    const fetch = mockIttybitFetch({ "GET /tasks/{id}": "timeout" });
    const { error } = await client(fetch, { retry: false, timeoutMs: 20 }).GET("/tasks/{id}", {
      params: { path: { id: "t1" } },
    });
    expect(error).toMatchObject({ reason: "transport", transport: "timeout" });
  });

  it("rejects a request no route matches, naming the method, URL and routes; the client throws it", async () => {
    const fetch = mockIttybitFetch({ "GET /tasks": 429, "POST /tasks": "request_invalid" });
    const message =
      "mockIttybitFetch: no route for GET https://api.ittybit.com/runs/r1. Routes: GET /tasks, POST /tasks.";
    await expect(fetch("https://api.ittybit.com/runs/r1")).rejects.toThrow(new FetchSetupError(message));
    // Not a `transport` error that a test of a network failure would pass on, and not retried.
    const call = client(fetch).GET("/runs/{id}", { params: { path: { id: "r1" } } });
    await expect(call).rejects.toThrow(new FetchSetupError(message));
  });

  it("throws, through the client, what a route's own function throws", async () => {
    const fetch = mockIttybitFetch({
      "GET /tasks": () => {
        throw new Error("boom");
      },
    });
    await expect(client(fetch).GET("/tasks")).rejects.toThrow(
      new FetchSetupError("mockIttybitFetch: the route for GET /tasks failed: boom"),
    );
  });

  it.each([
    ["a JSON body that is not the envelope", { body: { message: "Too Many Requests" } }, "application/json"],
    ["a text body", { body: "Too Many Requests" }, "text/plain"],
    ["an HTML page", { body: "<html>429</html>", contentType: "text/html" }, "text/html"],
    ["the envelope", {}, "application/json"],
  ])("answers a status with no documented code with %s, which the client reports the same", async (_, init, type) => {
    const response = ittybitErrorResponse("GET /tasks", 429, init);
    expect(response.headers.get("content-type")).toBe(type);
    const fetch = mockIttybitFetch({ "GET /tasks": response });
    const { error } = await client(fetch, { retry: false }).GET("/tasks");
    expect(error).toMatchObject({ reason: "declared_status", status: 429, retryAfterMs: 1000, attempts: 1 });
  });

  it("refuses a request id for an API whose errors carry none, and a body for a documented code", () => {
    expect(() => ittybitErrorResponse("GET /tasks", "token_missing", { requestId: "r" } as never)).toThrow(
      'code "token_missing" for GET /tasks carries no request id (neither its body nor its headers)',
    );
    expect(() => ittybitErrorResponse("GET /tasks", "token_missing", { body: "x" })).toThrow(
      'init.body replaces an undocumented body only; code "token_missing" for GET /tasks is documented.',
    );
  });

  it("rejects a call beyond the answers of an array", async () => {
    const fetch = mockIttybitFetch({ "GET /tasks": [503] });
    await fetch("https://api.ittybit.com/tasks");
    await expect(fetch("https://api.ittybit.com/tasks")).rejects.toThrow(
      "GET /tasks was called 2 times, but its route has 1 answers",
    );
  });

  it("refuses an operation the API does not have", () => {
    expect(() => mockIttybitFetch({ "GET /nope": 500 } as never)).toThrow(
      'unknown operation "GET /nope". Known operations: GET /automations',
    );
  });
});

describe("mockWillItTrackFetch", () => {
  it("matches paths under the server URL's path, or under another baseUrl", async () => {
    const fetch = mockWillItTrackFetch({ "GET /checks/{slug}": "not_found" });
    expect((await fetch("https://api.willittrack.com/v1/checks/abc")).status).toBe(404);
    const local = mockWillItTrackFetch({ "GET /checks/{slug}": "not_found" }, { baseUrl: "http://127.0.0.1:8080/api" });
    expect((await local("http://127.0.0.1:8080/api/checks/abc")).status).toBe(404);
  });

  it("drives a retry after a 429 with its Retry-After", async () => {
    const fetch = mockWillItTrackFetch({
      "GET /checks/{slug}": [
        willItTrackErrorResponse("GET /checks/{slug}", "rate_limited", { retryAfterSeconds: 0 }),
        Response.json({ data: { slug: "abc" } }),
      ],
    });
    const client = createWillItTrackClient({ apiKey: "pg_live_test", fetch });
    const { data, error } = await client.GET("/checks/{slug}", { params: { path: { slug: "abc" } } });
    expect(error).toBeUndefined();
    expect(data).toEqual({ data: { slug: "abc" } });
  });
});
