// The catalogs must say what the vendors' pages say: every code, its description, the status and
// type where the page documents them, and nothing more; every status or type the page does not
// document must carry `x-inferred` in the spec. The pages are read at test time, not copied
// (reference-conformance.test.ts does the same for the operations, from the research notes).
import { beforeAll, describe, expect, it } from "vitest";
import ittybitJson from "../generated/ittybit/errors.json" with { type: "json" };
import willItTrackJson from "../generated/willittrack/errors.json" with { type: "json" };
import { ittybitErrors } from "../generated/ittybit/errors.js";
import { willItTrackErrors, willItTrackErrorTypes } from "../generated/willittrack/errors.js";
import { at, bundled } from "./support/bundled.js";
import { ittybitSeed, seedsAvailable, willItTrackSeed, type SeedCode } from "./support/seeds.js";
import { specErrors, type SpecError } from "./support/spec-errors.js";

const withSeeds = seedsAvailable("the seed conformance tests");

/** Statuses the WillItTrack page leaves out, as assigned in the spec (issue #2's table). */
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

/**
 * What is wrong with how the spec marks one code: a fact the page documents that the spec
 * contradicts, a status or type the page does not document without `x-inferred`, or an
 * `x-inferred` on a code whose every fact is documented (a mark that cries wolf).
 */
function markingProblems(seed: SeedCode, spec: SpecError): string[] {
  const problems: string[] = [];
  if (seed.status !== undefined && spec.status !== seed.status)
    problems.push(`status ${spec.status}, but the page documents ${seed.status}`);
  if (seed.type !== undefined && spec.type !== seed.type)
    problems.push(`type ${spec.type}, but the page documents ${seed.type}`);
  const assigned = [
    ...(seed.status === undefined ? [`status ${spec.status}`] : []),
    ...(spec.type !== undefined && seed.type === undefined ? [`type ${spec.type}`] : []),
  ];
  if (assigned.length > 0 && !spec.inferred?.trim()) {
    problems.push(
      `${assigned.join(" and ")} not documented by the page: ` +
        "add `x-inferred: <what the page says and why this>` to its schema",
    );
  }
  if (assigned.length === 0 && spec.inferred !== undefined)
    problems.push("x-inferred, but the page documents its status and type");
  return problems;
}

describe.skipIf(!withSeeds)("Ittybit catalog matches its error page", () => {
  const seed: ReturnType<typeof ittybitSeed> = withSeeds ? ittybitSeed() : { codes: [], example: {} };
  let spec: Map<string, SpecError>;
  beforeAll(async () => {
    spec = await specErrors("ittybit");
  });

  it("reads all 11 kinds from the page, each with its status", () => {
    expect(seed.codes).toHaveLength(11);
    expect(seed.codes.every((row) => row.status !== undefined)).toBe(true);
  });

  it.each(seed.codes.map((row) => [row.code, row] as const))(
    "%s has the page's status and description",
    (code, row) => {
      const entry = ittybitErrors[code as keyof typeof ittybitErrors];
      expect(entry, `${code} is missing from the catalog`).toBeDefined();
      expect({ status: entry.status, description: entry.description }).toEqual({
        status: row.status,
        description: row.description,
      });
      expect(entry.example.kind).toBe(code);
    },
  );

  it("marks exactly the facts the page does not document", () => {
    const problems = seed.codes.flatMap((row) =>
      markingProblems(row, spec.get(row.code)!).map((p) => `${row.code}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("quotes the page's example body as the example of its kind", () => {
    const code = seed.example.kind as keyof typeof ittybitErrors;
    expect(ittybitErrors[code].example).toEqual(seed.example);
  });

  it("has no kind the page lacks, in the module and in errors.json", () => {
    const codes = seed.codes.map((row) => row.code).sort();
    expect(Object.keys(ittybitErrors).sort()).toEqual(codes);
    expect(ittybitJson.errors.map((e) => e.code).sort()).toEqual(codes);
  });
});

describe.skipIf(!withSeeds)("WillItTrack catalog matches its error page", () => {
  const seed: ReturnType<typeof willItTrackSeed> = withSeeds
    ? willItTrackSeed()
    : { codes: [], types: new Map(), example: {}, fields: new Map() };
  let spec: Map<string, SpecError>;
  beforeAll(async () => {
    spec = await specErrors("willittrack");
  });

  it("reads all 21 codes and 4 types from the page", () => {
    expect(seed.codes).toHaveLength(21);
    expect(seed.types.size).toBe(4);
  });

  it("finds what the page documents per code: one status, two types", () => {
    const documented = (key: "status" | "type") =>
      Object.fromEntries(seed.codes.filter((c) => c[key] !== undefined).map((c) => [c.code, c[key]]));
    expect(documented("status")).toEqual({ rate_limited: 429 });
    expect(documented("type")).toEqual({
      missing_parameter: "invalid_request_error",
      rate_limited: "invalid_request_error",
    });
  });

  it.each(seed.codes.map((row) => [row.code, row] as const))(
    "%s has the page's description and a type whose statuses include its own",
    (code, row) => {
      const entry = willItTrackErrors[code as keyof typeof willItTrackErrors];
      expect(entry, `${code} is missing from the catalog`).toBeDefined();
      expect(entry.description).toBe(row.description);
      expect(seed.types.get(entry.type)?.statuses, `type ${entry.type} is not on the page`).toContain(entry.status);
      expect(entry.example.error).toMatchObject({ code, type: entry.type });
    },
  );

  it("marks exactly the facts the page does not document", () => {
    const problems = seed.codes.flatMap((row) =>
      markingProblems(row, spec.get(row.code)!).map((p) => `${row.code}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it("uses the page's type table", () => {
    const fromSpec = Object.fromEntries(
      Object.entries(willItTrackErrorTypes).map(([type, t]) => [type, [...t.statuses]]),
    );
    expect(fromSpec).toEqual(Object.fromEntries([...seed.types].map(([type, t]) => [type, t.statuses])));
  });

  it("quotes the page's example message as the example of its code", () => {
    const { code, type, message } = seed.example.error as {
      code: keyof typeof willItTrackErrors;
      type: string;
      message: string;
    };
    expect(willItTrackErrors[code].example.error).toMatchObject({ code, type, message });
  });

  it("quotes the page's description of request_id", () => {
    const requestId = at(bundled("willittrack"), "components", "schemas", "RequestId", "description");
    expect(seed.fields.get("request_id")).toMatch(/^Unique request ID\./);
    expect(requestId).toBe(seed.fields.get("request_id"));
  });

  it("assigns the agreed statuses to the codes the page gives none", () => {
    const byStatus: Record<number, string[]> = {};
    for (const entry of Object.values(willItTrackErrors)) {
      byStatus[entry.status] ??= [];
      byStatus[entry.status]!.push(entry.code);
    }
    const sorted = (table: Record<number, string[]>) =>
      Object.fromEntries(Object.entries(table).map(([s, c]) => [s, [...c].sort()]));
    expect(sorted(byStatus)).toEqual(sorted(WILLITTRACK_ASSIGNED_STATUSES));
  });

  it("has no code the page lacks, in the module and in errors.json", () => {
    const expected = seed.codes.map((row) => row.code).sort();
    expect(Object.keys(willItTrackErrors).sort()).toEqual(expected);
    expect(willItTrackJson.errors.map((e) => e.code).sort()).toEqual(expected);
    expect(
      willItTrackJson.errors.every((e) => e.type === willItTrackErrors[e.code as keyof typeof willItTrackErrors].type),
    ).toBe(true);
  });
});

describe("marking rule", () => {
  const spec = (facts: Partial<SpecError>): SpecError => ({ code: "c", status: 400, ...facts });
  it.each([
    ["documented status, no mark", { code: "c", description: "", status: 400 }, spec({}), []],
    [
      "documented status and type, no mark",
      { code: "c", description: "", status: 402, type: "t" },
      spec({ status: 402, type: "t" }),
      [],
    ],
    ["assigned status with a mark", { code: "c", description: "" }, spec({ inferred: "why" }), []],
    ["assigned status without a mark", { code: "c", description: "" }, spec({}), ["status 400 not documented"]],
    [
      "assigned type without a mark",
      { code: "c", description: "", status: 400 },
      spec({ type: "t" }),
      ["type t not documented"],
    ],
    ["blank mark", { code: "c", description: "" }, spec({ inferred: " " }), ["status 400 not documented"]],
    [
      "contradicted status",
      { code: "c", description: "", status: 409 },
      spec({ inferred: "why" }),
      ["status 400, but the page documents 409", "x-inferred, but"],
    ],
    [
      "contradicted type",
      { code: "c", description: "", type: "a" },
      spec({ type: "b", inferred: "why" }),
      ["type b, but the page documents a"],
    ],
    [
      "mark on a documented code",
      { code: "c", description: "", status: 400 },
      spec({ inferred: "why" }),
      ["x-inferred, but the page documents"],
    ],
  ] as const)("%s", (_name, seed, facts, want) => {
    const problems = markingProblems(seed, facts);
    expect(problems).toHaveLength(want.length);
    for (const [i, start] of want.entries()) expect(problems[i]).toContain(start);
  });
});
