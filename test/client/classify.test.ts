import { describe, expect, it } from "vitest";
import { errorAnchor } from "../../src/docs-anchor.js";
import { classifyResponse, describeThrown, transportFailure, type ErrorContract } from "../../src/client/classify.js";

const codes = (...list: string[]) => ({ codes: list });

// Two contracts shaped like the two APIs' envelopes.
const flat: ErrorContract = {
  api: "flat",
  envelope: { code: ["kind"], message: ["message"] },
  fields: { code: "kind" },
  catalog: { task_not_found: {}, internal_error: {} },
  operations: { "GET /tasks/{id}": { 404: codes("task_not_found"), 429: codes(), 500: codes("internal_error") } },
};
const nested: ErrorContract = {
  api: "nested",
  envelope: {
    code: ["error", "code"],
    type: ["error", "type"],
    message: ["error", "message"],
    requestId: ["error", "request_id"],
  },
  fields: { code: "code", type: "type" },
  catalog: { not_found: { type: "invalid_request_error" } },
  operations: {
    "GET /checks/{slug}": { 403: codes(), 404: codes("not_found") },
    "GET /any": { default: codes("not_found") },
  },
};
const wit = (code: unknown, type: unknown = "invalid_request_error", requestId: unknown = "req_1") => ({
  error: { code, type, message: "m", request_id: requestId },
});

// An operation with exact statuses, ranges and `default`: the exact status wins over its
// range, and the range over `default`.
const ranged: ErrorContract = {
  ...flat,
  operations: {
    "GET /r": {
      404: codes("task_not_found"),
      "4XX": codes("internal_error"),
      "5XX": codes("internal_error"),
      default: codes(),
    },
  },
};

describe("classifyResponse", () => {
  const response = (status: number, headers: Record<string, string> = {}) =>
    ({ status, headers: new Headers(headers) }) as Response;

  it.each([
    // contract, operation, status, body, reason, code
    [flat, "GET /tasks/{id}", 404, { kind: "task_not_found", message: "m" }, "known", "task_not_found"],
    [flat, "GET /tasks/{id}", 500, { kind: "internal_error", message: "m" }, "known", "internal_error"],
    // declared elsewhere
    [flat, "GET /tasks/{id}", 404, { kind: "internal_error", message: "m" }, "unknown_code", "internal_error"],
    [flat, "GET /tasks/{id}", 404, { kind: "task_gone", message: "m" }, "unknown_code", "task_gone"],
    // a status declared with no code: the same reason whatever the body
    [flat, "GET /tasks/{id}", 429, { kind: "rate_limited", message: "m" }, "declared_status", "rate_limited"],
    [flat, "GET /tasks/{id}", 429, { message: "Too Many Requests" }, "declared_status", undefined],
    [flat, "GET /tasks/{id}", 429, "Too Many Requests", "declared_status", undefined],
    [flat, "GET /tasks/{id}", 429, "<html><body>429</body></html>", "declared_status", undefined],
    [flat, "GET /tasks/{id}", 429, undefined, "declared_status", undefined],
    [flat, "GET /tasks/{id}", 418, { kind: "task_not_found", message: "m" }, "unexpected_response", "task_not_found"],
    [flat, "GET /tasks/{id}", 502, "<html>", "unexpected_response", undefined],
    [flat, "GET /tasks/{id}", 500, undefined, "unexpected_response", undefined],
    [flat, "GET /nowhere", 404, { kind: "task_not_found", message: "m" }, "unexpected_response", "task_not_found"],
    [nested, "GET /checks/{slug}", 404, wit("not_found"), "known", "not_found"],
    // type disagrees with the catalog
    [nested, "GET /checks/{slug}", 404, wit("not_found", "api_error"), "unknown_code", "not_found"],
    [nested, "GET /checks/{slug}", 403, wit("forbidden", "authentication_error"), "declared_status", "forbidden"],
    [nested, "GET /any", 409, wit("not_found"), "known", "not_found"], // `default` covers any status
    [ranged, "GET /r", 401, { kind: "internal_error", message: "m" }, "known", "internal_error"], // 4XX covers 401
    // exact 404 wins
    [ranged, "GET /r", 404, { kind: "internal_error", message: "m" }, "unknown_code", "internal_error"],
    [ranged, "GET /r", 502, { kind: "internal_error", message: "m" }, "known", "internal_error"],
    // default, no codes: not a declared status of its own
    [ranged, "GET /r", 302, { kind: "internal_error", message: "m" }, "unknown_code", "internal_error"],
  ] as const)("%#: $1 $2 → $4", (contract, operation, status, body, reason, code) => {
    expect(
      classifyResponse(contract, operation, response(status), body, { baseUrl: "https://docs.test" }),
    ).toMatchObject({
      reason,
      status,
      code,
    });
  });

  it("takes the request id from the body first, then X-Request-Id", () => {
    const header = response(404, { "x-request-id": "req_header" });
    expect(classifyResponse(nested, "GET /checks/{slug}", header, wit("not_found"), {}).requestId).toBe("req_1");
    expect(
      classifyResponse(nested, "GET /checks/{slug}", header, wit("not_found", "invalid_request_error", null), {})
        .requestId,
    ).toBe("req_header");
    expect(classifyResponse(nested, "GET /checks/{slug}", header, "<html>", {}).requestId).toBe("req_header");
    expect(classifyResponse(flat, "GET /tasks/{id}", response(404), "<html>", {}).requestId).toBeUndefined();
  });

  it("reads Retry-After", () => {
    expect(classifyResponse(flat, "GET /tasks/{id}", response(429, { "retry-after": "12" }), "", {}).retryAfterMs).toBe(
      12_000,
    );
  });

  it("links catalog codes, and only those, to the docs", () => {
    const known = classifyResponse(
      flat,
      "GET /tasks/{id}",
      response(404),
      { kind: "task_not_found", message: "m" },
      { baseUrl: "https://docs.test" },
    );
    expect(known.docsUrl).toBe(`https://docs.test/flat.html#${errorAnchor("task_not_found")}`);
    expect(
      classifyResponse(
        flat,
        "GET /tasks/{id}",
        response(404),
        { kind: "toString", message: "m" },
        { baseUrl: "https://docs.test" },
      ).docsUrl,
    ).toBeUndefined();
    expect(
      classifyResponse(flat, "GET /tasks/{id}", response(404), { kind: "task_not_found", message: "m" }, {}).docsUrl,
    ).toBeUndefined();
  });

  it("links a catalog code to the vendor's own page without a docs host, and to the code's page with one", () => {
    const vendorUrl = "https://vendor.test/docs/errors";
    const body = { kind: "task_not_found", message: "m" };
    const classify = (docs: object) => classifyResponse(flat, "GET /tasks/{id}", response(404), body, docs);
    expect(classify({ vendorUrl }).docsUrl).toBe(vendorUrl);
    expect(classify({ vendorUrl, baseUrl: "https://docs.example.com/api/" }).docsUrl).toBe(
      `https://docs.example.com/api/flat.html#${errorAnchor("task_not_found")}`,
    );
    const unknown = classifyResponse(
      flat,
      "GET /tasks/{id}",
      response(404),
      { kind: "x", message: "m" },
      { vendorUrl },
    );
    expect(unknown.docsUrl).toBeUndefined();
  });

  it("links no code when the body has none, whatever codes the catalog spells", () => {
    const odd: ErrorContract = { ...flat, catalog: { ...flat.catalog, undefined: {} } };
    expect(
      classifyResponse(odd, "GET /tasks/{id}", response(404), "<html>", { baseUrl: "https://docs.test" }).docsUrl,
    ).toBeUndefined();
  });

  it("takes a code an operation declares but the catalog lacks for unknown, without throwing", () => {
    const loose: ErrorContract = { ...nested, catalog: {} };
    expect(
      classifyResponse(loose, "GET /checks/{slug}", response(404), wit("not_found"), { baseUrl: "https://docs.test" }),
    ).toMatchObject({ reason: "unknown_code", code: "not_found", docsUrl: undefined });
  });

  it.each([
    [{ kind: "task_not_found", message: "Gone." }, {}, "GET /tasks/{id} returned 404 task_not_found: Gone."],
    [
      { kind: "task_not_found", message: "Gone." },
      { "x-request-id": "r1" },
      "GET /tasks/{id} returned 404 task_not_found: Gone. (request id r1)",
    ],
    ["", {}, "GET /tasks/{id} returned 404 with an empty body"],
    [undefined, {}, "GET /tasks/{id} returned 404 with an empty body"],
    [
      "<html>",
      {},
      'GET /tasks/{id} returned 404 with a body that is not the error envelope (no content type: "<html>")',
    ],
    [
      "<html>\n  <body>Not   Found</body>\n</html>",
      { "content-type": "text/html; charset=utf-8" },
      "GET /tasks/{id} returned 404 with a body that is not the error envelope " +
        '(text/html; charset=utf-8: "<html> <body>Not Found</body> </html>")',
    ],
    [
      { message: "Too Many Requests" },
      { "content-type": "application/json" },
      'GET /tasks/{id} returned 404 with a body that is not the error envelope (application/json: "{\\"message\\":' +
        '\\"Too Many Requests\\"}")',
    ],
    [
      "x".repeat(500),
      { "content-type": "text/plain" },
      `GET /tasks/{id} returned 404 with a body that is not the error envelope (text/plain: "${"x".repeat(120)}…")`,
    ],
  ])("says what happened: %j", (body, headers, message) => {
    expect(classifyResponse(flat, "GET /tasks/{id}", response(404, headers), body, {}).message).toBe(message);
  });
});

describe("transportFailure", () => {
  it.each([
    ["timeout", "GET /x failed: no response within 250 ms"],
    ["abort", "GET /x failed: aborted"],
    ["network", "GET /x failed: network error (fetch failed: other side closed)"],
  ] as const)("%s", (kind, message) => {
    const thrown = new TypeError("fetch failed", { cause: new Error("other side closed") });
    expect(transportFailure("GET /x", kind, thrown, 250)).toEqual({ reason: "transport", transport: kind, message });
  });

  it("describes causes up to three deep, and values that are not errors", () => {
    const deep = new Error("a", { cause: new Error("b", { cause: new Error("c", { cause: new Error("d") }) }) });
    expect(describeThrown(deep)).toBe("a: b: c");
    expect(describeThrown("plain")).toBe("plain");
  });
});
