// The response checker: one case per rule on hand-made tables, every catalog example of both
// APIs conforming, and random responses that never make it throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ittybitErrorEnvelope, ittybitErrors, ittybitOperationErrors } from "../../generated/ittybit/errors.js";
import {
  willItTrackErrorEnvelope,
  willItTrackErrors,
  willItTrackErrorTypes,
  willItTrackOperationErrors,
} from "../../generated/willittrack/errors.js";
import { checkResponse, type CheckedResponse, type CheckTables } from "../../src/kit/check.js";
import { buildErrorResponse, type ErrorTables } from "../../src/kit/error-response.js";

/** A WillItTrack-like API: envelope with type and request id, a range and a default declaration. */
const tables: CheckTables = {
  envelope: {
    code: ["error", "code"],
    message: ["error", "message"],
    type: ["error", "type"],
    requestId: ["error", "request_id"],
  },
  catalog: {
    not_found: { status: 404, type: "invalid_request_error" },
    rate_limited: { status: 429, type: "invalid_request_error" },
    internal_error: { status: 500, type: "api_error" },
    conflict: { status: 409, type: "invalid_request_error" },
  },
  operations: {
    "GET /things/{id}": {
      "404": { codes: ["not_found"], open: false, headers: { "X-Request-Id": { required: true } } },
      "429": {
        codes: ["rate_limited"],
        open: false,
        headers: { "Retry-After": { required: true }, "X-Request-Id": { required: true } },
      },
      "403": { codes: [], open: true, headers: { "X-Request-Id": { required: true } } },
      "5XX": { codes: ["internal_error"], open: false },
    },
    "POST /things": { default: { codes: ["internal_error"], open: true } },
  },
  errorTypes: {
    invalid_request_error: { statuses: [400, 404, 409, 429] },
    authentication_error: { statuses: [401, 403] },
    api_error: { statuses: [500, 503] },
  },
  successStatuses: { "GET /things/{id}": ["200"], "POST /things": ["201"] },
};

const body = (code: string, type: string, requestId: string | null = "req_1") => ({
  error: { code, type, message: "m", request_id: requestId },
});
const json = { "Content-Type": "application/json" };
const ok404: CheckedResponse = {
  status: 404,
  headers: { ...json, "X-Request-Id": "req_1" },
  body: body("not_found", "invalid_request_error"),
};

const cases: [string, string, CheckedResponse, string[]][] = [
  ["a declared code conforms", "GET /things/{id}", ok404, []],
  ["a declared success status conforms", "GET /things/{id}", { status: 200 }, []],
  ["a success status not declared", "GET /things/{id}", { status: 204 }, ["status-undeclared"]],
  ["success responses are checked for status only", "GET /things/{id}", { status: 200, body: "<html>" }, []],
  ["an error status not declared", "GET /things/{id}", { ...ok404, status: 418 }, ["status-undeclared"]],
  [
    "a range covers its statuses",
    "GET /things/{id}",
    { status: 503, headers: json, body: body("internal_error", "api_error") },
    [],
  ],
  [
    "default covers any status",
    "POST /things",
    { status: 418, headers: json, body: body("internal_error", "api_error") },
    [],
  ],
  ["default covers success statuses too", "POST /things", { status: 202 }, []],
  [
    "a known code on the wrong status",
    "GET /things/{id}",
    { ...ok404, body: body("conflict", "invalid_request_error") },
    ["code-undeclared"],
  ],
  [
    "a code outside the catalog",
    "GET /things/{id}",
    { ...ok404, body: body("gone_away", "invalid_request_error") },
    ["code-unknown"],
  ],
  [
    "an open status admits an undocumented code",
    "GET /things/{id}",
    { ...ok404, status: 403, body: body("undocumented", "authentication_error") },
    [],
  ],
  [
    "an open status with a type not used for it",
    "GET /things/{id}",
    { ...ok404, status: 403, body: body("undocumented", "api_error") },
    ["type-mismatch"],
  ],
  [
    "an open status does not admit a catalog code of another status",
    "GET /things/{id}",
    { ...ok404, status: 403, body: body("not_found", "invalid_request_error") },
    ["code-undeclared"],
  ],
  [
    "a type that is not the code's",
    "GET /things/{id}",
    { ...ok404, body: body("not_found", "api_error") },
    ["type-mismatch"],
  ],
  [
    "HTML instead of JSON",
    "GET /things/{id}",
    { ...ok404, headers: { "X-Request-Id": "req_1" }, body: "<html>oops</html>" },
    ["body-not-envelope"],
  ],
  [
    "a Content-Type that is not JSON",
    "GET /things/{id}",
    { ...ok404, headers: { "content-type": "text/html", "X-Request-Id": "req_1" } },
    ["body-not-envelope"],
  ],
  [
    "problem+json counts as JSON",
    "GET /things/{id}",
    { ...ok404, headers: { "content-type": "application/problem+json", "X-Request-Id": "req_1" } },
    [],
  ],
  ["an empty body", "GET /things/{id}", { ...ok404, body: "" }, ["body-not-envelope"]],
  ["JSON of another shape", "GET /things/{id}", { ...ok404, body: { message: "not found" } }, ["body-not-envelope"]],
  ["raw JSON text is parsed", "GET /things/{id}", { ...ok404, body: JSON.stringify(ok404.body) }, []],
  [
    "bytes are decoded and parsed",
    "GET /things/{id}",
    { ...ok404, body: new TextEncoder().encode(JSON.stringify(ok404.body)) },
    [],
  ],
  [
    "bytes that are not UTF-8",
    "GET /things/{id}",
    { ...ok404, body: new Uint8Array([0xff, 0xfe]) },
    ["body-not-envelope"],
  ],
  [
    "an unknown body skips the body's rules",
    "GET /things/{id}",
    { status: 404, headers: { "X-Request-Id": "req_1" } },
    [],
  ],
  [
    "a 429 without Retry-After",
    "GET /things/{id}",
    { status: 429, headers: { "X-Request-Id": "req_1" }, body: body("rate_limited", "invalid_request_error") },
    ["retry-after-missing"],
  ],
  [
    "a 429 with an unreadable Retry-After",
    "GET /things/{id}",
    {
      status: 429,
      headers: { "X-Request-Id": "req_1", "Retry-After": "soon-ish" },
      body: body("rate_limited", "invalid_request_error"),
    },
    ["retry-after-missing"],
  ],
  [
    "a 429 with seconds",
    "GET /things/{id}",
    {
      status: 429,
      headers: { "X-Request-Id": "req_1", "retry-after": "30" },
      body: body("rate_limited", "invalid_request_error"),
    },
    [],
  ],
  [
    "a 429 with an HTTP date",
    "GET /things/{id}",
    {
      status: 429,
      headers: { "X-Request-Id": "req_1", "retry-after": "Wed, 21 Oct 2026 07:28:00 GMT" },
      body: body("rate_limited", "invalid_request_error"),
    },
    [],
  ],
  [
    "an undeclared 429 still needs Retry-After",
    "POST /things",
    { status: 429, headers: json },
    ["retry-after-missing"],
  ],
  ["a required X-Request-Id missing", "GET /things/{id}", { ...ok404, headers: json }, ["request-id-missing"]],
  [
    "X-Request-Id and the body disagree",
    "GET /things/{id}",
    { ...ok404, headers: { "x-request-id": "req_2" } },
    ["request-id-mismatch"],
  ],
  [
    "a null body id is not a mismatch",
    "GET /things/{id}",
    { ...ok404, body: body("not_found", "invalid_request_error", null) },
    [],
  ],
  [
    "a Headers object is read",
    "GET /things/{id}",
    { ...ok404, headers: new Headers({ "x-request-id": "req_2" }) },
    ["request-id-mismatch"],
  ],
  ["an operation the API does not have", "GET /nope", ok404, ["operation-unknown"]],
  ["a status that is not HTTP", "GET /things/{id}", { ...ok404, status: 99 }, ["status-undeclared"]],
];

describe("checkResponse", () => {
  it.each(cases)("%s", (_name, operation, response, rules) => {
    const violations = checkResponse(tables, operation, response);
    expect(violations.map((v) => v.rule)).toEqual(rules);
    for (const v of violations) expect(v.message).toMatch(/\S{3}/);
  });

  it("names what it found in the message", () => {
    const [v] = checkResponse(tables, "GET /things/{id}", {
      ...ok404,
      body: body("conflict", "invalid_request_error"),
    });
    expect(v?.message).toBe(
      'GET /things/{id} 404: code "conflict" (status 409) is not declared for this status; it declares not_found.',
    );
    const [w] = checkResponse(tables, "GET /things/{id}", { ...ok404, body: { error: { code: 7 } } });
    expect(w?.message).toContain("no string at /error/code, /error/message, /error/type, /error/request_id");
  });
});

const apis = [
  {
    name: "ittybit",
    tables: { envelope: ittybitErrorEnvelope, catalog: ittybitErrors, operations: ittybitOperationErrors },
  },
  {
    name: "willittrack",
    tables: {
      envelope: willItTrackErrorEnvelope,
      catalog: willItTrackErrors,
      operations: willItTrackOperationErrors,
      errorTypes: willItTrackErrorTypes,
    },
  },
] as const satisfies readonly { name: string; tables: ErrorTables }[];

describe.each(apis)("every documented error of $name, as the builder makes it", ({ tables: api }) => {
  const operations: ErrorTables["operations"] = api.operations;
  const pairs = Object.entries(operations).flatMap(([operation, statuses]) =>
    Object.entries(statuses).flatMap(([status, declared]) => [
      ...declared.codes.map((code) => [operation, status, code] as const),
      ...(declared.open ? [[operation, status, Number(status)] as const] : []),
    ]),
  );

  it("covers every code", () => {
    expect(new Set(pairs.map(([, , code]) => code).filter((c) => typeof c === "string"))).toEqual(
      new Set(Object.keys(api.catalog)),
    );
  });

  it.each(pairs)("%s %s %s conforms", (operation, _status, error) => {
    // An open status has no example body to take a request id from until the tables carry the header's example.
    const response = buildErrorResponse(
      api,
      operation,
      error,
      typeof error === "number" ? { requestId: "req_open" } : {},
    );
    expect(checkResponse(api, operation, response)).toEqual([]);
    expect(checkResponse(api, operation, { ...response, body: JSON.stringify(response.body) })).toEqual([]);
  });
});

describe("any response", () => {
  const seed = 1307;
  const anyHeaders = fc.oneof(
    fc.constant(undefined),
    fc.dictionary(
      fc.constantFrom("Retry-After", "x-request-id", "content-type", "get", "X-Other"),
      fc.oneof(fc.string(), fc.array(fc.string()), fc.integer(), fc.anything()),
    ),
    fc.anything(),
  );
  const anyBody = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.uint8Array({ maxLength: 40 }),
    fc.record({
      error: fc.record(
        {
          code: fc.oneof(fc.constantFrom("not_found", "constructor", "__proto__"), fc.anything()),
          type: fc.anything(),
          message: fc.anything(),
          request_id: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    }),
  );
  const anyResponse = fc.oneof(
    fc.record(
      { status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.anything()), headers: anyHeaders, body: anyBody },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
  const anyOperation = fc.oneof(
    fc.constantFrom(...Object.keys(tables.operations), "constructor", "__proto__"),
    fc.string(),
    fc.anything(),
  );

  it(`never throws and names only known rules (fast-check seed ${seed})`, () => {
    const rules = new Set([
      "operation-unknown",
      "status-undeclared",
      "code-undeclared",
      "code-unknown",
      "body-not-envelope",
      "type-mismatch",
      "retry-after-missing",
      "request-id-missing",
      "request-id-mismatch",
    ]);
    fc.assert(
      fc.property(anyOperation, anyResponse, (operation, response) => {
        for (const api of [tables, ...apis.map((a): CheckTables => a.tables)]) {
          const violations = checkResponse(api, operation as string, response as CheckedResponse);
          for (const v of violations) expect(rules.has(v.rule) && typeof v.message === "string").toBe(true);
        }
      }),
      { seed, numRuns: 2000 },
    );
  });
});
