import { describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  countBySeverity,
  describeCounts,
  formatFinding,
  sortFindings,
  type Finding,
} from "../../scripts/lint/index.js";

const finding = (overrides: Partial<Finding>): Finding => ({
  linter: "spectral",
  rule: "contract-auth-401",
  severity: "error",
  message: "GET /keys accepts credentials but declares no 401 response.",
  file: "/repo/openapi/willittrack/paths/keys.yaml",
  line: 70,
  column: 3,
  path: ["get", "responses"],
  ...overrides,
});

describe("findings", () => {
  it("print as file:line:col  severity  rule  message, relative to the working directory", () => {
    expect(formatFinding(finding({}), "/repo")).toBe(
      "openapi/willittrack/paths/keys.yaml:70:3  error  contract-auth-401  " +
        "GET /keys accepts credentials but declares no 401 response.",
    );
  });

  it("sort by file, then position", () => {
    const sorted = sortFindings([finding({ line: 9 }), finding({ file: "/repo/a.yaml" }), finding({ line: 2 })]);
    expect(sorted.map((f) => `${f.file}:${f.line}`)).toEqual([
      "/repo/a.yaml:70",
      "/repo/openapi/willittrack/paths/keys.yaml:2",
      "/repo/openapi/willittrack/paths/keys.yaml:9",
    ]);
  });

  it("keep each finding once: a shared response's mistake found from every operation naming it", () => {
    const shared = finding({ file: "/repo/openapi/willittrack/components/responses/NotFound.yaml", line: 5 });
    expect(sortFindings([shared, finding({}), { ...shared }, { ...shared }])).toEqual([shared, finding({})]);
    expect(sortFindings([shared, finding({ ...shared, message: "Another." })])).toHaveLength(2);
  });

  it("print relative to the process's working directory when no folder is given", () => {
    const file = join(process.cwd(), "openapi/x.yaml");
    expect(formatFinding(finding({ file, line: 1, column: 2 }))).toMatch(/^openapi\/x\.yaml:1:2 {2}error {2}/);
  });

  // Each pair differs in one key only, the first sorting before the second whatever order they come in.
  it.each([
    ["column", { column: 2 }, { column: 10 }],
    ["rule", { rule: "a-rule" }, { rule: "b-rule" }],
    ["message", { message: "A." }, { message: "B." }],
    ["line before column", { line: 1, column: 9 }, { line: 2, column: 1 }],
    ["column before rule", { column: 1, rule: "z" }, { column: 2, rule: "a" }],
    ["rule before message", { rule: "a", message: "Z." }, { rule: "b", message: "A." }],
  ] as const)("sort by %s", (_, first, second) => {
    const [a, b] = [finding(first), finding(second)];
    expect(sortFindings([b, a])).toEqual([a, b]);
    expect(sortFindings([a, b])).toEqual([a, b]);
  });

  it.each([
    ["file", { file: "/repo/other.yaml" }],
    ["line", { line: 71 }],
    ["column", { column: 4 }],
    ["rule", { rule: "contract-other" }],
    ["message", { message: "Another." }],
  ] as const)("keep two findings that differ in %s alone", (_, other) => {
    expect(sortFindings([finding({}), finding(other)])).toHaveLength(2);
  });

  it("keep the first of findings that differ only in what the place, rule and message do not say", () => {
    const first = finding({ linter: "spectral", severity: "warning" });
    const second = finding({ linter: "redocly", path: ["other"] });
    expect(sortFindings([first, second])).toEqual([first]);
    expect(sortFindings([second, first])).toEqual([second]);
  });

  it("keep the input as it was", () => {
    const input = [finding({ line: 9 }), finding({ line: 2 }), finding({ line: 9 })];
    const copy = [...input];
    sortFindings(input);
    expect(input).toEqual(copy);
  });

  it("count each severity, zero for those not found", () => {
    const found = [finding({}), finding({ severity: "hint" }), finding({ severity: "hint" })];
    expect(countBySeverity(found)).toEqual({ error: 1, warning: 0, info: 0, hint: 2 });
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, info: 0, hint: 0 });
  });

  it.each([
    [[], "no findings"],
    [[finding({})], "1 error"],
    [[finding({}), finding({ severity: "warning" }), finding({ severity: "warning" })], "1 error, 2 warnings"],
    [[finding({ severity: "hint" }), finding({ severity: "info" }), finding({})], "1 error, 1 info, 1 hint"],
    [[finding({ severity: "info" }), finding({ severity: "info" })], "2 infos"],
  ] as const)("count %#", (findings, want) => {
    expect(describeCounts(findings)).toBe(want);
  });
});
