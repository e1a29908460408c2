// The catalogs must say what the vendors' pages say: every code, its status, type and
// description, and nothing more. The pages are read at test time, not copied.
import { describe, expect, it } from "vitest";
import ittybitJson from "../generated/ittybit/errors.json" with { type: "json" };
import willItTrackJson from "../generated/willittrack/errors.json" with { type: "json" };
import { ittybitErrors } from "../generated/ittybit/errors.js";
import { willItTrackErrors, willItTrackErrorTypes } from "../generated/willittrack/errors.js";
import { ittybitSeed, willItTrackSeed } from "./support/seeds.js";

/** Statuses the WillItTrack page leaves out, as assigned once in the spec (issue #2's table). */
const WILLITTRACK_ASSIGNED_STATUSES: Record<number, string[]> = {
  400: ["missing_parameter", "invalid_parameter", "invalid_url", "invalid_json", "too_many_urls", "invalid_urls"],
  401: ["invalid_api_key", "invalid_credentials"],
  402: ["insufficient_credits"],
  404: ["not_found"],
  409: ["too_many_batches", "monitor_limit_reached", "cannot_revoke_current_key"],
  429: ["rate_limited"],
  500: ["check_failed", "batch_creation_failed", "key_creation_failed", "monitor_creation_failed", "internal_error"],
  503: ["scanner_unavailable", "billing_unavailable"],
};

describe("Ittybit catalog matches its error page", () => {
  const seed = ittybitSeed();

  it("reads all 11 kinds from the page", () => {
    expect(seed).toHaveLength(11);
  });

  it.each(seed.map((row) => [row.code, row] as const))("%s has the page's status and description", (code, row) => {
    const entry = ittybitErrors[code as keyof typeof ittybitErrors];
    expect(entry, `${code} is missing from the catalog`).toBeDefined();
    expect({ status: entry.status, description: entry.description }).toEqual({ status: row.status, description: row.description });
    expect(entry.example.kind).toBe(code);
  });

  it("has no kind the page lacks, in the module and in errors.json", () => {
    const codes = seed.map((row) => row.code).sort();
    expect(Object.keys(ittybitErrors).sort()).toEqual(codes);
    expect(ittybitJson.errors.map((e) => e.code).sort()).toEqual(codes);
  });
});

describe("WillItTrack catalog matches its error page", () => {
  const { codes, types } = willItTrackSeed();

  it("reads all 21 codes and 4 types from the page", () => {
    expect(codes).toHaveLength(21);
    expect(types.size).toBe(4);
  });

  it.each(codes.map((row) => [row.code, row] as const))("%s has the page's description and a type whose statuses include its own", (code, row) => {
    const entry = willItTrackErrors[code as keyof typeof willItTrackErrors];
    expect(entry, `${code} is missing from the catalog`).toBeDefined();
    expect(entry.description).toBe(row.description);
    expect(types.get(entry.type), `type ${entry.type} is not on the page`).toContain(entry.status);
    expect(entry.example.error).toMatchObject({ code, type: entry.type });
  });

  it("uses the page's type table", () => {
    const spec = Object.fromEntries(Object.entries(willItTrackErrorTypes).map(([type, t]) => [type, [...t.statuses]]));
    expect(spec).toEqual(Object.fromEntries(types));
  });

  it("assigns the agreed statuses to the codes the page gives none", () => {
    const byStatus: Record<number, string[]> = {};
    for (const entry of Object.values(willItTrackErrors)) (byStatus[entry.status] ??= []).push(entry.code);
    const sorted = (table: Record<number, string[]>) => Object.fromEntries(Object.entries(table).map(([s, c]) => [s, [...c].sort()]));
    expect(sorted(byStatus)).toEqual(sorted(WILLITTRACK_ASSIGNED_STATUSES));
  });

  it("has no code the page lacks, in the module and in errors.json", () => {
    const expected = codes.map((row) => row.code).sort();
    expect(Object.keys(willItTrackErrors).sort()).toEqual(expected);
    expect(willItTrackJson.errors.map((e) => e.code).sort()).toEqual(expected);
    expect(willItTrackJson.errors.every((e) => e.type === willItTrackErrors[e.code as keyof typeof willItTrackErrors].type)).toBe(true);
  });
});
