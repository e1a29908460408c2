// The OpenAPI helpers under the reader and the lint, each on the edges it decides: what a `$ref`
// leads to, which response keys are statuses and errors, which operations take credentials.
import { describe, expect, it } from "vitest";
import {
  allowsAnonymous,
  declaredHeader,
  effectiveSecurity,
  follow,
  inferredOf,
  isErrorStatus,
  isObject,
  isRef,
  isStatusKey,
  operationsOf,
  takesCredentials,
} from "../../scripts/contract/openapi.js";

describe("isObject and isRef", () => {
  it.each<[unknown, boolean, boolean]>([
    [{}, true, false],
    [{ $ref: "#/a" }, true, true],
    [{ $ref: 1 }, true, false],
    [[], false, false],
    [null, false, false],
    ["#/a", false, false],
  ])("%j: object %s, ref %s", (value, object, ref) => {
    expect(isObject(value)).toBe(object);
    expect(isRef(value)).toBe(ref);
  });
});

describe("follow", () => {
  const doc = { components: { schemas: { "a/b": 1, "c~d": 2, "e f": 3, plain: { x: 1 } } } };

  it.each<[string, unknown, unknown]>([
    ["a value that is no $ref", { x: 1 }, { x: 1 }],
    ["a component", { $ref: "#/components/schemas/plain" }, { x: 1 }],
    ["an escaped slash", { $ref: "#/components/schemas/a~1b" }, 1],
    ["an escaped tilde", { $ref: "#/components/schemas/c~0d" }, 2],
    ["a percent-encoded name", { $ref: "#/components/schemas/e%20f" }, 3],
    ["a missing key", { $ref: "#/components/schemas/nope" }, undefined],
    ["a path through a leaf", { $ref: "#/components/schemas/a~1b/x" }, undefined],
    ["another file", { $ref: "other.yaml#/components/schemas/plain" }, undefined],
    ["a relative path with no #", { $ref: "./components/schemas/plain" }, undefined],
  ])("follows %s", (_name, value, want) => {
    expect(follow(doc, value)).toEqual(want);
  });
});

describe("response keys", () => {
  it.each<[string, boolean, boolean]>([
    ["100", true, false],
    ["200", true, false],
    ["2XX", true, false],
    ["400", true, true],
    ["4XX", true, true],
    ["599", true, true],
    ["5XX", true, true],
    ["default", true, true],
    ["600", false, false],
    ["40", false, false],
    ["4000", false, false],
    ["x404", false, false],
    ["4xx", false, false],
    ["x-extension", false, false],
  ])("%s: status %s, error %s", (key, status, error) => {
    expect(isStatusKey(key)).toBe(status);
    expect(isErrorStatus(key)).toBe(error);
  });
});

describe("operationsOf", () => {
  it("lists operations by path, then in the specification's method order, following $refs", () => {
    const doc = {
      paths: {
        "/b": { trace: {}, get: {}, parameters: [], summary: "s" },
        "/a": { $ref: "#/components/pathItems/a" },
        "/c": "not an item",
        "/d": { post: "not an operation" },
        "/e": null,
      },
      components: { pathItems: { a: { delete: { operationId: "del" }, put: {} } } },
    };
    expect(operationsOf(doc).map((o) => [o.path, o.method, o.at.join(" ")])).toEqual([
      ["/a", "put", "paths /a put"],
      ["/a", "delete", "paths /a delete"],
      ["/b", "get", "paths /b get"],
      ["/b", "trace", "paths /b trace"],
    ]);
    expect(operationsOf(doc)[1]?.operation).toEqual({ operationId: "del" });
  });

  it.each<[string, unknown]>([
    ["no document", undefined],
    ["no paths", {}],
    ["paths that are no map", { paths: ["/a"] }],
  ])("finds none with %s", (_name, doc) => {
    expect(operationsOf(doc)).toEqual([]);
  });
});

describe("security", () => {
  const key = { key: [] };
  it.each<[string, Record<string, unknown>, unknown, unknown[], boolean, boolean]>([
    ["the root's", {}, { security: [key] }, [key], true, false],
    ["the operation's over the root's", { security: [] }, { security: [key] }, [], false, true],
    ["optional auth", { security: [key, {}] }, {}, [key, {}], true, true],
    ["only the empty requirement", { security: [{}] }, {}, [{}], false, true],
    ["none anywhere", {}, {}, [], false, true],
    ["a root that is no object", {}, undefined, [], false, true],
    ["a root security that is no list", {}, { security: key }, [], false, true],
    ["a requirement that is no object", { security: ["key"] }, {}, ["key"], false, false],
  ])("%s", (_name, operation, root, effective, credentials, anonymous) => {
    expect(effectiveSecurity(operation, root)).toEqual(effective);
    expect(takesCredentials(operation, root)).toBe(credentials);
    expect(allowsAnonymous(operation, root)).toBe(anonymous);
  });
});

describe("declaredHeader", () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ["the spec's spelling, whatever the case asked", { headers: { "retry-after": {} } }, "retry-after"],
    ["none when another header is declared", { headers: { "X-Request-Id": {} } }, undefined],
    ["none without headers", {}, undefined],
    ["none when headers is no map", { headers: ["Retry-After"] }, undefined],
  ])("finds %s", (_name, response, want) => {
    expect(declaredHeader(response, "Retry-After")).toBe(want);
  });
});

describe("inferredOf", () => {
  it.each<[unknown, string | undefined]>([
    [{ "x-inferred": "  Seen in traffic. " }, "Seen in traffic."],
    [{ "x-inferred": "   " }, undefined],
    [{ "x-inferred": true }, undefined],
    [{}, undefined],
    ["x-inferred", undefined],
  ])("%j gives %j", (node, want) => {
    expect(inferredOf(node)).toBe(want);
  });
});
