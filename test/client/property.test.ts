// Whatever the server sends (any status, any body bytes, any of the headers the client reads),
// a failed call ends in the reason an oracle written apart from the client expects, and never
// throws. The seeds are fixed and in the test titles: a failure replays with the same inputs.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIttybitClient } from "../../generated/ittybit/index.js";
import { ittybitOperationErrors } from "../../generated/ittybit/errors.js";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { willItTrackErrors, willItTrackOperationErrors } from "../../generated/willittrack/errors.js";
import { classifyResponse, type ErrorContract } from "../../src/client/classify.js";
import { startFaultServer, type FaultServer } from "./support/fault-server.js";

const SEEDS = { client: 20_251_204, classify: 4_242 };

// ---- The oracle: what the reason must be, from the status and the body alone. ----

type Reason = "known" | "unknown_code" | "declared_status" | "unexpected_response";
interface Envelope {
  readonly code: string;
  readonly type?: string;
  readonly requestId?: string | null;
}
interface Oracle {
  /** The envelope's fields, when the body has its shape. */
  readonly envelope: (body: unknown) => Envelope | undefined;
  /** The statuses the operation declares, each with its codes. */
  readonly statuses: { readonly [status: number]: readonly string[] };
  /** The type each code has in the catalog (none for an envelope without types). */
  readonly types: { readonly [code: string]: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const flatEnvelope = (body: unknown): Envelope | undefined =>
  isObject(body) && typeof body.kind === "string" && typeof body.message === "string" ? { code: body.kind } : undefined;
function nestedEnvelope(body: unknown): Envelope | undefined {
  const e = isObject(body) ? body.error : undefined;
  if (!isObject(e) || typeof e.code !== "string" || typeof e.message !== "string") return undefined;
  if (typeof e.type !== "string") return undefined;
  if (!(typeof e.request_id === "string" || e.request_id === null)) return undefined;
  return { code: e.code, type: e.type, requestId: e.request_id };
}

function expectedReason(oracle: Oracle, status: number, body: unknown): { reason: Reason; code?: string | undefined } {
  const envelope = oracle.envelope(body);
  const codes = oracle.statuses[status];
  // A status declared with no code is the signal itself, whatever the body.
  if (codes?.length === 0) return { reason: "declared_status", code: envelope?.code };
  if (!codes || !envelope) return { reason: "unexpected_response", code: envelope?.code };
  const known = codes.includes(envelope.code) && oracle.types[envelope.code] === envelope.type;
  return { reason: known ? "known" : "unknown_code", code: envelope.code };
}

// The two operations the fuzzer calls, as their specs declare them (checked against the catalog below).
const ITTYBIT: Oracle = {
  envelope: flatEnvelope,
  statuses: {
    401: ["token_missing", "token_invalid"],
    403: ["project_required"],
    404: ["task_not_found"],
    408: [],
    429: [],
    500: ["internal_error"],
    502: [],
    503: [],
  },
  types: {},
};
const WILLITTRACK: Oracle = {
  envelope: nestedEnvelope,
  statuses: {
    401: ["invalid_api_key", "invalid_credentials"],
    404: ["not_found"],
    429: ["rate_limited"],
    500: ["internal_error"],
  },
  types: {
    invalid_api_key: "authentication_error",
    invalid_credentials: "authentication_error",
    not_found: "invalid_request_error",
    rate_limited: "invalid_request_error",
    internal_error: "api_error",
  },
};

/** A WillItTrack body with `not_found`; `request_id` left out when not given. */
const wit = (type: string, requestId?: null) =>
  ({ error: { code: "not_found", type, message: "", ...(requestId === null && { request_id: null }) } }) as const;

describe("the oracle's tables", () => {
  const table = (operation: { readonly [status: string]: { readonly codes: readonly string[] } }) =>
    Object.fromEntries(Object.entries(operation).map(([status, { codes }]) => [status, [...codes]]));
  it("are the specs' (update them with the specs)", () => {
    expect(table(ittybitOperationErrors["GET /tasks/{id}"])).toEqual(ITTYBIT.statuses);
    expect(table(willItTrackOperationErrors["GET /checks/{slug}"])).toEqual(WILLITTRACK.statuses);
    for (const [code, type] of Object.entries(WILLITTRACK.types)) {
      expect(willItTrackErrors[code as "not_found"].type).toBe(type);
    }
  });

  it.each([
    [ITTYBIT, 404, { kind: "task_not_found", message: "m" }, "known"],
    [ITTYBIT, 404, { kind: "internal_error", message: "m" }, "unknown_code"],
    [ITTYBIT, 429, { kind: "rate_limited", message: "m" }, "declared_status"],
    [ITTYBIT, 429, "Too Many Requests", "declared_status"],
    [ITTYBIT, 418, { kind: "task_not_found", message: "m" }, "unexpected_response"],
    [ITTYBIT, 404, { kind: "task_not_found" }, "unexpected_response"],
    [WILLITTRACK, 404, wit("invalid_request_error", null), "known"],
    [WILLITTRACK, 404, wit("api_error", null), "unknown_code"],
    [WILLITTRACK, 404, wit("invalid_request_error"), "unexpected_response"],
  ] as const)("%# → $3", (oracle, status, body, reason) => {
    expect(expectedReason(oracle, status, body).reason).toBe(reason);
  });
});

// ---- The inputs. ----

const ittybitCode = fc.oneof(
  fc.constantFrom("task_not_found", "internal_error", "token_missing", "project_required"),
  fc.string(),
);
const ittybitBody = fc.oneof(
  fc.record({ kind: ittybitCode, message: fc.string() }),
  fc.record(
    { kind: fc.oneof(ittybitCode, fc.integer()), message: fc.oneof(fc.string(), fc.constant(null)) },
    { requiredKeys: [] },
  ),
);
const willItTrackError = {
  code: fc.constantFrom("not_found", "rate_limited", "invalid_api_key", "internal_error", "new_code"),
  type: fc.constantFrom("invalid_request_error", "authentication_error", "api_error"),
  message: fc.string(),
  request_id: fc.oneof(fc.string(), fc.constant(null)),
};
const willItTrackBody = fc.oneof(
  fc.record({ error: fc.record(willItTrackError) }),
  fc.record({ error: fc.record({ ...willItTrackError, type: fc.constantFrom("api_error", 7) }, { requiredKeys: [] }) }),
);
const encode = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
/** Bodies worth more than random bytes: envelopes, near-envelopes and JSON of every shape. */
const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.jsonValue().map(encode),
  { arbitrary: ittybitBody.map(encode), weight: 2 },
  { arbitrary: willItTrackBody.map(encode), weight: 2 },
);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/).map((s) => s.trim());
const headers = fc.record(
  {
    "content-type": fc.constantFrom(
      "application/json",
      "text/html",
      "text/plain; charset=utf-8",
      "application/problem+json",
    ),
    "retry-after": fc.oneof(
      headerValue,
      fc.nat({ max: 100_000 }).map(String),
      fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    ),
    "x-request-id": headerValue,
  },
  { requiredKeys: [] },
);
// Statuses fetch can hand back: 2xx (whose body may fail to parse), 3xx without Location, 4xx, 5xx.
// The statuses the two operations declare come up more often than the rest.
const status = fc.oneof(fc.integer({ min: 200, max: 599 }), {
  arbitrary: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503),
  weight: 3,
});

/** A status with a body each operation declares for it, so that every code comes up as a known one too. */
const declared = fc.constantFrom(
  ...Object.entries(ITTYBIT.statuses).flatMap(([s, codes]) =>
    codes.map((kind) => [Number(s), encode({ kind, message: "m" })] as const),
  ),
  ...Object.entries(WILLITTRACK.statuses).flatMap(([s, codes]) =>
    codes.map((code) => {
      const error = { code, type: WILLITTRACK.types[code], message: "m", request_id: "req_1" };
      return [Number(s), encode({ error })] as const;
    }),
  ),
);
const reply = fc.oneof({ arbitrary: fc.tuple(status, bodyBytes), weight: 3 }, declared);

/** The body as the client reads it: none for the statuses that have none, else the text, parsed when it is JSON. */
function bodyOf(status: number, bytes: Uint8Array): { text: string; parsed: unknown } {
  const text = [204, 205, 304].includes(status) ? "" : new TextDecoder().decode(bytes);
  try {
    return { text, parsed: JSON.parse(text) };
  } catch {
    return { text, parsed: text };
  }
}

describe("any response", () => {
  let server: FaultServer;
  let next: { status: number; body: Uint8Array; headers: Record<string, string> };
  beforeAll(async () => {
    server = await startFaultServer();
    const route = (res: import("node:http").ServerResponse) => res.writeHead(next.status, next.headers).end(next.body);
    server.routes.set("GET /tasks/any", route);
    server.routes.set("GET /checks/any", route);
  });
  afterAll(() => server.close());

  it(`ends in the reason the oracle expects, without throwing (seed ${SEEDS.client})`, async () => {
    const ittybit = createIttybitClient({ apiKey: "ittybit_test", baseUrl: server.url, retry: false });
    const willittrack = createWillItTrackClient({ baseUrl: server.url, retry: false });
    await fc.assert(
      fc.asyncProperty(reply, headers, fc.boolean(), async ([s, bytes], h, useIttybit) => {
        next = { status: s, body: bytes, headers: h };
        const { error, response } = useIttybit
          ? await ittybit.GET("/tasks/{id}", { params: { path: { id: "any" } } })
          : await willittrack.GET("/checks/{slug}", { params: { path: { slug: "any" } } });
        // Fetch turns a 407 (proxy authentication) into a network error (Fetch standard, HTTP-network-or-cache fetch).
        if (s === 407) {
          expect(error).toMatchObject({ reason: "transport", transport: "network", status: undefined });
          return;
        }
        const { text, parsed } = bodyOf(s, bytes);
        // A 2xx succeeds when its body is empty or JSON; any other 2xx body is not what the API sends.
        if (s < 300 && (text === "" || parsed !== text)) {
          expect(error).toBeUndefined();
          return;
        }
        const oracle = useIttybit ? ITTYBIT : WILLITTRACK;
        const expected = s < 300 ? { reason: "unexpected_response" as const } : expectedReason(oracle, s, parsed);
        const codeField = useIttybit ? "kind" : "code";
        expect(error).toMatchObject({ reason: expected.reason, status: s, [codeField]: expected.code });
        expect(response?.status).toBe(s);
        const requestId = s < 300 ? undefined : (oracle.envelope(parsed)?.requestId ?? h["x-request-id"]);
        if (s >= 300) expect(error?.requestId).toBe(requestId);
        expect(typeof error?.message).toBe("string");
        const retryAfterMs = error?.retryAfterMs;
        expect(retryAfterMs === undefined || (Number.isFinite(retryAfterMs) && retryAfterMs >= 0)).toBe(true);
      }),
      { numRuns: 150, seed: SEEDS.client },
    );
  });
});

describe("classifyResponse", () => {
  const contract: ErrorContract = {
    api: "test",
    envelope: {
      code: ["error", "code"],
      type: ["error", "type"],
      message: ["error", "message"],
      requestId: ["error", "request_id"],
    },
    fields: { code: "code", type: "type" },
    catalog: { not_found: { type: "invalid_request_error" } },
    operations: { "GET /x": { 404: { codes: ["not_found"] }, 403: { codes: [] } } },
  };
  const oracle: Oracle = {
    envelope: nestedEnvelope,
    statuses: { 404: ["not_found"], 403: [] },
    types: { not_found: "invalid_request_error" },
  };
  const body = fc.oneof(fc.jsonValue(), fc.string(), fc.constant(undefined), willItTrackBody);

  it(`returns the reason the oracle expects for any status, body and headers (seed ${SEEDS.classify})`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 100, max: 999 }), fc.constantFrom(403, 404)), body, headers, (s, b, h) => {
        const response = { status: s, headers: new Headers(h) } as Response;
        const failure = classifyResponse(contract, "GET /x", response, b, { baseUrl: "https://docs.test/" });
        const expected = expectedReason(oracle, s, b);
        expect(failure).toMatchObject({ reason: expected.reason, status: s, code: expected.code });
      }),
      { numRuns: 2000, seed: SEEDS.classify },
    );
  });
});
