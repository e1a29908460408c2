// Spectral's results as findings, on a throwaway ruleset and spec: each severity, 1-based
// positions, the file that holds a `$ref`d mistake, a `$ref` to a missing file, and `only`.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../scripts/lint/findings.js";
import { loadSpectral, type SpectralLinter } from "../../scripts/lint/spectral.js";
import { brief as briefOf } from "./throwaway.js";

const RULESET = `rules:
  e-rule: { given: $.info, severity: error, then: { field: title, function: truthy } }
  w-rule: { given: $.info, severity: warn, then: { field: description, function: truthy } }
  i-rule: { given: $.info, severity: info, then: { field: contact, function: truthy } }
  h-rule: { given: $.info, severity: hint, then: { field: license, function: truthy } }
  off-rule: { given: $.info, severity: off, then: { field: summary, function: truthy } }
  described: { given: "$.components.schemas[*]", severity: error, then: { field: description, function: truthy } }
`;
const ROOT = `openapi: 3.1.0
info:
  version: '1'
paths: {}
components:
  schemas:
    Thing:
      $ref: ./thing.yaml
    Gone:
      $ref: ./gone.yaml
`;

let dir: string;
let spectral: SpectralLinter;
const at = (file: string): string => join(dir, file);
const brief = (findings: readonly Finding[]): string[] => briefOf(findings, dir);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spectral-lint-"));
  await Promise.all([
    writeFile(at(".spectral.yaml"), RULESET),
    writeFile(at("openapi.yaml"), ROOT),
    writeFile(at("thing.yaml"), "type: object\n"),
  ]);
  spectral = await loadSpectral(at(".spectral.yaml"));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the Spectral linter", () => {
  it("reports each severity, 1-based, in the file that holds the mistake", async () => {
    const found = await spectral.lintFile(at("openapi.yaml"));
    expect(brief(found)).toEqual([
      'described error /openapi.yaml:9:10 ["components","schemas","Gone"]',
      // The `$ref`d file's own mistake, at its own first line.
      "described error /thing.yaml:1:1 []",
      'e-rule error /openapi.yaml:2:6 ["info"]',
      'h-rule hint /openapi.yaml:2:6 ["info"]',
      'i-rule info /openapi.yaml:2:6 ["info"]',
      'invalid-ref error /openapi.yaml:10:13 ["components","schemas","Gone","$ref"]',
      'w-rule warning /openapi.yaml:2:6 ["info"]',
    ]);
    expect(found.find((f) => f.rule === "e-rule")).toMatchObject({
      linter: "spectral",
      message: '"info.title" property must be truthy',
    });
  });

  it("reports a `$ref` to a missing file with the read's error", async () => {
    const found = await spectral.lintFile(at("openapi.yaml"));
    expect(found.find((f) => f.rule === "invalid-ref")?.message).toMatch(/^ENOENT: no such file or directory/);
  });

  it("names an in-memory document by its source", async () => {
    const found = await spectral.lintText(
      "openapi: 3.1.0\ninfo:\n  title: t\n  version: '1'\npaths: {}\n",
      at("x.yaml"),
    );
    expect(brief(found)).toEqual([
      'h-rule hint /x.yaml:2:6 ["info"]',
      'i-rule info /x.yaml:2:6 ["info"]',
      'w-rule warning /x.yaml:2:6 ["info"]',
    ]);
  });

  it("runs only the rules `only` accepts, and never one the ruleset turns off", async () => {
    const some = await loadSpectral(at(".spectral.yaml"), { only: (rule) => rule !== "w-rule" });
    const rules = (await some.lintFile(at("openapi.yaml"))).map((f) => f.rule);
    expect(rules).not.toContain("w-rule");
    expect(rules).toContain("e-rule");
    expect(rules).not.toContain("off-rule");
  });

  it("rejects a file it cannot read", async () => {
    await expect(spectral.lintFile(at("missing.yaml"))).rejects.toThrow(/ENOENT/);
  });
});
