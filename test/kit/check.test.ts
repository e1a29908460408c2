// The response checker: one case per rule and message on hand-made tables, every catalog example of both
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
import {
  type CheckedResponse,
  type CheckTables,
  checkResponse,
  inspectResponse,
  type Rule,
} from "../../src/kit/check.js";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import type { ErrorTables } from "../../src/tables.js";

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
    legacy: { status: 409 },
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
    "DELETE /things/{id}": {
      "409": { codes: ["conflict", "legacy"], open: false, headers: { "x-request-id": { required: false } } },
    },
  },
  errorTypes: {
    invalid_request_error: { statuses: [400, 404, 409, 429] },
    authentication_error: { statuses: [401, 403] },
    permission_error: { statuses: [403] },
    api_error: { statuses: [500, 503] },
  },
  successStatuses: { "GET /things/{id}": ["200", "206"], "POST /things": ["201"], "DELETE /things/{id}": [] },
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

const GET = "GET /things/{id}";
const DELETE = "DELETE /things/{id}";
/** The violations a case expects, rule and exact message. */
type Expected = [Rule, string][];
const allFields = "/error/code, /error/message, /error/type, /error/request_id";

const cases: [string, string, CheckedResponse, Expected][] = [
  ["a declared code conforms", GET, ok404, []],
  ["a declared success status conforms", GET, { status: 200 }, []],
  [
    "a success status not declared",
    GET,
    { status: 204 },
    [["status-undeclared", `${GET} does not declare status 204 (its success statuses: 200, 206).`]],
  ],
  ["success responses are checked for status only", GET, { status: 200, body: "<html>" }, []],
  [
    "an error status not declared",
    GET,
    { ...ok404, status: 418 },
    [["status-undeclared", `${GET} does not declare status 418 (it declares 403, 404, 429, 5XX).`]],
  ],
  ["a range covers its statuses", GET, { status: 503, headers: json, body: body("internal_error", "api_error") }, []],
  [
    "default covers any status",
    "POST /things",
    { status: 418, headers: json, body: body("internal_error", "api_error") },
    [],
  ],
  ["default covers success statuses too", "POST /things", { status: 202 }, []],
  [
    "a known code on the wrong status",
    GET,
    { ...ok404, body: body("conflict", "invalid_request_error") },
    [
      [
        "code-undeclared",
        `${GET} 404: code "conflict" (status 409) is not declared for this status; it declares not_found.`,
      ],
    ],
  ],
  [
    "a code outside the catalog",
    GET,
    { ...ok404, body: body("gone_away", "invalid_request_error") },
    [["code-unknown", `${GET} 404: code "gone_away" is not in the catalog and the status admits only not_found.`]],
  ],
  [
    "an open status admits an undocumented code",
    GET,
    { ...ok404, status: 403, body: body("undocumented", "authentication_error") },
    [],
  ],
  [
    "an open status with a type not used for it",
    GET,
    { ...ok404, status: 403, body: body("undocumented", "api_error") },
    [
      [
        "type-mismatch",
        `${GET} 403: type "api_error" is not used with status 403 (authentication_error, permission_error).`,
      ],
    ],
  ],
  [
    "an open status does not admit a catalog code of another status",
    GET,
    { ...ok404, status: 403, body: body("not_found", "invalid_request_error") },
    [
      [
        "code-undeclared",
        `${GET} 403: code "not_found" (status 404) is not declared for this status; it declares no catalog code.`,
      ],
    ],
  ],
  [
    "a type that is not the code's",
    GET,
    { ...ok404, body: body("not_found", "api_error") },
    [["type-mismatch", `${GET} 404: code "not_found" has type "invalid_request_error", not "api_error".`]],
  ],
  [
    "HTML instead of JSON",
    GET,
    { ...ok404, headers: { "X-Request-Id": "req_1" }, body: "<html>oops</html>" },
    [["body-not-envelope", `${GET} 404: the body is not JSON (it starts "<html>oops</html>").`]],
  ],
  [
    "a Content-Type that is not JSON",
    GET,
    { ...ok404, headers: { "content-type": "text/html", "X-Request-Id": "req_1" } },
    [["body-not-envelope", `${GET} 404 has Content-Type "text/html", not JSON.`]],
  ],
  [
    "problem+json counts as JSON",
    GET,
    { ...ok404, headers: { "content-type": "application/problem+json", "X-Request-Id": "req_1" } },
    [],
  ],
  ["an empty body", GET, { ...ok404, body: "" }, [["body-not-envelope", `${GET} 404: the body is empty.`]]],
  [
    "JSON of another shape",
    GET,
    { ...ok404, body: { message: "not found" } },
    [["body-not-envelope", `${GET} 404: the body is not the error envelope (no string at ${allFields}).`]],
  ],
  ["raw JSON text is parsed", GET, { ...ok404, body: JSON.stringify(ok404.body) }, []],
  ["bytes are decoded and parsed", GET, { ...ok404, body: new TextEncoder().encode(JSON.stringify(ok404.body)) }, []],
  [
    "bytes that are not UTF-8",
    GET,
    { ...ok404, body: new Uint8Array([0xff, 0xfe]) },
    [["body-not-envelope", `${GET} 404: the body is not UTF-8 text.`]],
  ],
  ["an unknown body skips the body's rules", GET, { status: 404, headers: { "X-Request-Id": "req_1" } }, []],
  [
    "a 429 without Retry-After",
    GET,
    { status: 429, headers: { "X-Request-Id": "req_1" }, body: body("rate_limited", "invalid_request_error") },
    [["retry-after-missing", `${GET} 429 has no Retry-After header.`]],
  ],
  [
    "a 429 with an unreadable Retry-After",
    GET,
    {
      status: 429,
      headers: { "X-Request-Id": "req_1", "Retry-After": "soon-ish" },
      body: body("rate_limited", "invalid_request_error"),
    },
    [["retry-after-missing", `${GET} 429 has Retry-After "soon-ish", which is neither seconds nor an HTTP date.`]],
  ],
  [
    "a 429 with seconds",
    GET,
    {
      status: 429,
      headers: { "X-Request-Id": "req_1", "retry-after": "30" },
      body: body("rate_limited", "invalid_request_error"),
    },
    [],
  ],
  [
    "a 429 with an HTTP date",
    GET,
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
    [["retry-after-missing", "POST /things 429 has no Retry-After header."]],
  ],
  [
    "a required X-Request-Id missing",
    GET,
    { ...ok404, headers: json },
    [["request-id-missing", `${GET} 404 has no X-Request-Id header, which the spec requires.`]],
  ],
  [
    "X-Request-Id and the body disagree",
    GET,
    { ...ok404, headers: { "x-request-id": "req_2" } },
    [["request-id-mismatch", `${GET} 404: X-Request-Id is "req_2" but the body's is "req_1".`]],
  ],
  ["a null body id is not a mismatch", GET, { ...ok404, body: body("not_found", "invalid_request_error", null) }, []],
  [
    "a Headers object is read",
    GET,
    { ...ok404, headers: new Headers({ "x-request-id": "req_2" }) },
    [["request-id-mismatch", `${GET} 404: X-Request-Id is "req_2" but the body's is "req_1".`]],
  ],
  [
    "an operation the API does not have",
    "GET /nope",
    ok404,
    [["operation-unknown", `"GET /nope" is not an operation of this API (${GET}, POST /things, DELETE /things/{id}).`]],
  ],
  [
    "a status that is not HTTP",
    GET,
    { ...ok404, status: 99 },
    [["status-undeclared", `${GET}: 99 is not an HTTP status.`]],
  ],
  [
    "an Object.prototype name is not an operation",
    "constructor",
    ok404,
    [
      [
        "operation-unknown",
        `"constructor" is not an operation of this API (${GET}, POST /things, DELETE /things/{id}).`,
      ],
    ],
  ],
  [
    "an operation name that is not a string",
    [GET] as unknown as string,
    ok404,
    [["operation-unknown", `"${GET}" is not an operation of this API (${GET}, POST /things, DELETE /things/{id}).`]],
  ],
  [
    "100 is the lowest status",
    GET,
    { status: 100 },
    [["status-undeclared", `${GET} does not declare status 100 (its success statuses: 200, 206).`]],
  ],
  ["599 is the highest status", GET, { status: 599, headers: json, body: body("internal_error", "api_error") }, []],
  ["a status above 599", GET, { ...ok404, status: 600 }, [["status-undeclared", `${GET}: 600 is not an HTTP status.`]]],
  [
    "a status that is not an integer",
    GET,
    { ...ok404, status: 404.5 },
    [["status-undeclared", `${GET}: 404.5 is not an HTTP status.`]],
  ],
  [
    "no status",
    GET,
    { headers: json } as unknown as CheckedResponse,
    [["status-undeclared", `${GET}: no status is not an HTTP status.`]],
  ],
  [
    "400 is an error status",
    GET,
    { status: 400 },
    [["status-undeclared", `${GET} does not declare status 400 (it declares 403, 404, 429, 5XX).`]],
  ],
  [
    "an operation with no success status",
    "DELETE /things/{id}",
    { status: 204 },
    [["status-undeclared", "DELETE /things/{id} does not declare status 204 (its success statuses: none)."]],
  ],
  [
    "a JSONP Content-Type",
    GET,
    { ...ok404, headers: { ...ok404.headers, "Content-Type": "application/jsonp" } },
    [["body-not-envelope", `${GET} 404 has Content-Type "application/jsonp", not JSON.`]],
  ],
  [
    "a Content-Type that only contains application/json",
    GET,
    { ...ok404, headers: { ...ok404.headers, "Content-Type": "text/application/json" } },
    [["body-not-envelope", `${GET} 404 has Content-Type "text/application/json", not JSON.`]],
  ],
  [
    "a JSON Content-Type in any case, with a space before its parameters",
    GET,
    { ...ok404, headers: { ...ok404.headers, "Content-Type": "Application/JSON ; charset=utf-8" } },
    [],
  ],
  [
    "an undeclared status with a code outside the catalog",
    GET,
    { status: 400, headers: json, body: body("gone_away", "invalid_request_error") },
    [
      ["status-undeclared", `${GET} does not declare status 400 (it declares 403, 404, 429, 5XX).`],
      ["code-unknown", `${GET} 400: code "gone_away" is not in the catalog.`],
    ],
  ],
  [
    "an optional X-Request-Id missing while the body has an id",
    "DELETE /things/{id}",
    { status: 409, headers: json, body: body("conflict", "invalid_request_error") },
    [["request-id-missing", 'DELETE /things/{id} 409: the body has request id "req_1" but no X-Request-Id header.']],
  ],
  [
    "an optional X-Request-Id missing with a null body id",
    "DELETE /things/{id}",
    { status: 409, headers: json, body: body("conflict", "invalid_request_error", null) },
    [],
  ],
  [
    "a code outside the catalog on a status that declares several",
    "DELETE /things/{id}",
    { status: 409, headers: json, body: body("gone_away", "invalid_request_error", null) },
    [
      [
        "code-unknown",
        `${DELETE} 409: code "gone_away" is not in the catalog and the status admits only conflict, legacy.`,
      ],
    ],
  ],
  [
    "a catalog code of another status on a status that declares several",
    "DELETE /things/{id}",
    { status: 409, headers: json, body: body("not_found", "invalid_request_error", null) },
    [
      [
        "code-undeclared",
        `${DELETE} 409: code "not_found" (status 404) is not declared for this status; it declares conflict, legacy.`,
      ],
    ],
  ],
  [
    "a catalog code without a type admits any type",
    "DELETE /things/{id}",
    { status: 409, headers: { ...json, "X-Request-Id": "req_1" }, body: body("legacy", "anything") },
    [],
  ],
  [
    "an open status that no error type lists",
    "POST /things",
    { status: 418, headers: json, body: body("teapot", "invalid_request_error") },
    [["type-mismatch", 'POST /things 418: type "invalid_request_error" is not used with status 418 (no type is).']],
  ],
  ["a body of whitespace", GET, { ...ok404, body: " \n\t" }, [["body-not-envelope", `${GET} 404: the body is empty.`]]],
  [
    "a long body that is not JSON shows its first 40 characters",
    GET,
    { ...ok404, body: `Service Unavailable: ${"x".repeat(40)}` },
    [["body-not-envelope", `${GET} 404: the body is not JSON (it starts "Service Unavailable: xxxxxxxxxxxxxxxxxxx").`]],
  ],
  [
    "a null where the envelope has an object",
    GET,
    { ...ok404, body: { error: null } },
    [["body-not-envelope", `${GET} 404: the body is not the error envelope (no string at ${allFields}).`]],
  ],
  [
    "a string where the envelope has an object",
    GET,
    { ...ok404, body: { error: "not found" } },
    [["body-not-envelope", `${GET} 404: the body is not the error envelope (no string at ${allFields}).`]],
  ],
  [
    "a null request id is not a missing field",
    GET,
    { ...ok404, body: { error: { code: 7, message: "m", type: null, request_id: null } } },
    [["body-not-envelope", `${GET} 404: the body is not the error envelope (no string at /error/code, /error/type).`]],
  ],
  [
    "only the missing fields are named",
    GET,
    { ...ok404, body: { error: { code: "not_found", message: "m", request_id: 7 } } },
    [
      [
        "body-not-envelope",
        `${GET} 404: the body is not the error envelope (no string at /error/type, /error/request_id).`,
      ],
    ],
  ],
];

describe("checkResponse", () => {
  it.each(cases)("%s", (_name, operation, response, expected) => {
    const violations = checkResponse(tables, operation, response);
    expect(violations.map((v) => [v.rule, v.message])).toEqual(expected);
  });

  it("takes any type for an undocumented code when the tables list no error types", () => {
    const { errorTypes: _, ...untyped } = tables;
    const response = { ...ok404, status: 403, body: body("undocumented", "made_up_error") };
    expect(checkResponse(untyped, GET, response)).toEqual([]);
  });

  it("checks no type when the envelope has none, even where the tables list error types", () => {
    const { type: _, ...envelope } = tables.envelope;
    const response = {
      ...ok404,
      status: 403,
      body: { error: { code: "undocumented", message: "m", request_id: "req_1" } },
    };
    expect(checkResponse({ ...tables, envelope }, GET, response)).toEqual([]);
  });

  it("reads undefined entries in the tables as absent", () => {
    // What a JavaScript caller's spread of optional facts leaves; the checker must not throw on it.
    const holes = {
      ...tables,
      operations: {
        [GET]: {
          "403": { codes: [], open: true, headers: { "Retry-After": undefined, "X-Request-Id": undefined } },
        },
      },
      errorTypes: { ghost: undefined, partial: {}, authentication_error: { statuses: [403] } },
    } as unknown as CheckTables;
    const response = { ...ok404, status: 403, body: body("undocumented", "authentication_error") };
    expect(checkResponse(holes, GET, response)).toEqual([]);
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
      typeof error === "number" && "requestId" in api.envelope ? { requestId: "req_open" } : {},
    );
    expect(checkResponse(api, operation, response)).toEqual([]);
    expect(checkResponse(api, operation, { ...response, body: JSON.stringify(response.body) })).toEqual([]);
  });
});

describe("inspectResponse", () => {
  const envelope = (code: string) => JSON.stringify(body(code, "invalid_request_error", "r"));
  it.each([
    ["an envelope's code, as text", 404, envelope("not_found"), "not_found"],
    ["a code the status does not declare (a violation, still read)", 404, envelope("gone"), "gone"],
    ["the code of bytes", 403, new TextEncoder().encode(envelope("banned")), "banned"],
    ["no code in a body that is not the envelope", 404, '{"message":"m"}', null],
    ["no code in a body that is not JSON", 500, "<html>", null],
    ["no code in a body not recorded", 404, undefined, null],
    ["no code in a success", 200, envelope("not_found"), null],
  ])("reads %s, with checkResponse's violations", (_, status, body, code) => {
    const response = { status, headers: { "Content-Type": "application/json", "X-Request-Id": "r" }, body };
    expect(inspectResponse(tables, "GET /things/{id}", response)).toEqual({
      violations: checkResponse(tables, "GET /things/{id}", response),
      code,
    });
  });

  it("reads no code for an operation the API does not have", () => {
    expect(inspectResponse(tables, "GET /nowhere", { status: 404, body: envelope("not_found") }).code).toBeNull();
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
