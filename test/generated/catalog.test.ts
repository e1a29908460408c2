// The committed catalogs, checked against an oracle of their own: the retryable statuses of the
// retry policy README.md names (the Stainless-generated SDKs'), written out here rather than
// imported from the code under test.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import * as ittybit from "../../generated/ittybit/index.js";
import * as willittrack from "../../generated/willittrack/index.js";

const root = resolve(import.meta.dirname, "../..");

/** The Stainless SDKs' retryable statuses (README.md, "Retries", names the policy). */
const DOCUMENTED_RETRYABLE = [408, 429, 500, 502, 503, 504];

interface Entry {
  readonly code: string;
  readonly status: number;
  readonly type?: string;
  readonly description: string;
  readonly retryable: boolean;
  readonly inferred?: string;
}

type Table = Record<string, Record<string, { readonly codes: readonly string[] }>>;

const apis = [
  {
    api: "ittybit",
    catalog: ittybit.ittybitErrors as Record<string, Entry>,
    guard: ittybit.isIttybitErrorCode,
    codeTypes: ittybit.ittybitErrorCodeTypes as Record<string, { readonly type?: string }>,
    operations: ittybit.ittybitOperationErrors as Table,
    successStatuses: ittybit.ittybitSuccessStatuses as Record<string, readonly string[]>,
    tables: ittybit.ittybitErrorTables,
  },
  {
    api: "willittrack",
    catalog: willittrack.willItTrackErrors as Record<string, Entry>,
    guard: willittrack.isWillItTrackErrorCode,
    codeTypes: willittrack.willItTrackErrorCodeTypes as Record<string, { readonly type?: string }>,
    operations: willittrack.willItTrackOperationErrors as Table,
    successStatuses: willittrack.willItTrackSuccessStatuses as Record<string, readonly string[]>,
    tables: willittrack.willItTrackErrorTables,
  },
];

interface Catalog {
  readonly api: string;
  readonly errors: Entry[];
}

const jsonOf = async (api: string): Promise<Catalog> =>
  JSON.parse(await readFile(resolve(root, "generated", api, "errors.json"), "utf8")) as Catalog;

describe.each(apis)("the $api catalog", ({ api, catalog, guard, codeTypes, operations, successStatuses, tables }) => {
  it("has every errors.json entry with its fields, `retryable` as documented for its status", async () => {
    const { errors } = await jsonOf(api);
    expect(errors.length).toBeGreaterThan(0);
    for (const entry of errors) {
      const fields = ["code", "status", ...(entry.type === undefined ? [] : ["type"]), "description", "retryable"];
      if (entry.inferred !== undefined) fields.push("inferred");
      expect(Object.keys(entry), entry.code).toEqual(fields);
      expect(entry.retryable, `${entry.code} (${entry.status})`).toBe(DOCUMENTED_RETRYABLE.includes(entry.status));
    }
    // Both values occur, so a constant `retryable` cannot pass.
    expect(new Set(errors.map((e) => e.retryable))).toEqual(new Set([true, false]));
  });

  it("has the same entries in errors.ts as in errors.json, `retryable` as documented", async () => {
    const { errors } = await jsonOf(api);
    expect(Object.keys(catalog).sort()).toEqual(errors.map((e) => e.code).sort());
    for (const entry of errors) {
      const { code, status, type, description, retryable, inferred } = catalog[entry.code]!;
      const optional = { ...(type === undefined ? {} : { type }), ...(inferred === undefined ? {} : { inferred }) };
      expect({ code, status, description, retryable, ...optional }).toEqual(entry);
      expect(retryable, `${code} (${status})`).toBe(DOCUMENTED_RETRYABLE.includes(status));
    }
  });

  it("has a guard that accepts every code and nothing else", async () => {
    for (const code of Object.keys(catalog)) expect(guard(code), code).toBe(true);
    const inherited = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"];
    for (const value of [...inherited, "", "TASK_NOT_FOUND", undefined, null, 404, {}, ["not_found"]]) {
      expect(guard(value), String(value)).toBe(false);
    }
  });

  // The client binds these slim tables (bundle size); they must say what the full ones say.
  it("has a code-to-type table with exactly the catalog's codes and types", () => {
    const expected = Object.fromEntries(
      Object.values(catalog).map((e) => [e.code, e.type === undefined ? {} : { type: e.type }]),
    );
    expect(codeTypes).toEqual(expected);
  });

  it("is frozen through, every table and every node in it", () => {
    const nodes: unknown[] = [tables];
    for (const node of nodes) {
      expect(Object.isFrozen(node)).toBe(true);
      if (typeof node === "object" && node !== null) nodes.push(...Object.values(node));
    }
    expect(nodes.length).toBeGreaterThan(100);
  });

  it("has one kit table made of the module's own tables, and success statuses for exactly its operations", () => {
    expect(tables.catalog).toBe(catalog);
    expect(tables.operations).toBe(operations);
    expect(tables.successStatuses).toBe(successStatuses);
    expect(Object.keys(successStatuses)).toEqual(Object.keys(operations));
  });
});
