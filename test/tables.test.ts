// The one runtime module of the contract tables (src/tables.js), on the edges each function
// decides: which key covers a status, which body paths lead somewhere, what counts as JSON.
import { describe, expect, it } from "vitest";
import {
  declaration,
  frozen,
  isJsonMediaType,
  keysCovering,
  own,
  readBody,
  sameHeaderName,
  setAt,
  statusCovers,
  valueAt,
  type Envelope,
} from "../src/tables.js";

describe("frozen", () => {
  it("freezes a table and everything in it, and returns it", () => {
    const table = { "GET /a": { "404": { codes: ["gone"], open: false, headers: { "X-Id": { required: true } } } } };
    expect(frozen(table)).toBe(table);
    const status = table["GET /a"]["404"];
    for (const node of [table, table["GET /a"], status, status.codes, status.headers, status.headers["X-Id"]]) {
      expect(Object.isFrozen(node)).toBe(true);
    }
  });

  it("returns what is not an object as it is", () => {
    expect([frozen(1), frozen("a"), frozen(null), frozen(undefined)]).toEqual([1, "a", null, undefined]);
  });

  it("takes a frozen member as frozen through, so a table of frozen tables is not walked again", () => {
    const inner = { list: [1] };
    const outer = frozen({ shell: Object.freeze(inner) });
    expect(Object.isFrozen(outer)).toBe(true);
    expect(Object.isFrozen(inner.list)).toBe(false);
  });
});

describe("own", () => {
  it.each<[string, { [key: string]: number } | undefined, unknown, number | undefined]>([
    ["an own key", { a: 1 }, "a", 1],
    ["a missing key", { a: 1 }, "b", undefined],
    ["Object.prototype's constructor", {}, "constructor", undefined],
    ["a key that is no string", { "1": 1 }, 1, undefined],
    ["no record", undefined, "a", undefined],
  ])("%s", (_, record, key, want) => {
    expect(own(record, key)).toBe(want);
  });
});

describe("keysCovering, statusCovers", () => {
  it.each<[number, string[]]>([
    [404, ["404", "4XX", "default"]],
    [503, ["503", "5XX", "default"]],
    [200, ["200", "2XX", "default"]],
  ])("%i is covered by %j, in that order", (status, keys) => {
    expect(keysCovering(status)).toEqual(keys);
  });

  it.each<[string, number, boolean]>([
    ["default", 503, true],
    ["4XX", 400, true],
    ["4XX", 499, true],
    ["4XX", 500, false],
    ["5XX", 599, true],
    ["404", 404, true],
    ["404", 405, false],
    ["x4XX", 404, false],
    ["14XX", 104, false],
    ["4XXx", 404, false],
    ["4xx", 404, false],
  ])("%s covers %i: %s", (key, status, covers) => {
    expect(statusCovers(key, status)).toBe(covers);
  });
});

describe("declaration", () => {
  // An operation with exact statuses, ranges and `default`: the exact status wins over its
  // range, and the range over `default`.
  const ranged = { "404": "exact 404", "4XX": "range 4XX", "5XX": "range 5XX", default: "default" };

  it.each([
    [404, "exact 404"],
    [400, "range 4XX"],
    [499, "range 4XX"],
    [503, "range 5XX"],
    [302, "default"],
    [600, "default"],
  ])("status %d → %s", (status, want) => {
    expect(declaration(ranged, status)).toBe(want);
  });

  it("is undefined for a status no key covers, and for no operation", () => {
    expect(declaration({ "404": "exact" }, 418)).toBeUndefined();
    expect(declaration(undefined, 404)).toBeUndefined();
  });

  it("finds only own keys: a status table built on a prototype declares nothing", () => {
    expect(declaration(Object.create({ "404": "inherited", default: "inherited" }), 404)).toBeUndefined();
  });
});

describe("valueAt", () => {
  it.each<[string, unknown, readonly string[] | undefined, unknown]>([
    ["a nested value", { error: { code: "a" } }, ["error", "code"], "a"],
    ["the body itself for no segments", "text", [], "text"],
    ["an array's element", { list: ["x", "y"] }, ["list", "1"], "y"],
    ["nothing past a string", { error: "a" }, ["error", "code"], undefined],
    ["nothing past null", { error: null }, ["error", "code"], undefined],
    ["nothing for a missing key", { error: {} }, ["error", "code"], undefined],
    ["no inherited property", { error: {} }, ["error", "constructor"], undefined],
    ["nothing for no path", { code: "a" }, undefined, undefined],
  ])("%s", (_, body, path, want) => {
    expect(valueAt(body, path)).toEqual(want);
  });
});

describe("setAt", () => {
  it("writes at a path, making the objects on the way and keeping what is there", () => {
    const body: Record<string, unknown> = { error: { type: "t" } };
    setAt(body, ["error", "code"], "c");
    setAt(body, ["meta", "deep", "id"], "i");
    expect(body).toEqual({ error: { type: "t", code: "c" }, meta: { deep: { id: "i" } } });
  });

  it("replaces a value on the way that is no object, and never writes into a prototype's", () => {
    const body: Record<string, unknown> = { error: "flat" };
    setAt(body, ["error", "code"], "c");
    setAt(body, ["constructor", "name"], "n");
    expect(body).toEqual({ error: { code: "c" }, constructor: { name: "n" } });
    expect(Object.name).toBe("Object");
  });
});

describe("readBody", () => {
  const flat: Envelope = { code: ["kind"], message: ["message"] };
  const nested: Envelope = {
    code: ["error", "code"],
    type: ["error", "type"],
    message: ["error", "message"],
    requestId: ["error", "request_id"],
  };
  const wit = (code: unknown, type: unknown = "invalid_request_error", requestId: unknown = "req_1") => ({
    error: { code, type, message: "m", request_id: requestId },
  });

  it.each([
    [flat, { kind: "a", message: "m" }, { code: "a", message: "m", type: undefined, requestId: undefined }],
    [flat, { kind: "a", message: "m", extra: 1 }, { code: "a", message: "m", type: undefined, requestId: undefined }],
    [nested, wit("a"), { code: "a", message: "m", type: "invalid_request_error", requestId: "req_1" }],
    [nested, wit("a", "t", null), { code: "a", message: "m", type: "t", requestId: null }],
  ] as const)("reads %#", (envelope, body, expected) => {
    expect(readBody(envelope, body)).toEqual(expected);
  });

  it.each([
    [flat, undefined],
    [flat, ""],
    [flat, "<html>"],
    [flat, 42],
    [flat, null],
    [flat, []],
    [flat, { kind: "a" }],
    [flat, { kind: 1, message: "m" }],
    [flat, { kind: "a", message: null }],
    [flat, Object.create({ kind: "a", message: "m" })], // inherited fields are not the body's
    [nested, { kind: "a", message: "m" }],
    [nested, { error: { code: "a", message: "m", request_id: "r" } }], // type is required
    [nested, wit("a", 5)],
    [nested, wit("a", "t", 7)],
    [nested, { error: { code: "a", type: "t", message: "m" } }], // request_id is required (may be null)
    [nested, { error: "a" }],
  ] as const)("rejects %#", (envelope, body) => {
    expect(readBody(envelope, body)).toBeUndefined();
  });
});

describe("sameHeaderName", () => {
  it.each([
    ["Retry-After", "retry-after", true],
    ["X-REQUEST-ID", "x-request-id", true],
    ["Retry-After", "Retry-After-Ms", false],
    ["Link", "", false],
  ])("%s and %s: %s", (a, b, same) => {
    expect(sameHeaderName(a, b)).toBe(same);
  });
});

describe("isJsonMediaType", () => {
  it.each<[string, boolean]>([
    ["application/json", true],
    ["application/problem+json", true],
    ["application/vnd.api.v1+json", true],
    ["Application/JSON; charset=utf-8", true],
    ["application/json;charset=utf-8", true],
    ["application/json ; charset=utf-8", true],
    ["application/json ", true],
    ["text/json", false],
    ["application/jsonp", false],
    ["application/json-seq", false],
    ["xapplication/json", false],
    ["application/+json", false],
    ["text/html; charset=utf-8", false],
  ])("%s is JSON: %s", (mediaType, json) => {
    expect(isJsonMediaType(mediaType)).toBe(json);
  });
});
