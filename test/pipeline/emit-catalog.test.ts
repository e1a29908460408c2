// The emitter of generated/<api>/errors.ts on what the real specs do not have (the drift gate
// covers what they do have): an error type whose statuses are this project's choice. It prints
// the model's tables as they are.
import { describe, expect, it } from "vitest";
import type { Contract } from "../../scripts/contract/index.js";
import { emitCatalog } from "../../scripts/pipeline/emit-catalog.js";
import { realContract } from "../support/contracts.js";

describe("emitCatalog", () => {
  it("marks an inferred error type with its reason in the error-type table, and only that type", async () => {
    const model = await realContract("willittrack");
    const reason = "The docs give no status for this type; 402 is assumed.";
    const types = model.tables.errorTypes;
    const errorTypes = { ...types, usage_limit_error: { ...types.usage_limit_error!, inferred: reason } };
    const tables = { ...model.tables, errorTypes };
    const module = String(emitCatalog({ ...model, tables }).find((f) => f.path.endsWith("/errors.ts"))?.content);
    const table = module.slice(module.indexOf("export const willItTrackErrorTypes = "));
    const entry = table.slice(0, table.indexOf(" satisfies "));
    expect(entry).toContain(
      "  usage_limit_error: {\n" +
        "    statuses: [402],\n" +
        '    description: "Free tier exhausted and insufficient credits to complete the request.",\n' +
        `    inferred: ${JSON.stringify(reason)},\n` +
        "  },\n",
    );
    expect(entry.match(/inferred: /g)).toHaveLength(1);
  });
});

describe("emitCatalog's shared declarations", () => {
  const moduleOf = (model: Contract): string =>
    String(emitCatalog(model).find((f) => f.path.endsWith("/errors.ts"))?.content);

  it("declares each shared header and response once, and names them wherever they are used", async () => {
    const model = await realContract("willittrack");
    const module = moduleOf(model);
    expect(module.match(/"req_550e8400-e29b-41d4-a716"/g)).toHaveLength(1);
    expect(module).toContain('const XRequestIdHeader = /* @__PURE__ */ frozen({ required: false, example: "req_');
    expect(module).toMatch(/const NotFoundResponse = [^;]*"X-Request-Id": XRequestIdHeader,/s);
    expect(module).toMatch(/"GET \/batches\/\{id\}": \{\n {4}"401": UnauthorizedResponse, "403": ForbiddenResponse,/);
  });

  it("writes out a shared declaration whose name gives no identifier, or the same one as another's", async () => {
    const model = await realContract("ittybit");
    const { sharedResponses } = model.tables;
    const [first, second, third] = Object.keys(sharedResponses);
    const renamed = Object.fromEntries(
      Object.entries(sharedResponses).map(([name, table]) => [
        name === first ? "404-ish" : name === second ? "Same-Name" : name === third ? "SameName" : name,
        table,
      ]),
    );
    const module = moduleOf({ ...model, tables: { ...model.tables, sharedResponses: renamed } });
    expect(module).not.toMatch(/const (404ish|SameName)Response/);
    const written = sharedResponses[first!]!;
    expect(module).toContain(
      `: { codes: ${JSON.stringify(written.codes).replaceAll(",", ", ")}, open: ${written.open}`,
    );
  });

  it("writes every declaration out when the spec shares none", async () => {
    const model = await realContract("ittybit");
    const module = moduleOf({ ...model, tables: { ...model.tables, sharedResponses: {}, sharedHeaders: {} } });
    expect(module).not.toContain("Response = ");
    expect(module).not.toContain("which operations share");
    expect(module).toMatch(/"GET \/tasks\/\{id\}": \{\n {4}"401": \{ codes: \["token_missing", "token_invalid"\]/);
  });
});
