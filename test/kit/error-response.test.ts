// The builder against hand-made tables of both envelope styles: a flat one without request ids
// (like Ittybit's) and a nested one with type and request id (like WillItTrack's).
import { describe, expect, it } from "vitest";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import type { ErrorTables } from "../../src/tables.js";

const flat: ErrorTables = {
  envelope: { code: ["kind"], message: ["message"] },
  catalog: {
    task_not_found: { status: 404, example: Object.freeze({ kind: "task_not_found", message: "No such task." }) },
    token_missing: { status: 401, example: Object.freeze({ kind: "token_missing", message: "No key." }) },
  },
  operations: {
    "GET /tasks/{id}": {
      "401": { codes: ["token_missing"], open: false },
      "404": { codes: ["task_not_found"], open: false },
      "429": { codes: [], open: true, headers: { "Retry-After": { required: true, example: "30" } } },
      "502": { codes: [], open: true },
    },
    "GET /tasks": { "401": { codes: ["token_missing"], open: false } },
  },
};

const rateHeaders = {
  "X-Request-Id": { required: true, example: "req_header" },
  "X-RateLimit-Limit": { required: false, example: "60" },
};
const nested: ErrorTables = {
  envelope: {
    code: ["error", "code"],
    type: ["error", "type"],
    message: ["error", "message"],
    requestId: ["error", "request_id"],
  },
  catalog: {
    not_found: {
      status: 404,
      type: "invalid_request_error",
      example: {
        error: { type: "invalid_request_error", code: "not_found", message: "Gone.", request_id: "req_example" },
      },
    },
    rate_limited: {
      status: 429,
      type: "invalid_request_error",
      example: {
        error: {
          type: "invalid_request_error",
          code: "rate_limited",
          message: "Slow down.",
          request_id: "req_example2",
        },
      },
    },
  },
  operations: {
    "GET /checks/{slug}": {
      "403": { codes: [], open: true, headers: rateHeaders },
      "404": { codes: ["not_found"], open: false, headers: rateHeaders },
      "429": {
        codes: ["rate_limited"],
        open: false,
        headers: { ...rateHeaders, "Retry-After": { required: true, example: "45" } },
      },
    },
    "GET /keys": { "404": { codes: ["not_found"], open: false } },
  },
  errorTypes: { invalid_request_error: { statuses: [400, 404, 429] }, authentication_error: { statuses: [401, 403] } },
};

// Edge declarations: headers without examples or in lower case, a status without a body, and a
// code whose name is a status number.
const edges: ErrorTables = {
  ...flat,
  catalog: { ...flat.catalog, "502": { status: 400, example: { kind: "502", message: "Digits." } } },
  operations: {
    "GET /runs": {
      "400": { codes: ["502"], open: false },
      "401": { codes: [], open: false },
      "404": { codes: ["task_not_found"], open: true },
      "429": { codes: [], open: true, headers: { "retry-after": { required: true }, "X-Trace": { required: false } } },
      "502": { codes: [], open: true },
      "503": { codes: [], open: true, headers: { "Retry-After": { required: false, example: "30" } } },
      "504": { codes: [], open: true, headers: { "Retry-After": { required: false } } },
    },
    "GET /tasks": { "429": { codes: [], open: true } },
  },
};

// A nested envelope with a request id, whose examples lack one (or hold something else there).
const noIds: ErrorTables = {
  envelope: nested.envelope,
  catalog: {
    no_id: { status: 404, example: { error: { type: "invalid_request_error", code: "no_id", message: "Gone." } } },
    null_error: { status: 404, example: { error: null } },
    number_id: { status: 404, example: { error: { code: "number_id", message: "N.", request_id: 42 } } },
  },
  operations: {
    "GET /x": {
      "403": { codes: [], open: true },
      "404": { codes: ["no_id", "null_error", "number_id"], open: false },
      "500": { codes: [], open: true },
    },
  },
  errorTypes: nested.errorTypes!,
};

describe("buildErrorResponse", () => {
  it.each([
    [
      "a code, flat envelope",
      flat,
      "GET /tasks/{id}",
      "task_not_found",
      {},
      {
        status: 404,
        headers: { "Content-Type": "application/json" },
        body: { kind: "task_not_found", message: "No such task." },
      },
    ],
    [
      "a message",
      flat,
      "GET /tasks/{id}",
      "task_not_found",
      { message: "Task t1 is gone." },
      {
        status: 404,
        headers: { "Content-Type": "application/json" },
        body: { kind: "task_not_found", message: "Task t1 is gone." },
      },
    ],
    [
      "an open status: 429 with Retry-After 1 by default",
      flat,
      "GET /tasks/{id}",
      429,
      {},
      {
        status: 429,
        headers: { "Content-Type": "application/json", "Retry-After": "1" },
        body: { kind: "undocumented", message: "Error 429 (no documented code)." },
      },
    ],
    [
      "an open status with a code, message and Retry-After",
      flat,
      "GET /tasks/{id}",
      429,
      { code: "rate_limit", message: "Later.", retryAfterSeconds: 7 },
      {
        status: 429,
        headers: { "Content-Type": "application/json", "Retry-After": "7" },
        body: { kind: "rate_limit", message: "Later." },
      },
    ],
    [
      "an open status without declared headers",
      flat,
      "GET /tasks/{id}",
      502,
      {},
      {
        status: 502,
        headers: { "Content-Type": "application/json" },
        body: { kind: "undocumented", message: "Error 502 (no documented code)." },
      },
    ],
    [
      "Retry-After on another status when asked",
      flat,
      "GET /tasks/{id}",
      502,
      { retryAfterSeconds: 0 },
      {
        status: 502,
        headers: { "Content-Type": "application/json", "Retry-After": "0" },
        body: { kind: "undocumented", message: "Error 502 (no documented code)." },
      },
    ],
    [
      "nested envelope: the header's request id in body and header",
      nested,
      "GET /checks/{slug}",
      "not_found",
      {},
      {
        status: 404,
        headers: { "Content-Type": "application/json", "X-Request-Id": "req_header", "X-RateLimit-Limit": "60" },
        body: {
          error: { type: "invalid_request_error", code: "not_found", message: "Gone.", request_id: "req_header" },
        },
      },
    ],
    [
      "nested envelope: init.requestId in both places",
      nested,
      "GET /checks/{slug}",
      "not_found",
      { requestId: "req_1", message: "M" },
      {
        status: 404,
        headers: { "Content-Type": "application/json", "X-Request-Id": "req_1", "X-RateLimit-Limit": "60" },
        body: { error: { type: "invalid_request_error", code: "not_found", message: "M", request_id: "req_1" } },
      },
    ],
    [
      "a 429 code: Retry-After 1, not the spec's example",
      nested,
      "GET /checks/{slug}",
      "rate_limited",
      {},
      {
        status: 429,
        headers: {
          "Content-Type": "application/json",
          "X-Request-Id": "req_header",
          "X-RateLimit-Limit": "60",
          "Retry-After": "1",
        },
        body: {
          error: {
            type: "invalid_request_error",
            code: "rate_limited",
            message: "Slow down.",
            request_id: "req_header",
          },
        },
      },
    ],
    [
      "no header declared: the example's request id",
      nested,
      "GET /keys",
      "not_found",
      {},
      {
        status: 404,
        headers: { "Content-Type": "application/json" },
        body: {
          error: { type: "invalid_request_error", code: "not_found", message: "Gone.", request_id: "req_example" },
        },
      },
    ],
    [
      "nested open envelope: the type the API uses for the status",
      nested,
      "GET /checks/{slug}",
      403,
      {},
      {
        status: 403,
        headers: { "Content-Type": "application/json", "X-Request-Id": "req_header", "X-RateLimit-Limit": "60" },
        body: {
          error: {
            code: "undocumented",
            type: "authentication_error",
            message: "Error 403 (no documented code).",
            request_id: "req_header",
          },
        },
      },
    ],
    [
      "no operation: the headers of every operation that declares the code",
      nested,
      undefined,
      "not_found",
      {},
      {
        status: 404,
        headers: { "Content-Type": "application/json", "X-Request-Id": "req_header", "X-RateLimit-Limit": "60" },
        body: {
          error: { type: "invalid_request_error", code: "not_found", message: "Gone.", request_id: "req_header" },
        },
      },
    ],
    [
      "a declared header without an example is left out; a lower-case Retry-After is the one sent",
      edges,
      "GET /runs",
      429,
      {},
      {
        status: 429,
        headers: { "Content-Type": "application/json", "retry-after": "1" },
        body: { kind: "undocumented", message: "Error 429 (no documented code)." },
      },
    ],
    [
      "a 429 that declares no Retry-After still sends one",
      edges,
      "GET /tasks",
      429,
      {},
      {
        status: 429,
        headers: { "Content-Type": "application/json", "Retry-After": "1" },
        body: { kind: "undocumented", message: "Error 429 (no documented code)." },
      },
    ],
    [
      "another status's Retry-After: the spec's example",
      edges,
      "GET /runs",
      503,
      {},
      {
        status: 503,
        headers: { "Content-Type": "application/json", "Retry-After": "30" },
        body: { kind: "undocumented", message: "Error 503 (no documented code)." },
      },
    ],
    [
      "another status's Retry-After without an example: 1",
      edges,
      "GET /runs",
      504,
      {},
      {
        status: 504,
        headers: { "Content-Type": "application/json", "Retry-After": "1" },
        body: { kind: "undocumented", message: "Error 504 (no documented code)." },
      },
    ],
    [
      "a number is a status, even where a code has its digits",
      edges,
      "GET /runs",
      502,
      {},
      {
        status: 502,
        headers: { "Content-Type": "application/json" },
        body: { kind: "undocumented", message: "Error 502 (no documented code)." },
      },
    ],
    [
      "a request id written through a null in the example",
      noIds,
      "GET /x",
      "null_error",
      { requestId: "req_1" },
      { status: 404, headers: { "Content-Type": "application/json" }, body: { error: { request_id: "req_1" } } },
    ],
  ] as const)("%s", (_, tables, operation, error, init, want) => {
    expect(buildErrorResponse(tables, operation, error, init)).toStrictEqual(want);
  });

  it("finds a code declared under a status range", () => {
    const ranged: ErrorTables = {
      ...flat,
      operations: { "GET /x": { "4XX": { codes: ["token_missing"], open: false } } },
    };
    expect(buildErrorResponse(ranged, "GET /x", "token_missing")).toMatchObject({
      status: 401,
      body: { kind: "token_missing" },
    });
  });

  it("leaves the catalog's frozen example as it was", () => {
    const { body } = buildErrorResponse(nested, "GET /checks/{slug}", "not_found", { message: "changed" });
    expect(nested.catalog.not_found!.example).toEqual({
      error: { type: "invalid_request_error", code: "not_found", message: "Gone.", request_id: "req_example" },
    });
    expect(body).not.toBe(nested.catalog.not_found!.example);
  });

  it.each([
    [
      "an unknown code",
      flat,
      "GET /tasks/{id}",
      "nope",
      {},
      /Unknown error code "nope"\. Known codes: task_not_found, token_missing\./,
    ],
    [
      "an unknown operation",
      flat,
      "GET /nope",
      "task_not_found",
      {},
      /Unknown operation "GET \/nope"\. Known operations: GET \/tasks\/\{id\}, GET \/tasks\./,
    ],
    [
      "a code the operation does not declare",
      flat,
      "GET /tasks",
      "task_not_found",
      {},
      /GET \/tasks does not declare code "task_not_found"\. It declares: 401 \(token_missing\)\./,
    ],
    [
      "a status with codes, not open",
      flat,
      "GET /tasks/{id}",
      404,
      {},
      new RegExp(
        /does not declare status 404 with the open envelope\. /.source +
          /It declares: .*404 \(task_not_found\); 429 \(open envelope\)/.source,
      ),
    ],
    [
      "a status nothing declares",
      flat,
      undefined,
      503,
      {},
      /No operation declares status 503 with the open envelope\./,
    ],
    [
      "a bad Retry-After",
      flat,
      "GET /tasks/{id}",
      429,
      { retryAfterSeconds: 1.5 },
      /retryAfterSeconds must be a whole number of seconds >= 0, got 1\.5/,
    ],
  ] as const)("refuses %s, saying what is declared", (_, tables, operation, error, init, message) => {
    expect(() => buildErrorResponse(tables, operation, error, init)).toThrow(message);
  });

  it.each([
    [
      "a negative Retry-After",
      flat,
      "GET /tasks/{id}",
      429,
      { retryAfterSeconds: -1 },
      "retryAfterSeconds must be a whole number of seconds >= 0, got -1.",
    ],
    [
      "a status without codes, listing a status without a body and one with a code and the open envelope",
      edges,
      "GET /runs",
      418,
      {},
      "GET /runs does not declare status 418 with the open envelope. It declares: 400 (502); 401 (no body); " +
        "404 (task_not_found, open envelope); 429 (open envelope); 502 (open envelope); 503 (open envelope); " +
        "504 (open envelope).",
    ],
    [
      "a code without a request id",
      noIds,
      "GET /x",
      "no_id",
      {},
      'No request id is known for code "no_id" for GET /x: pass init.requestId.',
    ],
    [
      "a code whose example has null where the request id's object would be",
      noIds,
      "GET /x",
      "null_error",
      {},
      'No request id is known for code "null_error" for GET /x: pass init.requestId.',
    ],
    [
      "a code whose example's request id is not a string",
      noIds,
      "GET /x",
      "number_id",
      {},
      'No request id is known for code "number_id" for GET /x: pass init.requestId.',
    ],
    [
      "an open status without a request id",
      noIds,
      "GET /x",
      403,
      {},
      "No request id is known for status 403 with the open envelope for GET /x: pass init.requestId.",
    ],
    [
      "an open status no error type lists",
      noIds,
      "GET /x",
      500,
      { requestId: "req_1" },
      "No error type lists status 500, so its open-envelope body has no type.",
    ],
  ] as const)("refuses %s, with the exact message", (_, tables, operation, error, init, message) => {
    expect(() => buildErrorResponse(tables, operation, error, init)).toThrow(new Error(message));
  });
});

describe("an API's own policy", () => {
  const own: ErrorTables = {
    envelope: { code: ["error", "code"], message: ["error", "message"], requestId: ["error", "requestId"] },
    policy: { requestIdHeader: "Request-Id", retryAfterOn429: false },
    catalog: {
      DENIED: {
        status: 401,
        statuses: [401, 403],
        example: { error: { code: "DENIED", message: "No.", requestId: "req_example" } },
      },
      SLOW_DOWN: { status: 429, example: { error: { code: "SLOW_DOWN", message: "Slow.", requestId: "req_example" } } },
    },
    operations: {
      "GET /notes": {
        "401": { codes: ["DENIED"], open: false, headers: { "Request-Id": { required: true, example: "req_h" } } },
        "403": { codes: ["DENIED"], open: false, headers: { "Request-Id": { required: true, example: "req_h" } } },
        "429": { codes: ["SLOW_DOWN"], open: false, headers: { "Request-Id": { required: true, example: "req_h" } } },
      },
      "DELETE /notes": {
        "403": { codes: ["DENIED"], open: false, headers: { "Request-Id": { required: true, example: "req_h" } } },
      },
    },
  };

  it("puts the request id in the API's own header, the same as the body's", () => {
    const built = buildErrorResponse(own, "GET /notes", "DENIED", { requestId: "req_1" });
    expect(built.headers).toEqual({ "Content-Type": "application/json", "Request-Id": "req_1" });
    expect(built.body).toMatchObject({ error: { requestId: "req_1" } });
  });

  it("sends no Retry-After on a 429 unless asked to", () => {
    expect(buildErrorResponse(own, "GET /notes", "SLOW_DOWN").headers).not.toHaveProperty("Retry-After");
    expect(buildErrorResponse(own, "GET /notes", "SLOW_DOWN", { retryAfterSeconds: 2 }).headers).toMatchObject({
      "Retry-After": "2",
    });
  });

  it("answers a code sent with several statuses with the one the operation declares it under", () => {
    expect(buildErrorResponse(own, "GET /notes", "DENIED").status).toBe(401);
    expect(buildErrorResponse(own, "DELETE /notes", "DENIED").status).toBe(403);
  });
});
