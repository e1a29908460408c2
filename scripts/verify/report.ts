// Checks every recorded entry against its operation's contract and tallies the results.
import { type ApiCoverage, ErrorCoverage } from "../../src/coverage/documented.js";
import { inspectResponse, type Rule, type Violation } from "../../src/kit/check.js";
import type { VerifiedApi } from "./contracts.js";
import type { HarEntry } from "./har.js";
import { type Match, matchEntry } from "./match.js";

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
  /** Per API verified, which documented errors the traffic held and which it never did. */
  readonly coverage: readonly ApiCoverage[];
}

const NO_RESPONSE = { kind: "skip", reason: "no response" } as const;

/**
 * Checks entries one at a time, as a recording is read or as a proxy sees them, and keeps the
 * tallies of a report; `add` gives the violations of the entry just checked.
 */
export class Verification {
  private count = 0;
  private readonly skippedBy: Record<string, number> = {};
  private readonly violations: ReportedViolation[] = [];
  private readonly notes: (Finding & { note: string })[] = [];
  private readonly tallies = new Map<string, OperationTally>();
  private readonly coverage: ReadonlyMap<string, ErrorCoverage>;

  constructor(
    private readonly apis: readonly VerifiedApi[],
    private readonly serverUrls?: ReadonlyMap<string, string>,
  ) {
    this.coverage = new Map(apis.map((api) => [api.name, new ErrorCoverage(api.name, api.tables)]));
  }

  /** Checks one entry; `matched` is its operation when the caller knows it already (a proxy does). */
  add(entry: HarEntry, matched?: Match): readonly ReportedViolation[] {
    this.count++;
    const match = entry.status === 0 ? NO_RESPONSE : (matched ?? matchEntry(this.apis, entry, this.serverUrls));
    if (match.kind === "skip") {
      this.skippedBy[match.reason] = (this.skippedBy[match.reason] ?? 0) + 1;
      return [];
    }
    const finding = { entry: entry.index, api: match.api.name, operation: match.operation, status: entry.status };
    const inspected =
      match.kind === "unknown-operation" ? undefined : inspectResponse(match.api.tables, match.operation, entry);
    const found: Violation[] = inspected?.violations ?? [
      { rule: "operation-unknown", message: `${match.api.name} has no operation ${match.operation}.` },
    ];
    const reported = found.map((v) => ({ ...finding, ...v }));
    this.violations.push(...reported);
    if (entry.status >= 400 && entry.bodyNote) {
      const note = entry.body === undefined ? `${entry.bodyNote}; the body's rules were not checked` : entry.bodyNote;
      this.notes.push({ ...finding, note });
    }
    const key = `${match.api.name} ${match.operation}`;
    const tally = this.tallies.get(key) ?? { ...finding, requests: 0, conforming: 0, byRule: {} };
    this.tallies.set(key, tally);
    tally.requests++;
    if (found.length === 0) tally.conforming++;
    for (const v of found) tally.byRule[v.rule] = (tally.byRule[v.rule] ?? 0) + 1;
    // An error whose body was not recorded shows its status, but not which of the status's errors it was.
    if (inspected && entry.status >= 400 && entry.body !== undefined) {
      this.coverage.get(match.api.name)?.add(match.operation, entry.status, inspected.code);
    }
    return reported;
  }

  report(): Report {
    const skipped = Object.values(this.skippedBy).reduce((a, b) => a + b, 0);
    const operations = [...this.tallies.values()]
      .map(({ api, operation, requests, conforming, byRule }) => ({ api, operation, requests, conforming, byRule }))
      // By code unit: as deterministic as a locale's order, and far cheaper for the many paths of a large HAR.
      .sort((a, b) => compare(a.api, b.api) || compare(a.operation, b.operation));
    const { count: entries, skippedBy, violations, notes } = this;
    const coverage = [...this.coverage.values()].map((tally) => tally.coverage());
    return { entries, checked: entries - skipped, skipped, skippedBy, violations, notes, operations, coverage };
  }
}

export function verifyEntries(
  apis: readonly VerifiedApi[],
  entries: Iterable<HarEntry>,
  serverUrls?: ReadonlyMap<string, string>,
): Report {
  const verification = new Verification(apis, serverUrls);
  for (const entry of entries) verification.add(entry);
  return verification.report();
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
