// The two outputs of `npm run verify`, as pieces of text to write one after another: the report
// of a large HAR (a line per violation) outgrows what one string, or one call's arguments, hold.
import { coverageJson, coverageTable } from "../../src/coverage/format.js";
import type { Finding, Report } from "./report.js";

/**
 * `--format json`: the counts, every violation and every note, and the coverage (as the package's
 * coverage command prints it); the text `JSON.stringify(…, null, 2)` makes.
 */
export function* jsonText(report: Report): Generator<string> {
  const { entries, checked, skipped, violations, notes, coverage } = report;
  yield `{\n  "entries": ${entries},\n  "checked": ${checked},\n  "skipped": ${skipped},\n`;
  yield* jsonArray("violations", violations, ",");
  yield* jsonArray("notes", notes, ",");
  yield `  "coverage": ${JSON.stringify(coverageJson(coverage), null, 2).replaceAll("\n", "\n  ")}\n`;
  yield "}\n";
}

function* jsonArray(name: string, items: readonly object[], comma: string): Generator<string> {
  if (items.length === 0) return yield `  "${name}": []${comma}\n`;
  yield `  "${name}": [\n`;
  for (let i = 0; i < items.length; i++) {
    const item = JSON.stringify(items[i], null, 2).replaceAll("\n", "\n    ");
    yield `    ${item}${i < items.length - 1 ? "," : ""}\n`;
  }
  yield `  ]${comma}\n`;
}

/**
 * `--format table`: per API a row per operation, then each violation and note, the documented
 * errors the traffic held and never held, then a summary line.
 */
export function* tableText(report: Report): Generator<string> {
  const byApi = new Map<string, Report["operations"][number][]>();
  for (const o of report.operations) {
    const rows = byApi.get(o.api);
    if (rows) rows.push(o);
    else byApi.set(o.api, [o]);
  }
  for (const [api, rows] of byApi) {
    const width = rows.reduce((widest, o) => Math.max(widest, o.operation.length), 9);
    yield `${api}\n  ${"operation".padEnd(width)}  requests  conforming  violations\n`;
    for (const o of rows) {
      const byRule = Object.entries(o.byRule)
        .map(([rule, n]) => `${rule} ${n}`)
        .join(", ");
      const counts = `${String(o.requests).padStart(8)}  ${String(o.conforming).padStart(10)}`;
      yield `${`  ${o.operation.padEnd(width)}  ${counts}  ${byRule}`.trimEnd()}\n`;
    }
    yield "\n";
  }
  const at = (f: Finding) => `  #${f.entry} ${f.api} ${f.operation} ${f.status}`;
  if (report.violations.length > 0) {
    yield "violations\n";
    for (const v of report.violations) yield `${at(v)}  ${v.rule}: ${v.message}\n`;
    yield "\n";
  }
  if (report.notes.length > 0) {
    yield "not checked\n";
    for (const n of report.notes) yield `${at(n)}: ${n.note}\n`;
    yield "\n";
  }
  if (report.coverage.length > 0) yield `coverage\n${coverageTable(report.coverage).replaceAll(/^(?=.)/gm, "  ")}\n\n`;
  yield `${summary(report)}\n`;
}

function summary({ entries, checked, skipped, skippedBy, violations }: Report): string {
  const reasons = Object.entries(skippedBy)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
  const responses = new Set(violations.map((v) => v.entry)).size;
  const verdict =
    violations.length === 0 ? "no violations" : `${violations.length} violation(s) in ${responses} response(s)`;
  return `${entries} entries: ${checked} checked, ${skipped} skipped${reasons ? ` (${reasons})` : ""}; ${verdict}`;
}
