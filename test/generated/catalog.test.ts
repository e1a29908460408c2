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
    operationCodes: ittybit.ittybitOperationErrorCodes as Table,
  },
  {
    api: "willittrack",
    catalog: willittrack.willItTrackErrors as Record<string, Entry>,
    guard: willittrack.isWillItTrackErrorCode,
    codeTypes: willittrack.willItTrackErrorCodeTypes as Record<string, { readonly type?: string }>,
    operations: willittrack.willItTrackOperationErrors as Table,
    operationCodes: willittrack.willItTrackOperationErrorCodes as Table,
  },
];

interface Catalog {
  readonly api: string;
  readonly errors: Entry[];
}

const jsonOf = async (api: string): Promise<Catalog> =>
  JSON.parse(await readFile(resolve(root, "generated", api, "errors.json"), "utf8")) as Catalog;

describe.each(apis)("the $api catalog", ({ api, catalog, guard, codeTypes, operations, operationCodes }) => {
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

  it("has an operation-to-codes table with exactly the operation table's statuses and codes", () => {
    const expected = Object.fromEntries(
      Object.entries(operations).map(([op, statuses]) => [
        op,
        Object.fromEntries(Object.entries(statuses).map(([status, { codes }]) => [status, { codes }])),
      ]),
    );
    expect(Object.keys(operationCodes).length).toBeGreaterThan(0);
    expect(operationCodes).toEqual(expected);
  });
});
