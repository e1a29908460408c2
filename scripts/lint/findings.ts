import { relative } from "node:path";

export type Linter = "spectral" | "redocly";
export type Severity = "error" | "warning" | "info" | "hint";

/** One problem found in a spec, located in the source file that holds it (1-based line and column). */
export interface Finding {
  readonly linter: Linter;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** Absolute path of the source file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Where in that file, as keys and indexes (empty when the linter does not say). */
  readonly path: readonly (string | number)[];
}

const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info", "hint"];

/** `openapi/ittybit/paths/tasks.yaml:12:7  error  contract-auth-401  POST /tasks ...` */
export function formatFinding(finding: Finding, cwd: string = process.cwd()): string {
  const where = `${relative(cwd, finding.file)}:${finding.line}:${finding.column}`;
  return `${where}  ${finding.severity}  ${finding.rule}  ${finding.message}`;
}

/**
 * By file, then position, then rule, so the output reads top to bottom per file; each finding
 * once: a rule that runs per operation reports a shared response's mistake from every operation
 * that names it, all at the one place in the shared file.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
  const same = (a: Finding, b: Finding | undefined): boolean =>
    b !== undefined &&
    a.file === b.file &&
    a.line === b.line &&
    a.column === b.column &&
    a.rule === b.rule &&
    a.message === b.message;
  return sorted.filter((finding, i) => !same(finding, sorted[i - 1]));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** `2 errors, 1 warning`: the non-zero counts, or `no findings`. */
export function describeCounts(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const parts = SEVERITY_ORDER.filter((s) => counts[s] > 0).map(
    (s) => `${counts[s]} ${s}${counts[s] === 1 ? "" : "s"}`,
  );
  return parts.length === 0 ? "no findings" : parts.join(", ");
}
