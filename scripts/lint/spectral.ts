import { readFile } from "node:fs/promises";
import * as spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import type { Finding, Severity } from "./findings.js";
import { loadRuleset, type RulesetCache } from "./spectral-ruleset.js";

// Spectral's DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint.
const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "hint"];

/** Lints OpenAPI documents with one loaded ruleset; loading (bundling) it is the slow part. */
export interface SpectralLinter {
  /** Lints a file and everything it `$ref`s; findings point at the file that holds them. */
  lintFile(path: string): Promise<Finding[]>;
  /** Lints an in-memory document; `source` names it in findings and anchors relative `$ref`s. */
  lintText(text: string, source: string): Promise<Finding[]>;
}

export interface SpectralOptions {
  /** Runs only the rules this accepts; the rule tests run the project rules alone. */
  readonly only?: (rule: string) => boolean;
  /** Keeps the bundled ruleset on disk between runs (see spectral-ruleset.ts); none by default. */
  readonly cache?: RulesetCache;
}

/**
 * Loads a Spectral ruleset the way spectral-cli does (bundled with rollup, with Spectral's
 * own packages provided as built-ins and CommonJS rulesets such as OWASP's allowed).
 */
export async function loadSpectral(
  rulesetPath: string,
  { only, cache }: SpectralOptions = {},
): Promise<SpectralLinter> {
  const ruleset = await loadRuleset(rulesetPath, cache);
  if (only) for (const rule of Object.values(ruleset.rules)) rule.enabled &&= only(rule.name);
  const lintText = (text: string, source: string) => run(ruleset, text, source);
  return {
    lintText,
    lintFile: async (path) => lintText(await readFile(path, "utf8"), path),
  };
}

async function run(ruleset: Ruleset, text: string, source: string): Promise<Finding[]> {
  // A Spectral per run: its resolver caches files, and a spec may change between runs.
  const spectral = new spectralCore.Spectral();
  spectral.setRuleset(ruleset);
  const results = await spectral.run(new spectralCore.Document(text, spectralParsers.Yaml, source));
  return results.map((result) => toFinding(result, source));
}

function toFinding(result: ISpectralDiagnostic, fallbackSource: string): Finding {
  return {
    linter: "spectral",
    rule: String(result.code),
    severity: SEVERITIES[result.severity] ?? "error",
    message: result.message,
    file: result.source ?? fallbackSource,
    line: result.range.start.line + 1,
    column: result.range.start.character + 1,
    path: result.path,
  };
}
