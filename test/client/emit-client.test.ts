// The emitter of generated/<api>/client.ts, on the real specs and on variations of them.
import { loadConfig } from "@redocly/openapi-core";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readApis } from "../../scripts/pipeline/apis.js";
import { emitClient } from "../../scripts/pipeline/emit-client.js";
import { readModel, type ApiModel } from "../../scripts/pipeline/model.js";
import { SpecProblem } from "../../scripts/pipeline/problem.js";

const root = resolve(import.meta.dirname, "../..");
const models = new Map<string, ApiModel>();

beforeAll(async () => {
  process.env.REDOCLY_TELEMETRY = "off";
  const configPath = resolve(root, "redocly.yaml");
  const config = await loadConfig({ configPath });
  for (const api of await readApis(configPath)) models.set(api.name, await readModel(api, config));
});

const content = (model: ApiModel): string => String(emitClient(model)[0]?.content);

describe("emitClient", () => {
  it.each(["ittybit", "willittrack"])("writes what is committed for %s", async (api) => {
    const [file] = emitClient(models.get(api)!);
    expect(file?.path).toBe(`generated/${api}/client.ts`);
    expect(file?.content).toBe(await readFile(resolve(root, file!.path), "utf8"));
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

  it("names the error fields after the envelope", () => {
    expect(content(models.get("ittybit")!)).toContain("readonly kind: C;");
    expect(content(models.get("willittrack")!)).toMatch(/readonly code: C;\s+readonly type: /);
  });

  it("refuses an envelope field that would hide a property of the error", () => {
    const model = models.get("ittybit")!;
    expect(() => emitClient({ ...model, envelope: { ...model.envelope, code: ["error", "status"] } })).toThrow(SpecProblem);
  });

  it("refuses a schema named like one of the client's exports", () => {
    const model = models.get("ittybit")!;
    const schemas = { ...model.document.components.schemas, IttybitApiError: {} };
    const document = { ...model.document, components: { ...model.document.components, schemas } };
    expect(() => emitClient({ ...model, document })).toThrow(/IttybitApiError/);
  });
});
