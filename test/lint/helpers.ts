// The one helper every rule test goes through: lint an in-memory spec with the project's
// Spectral ruleset (loaded once per test file) and compare what the `contract-` rules report.
import { resolve } from "node:path";
import { expect } from "vitest";
import { stringify } from "yaml";
import { rulesetCacheIn } from "../../scripts/lint/index.js";
import { loadSpectral, type SpectralLinter } from "../../scripts/lint/spectral.js";

export const projectRoot = resolve(import.meta.dirname, "../..");
export const configPath = resolve(projectRoot, "redocly.yaml");
export const rulesetPath = resolve(projectRoot, ".spectral.yaml");

/** A finding as the tests state it: the rule and the dotted path it reports. */
export interface Reported {
  readonly rule: string;
  readonly path: string;
}

export interface RuleCase {
  /** The spec to lint, as a plain object. */
  readonly given: object;
  /**
   * Paths the rule under test reports (none for a valid spec), or findings of other contract rules expected as
   * well.
   */
  readonly want: readonly (string | Reported)[];
}

export type RuleTable = readonly (readonly [name: string, RuleCase])[];

let spectral: Promise<SpectralLinter> | undefined;

/** The project's ruleset cache, as the commands keep it: one bundle for every test file and run. */
export const rulesetCache = rulesetCacheIn(projectRoot);

/** The project's Spectral ruleset with only its contract rules on, loaded once per test file. */
export function spectralLinter(): Promise<SpectralLinter> {
  spectral ??= loadSpectral(rulesetPath, { only: (rule) => rule.startsWith("contract-"), cache: rulesetCache });
  return spectral;
}

/**
 * Lints `given` and expects the `contract-` rules to report exactly `want`, so a case also
 * fails when the rule under test stays silent or another contract rule fires.
 */
export async function expectRule(rule: string, { given, want }: RuleCase): Promise<void> {
  const findings = await (await spectralLinter()).lintText(stringify(given), "/virtual/mini/openapi.yaml");
  const reported = findings
    .filter((f) => f.rule.startsWith("contract-"))
    .map((f) => ({ rule: f.rule, path: f.path.join(".") }));
  const expected = want.map((w) => (typeof w === "string" ? { rule, path: w } : w));
  expect(sortReported(reported)).toEqual(sortReported(expected));
}

function sortReported(list: readonly Reported[]): Reported[] {
  return [...list].sort((a, b) => a.rule.localeCompare(b.rule) || a.path.localeCompare(b.path));
}
