import { describe, expect, it } from "vitest";
import { describeCounts, formatFinding, sortFindings, type Finding } from "../../scripts/lint/index.js";

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

  it.each([
    [[], "no findings"],
    [[finding({})], "1 error"],
    [[finding({}), finding({ severity: "warning" }), finding({ severity: "warning" })], "1 error, 2 warnings"],
  ] as const)("count %#", (findings, want) => {
    expect(describeCounts(findings)).toBe(want);
  });
});
