// Ittybit's storage connections and API keys as the documentation shows them: each documented
// call, the errors the error page gives it and no other, the documented object shapes, and a
// storage secret that is only ever sent (no response schema has it, no example shows one).
import { describe, expect, it } from "vitest";
import { ittybitOperationErrors } from "../../generated/ittybit/errors.js";
import { at, bundled, type Json, jsonBody, marked, refTarget, validate } from "../support/bundled.js";
import { realContract } from "../support/contracts.js";

const ittybit = bundled("ittybit");
type Declared = Record<string, { codes: readonly string[]; open: boolean }>;
const errors = ittybitOperationErrors as Record<string, Declared>;

const CALLS: Record<string, string> = {
  "GET /connections": "listConnections",
  "POST /connections": "createConnection",
  "GET /connections/{id}": "getConnection",
  "PATCH /connections/{id}": "updateConnection",
  "DELETE /connections/{id}": "deleteConnection",
  "GET /keys": "listKeys",
  "POST /keys": "createKey",
  "DELETE /keys/{id}": "deleteKey",
};
/** The kinds the error page gives that these calls can meet: auth, project scope, a bad body, the server. */
const THEIR_KINDS = ["token_missing", "token_invalid", "project_required", "request_invalid", "internal_error"];

const schema = (name: string) => at(ittybit, "components", "schemas", name);

/** Every `examples` value and `example` in the document, wherever it sits. */
function allExamples(node: Json | undefined): Json[] {
  if (Array.isArray(node)) return node.flatMap(allExamples);
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "examples" || key === "example" ? [value, ...allExamples(value)] : allExamples(value),
  );
}

describe("Ittybit connections and keys", () => {
  it("offers each documented call under the operationId the client and the docs use", async () => {
    const operations = (await realContract("ittybit")).operations;
    const found = Object.fromEntries(operations.filter((op) => op.key in CALLS).map((op) => [op.key, op.operationId]));
    expect(found).toEqual(CALLS);
  });

  it.each(Object.keys(CALLS))("%s declares the page's auth and scope kinds, and 404 only on one item", (key) => {
    const declared = errors[key]!;
    expect(declared["401"]).toMatchObject({ codes: ["token_missing", "token_invalid"], open: false });
    expect(declared["403"]).toMatchObject({ codes: ["project_required"], open: false });
    // No kind is documented for a missing connection or key: the open envelope, never an invented kind.
    if (key.endsWith("{id}")) expect(declared["404"]).toEqual({ codes: [], open: true, headers: {} });
    else expect(declared).not.toHaveProperty("404");
    const codes = Object.values(declared).flatMap((status) => status.codes);
    expect(codes.filter((code) => !THEIR_KINDS.includes(code))).toEqual([]);
  });

  it("marks the paths the documentation does not give, and no documented call", async () => {
    const operations = (await realContract("ittybit")).operations;
    const assumed = operations.filter((op) => op.key in CALLS && op.inferred !== undefined).map((op) => op.key);
    const itemsAndKeys = Object.keys(CALLS).filter((key) => key.includes("{id}") || key.includes("/keys"));
    expect(assumed.sort()).toEqual(itemsAndKeys.sort());
  });

  it("returns the documented connection object, which a documented example body fits", () => {
    const connection = refTarget(ittybit, jsonBody(ittybit, "/connections/{id}", "get", "200"));
    const [example] = at(connection, "examples") as Json[];
    expect(validate(ittybit, connection, example)).toEqual([]);
    expect(at(connection, "properties", "object", "const")).toBe("storage_connection");
    expect(validate(ittybit, connection, { ...(example as object), created_at: "yesterday" })).not.toEqual([]);
  });

  it("sends the secret access key write-only, returns it nowhere, and shows it in no example", () => {
    for (const body of ["ConnectionCreate", "ConnectionUpdate"]) {
      const secret = refTarget(ittybit, at(schema(body), "properties", "secret_access_key"));
      expect(at(secret, "writeOnly"), body).toBe(true);
      expect(marked(secret), body).toBe(true);
    }
    expect(at(schema("Connection"), "properties", "secret_access_key")).toBeUndefined();
    const shown = allExamples(ittybit).filter((example) => JSON.stringify(example).includes("secret_access_key"));
    expect(shown).toEqual([]);
  });

  it("lists keys as the documented key object, and pages like every list", () => {
    const list = jsonBody(ittybit, "/keys", "get", "200");
    const key = {
      id: "key_abc",
      object: "key",
      name: "Production Key",
      status: "active",
      created_at: 1,
      updated_at: 1,
    };
    expect(validate(ittybit, list, [key])).toEqual([]);
    expect(Object.keys(at(ittybit, "paths", "/keys", "get", "responses", "200", "headers") as object)).toEqual([
      "Link",
      "Has-More",
      "Limit",
    ]);
  });

  it("takes the documented destination of a task's output, its type marked as assumed", () => {
    const destination = at(schema("TaskCreate"), "properties", "destination");
    expect(at(destination, "type")).toBe("string");
    expect(marked(destination)).toBe(true);
  });

  it("says in info.description what it leaves out: the newer jobs generation, and why 405 is declared nowhere", () => {
    const description = String(at(ittybit, "info", "description"));
    expect(description).toMatch(/\*\*What this document leaves out\.\*\*[^\n]*`\/jobs`/);
    expect(description).toMatch(/405 Method Not Allowed[^\n]*none declares it/);
  });
});
