// A throwaway project for the lint layer's own tests: one tiny API whose `info` has no title,
// redocly.yaml listing it, and a Spectral ruleset of one rule that reports that. Its findings
// read as one short string each, the project's folder left out.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiEntry } from "../../scripts/contract/index.js";
import type { Finding } from "../../scripts/lint/index.js";
import type { LintThreadData } from "../../scripts/lint/worker.js";

/** The one rule: `info.title` must be there (the API's spec has none). */
export const RULESET =
  "rules:\n  title-present:\n    given: $.info\n    severity: error\n    then:\n" +
  "      field: title\n      function: truthy\n";

export interface Throwaway {
  readonly dir: string;
  /** What a lint thread of this project is started with. */
  readonly data: LintThreadData;
  readonly api: ApiEntry;
  at(file: string): string;
  /** Writes the ruleset as RULESET has it, or as given. */
  writeRuleset(text?: string): Promise<void>;
  remove(): Promise<void>;
}

export async function throwaway(prefix: string): Promise<Throwaway> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const at = (file: string): string => join(dir, file);
  const writeRuleset = (text = RULESET) => writeFile(at(".spectral.yaml"), text);
  await Promise.all([
    writeRuleset(),
    writeFile(at("redocly.yaml"), "apis:\n  mini:\n    root: openapi.yaml\nextends: [minimal]\n"),
    writeFile(at("openapi.yaml"), "openapi: 3.1.0\ninfo:\n  version: '1'\npaths: {}\n"),
  ]);
  return {
    dir,
    data: { configPath: at("redocly.yaml"), rulesetPath: at(".spectral.yaml") },
    api: { name: "mini", root: at("openapi.yaml") } as ApiEntry,
    at,
    writeRuleset,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The findings as `rule severity file:line:col path`, the file relative to `dir`, sorted. */
export const brief = (findings: readonly Finding[], dir: string): string[] =>
  findings
    .map((f) => `${f.rule} ${f.severity} ${f.file.replace(dir, "")}:${f.line}:${f.column} ${JSON.stringify(f.path)}`)
    .sort();
