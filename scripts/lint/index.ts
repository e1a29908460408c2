// The lint step: Spectral (.spectral.yaml, including the `contract-` rules) and Redocly
// (redocly.yaml) over the multi-file sources of every API listed in redocly.yaml. Used by
// `npm run lint` and as the gate in front of `npm run generate`.
import { dirname, resolve } from "node:path";
import { readApis } from "../contract/index.js";
import { sortFindings, type Finding, type Linter } from "./findings.js";
import { loadRedocly, type RedoclyLinter } from "./redocly.js";
import { loadSpectral, type SpectralLinter } from "./spectral.js";
import type { RulesetCache } from "./spectral-ruleset.js";

export { rulesetCacheIn } from "./cache.js";
export {
  countBySeverity,
  describeCounts,
  formatFinding,
  sortFindings,
  type Finding,
  type Linter,
  type Severity,
} from "./findings.js";

export interface Linters {
  readonly spectral: SpectralLinter;
  readonly redocly: RedoclyLinter;
}

export interface LintOptions {
  /** The Spectral ruleset; `.spectral.yaml` next to redocly.yaml by default. */
  readonly rulesetPath?: string;
  /** Keeps the bundled Spectral ruleset between runs; none by default. */
  readonly cache?: RulesetCache;
  /** Called once per API and linter, for progress output. */
  readonly onProgress?: (api: string, linter: Linter, ms: number, findings: readonly Finding[]) => void;
}

/** Loads both linters once, so several documents can be linted without reloading rules. */
export async function loadLinters(
  configPath: string,
  rulesetPath = defaultRuleset(configPath),
  cache?: RulesetCache,
): Promise<Linters> {
  const [spectral, redocly] = await Promise.all([
    loadSpectral(rulesetPath, cache ? { cache } : {}),
    loadRedocly(configPath),
  ]);
  return { spectral, redocly };
}

/**
 * Lints one API's root document (and every file it `$ref`s) with both linters. `api` picks
 * the per-API Redocly rules of that name under `apis:`, if any.
 */
export async function lintApi(
  linters: Linters,
  root: string,
  api?: string,
  onDone?: (linter: Linter, ms: number, findings: readonly Finding[]) => void,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const steps: [Linter, () => Promise<Finding[]>][] = [
    ["spectral", () => linters.spectral.lintFile(root)],
    ["redocly", () => linters.redocly.lintFile(root, api)],
  ];
  for (const [linter, lint] of steps) {
    const started = performance.now();
    const found = await lint();
    onDone?.(linter, performance.now() - started, found);
    findings.push(...found);
  }
  return sortFindings(oneFindingPerSyntaxError(findings));
}

/**
 * Without Spectral's `parser` finding where Redocly reports one at the same file and line: both
 * linters parse each file, and one mistake reads as one finding (Redocly's says how to fix it).
 */
function oneFindingPerSyntaxError(findings: readonly Finding[]): Finding[] {
  const at = (finding: Finding) => `${finding.file}:${finding.line}`;
  const redocly = new Set(findings.filter((finding) => finding.linter === "redocly").map(at));
  return findings.filter(
    (finding) => !(finding.linter === "spectral" && finding.rule === "parser" && redocly.has(at(finding))),
  );
}

/** Lints every API listed in redocly.yaml; the findings of all APIs, sorted by file. */
export async function lintAll(configPath: string, options: LintOptions = {}): Promise<Finding[]> {
  const apis = await readApis(configPath);
  const linters = await loadLinters(configPath, options.rulesetPath, options.cache);
  const findings: Finding[] = [];
  for (const api of apis) {
    findings.push(
      ...(await lintApi(linters, api.root, api.name, (linter, ms, found) =>
        options.onProgress?.(api.name, linter, ms, found),
      )),
    );
  }
  return sortFindings(findings);
}

function defaultRuleset(configPath: string): string {
  return resolve(dirname(configPath), ".spectral.yaml");
}
