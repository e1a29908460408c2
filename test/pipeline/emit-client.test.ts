// The emitter of generated/<api>/client.ts, on the real specs and on variations of them.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { emitClient } from "../../scripts/pipeline/emit-client.js";
import { API_NAMES, realContracts, root } from "../support/contracts.js";

let models: Map<string, Contract>;

beforeAll(async () => {
  models = await realContracts();
});

const content = (model: Contract): string => String(emitClient(model)[0]?.content);

describe("emitClient", () => {
  it.each(API_NAMES)("writes what is committed for %s", async (api) => {
    const [file] = emitClient(models.get(api)!);
    expect(file?.path).toBe(`generated/${api}/client.ts`);
    expect(file?.content).toBe(await readFile(resolve(root, file!.path), "utf8"));
  });

  it("binds the catalog module's tables instead of writing its own", () => {
    const model = models.get("ittybit")!;
    const client = content(model);
    expect(client).toContain("envelope: ittybitErrorEnvelope,");
    // Only the codes and their types: a bundled client leaves descriptions and examples out.
    expect(client).toContain("catalog: ittybitErrorCodeTypes,");
    expect(client).not.toMatch(/\bittybitErrors\b/);
    expect(client).toContain("operations: ittybitOperationErrors,");
    expect(client).toContain("serverUrl: ittybitServerUrl,");
    expect(client).not.toContain(model.serverUrl);
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

  it("writes each member of a shape on its own line under its JSDoc, for the hover", () => {
    const model = models.get("ittybit")!;
    const name = "codeField";
    const client = content({ ...model, envelope: { ...model.envelope, code: [name] }, fields: { code: name } });
    expect(client).toContain(
      "  readonly transport: {\n" +
        "    /** The error's code, the body's `codeField` (undefined when there is none). */\n" +
        "    readonly codeField: undefined;\n" +
        "    /** The response's body: the envelope for a code's `reason`, else what was read (JSON or text). */\n" +
        "    readonly body: undefined;\n  };\n",
    );
  });
});
