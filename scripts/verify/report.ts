// Checks every recorded entry against its operation's contract and tallies the results.
import { checkResponse, type Rule, type Violation } from "../../src/kit/check.js";
import type { VerifiedApi } from "./contracts.js";
import type { HarEntry } from "./har.js";
import { matchEntry } from "./match.js";

export interface Finding {
  /** The entry's index in `log.entries`. */
  readonly entry: number;
  readonly api: string;
  readonly operation: string;
  readonly status: number;
}

export interface ReportedViolation extends Finding {
  readonly rule: Rule;
  readonly message: string;
}

export interface OperationTally {
  readonly api: string;
  readonly operation: string;
  requests: number;
  conforming: number;
  readonly byRule: Partial<Record<Rule, number>>;
}

export interface Report {
  readonly entries: number;
  readonly checked: number;
  readonly skipped: number;
  readonly skippedBy: Readonly<Record<string, number>>;
  readonly violations: readonly ReportedViolation[];
  /** What was not checked in an entry, and why (a body that was not recorded). */
  readonly notes: readonly (Finding & { readonly note: string })[];
  readonly operations: readonly OperationTally[];
}

const NO_RESPONSE = { kind: "skip", reason: "no response" } as const;

export function verifyEntries(
  apis: readonly VerifiedApi[],
  entries: Iterable<HarEntry>,
  serverUrls?: ReadonlyMap<string, string>,
): Report {
  let count = 0;
  const skippedBy: Record<string, number> = {};
  const violations: ReportedViolation[] = [];
  const notes: (Finding & { note: string })[] = [];
  const tallies = new Map<string, OperationTally>();
  for (const entry of entries) {
    count++;
    const match = entry.status === 0 ? NO_RESPONSE : matchEntry(apis, entry, serverUrls);
    if (match.kind === "skip") {
      skippedBy[match.reason] = (skippedBy[match.reason] ?? 0) + 1;
      continue;
    }
    const finding = { entry: entry.index, api: match.api.name, operation: match.operation, status: entry.status };
    const found: Violation[] =
      match.kind === "unknown-operation"
        ? [{ rule: "operation-unknown", message: `${match.api.name} has no operation ${match.operation}.` }]
        : checkResponse(match.api.tables, match.operation, entry);
    for (const v of found) violations.push({ ...finding, ...v });
    if (entry.status >= 400 && entry.bodyNote) {
      const note = entry.body === undefined ? `${entry.bodyNote}; the body's rules were not checked` : entry.bodyNote;
      notes.push({ ...finding, note });
    }
    const key = `${match.api.name} ${match.operation}`;
    const tally = tallies.get(key) ?? { ...finding, requests: 0, conforming: 0, byRule: {} };
    tallies.set(key, tally);
    tally.requests++;
    if (found.length === 0) tally.conforming++;
    for (const v of found) tally.byRule[v.rule] = (tally.byRule[v.rule] ?? 0) + 1;
  }
  const skipped = Object.values(skippedBy).reduce((a, b) => a + b, 0);
  const operations = [...tallies.values()]
    .map(({ api, operation, requests, conforming, byRule }) => ({ api, operation, requests, conforming, byRule }))
    // By code unit: as deterministic as a locale's order, and far cheaper for the many paths of a large HAR.
    .sort((a, b) => compare(a.api, b.api) || compare(a.operation, b.operation));
  return { entries: count, checked: count - skipped, skipped, skippedBy, violations, notes, operations };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
