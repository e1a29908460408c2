// The emitter of generated/<api>/schema.ts on what the real specs do not have (the drift gate
// covers what they do have): a path whose operations are assumed for different reasons, and
// the same types as openapi-typescript's own entry point, whose lint and bundle it skips.
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { tsHeader } from "../../scripts/output.js";
import { emitTypes, TYPES_OPTIONS } from "../../scripts/pipeline/emit-types.js";
import { API_NAMES, realContract } from "../support/contracts.js";

/** schema.ts for the Ittybit contract with these `inferred` reasons on the operations named. */
async function schemaWith(reasons: Record<string, string>): Promise<string> {
  const model = await realContract("ittybit");
  const operations: Contract["operations"] = model.operations.map(({ inferred: _, ...op }) =>
    reasons[op.key] === undefined ? op : { ...op, inferred: reasons[op.key]! },
  );
  const [file] = await emitTypes({ ...model, operations });
  return String(file?.content);
}

describe("emitTypes", () => {
  it("marks a path once when all its operations share a reason", async () => {
    const schema = await schemaWith({ "GET /tasks/{id}": "Assumed." });
    expect(schema).toContain('    /**\n     * **Inferred:** Assumed.\n     */\n    "/tasks/{id}": {');
  });

  it("lists each reason with its methods when they differ, a `*/` in a reason escaped", async () => {
    const schema = await schemaWith({
      "GET /automations/{id}": "One */ reason.",
      "DELETE /automations/{id}": "One */ reason.",
      "PATCH /automations/{id}": "Another.",
    });
    expect(schema).toContain(
      "    /**\n" +
        "     * GET, DELETE: **Inferred:** One *\\/ reason.\n" +
        "     * PATCH: **Inferred:** Another.\n" +
        '     */\n    "/automations/{id}": {',
    );
  });

  it("marks no path whose operations are documented", async () => {
    const schema = await schemaWith({});
    expect(schema).not.toContain("**Inferred:**");
  });
});

/** A document with what the real specs leave out: a discriminator's mapping, defaults, nullable, enums. */
const WIDER: Record<string, unknown> = {
  openapi: "3.1.0",
  info: { title: "Wider", version: "1" },
  paths: {
    "/pets/{id}": {
      get: {
        operationId: "getPet",
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "200": {
            description: "A pet",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: {
        oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }],
        discriminator: { propertyName: "kind", mapping: { cat: "#/components/schemas/Cat" } },
      },
      Cat: { type: "object", required: ["kind"], properties: { kind: { type: "string" }, lives: { default: 9 } } },
      Dog: {
        type: "object",
        properties: { kind: { type: "string" }, size: { enum: ["s", "m"] }, tag: { type: ["string", "null"] } },
      },
    },
  },
};

describe("emitTypes against openapiTS", () => {
  // openapiTS lints and bundles first; the types must not depend on skipping that.
  const cases: [string, () => Promise<Contract>][] = [
    ...API_NAMES.map((name): [string, () => Promise<Contract>] => [name, () => realContract(name)]),
    [
      "a document with a discriminator, defaults and enums",
      async () => ({
        ...(await realContract("ittybit")),
        document: WIDER as Contract["document"],
      }),
    ],
  ];

  it.each(cases)("gives the file openapiTS gives with the same options: %s", async (_, contractOf) => {
    const contract = await contractOf();
    // Without assumed operations, whose path notes openapiTS does not write.
    const plain = { ...contract, operations: contract.operations.map(({ inferred: _, ...op }) => op) };
    const [file] = await emitTypes(plain);
    const expected =
      tsHeader() + astToString(await openapiTS(structuredClone(contract.document) as never, TYPES_OPTIONS));
    expect(file!.content).toBe(expected);
  });

  // Copied only when a discriminator is there to patch; read as it is otherwise.
  it.each(cases)("leaves the contract's document as it was: %s", async (_, contractOf) => {
    const contract = await contractOf();
    const before = structuredClone(contract.document);
    await emitTypes(contract);
    expect(contract.document).toEqual(before);
  });
});
