// The bundled document every output is made from: assumed operations lead with their mark (their
// path's too, which no renderer shows), every other marked object ends with it.
import { describe, expect, it } from "vitest";
import { contractOf } from "../../scripts/contract/index.js";
import { decorate } from "../../scripts/pipeline/decorate.js";

const envelope = { type: "object", properties: { kind: { type: "string" }, message: { type: "string" } } };

function decorated() {
  const document = {
    openapi: "3.1.0",
    info: { title: "Tiny", version: "1" },
    "x-error-envelope": { code: "/kind", message: "/message" },
    paths: {
      "/things": {
        "x-inferred": "The path is assumed.",
        get: { operationId: "listThings", description: "Lists things.", responses: {} },
        post: { operationId: "addThing", "x-inferred": "The method is assumed.", responses: {} },
      },
      "/things/{id}": {
        get: {
          operationId: "getThing",
          description: "Gets a thing.",
          parameters: [{ name: "id", in: "path", required: true, "x-inferred": "The id's format is assumed." }],
          responses: { "404": { description: "Gone.", content: { "application/json": { schema: envelope } } } },
        },
      },
    },
    components: {},
  };
  const doc = decorate(contractOf(document, { name: "tiny", root: "/tiny.yaml" }));
  return { doc, paths: doc.paths as Record<string, Record<string, Record<string, unknown>>> };
}

describe("decorate", () => {
  it("puts an assumed operation's mark, its path's first, before its description", () => {
    const { paths } = decorated();
    expect(paths["/things"]!.get!.description).toBe("**Inferred:** The path is assumed.\n\nLists things.");
    expect(paths["/things"]!.post!.description).toBe("**Inferred:** The path is assumed. The method is assumed.");
  });

  it("leaves a documented operation's description and the path item's as they are", () => {
    const { paths } = decorated();
    expect(paths["/things/{id}"]!.get!.description).toBe("Gets a thing.");
    expect(paths["/things"]).not.toHaveProperty("description");
    expect(paths["/things"]!["x-inferred"]).toBe("The path is assumed.");
  });

  it("appends the mark of any other object to its description", () => {
    const { paths } = decorated();
    const [parameter] = paths["/things/{id}"]!.get!.parameters as Record<string, unknown>[];
    expect(parameter!.description).toBe("**Inferred:** The id's format is assumed.");
  });

  it("gives an error response without examples one per envelope schema, and keeps hand-written ones", () => {
    const json = (extra: object) => ({
      "application/json": { schema: { $ref: "#/components/schemas/Error" }, ...extra },
    });
    const handWritten = { mine: { summary: "Written by hand", value: { kind: "mine", message: "Kept." } } };
    const document = {
      openapi: "3.1.0",
      info: { title: "Tiny", version: "1" },
      "x-error-envelope": { code: "/kind", message: "/message" },
      paths: {
        "/things": {
          get: {
            operationId: "listThings",
            responses: {
              "409": { description: "Conflict.", content: json({}) },
              "500": { description: "Failed.", content: json({ examples: handWritten }) },
            },
          },
        },
      },
      components: { schemas: { Error: { ...envelope, examples: [{ kind: "any", message: "Any." }] } } },
    };
    const doc = decorate(contractOf(document, { name: "tiny", root: "/tiny.yaml" }));
    type Responses = Record<string, { content: Record<string, { examples?: unknown }> }>;
    const paths = doc.paths as Record<string, Record<string, { responses: Responses }>>;
    const examplesOf = (status: string) =>
      paths["/things"]!.get!.responses[status]!.content["application/json"]!.examples;
    expect(examplesOf("409")).toEqual({
      Error: { summary: "Envelope (no documented code)", value: { kind: "any", message: "Any." } },
    });
    expect(examplesOf("500")).toEqual(handWritten);
  });
});
