// Whatever the server sends (any status, any body bytes, any of the headers the client reads),
// a failed call ends in exactly one of the four reasons and never throws.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { classifyResponse, type ErrorContract } from "../../src/client/classify.js";
import { startFaultServer, type FaultServer } from "./support/fault-server.js";

const REASONS = ["known", "unknown_code", "unexpected_response", "transport"];

/** Bodies worth more than random bytes: envelopes, near-envelopes and JSON of every shape. */
const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc
    .record({ kind: fc.oneof(fc.constantFrom("task_not_found", "internal_error", "token_missing"), fc.string(), fc.integer()), message: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] })
    .map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc
    .record({ error: fc.record({ code: fc.constantFrom("not_found", "rate_limited", "new_code"), type: fc.constantFrom("invalid_request_error", "api_error", 7), message: fc.string(), request_id: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }) })
    .map((v) => new TextEncoder().encode(JSON.stringify(v))),
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/).map((s) => s.trim());
const headers = fc.record(
  {
    "content-type": fc.constantFrom("application/json", "text/html", "text/plain; charset=utf-8", "application/problem+json"),
    "retry-after": fc.oneof(headerValue, fc.nat({ max: 100_000 }).map(String), fc.date({ noInvalidDate: true }).map((d) => d.toUTCString())),
    "x-request-id": headerValue,
  },
  { requiredKeys: [] },
);
// Statuses fetch can hand back: 2xx (whose body may fail to parse), 3xx without Location, 4xx, 5xx.
const status = fc.oneof(fc.integer({ min: 200, max: 599 }), fc.constantFrom(400, 404, 429, 500, 502, 503));

describe("any response", () => {
  let server: FaultServer;
  let reply: { status: number; body: Uint8Array; headers: Record<string, string> };
  beforeAll(async () => {
    server = await startFaultServer();
    const route = (res: import("node:http").ServerResponse) => res.writeHead(reply.status, reply.headers).end(reply.body);
    server.routes.set("GET /tasks/any", route);
    server.routes.set("GET /checks/any", route);
  });
  afterAll(() => server.close());

  it("ends in one of the four reasons, without throwing", async () => {
    const ittybit = createIttybitClient({ apiKey: "ittybit_test", baseUrl: server.url, retry: false });
    const willittrack = createWillItTrackClient({ baseUrl: server.url, retry: false });
    await fc.assert(
      fc.asyncProperty(status, bodyBytes, headers, fc.boolean(), async (s, body, h, useIttybit) => {
        reply = { status: s, body, headers: h };
        const { error, response } = useIttybit
          ? await ittybit.GET("/tasks/{id}", { params: { path: { id: "any" } } })
          : await willittrack.GET("/checks/{slug}", { params: { path: { slug: "any" } } });
        if (response?.ok && !error) return;
        expect(REASONS).toContain(error?.reason);
        expect(error?.status).toBe(error?.reason === "transport" ? undefined : s);
        expect(typeof error?.message).toBe("string");
        const retryAfterMs = error?.retryAfterMs;
        expect(retryAfterMs === undefined || (Number.isFinite(retryAfterMs) && retryAfterMs >= 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

describe("classifyResponse", () => {
  const contract: ErrorContract = {
    api: "test",
    envelope: { code: ["error", "code"], type: ["error", "type"], message: ["error", "message"], requestId: ["error", "request_id"] },
    fields: { code: "code", type: "type" },
    catalog: { not_found: { code: "not_found", type: "invalid_request_error" } },
    operations: { "GET /x": { 404: { codes: ["not_found"] }, 403: { codes: [] } } },
  };

  it("returns one reason for any status, any JSON value or text, and any headers", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 999 }), fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined)), headers, (s, body, h) => {
        const failure = classifyResponse(contract, "GET /x", { status: s, headers: new Headers(h) } as Response, body, "https://docs.test/");
        expect(REASONS).toContain(failure.reason);
        if (failure.reason === "known") expect(failure).toMatchObject({ status: 404, code: "not_found", type: "invalid_request_error" });
        if (failure.reason === "unknown_code") expect([403, 404]).toContain(failure.status);
      }),
      { numRuns: 2000 },
    );
  });
});
