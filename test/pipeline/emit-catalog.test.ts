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
    const declared = [...module.matchAll(/^const (\w+) = /gm)].map(([, name]) => name);
    const named = Object.keys(sharedResponses)
      .slice(3)
      .map((name) => `${name}Response`);
    expect(declared).toEqual(["RetryAfterHeader", ...named]);
    // Nothing but declarations between the section's comment and the operation table's.
    const section = module.slice(
      module.indexOf("which operations share. */\n"),
      module.indexOf("\n\n/**\n * For each"),
    );
    const lines = section.split("\n").slice(1);
    expect(lines.filter((line) => !/^(const \w+ = |\s|\}\);$)/.test(line))).toEqual([]);
    const written = sharedResponses[first!]!;
    expect(module).toContain(
      `: { codes: ${JSON.stringify(written.codes).replaceAll(",", ", ")}, open: ${written.open}`,
    );
  });

  it("writes every declaration out when the spec shares none", async () => {
    const model = await realContract("ittybit");
    const module = moduleOf({ ...model, tables: { ...model.tables, sharedResponses: {}, sharedHeaders: {} } });
    expect(module).not.toContain("Response = ");
    expect(module).toContain("readonly IttybitErrorCode[] };\n\n/**\n * For each operation");
    expect(module).toMatch(/"GET \/tasks\/\{id\}": \{\n {4}"401": \{ codes: \["token_missing", "token_invalid"\]/);
  });
});

describe("emitCatalog's operation table", () => {
  const moduleOf = (model: Contract): string =>
    String(emitCatalog(model).find((f) => f.path.endsWith("/errors.ts"))?.content);

  it("writes an operation that declares no error status as an empty object", async () => {
    const model = await realContract("ittybit");
    const operations = { ...model.tables.operations, "GET /tasks/{id}": {} };
    expect(moduleOf({ ...model, tables: { ...model.tables, operations } })).toContain('\n  "GET /tasks/{id}": {},\n');
  });

  it("keeps a declaration written out within 120 columns, counting its status key", async () => {
    const model = await realContract("ittybit");
    // Flat, this declaration ends at column 118 with its indent alone, and past 120 with its key.
    const codes = ["request_invalid", "url_required", "format_unsupported", "token_invalid", "x".repeat(5)];
    const written = { codes, open: false, headers: {} };
    const operations = { ...model.tables.operations, "GET /tasks/{id}": { "400": written } };
    const module = moduleOf({ ...model, tables: { ...model.tables, operations } });
    const lines = module.split("\n").filter((line) => !line.trimStart().startsWith("/**"));
    expect(lines.filter((line) => line.length > 120)).toEqual([]);
    expect(module).toContain('  "GET /tasks/{id}": {\n    "400": {\n      codes: [');
  });
});

describe("emitCatalog's success statuses", () => {
  it("writes the table on one line only when it ends within 120 columns after `} = `", async () => {
    const model = await realContract("ittybit");
    // Flat, `{ "<key>": ["200"] }` is the key's length and 15 characters; before it, `} = ` and the call's 23
    // characters, after it the call's parenthesis and the semicolon: it fits up to 91.
    const at = (length: number) => {
      const successStatuses = { [`GET /${"x".repeat(length - 15 - 5)}`]: ["200"] };
      const module = String(
        emitCatalog({ ...model, tables: { ...model.tables, successStatuses } }).find((f) => f.path.endsWith(".ts"))
          ?.content,
      );
      return module.slice(module.indexOf("} = /* @__PURE__ */ frozen("), module.indexOf(";\n\n/** Where the envelope"));
    };
    expect(at(91)).toMatch(/^\} = \/\* @__PURE__ \*\/ frozen\(\{ "GET \/x+": \["200"\] \}\)$/);
    expect(at(92)).toMatch(/^\} = \/\* @__PURE__ \*\/ frozen\(\{\n {2}"GET \/x+": \["200"\],\n\}\)$/);
  });
});
