import { getLineColLocation, lint, loadConfig, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { readFile } from "node:fs/promises";
import { yamlSyntaxProblem } from "../contract/read.js";
import type { Finding } from "./findings.js";

/** Lints OpenAPI documents with the rules of one redocly.yaml. */
export interface RedoclyLinter {
  /** Lints a root document with the rules for `api` (its key under `apis:`), or the root rules. */
  lintFile(root: string, api?: string): Promise<Finding[]>;
}

export async function loadRedocly(configPath: string): Promise<RedoclyLinter> {
  process.env.REDOCLY_TELEMETRY = "off";
  const config: Config = await loadConfig({ configPath });
  return {
    lintFile: async (root, api) => {
      let problems: NormalizedProblem[];
      try {
        problems = await lint({ ref: root, config: api === undefined ? config : config.forAlias(api) });
      } catch (error) {
        // Redocly reports a broken file it `$ref`s, but throws on a root it cannot parse.
        const syntax = await rootSyntaxFinding(root);
        if (syntax) return [syntax];
        throw error;
      }
      return problems.filter((problem) => !problem.ignored).map((problem) => toFinding(problem, root));
    },
  };
}

/** A YAML syntax error in the root, as a finding at its line; undefined when the root parses. */
async function rootSyntaxFinding(root: string): Promise<Finding | undefined> {
  const body = await readFile(root, "utf8").catch(() => undefined);
  if (body === undefined) return undefined;
  const problem = yamlSyntaxProblem(root, body);
  if (problem.line === undefined) return undefined;
  const message = `${problem.problem} ${problem.fix}`;
  return {
    linter: "redocly",
    rule: "yaml-syntax",
    severity: "error",
    message,
    file: root,
    line: problem.line,
    column: 1,
    path: [],
  };
}

function toFinding(problem: NormalizedProblem, root: string): Finding {
  const location = problem.location[0];
  const start = location ? getLineColLocation(location).start : { line: 1, col: 1 };
  return {
    linter: "redocly",
    rule: problem.ruleId,
    severity: problem.severity === "warn" ? "warning" : "error",
    message: problem.message.trim(),
    file: location?.source.absoluteRef ?? root,
    line: start.line,
    column: start.col,
    path: location ? pointerToPath(location.pointer) : [],
  };
}

/** `#/paths/~1tasks/get` → `["paths", "/tasks", "get"]`. */
function pointerToPath(pointer: string | undefined): string[] {
  if (!pointer || pointer === "#" || pointer === "#/") return [];
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}
