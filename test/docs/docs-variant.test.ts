// The document Redoc renders: the model's document plus the Errors tag and per-operation lines.
import { describe, expect, it } from "vitest";
import { docsDocument, INFERRED_BADGE, type DocsVariantModel } from "../../scripts/docs/docs-variant.js";
import { isObject, type OpenApiDocument } from "../../scripts/contract/index.js";
import { API_NAMES, realContract } from "../support/contracts.js";

function tinyModel(document: Partial<OpenApiDocument> = {}): DocsVariantModel {
  return {
    envelope: { code: ["kind"], message: ["message"] },
    catalog: [
      {
        code: "thing_missing",
        status: 404,
        statuses: [404],
        description: "No thing.",
        retryable: false,
        example: { kind: "thing_missing", message: "m" },
        schema: "thing_missing",
      },
    ],
    errorTypes: [],
    operations: [
      {
        key: "GET /things/{id}",
        method: "GET",
        path: "/things/{id}",
        operationId: "getThing",
        errors: [{ status: "404", codes: ["thing_missing"], open: false, headers: [] }],
        successStatuses: ["200"],
      },
      {
        key: "PUT /things/{id}",
        method: "PUT",
        path: "/things/{id}",
        operationId: "putThing",
        errors: [],
        successStatuses: ["204"],
      },
    ],
    document: {
      openapi: "3.1.0",
      info: { title: "Tiny", version: "1" },
      tags: [{ name: "Things" }],
      paths: {
        "/things/{id}": {
          // As a YAML block scalar reads, with a final newline.
          get: { operationId: "getThing", description: "Gets a thing.\n", responses: {} },
          put: { operationId: "putThing", responses: {} },
        },
      },
      components: {},
      ...document,
    },
  };
}

const tagNamed = (doc: OpenApiDocument, name: string) =>
  (Array.isArray(doc.tags) ? doc.tags : []).find((t) => isObject(t) && t.name === name);

describe("docsDocument", () => {
  it("adds the Errors trait tag after the other tags", () => {
    const doc = docsDocument(tinyModel());
    expect(doc.tags).toEqual([{ name: "Things" }, expect.objectContaining({ name: "Errors", "x-traitTag": true })]);
    expect(JSON.stringify(tagNamed(doc, "Errors"))).toContain("### thing_missing {% #thing_missing %}");
  });

  it("appends each operation's error codes to its description, and only where it has error responses", () => {
    const paths = docsDocument(tinyModel()).paths["/things/{id}"]!;
    expect(paths.get).toMatchObject({
      description: expect.stringMatching(
        /^Gets a thing\.\n\n\*\*Error codes\*\* .*\n\n- 404 Not Found: \[thing_missing\]\(#\/errors\/thing_missing\)$/s,
      ),
    });
    expect(paths.put).not.toHaveProperty("description");
  });

  it("badges an assumed operation, and marks an assumed error status in its list", () => {
    const model = tinyModel();
    const [get] = model.operations;
    const assumed = { ...get!, inferred: "The path is assumed." };
    assumed.errors = [{ ...get!.errors[0]!, inferred: "The status is assumed." }];
    const paths = docsDocument({ ...model, operations: [assumed] }).paths["/things/{id}"]!;
    expect(paths.get).toMatchObject({ "x-badges": [INFERRED_BADGE] });
    expect(String(isObject(paths.get) && paths.get.description)).toMatch(
      /\n- 404 Not Found: \[thing_missing\]\(#\/errors\/thing_missing\) \*\(inferred\)\*$/,
    );
    expect(docsDocument(model).paths["/things/{id}"]!.get).not.toHaveProperty("x-badges");
    expect(paths.put).not.toHaveProperty("x-badges");
  });

  it.each(API_NAMES)("badges exactly the assumed operations of %s", async (api) => {
    const model = await realContract(api);
    const doc = docsDocument(model);
    for (const op of model.operations) {
      const operation = doc.paths[op.path]?.[op.method.toLowerCase()];
      const badged = isObject(operation) && operation["x-badges"] !== undefined;
      expect(badged, op.key).toBe(op.inferred !== undefined);
    }
  });

  it("leaves the model's document as it was", () => {
    const model = tinyModel();
    const before = structuredClone(model.document);
    docsDocument(model);
    expect(model.document).toEqual(before);
  });

  it("gives a spec with no tags the Errors tag alone", () => {
    const doc = docsDocument(tinyModel({ tags: undefined }));
    expect(doc.tags).toEqual([expect.objectContaining({ name: "Errors", "x-traitTag": true })]);
  });

  it("adds the tag to x-tagGroups when the spec groups its tags", () => {
    const doc = docsDocument(tinyModel({ "x-tagGroups": [{ name: "Main", tags: ["Things"] }] }));
    expect(doc["x-tagGroups"]).toEqual([
      { name: "Main", tags: ["Things"] },
      { name: "Errors", tags: ["Errors"] },
    ]);
  });

  it.each([
    ["alone", [{ name: "Errors" }]],
    ["among others", [{ name: "Things" }, { name: "Errors" }]],
  ])("refuses a spec that already has a tag named Errors, %s", (_, tags) => {
    expect(() => docsDocument(tinyModel({ tags }))).toThrow(/already has a tag named "Errors"/);
  });

  it.each(API_NAMES)("gives every operation of %s with error responses an error list", async (api) => {
    const model = await realContract(api);
    const doc = docsDocument(model);
    for (const op of model.operations.filter((o) => o.errors.length > 0)) {
      const operation = doc.paths[op.path]?.[op.method.toLowerCase()];
      expect(isObject(operation) ? operation.description : undefined, `${op.method} ${op.path}`).toContain(
        "**Error codes**",
      );
    }
  });
});
