import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createResolveHttp } from "@stoplight/json-ref-readers";
import * as spectralCore from "@stoplight/spectral-core";
import type { ISpectralDiagnostic, Ruleset } from "@stoplight/spectral-core";
import spectralParsers from "@stoplight/spectral-parsers";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import { DEFAULT_REQUEST_OPTIONS } from "@stoplight/spectral-runtime";
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

/**
 * Spectral's own resolver, but for its file reads: each completes in a turn of its own, in the
 * order they were asked for, so what it builds is the same on every run. Its concurrent reads
 * made that depend on the order they happened to complete in: now and then a referrer got a
 * schema with its nested `$ref`s unresolved (a false finding), or the resolver overflowed the stack.
 */
function resolverInOrder(): Resolver {
  const http = { resolve: createResolveHttp(DEFAULT_REQUEST_OPTIONS) };
  const read = (path: string) =>
    new Promise<string>((done, fail) =>
      setImmediate(() => {
        try {
          done(readFileSync(path, "utf8"));
        } catch (error) {
          fail(error);
        }
      }),
    );
  return new Resolver({ resolvers: { http, https: http, file: { resolve: (ref) => read(ref.href()) } } });
}

async function run(ruleset: Ruleset, text: string, source: string): Promise<Finding[]> {
  // A Spectral per run: its resolver caches files, and a spec may change between runs.
  const spectral = new spectralCore.Spectral({ resolver: resolverInOrder() });
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
