// Every code of both catalogs, requested from Prism (serving the bundled specs) through the real
// clients with `Prefer: code=<status>, example=<code>`, arrives as its typed error.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createIttybitClient, ittybitErrors, ittybitOperationErrors } from "../../generated/ittybit/index.js";
import {
  createWillItTrackClient,
  willItTrackErrors,
  willItTrackOperationErrors,
  willItTrackErrorDocsUrl,
} from "../../generated/willittrack/index.js";
import { startMock, type RunningMock } from "../../scripts/mock/prism.js";
import { errorAnchor } from "../../src/docs-anchor.js";
import { willItTrackErrorTables } from "../../generated/willittrack/testing.js";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import { BODIES, CONNECTION } from "../support/request-bodies.js";

type OperationTable = Record<string, Record<string, { readonly codes: readonly string[] }>>;
type LooseCall = (
  path: string,
  init: object,
) => Promise<{ error?: Record<string, unknown> & { message: string }; data?: unknown }>;

/** The first operation (in spec order) that declares `code`, and the status it declares it under. */
function operationFor(table: OperationTable, code: string): { method: string; path: string; status: number } {
  for (const [operation, statuses] of Object.entries(table)) {
    for (const [status, { codes }] of Object.entries(statuses)) {
      if (codes.includes(code)) {
        const [method, path] = operation.split(" ") as [string, string];
        return { method, path, status: Number(status) };
      }
    }
  }
  throw new Error(`No operation declares ${code}`);
}

function request(client: object, operation: { method: string; path: string }, prefer: string): ReturnType<LooseCall> {
  const call = (client as Record<string, LooseCall>)[operation.method]!;
  const body = BODIES[`${operation.method} ${operation.path}`];
  return call(operation.path, {
    params: { path: { id: "x1", slug: "x1" } },
    headers: { Prefer: prefer },
    ...(body === undefined ? {} : { body }),
  });
}

let ittybit: RunningMock;
let willittrack: RunningMock;
beforeAll(async () => {
  [ittybit, willittrack] = await Promise.all([startMock("ittybit"), startMock("willittrack")]);
});
afterAll(async () => {
  await Promise.all([ittybit?.stop(), willittrack?.stop()]);
});

describe("every documented error, from Prism", () => {
  it.each(Object.values(ittybitErrors).map((e) => [e.code, e] as const))("Ittybit %s", async (code, entry) => {
    const client = createIttybitClient({
      apiKey: "ittybit_test",
      baseUrl: ittybit.url,
      retry: false,
      docsBaseUrl: "https://docs.test/",
    });
    const operation = operationFor(ittybitOperationErrors, code);
    const { error } = await request(client, operation, `code=${operation.status}, example=${code}`);
    expect(error).toMatchObject({
      reason: "known",
      status: entry.status,
      kind: code,
      requestId: undefined,
      docsUrl: `https://docs.test/ittybit.html#${errorAnchor(code)}`,
    });
    expect(error?.message).toContain(`${entry.status} ${code}: ${entry.example.message}`);
  });

  it.each(Object.values(willItTrackErrors).map((e) => [e.code, e] as const))("WillItTrack %s", async (code, entry) => {
    const client = createWillItTrackClient({ apiKey: "pg_live_test", baseUrl: willittrack.url, retry: false });
    const operation = operationFor(willItTrackOperationErrors, code);
    const { error } = await request(client, operation, `code=${operation.status}, example=${code}`);
    // The mock's examples come from the kit's builder: one request id in the body and the header.
    const built = buildErrorResponse(willItTrackErrorTables, `${operation.method} ${operation.path}`, code);
    const requestId = (built.body as typeof entry.example).error.request_id;
    expect(error).toMatchObject({ reason: "known", status: entry.status, code, type: entry.type, requestId });
    expect(error?.message).toContain(`(request id ${requestId})`);
    expect(error?.docsUrl).toBe(willItTrackErrorDocsUrl);
  });

  it("a status declared with no code is declared_status, with its Retry-After", async () => {
    const client = createIttybitClient({ apiKey: "ittybit_test", baseUrl: ittybit.url, retry: false });
    const { error } = await client.GET("/tasks", { headers: { Prefer: "code=429" } });
    expect(error).toMatchObject({
      reason: "declared_status",
      status: 429,
      kind: "undocumented",
      retryAfterMs: 30_000,
      docsUrl: undefined,
    });
  });

  it("a WillItTrack 403 (no documented code) is declared_status with the request id", async () => {
    const client = createWillItTrackClient({ apiKey: "pg_live_test", baseUrl: willittrack.url, retry: false });
    const { error } = await client.GET("/keys", { headers: { Prefer: "code=403" } });
    expect(error).toMatchObject({
      reason: "declared_status",
      status: 403,
      code: "undocumented",
      type: "authentication_error",
      requestId: "req_550e8400-e29b-41d4-a716",
    });
  });

  it("success still returns typed data", async () => {
    const client = createWillItTrackClient({ baseUrl: willittrack.url });
    const { data, error } = await client.GET("/checks/{slug}", { params: { path: { slug: "abc123" } } });
    expect(error).toBeUndefined();
    expect(data?.data.slug).toBe("abc123");
  });
});

// The calls and open statuses the specs added: typed data, and a status declared with no code
// kept as `declared_status`, not `unexpected_response`.
describe("Ittybit connections and keys through the client", () => {
  const client = () => createIttybitClient({ apiKey: "ittybit_test", baseUrl: ittybit?.url, retry: false });

  it("creates a connection and gets it back without its secret", async () => {
    const { data, error } = await client().POST("/connections", {
      body: CONNECTION,
      headers: { Prefer: "code=201" },
    });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ object: "storage_connection", kind: "s3" });
    expect(data).not.toHaveProperty("secret_access_key");
    expectTypeOf(data!).not.toHaveProperty("secret_access_key");
  });

  it("keeps a missing connection's 404 as declared_status: no kind is documented for it", async () => {
    const { error } = await client().GET("/connections/{id}", {
      params: { path: { id: "con_x" } },
      headers: { Prefer: "code=404" },
    });
    expect(error).toMatchObject({ reason: "declared_status", status: 404, kind: "undocumented" });
  });

  it("keeps a list's 400 as declared_status, and a key's 401 as its documented kind", async () => {
    const list = await client().GET("/keys", { params: { query: { limit: 10 } }, headers: { Prefer: "code=400" } });
    expect(list.error).toMatchObject({ reason: "declared_status", status: 400 });
    const revoke = await client().DELETE("/keys/{id}", {
      params: { path: { id: "key_x" } },
      headers: { Prefer: "code=401, example=token_missing" },
    });
    expect(revoke.error).toMatchObject({ reason: "known", status: 401, kind: "token_missing" });
  });
});

describe("WillItTrack's 401 through the client", () => {
  it("keeps an undocumented code (a missing key) as unknown_code, and a documented one as known", async () => {
    const client = createWillItTrackClient({ apiKey: "pg_live_test", baseUrl: willittrack.url, retry: false });
    const missing = await client.GET("/keys", { headers: { Prefer: "code=401, example=WillItTrackError" } });
    expect(missing.error).toMatchObject({ reason: "unknown_code", status: 401, code: "undocumented" });
    const invalid = await client.GET("/keys", { headers: { Prefer: "code=401, example=invalid_api_key" } });
    expect(invalid.error).toMatchObject({ reason: "known", status: 401, code: "invalid_api_key" });
  });
});
