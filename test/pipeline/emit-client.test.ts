// The emitter of generated/<api>/client.ts, on the real specs and on variations of them.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { emitClient } from "../../scripts/pipeline/emit-client.js";
import { realContracts, root } from "../support/contracts.js";

let models: Map<string, Contract>;

beforeAll(async () => {
  models = await realContracts();
});

const content = (model: Contract): string => String(emitClient(model)[0]?.content);

describe("emitClient", () => {
  it.each(["ittybit", "willittrack"])("writes what is committed for %s", async (api) => {
    const [file] = emitClient(models.get(api)!);
    expect(file?.path).toBe(`generated/${api}/client.ts`);
    expect(file?.content).toBe(await readFile(resolve(root, file!.path), "utf8"));
  });

  it("binds the catalog module's tables instead of writing its own", () => {
    const client = content(models.get("ittybit")!);
    expect(client).toContain("envelope: ittybitErrorEnvelope,");
    // Only the codes and their types: a bundled client leaves descriptions, examples and headers out.
    expect(client).toContain("catalog: ittybitErrorCodeTypes,");
    expect(client).not.toMatch(/\bittybitErrors\b/);
    expect(client).toContain("operations: ittybitOperationErrorCodes,");
    expect(client).toContain("type ittybitOperationErrors,");
    expect(client).not.toMatch(/"GET \/tasks\/\{id\}"/);
  });

  it("requires a key only when no operation is anonymous", () => {
    expect(content(models.get("ittybit")!)).toContain("requiresApiKey: true");
    expect(content(models.get("ittybit")!)).toContain("readonly apiKey: string;");
    expect(content(models.get("willittrack")!)).toContain("requiresApiKey: false");
    expect(content(models.get("willittrack")!)).toContain("readonly apiKey?: string | undefined;");
  });

  it("offers idempotency keys only to the API that documents them", () => {
    expect(content(models.get("ittybit")!)).toContain('idempotencyHeader: "Idempotency-Key"');
    expect(content(models.get("willittrack")!)).not.toContain("idempotencyHeader");
  });

  it("names the error fields after the envelope, and writes the names into the binding once", () => {
    expect(content(models.get("ittybit")!)).toContain('fields: { code: "kind" },');
    expect(content(models.get("willittrack")!)).toContain('fields: { code: "code", type: "type" },');
    expect(content(models.get("ittybit")!)).toContain("readonly kind: C;");
    expect(content(models.get("willittrack")!)).toMatch(/readonly code: C;\s+readonly type: /);
  });

  it.each([
    ["a property of the error", { code: "status" }, "status"],
    ["no identifier: a leading digit", { code: "1kind" }, "1kind"],
    ["no identifier: a leading dash", { code: "-kind" }, "-kind"],
    ["no identifier: a trailing dash", { code: "kind-" }, "kind-"],
    ["the code's name for the type", { code: "kind", type: "kind" }, "kind"],
  ])("refuses an envelope field that names %s", (_name, fields, shown) => {
    const model = models.get("ittybit")!;
    expect(() => emitClient({ ...model, fields })).toThrow(
      `: The client would expose the envelope field "${shown}" under a name it cannot use. Point ` +
        "`x-error-envelope` at fields whose last segments are distinct identifiers other than reason, status, " +
        "transport, message, requestId, retryAfterMs, docsUrl, body, name, stack, cause, toJSON.",
    );
  });

  it.each(["IttybitApiError", "IttybitClient", "IttybitClientOptions", "IttybitOperation"])(
    "refuses a schema named %s, like one of the client's exports",
    (name) => {
      const model = models.get("ittybit")!;
      const schemas = { ...model.document.components.schemas, [name]: {} };
      const document = { ...model.document, components: { ...model.document.components, schemas } };
      expect(() => emitClient({ ...model, document })).toThrow(
        `: The schema "${name}" has the name of an export of the generated client. Rename the schema.`,
      );
    },
  );

  it("quotes an envelope's path segment that is no identifier, and only such a segment", () => {
    const model = models.get("ittybit")!;
    const envelope = { code: ["error-info", "kind"], message: ["12"], requestId: ["meta", "$id"] };
    expect(content({ ...model, envelope })).toContain(
      "type Envelope<C extends string> = {\n" +
        "  readonly 12: string;\n" +
        '  readonly "error-info": { readonly kind: C };\n' +
        "  readonly meta: { readonly $id: string | null };\n" +
        "};\n",
    );
  });

  // The field name's length puts a shape at the 90 columns an object type may take on one line.
  it.each([
    [34, "  readonly unknownCode: { readonly CODE: string; readonly body: Envelope<string> };\n"],
    [35, "  readonly unknownCode: {\n    readonly CODE: string;\n    readonly body: Envelope<string>;\n  };\n"],
    [38, "  readonly transport: { readonly CODE: undefined; readonly body: undefined };\n"],
    [39, "  readonly transport: {\n    readonly CODE: undefined;\n    readonly body: undefined;\n  };\n"],
  ])("writes a shape for a code field of %i letters on one line up to 90 columns", (length, shape) => {
    const model = models.get("ittybit")!;
    const name = `code${"x".repeat(length - 4)}`;
    const client = content({ ...model, envelope: { ...model.envelope, code: [name] }, fields: { code: name } });
    expect(client).toContain(shape.replaceAll("CODE", name));
  });
});
