/**
 * The two outputs of a coverage report, shared by the package's command and `npm run verify`:
 * JSON (the total, and per API its counts and the errors never exercised) and a table (per API
 * and operation what was exercised and what never was).
 */
import { type ApiCoverage, type DocumentedError, totalPercent } from "./documented.js";

/** The JSON of a report: `{ percent, apis: [{ api, documented, exercised, percent, missing }] }`. */
export interface CoverageJson {
  readonly percent: number;
  readonly apis: readonly {
    readonly api: string;
    readonly documented: number;
    readonly exercised: number;
    readonly percent: number;
    readonly missing: readonly DocumentedError[];
  }[];
}

export function coverageJson(apis: readonly ApiCoverage[]): CoverageJson {
  return {
    percent: totalPercent(apis),
    apis: apis.map(({ api, documented, exercised, percent, operations }) => ({
      api,
      documented,
      exercised,
      percent,
      missing: operations.flatMap((o) => o.missing),
    })),
  };
}

const shown = (errors: readonly DocumentedError[]): string =>
  errors.map(({ status, code }) => `${status} ${code ?? "(no code)"}`).join(", ");

/** The table of a report: a line of counts per API, its operations' errors, then the total; without a last newline. */
export function coverageTable(apis: readonly ApiCoverage[]): string {
  const lines: string[] = [];
  for (const { api, documented, exercised, percent, operations } of apis) {
    lines.push(`${api}: ${exercised} of ${documented} documented errors exercised (${percent}%)`);
    for (const o of operations) {
      lines.push(`  ${o.operation}`);
      if (o.exercised.length > 0) lines.push(`    exercised  ${shown(o.exercised)}`);
      if (o.missing.length > 0) lines.push(`    missing    ${shown(o.missing)}`);
    }
    lines.push("");
  }
  const exercised = apis.reduce((sum, a) => sum + a.exercised, 0);
  const documented = apis.reduce((sum, a) => sum + a.documented, 0);
  lines.push(`total: ${exercised} of ${documented} documented errors exercised (${totalPercent(apis)}%)`);
  return lines.join("\n");
}
