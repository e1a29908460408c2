// The lenient facts the lint and the model share: what counts as a catalog schema, an open
// envelope, an error type; what a schema in an error body is; which bodies and codes are there.
import { describe, expect, it } from "vitest";
import {
  classifyMember,
  declaredStatus,
  errorBodies,
  errorResponses,
  readFacts,
  usedCodes,
} from "../../scripts/contract/facts.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const coded = (code: unknown) => ({
  type: "object",
  required: ["error"],
  properties: { error: { type: "object", required: ["code"], properties: { code: { const: code } } } },
});
const open = {
  type: "object",
  required: ["error"],
  properties: { error: { type: "object", required: ["code"], properties: { code: { type: "string" } } } },
};
const body = (schema: unknown) => ({ content: { "application/json": { schema } } });

function document() {
  return {
    "x-error-envelope": { code: "/error/code", message: "/error/code" },
    paths: {
      "/a": {
        get: {
          responses: {
            "200": body(ref("gone")),
            "404": body(ref("gone")),
            "410": { $ref: "#/components/responses/Gone" },
            "5XX": body({ oneOf: [ref("down"), ref("Open"), coded("inline")] }),
            default: { $ref: "#/components/responses/Nowhere" },
          },
        },
      },
    },
    components: {
      responses: { Gone: body(ref("gone")) },
      schemas: {
        gone: coded("gone"),
        down: coded("down"),
        Open: structuredClone(open),
        Loose: { type: "object", properties: open.properties },
        NumberCode: coded(5),
        Alias: ref("gone"),
        // OpenAPI 3.1 allows siblings beside a $ref; such a schema is a reference, not a definition.
        Sibling: { ...ref("gone"), ...coded("sibling") },
        scalar: "string",
        Types: {
          oneOf: [
            {
              const: "server",
              "x-error-statuses": [503, 500, 1.5, "x"],
              description: "Ours.",
              "x-inferred": " Seen. ",
            },
            { const: "client", "x-error-statuses": [404] },
            { const: "nostatus" },
            { const: 3, "x-error-statuses": [400] },
            "scalar",
          ],
        },
      },
    },
  };
}

describe("readFacts", () => {
  it("is undefined without a readable envelope", () => {
    expect(readFacts({ components: { schemas: { gone: coded("gone") } } })).toBeUndefined();
  });

  it("finds catalog schemas by their const code, and open envelopes that require every field", () => {
    const facts = readFacts(document());
    expect(facts?.envelope).toEqual({ code: ["error", "code"], message: ["error", "code"] });
    expect(facts?.catalog.map((c) => [c.name, c.code])).toEqual([
      ["gone", "gone"],
      ["down", "down"],
    ]);
    // A code whose const is no string is no catalog code: the schema reads as an open envelope.
    expect(facts?.openEnvelopes.map((e) => e.name)).toEqual(["Open", "NumberCode"]);
  });

  it("reads each error type of a oneOf with its sorted integer statuses", () => {
    expect(readFacts(document())?.errorTypes).toStrictEqual([
      { type: "server", statuses: [500, 503], description: "Ours.", inferred: "Seen.", schema: "Types", index: 0 },
      { type: "client", statuses: [404], description: "", schema: "Types", index: 1 },
    ]);
  });

  it.each<[string, object]>([
    ["no components", {}],
    ["schemas that are a list", { components: { schemas: [] } }],
  ])("reads a document with %s as an empty contract", (_name, rest) => {
    const facts = readFacts({ "x-error-envelope": { code: "/c", message: "/m" }, ...rest });
    expect(facts).toMatchObject({ catalog: [], openEnvelopes: [], errorTypes: [] });
  });
});

describe("declaredStatus", () => {
  it.each<[unknown, number | undefined]>([
    [400, 400],
    [599, 599],
    [399, undefined],
    [600, undefined],
    [404.5, undefined],
    ["404", undefined],
    [undefined, undefined],
  ])("x-error-status %j gives %j", (status, want) => {
    expect(declaredStatus({ "x-error-status": status })).toBe(want);
  });
});

describe("classifyMember", () => {
  const doc = document();
  const facts = readFacts(doc)!;

  it.each<[string, unknown, object]>([
    ["a catalog schema by $ref", ref("gone"), { kind: "catalog", entry: { name: "gone", code: "gone" } }],
    ["a catalog schema itself", doc.components.schemas.down, { kind: "catalog", entry: { code: "down" } }],
    ["an inline copy of one", coded("gone"), { kind: "foreign", code: "gone" }],
    ["the open envelope", ref("Open"), { kind: "envelope", envelope: { name: "Open" } }],
    ["a copy of the open envelope", structuredClone(open), { kind: "other" }],
    ["a $ref that leads nowhere", ref("nope"), { kind: "unresolved" }],
    ["a $ref to a $ref", ref("Alias"), { kind: "unresolved" }],
  ])("%s", (_name, member, want) => {
    expect(classifyMember(member, facts)).toMatchObject(want);
  });
});

describe("error responses and bodies", () => {
  const doc = document();
  const responses = doc.paths["/a"].get.responses;

  it("keeps error statuses whose response resolves, following $refs", () => {
    expect(errorResponses(doc, responses).map(([status, response]) => [status, response])).toEqual([
      ["404", responses["404"]],
      ["410", doc.components.responses.Gone],
      ["5XX", responses["5XX"]],
    ]);
    expect(errorResponses(doc, "responses")).toEqual([]);
    expect(errorResponses(doc, undefined)).toEqual([]);
  });

  it("lists each JSON body with its members, a oneOf's or anyOf's items or the schema itself", () => {
    const bodies = errorBodies(doc, {
      "401": body({ anyOf: [ref("gone"), ref("Open")] }),
      "404": body(ref("gone")),
      "409": {
        content: {
          "text/plain": { schema: { type: "string" } },
          "application/problem+json": { schema: ref("nope") },
          "application/json": { example: {} },
          "application/vnd+json": "not a media type",
        },
      },
      "5XX": responses["5XX"],
      "503": { content: "none" },
    });
    expect(bodies.map((b) => [b.status, b.mediaType, b.where.join(" "), b.union, b.members.length])).toEqual([
      ["401", "application/json", "401 content application/json", "anyOf", 2],
      ["404", "application/json", "404 content application/json", undefined, 1],
      ["409", "application/problem+json", "409 content application/problem+json", undefined, 1],
      ["5XX", "application/json", "5XX content application/json", "oneOf", 3],
    ]);
    expect(bodies[1]?.members).toEqual([doc.components.schemas.gone]);
    expect(bodies[2]?.schema).toEqual(ref("nope"));
  });

  it("collects every code an operation's error body lists, inline codes too", () => {
    expect([...usedCodes(readFacts(doc)!)].sort()).toEqual(["down", "gone", "inline"]);
  });
});
