// The one model of error coverage: which errors a table documents (exact statuses, ranges,
// `default`, open envelopes, statuses without a body), which documented error a response
// exercises, and the tallies and percentages both reports print.
import { describe, expect, it } from "vitest";
import {
  type DocumentingTables,
  documentedErrorOf,
  documentedErrors,
  ErrorCoverage,
  percentOf,
  reaches,
  totalPercent,
} from "../../src/coverage/documented.js";
import { errorTables } from "../../generated/apis.js";

const tables: DocumentingTables = {
  operations: {
    "GET /tasks/{id}": {
      "404": { codes: ["task_not_found"], open: false },
      "429": { codes: [], open: true },
      "4XX": { codes: ["bad_request", "gone"], open: true },
      default: { codes: ["internal_error"], open: false },
    },
    "DELETE /tasks/{id}": { "409": { codes: [], open: false }, "500": { codes: ["internal_error"], open: true } },
    "GET /status": {},
  },
};

describe("documentedErrors", () => {
  it("lists per operation and status each code, then null for a body without a documented code", () => {
    expect(documentedErrors(tables)).toEqual([
      { operation: "GET /tasks/{id}", status: 404, code: "task_not_found" },
      { operation: "GET /tasks/{id}", status: 429, code: null },
      { operation: "GET /tasks/{id}", status: "4XX", code: "bad_request" },
      { operation: "GET /tasks/{id}", status: "4XX", code: "gone" },
      { operation: "GET /tasks/{id}", status: "4XX", code: null },
      { operation: "GET /tasks/{id}", status: "default", code: "internal_error" },
      { operation: "DELETE /tasks/{id}", status: 409, code: null },
      { operation: "DELETE /tasks/{id}", status: 500, code: "internal_error" },
      { operation: "DELETE /tasks/{id}", status: 500, code: null },
    ]);
  });

  it("reads the generated tables of every API, each error once", () => {
    for (const [api, generated] of Object.entries(errorTables)) {
      const documented = documentedErrors(generated);
      const keys = documented.map((e) => `${e.operation} ${e.status} ${e.code}`);
      expect(new Set(keys).size, api).toBe(keys.length);
      expect(new Set(documented.map((e) => e.operation)), api).toEqual(new Set(Object.keys(generated.operations)));
    }
  });
});

describe("documentedErrorOf", () => {
  const of = (operation: string, status: number, code: string | null) =>
    documentedErrorOf(tables, operation, status, code);
  it.each([
    [
      "a code its exact status lists",
      "GET /tasks/{id}",
      404,
      "task_not_found",
      { status: 404, code: "task_not_found" },
    ],
    ["another code at a status that lists only others", "GET /tasks/{id}", 404, "gone", undefined],
    ["any code at an open status", "GET /tasks/{id}", 429, "slow_down", { status: 429, code: null }],
    ["no code at an open status", "GET /tasks/{id}", 429, null, { status: 429, code: null }],
    ["a code its range lists", "GET /tasks/{id}", 410, "gone", { status: "4XX", code: "gone" }],
    ["another code in an open range", "GET /tasks/{id}", 418, "teapot", { status: "4XX", code: null }],
    [
      "a status only `default` covers",
      "GET /tasks/{id}",
      503,
      "internal_error",
      { status: "default", code: "internal_error" },
    ],
    ["another code under a closed `default`", "GET /tasks/{id}", 503, "busy", undefined],
    ["a status declared without a body", "DELETE /tasks/{id}", 409, "conflict", { status: 409, code: null }],
    ["an undeclared status", "DELETE /tasks/{id}", 404, "task_not_found", undefined],
    ["an operation without errors", "GET /status", 500, null, undefined],
    ["an unknown operation", "GET /nowhere", 404, null, undefined],
    ["an inherited property's name", "constructor", 404, null, undefined],
  ])("%s", (_, operation, status, code, expected) => {
    expect(of(operation, status, code)).toEqual(expected && { operation, ...expected });
  });
});

describe("ErrorCoverage", () => {
  it("counts each documented error once, however often it is met, and undocumented ones apart", () => {
    const coverage = new ErrorCoverage("tasks", tables);
    coverage.add("GET /tasks/{id}", 404, "task_not_found");
    coverage.add("GET /tasks/{id}", 404, "task_not_found");
    coverage.add("GET /tasks/{id}", 429, "slow_down");
    coverage.add("GET /tasks/{id}", 429, null);
    coverage.add("DELETE /tasks/{id}", 404, null);
    expect(coverage.undocumented).toBe(1);
    const result = coverage.coverage();
    expect(result).toMatchObject({ api: "tasks", documented: 9, exercised: 2, percent: 22.2 });
    expect(result.operations.map((o) => [o.operation, o.exercised.length, o.missing.length])).toEqual([
      ["GET /tasks/{id}", 2, 4],
      ["DELETE /tasks/{id}", 0, 3],
    ]);
  });
});

describe("percentages", () => {
  it.each([
    [0, 0, 100],
    [0, 7, 0],
    [1, 3, 33.3],
    [2, 3, 66.6],
    [799, 1000, 79.9],
    [7, 7, 100],
  ])("%i of %i is %d%%", (exercised, documented, percent) => {
    expect(percentOf(exercised, documented)).toBe(percent);
  });

  const api = (exercised: number, documented: number) => ({
    api: "a",
    exercised,
    documented,
    percent: percentOf(exercised, documented),
    operations: [],
  });

  it("totals over APIs by their errors, not by averaging their percentages", () => {
    expect(totalPercent([api(1, 1), api(0, 3)])).toBe(25);
  });

  it.each([
    [[api(4, 5)], 80, true],
    [[api(799, 1000)], 80, false],
    [[api(1, 1), api(0, 3)], 25, true],
    [[api(1, 1), api(0, 3)], 25.1, false],
    [[], 100, true],
  ])("%j reaches %d%%: %s", (apis, min, expected) => {
    expect(reaches(apis, min)).toBe(expected);
  });
});
