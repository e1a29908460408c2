/**
 * Which errors an API documents, read from the operation table generated code exports, and how
 * much of that set some errors exercise: the one model of error coverage that the consumer
 * report (`api-error-contracts coverage`) and `npm run verify`'s traffic coverage both use.
 */
import { keysCovering, own, type OperationTable } from "../tables.js";

/**
 * One documented error: a status an operation declares (a number, or a `4XX`/`default` key as the
 * spec writes it) with one of its codes, or with null for a body without a documented code (the
 * open envelope, or no body).
 */
export interface DocumentedError {
  readonly operation: string;
  readonly status: number | string;
  readonly code: string | null;
}

/** What coverage reads of an API's tables: the operation table, with each status's codes. */
export interface DocumentingTables {
  readonly operations: OperationTable<{ readonly codes: readonly string[]; readonly open: boolean }>;
}

const statusOf = (key: string): number | string => (/^\d{3}$/.test(key) ? Number(key) : key);

/** Every error `tables` document, in the table's order: per operation, per status, each code then null. */
export function documentedErrors(tables: DocumentingTables): DocumentedError[] {
  const documented: DocumentedError[] = [];
  for (const [operation, statuses] of Object.entries(tables.operations)) {
    for (const [key, { codes, open }] of Object.entries(statuses)) {
      const status = statusOf(key);
      for (const code of codes) documented.push({ operation, status, code });
      if (open || codes.length === 0) documented.push({ operation, status, code: null });
    }
  }
  return documented;
}

/**
 * The documented error that a response of `status` with `code` (null: none read) to `operation`
 * exercises: the declaration that covers the status (the exact status, else its range, else
 * `default`), with the code when it lists it, else with null when its body may carry another.
 * Undefined when the contract does not document such an error.
 */
export function documentedErrorOf(
  tables: DocumentingTables,
  operation: string,
  status: number,
  code: string | null,
): DocumentedError | undefined {
  const statuses = own(tables.operations, operation);
  for (const key of keysCovering(status)) {
    const declared = own(statuses, key);
    if (declared === undefined) continue;
    if (code !== null && declared.codes.includes(code)) return { operation, status: statusOf(key), code };
    return declared.open || declared.codes.length === 0 ? { operation, status: statusOf(key), code: null } : undefined;
  }
  return undefined;
}

/** One operation's documented errors, split by whether they were exercised. */
export interface OperationCoverage {
  readonly operation: string;
  readonly exercised: readonly DocumentedError[];
  readonly missing: readonly DocumentedError[];
}

/** One API's coverage: counts, the percentage exercised, and per operation what was and was not. */
export interface ApiCoverage {
  readonly api: string;
  readonly documented: number;
  readonly exercised: number;
  readonly percent: number;
  readonly operations: readonly OperationCoverage[];
}

const keyOf = ({ operation, status, code }: DocumentedError): string => `${operation} ${status} ${code ?? ""}`;

/** A percentage with one decimal; 100 when nothing is documented. */
export function percentOf(exercised: number, documented: number): number {
  return documented === 0 ? 100 : Math.floor((exercised / documented) * 1000) / 10;
}

/**
 * The errors of one API seen so far: `add` each error met, then `coverage()`. Errors the
 * contract does not document are counted apart (`undocumented`), never as coverage.
 */
export class ErrorCoverage {
  private readonly documented: readonly DocumentedError[];
  private readonly seen = new Set<string>();
  undocumented = 0;

  constructor(
    readonly api: string,
    private readonly tables: DocumentingTables,
  ) {
    this.documented = documentedErrors(tables);
  }

  /** Counts an error met; returns the documented error it exercises, if any. */
  add(operation: string, status: number, code: string | null): DocumentedError | undefined {
    const found = documentedErrorOf(this.tables, operation, status, code);
    if (found) this.seen.add(keyOf(found));
    else this.undocumented++;
    return found;
  }

  coverage(): ApiCoverage {
    const byOperation = new Map<string, { exercised: DocumentedError[]; missing: DocumentedError[] }>();
    let exercised = 0;
    for (const error of this.documented) {
      const entry = byOperation.get(error.operation) ?? { exercised: [], missing: [] };
      byOperation.set(error.operation, entry);
      const hit = this.seen.has(keyOf(error));
      if (hit) exercised++;
      (hit ? entry.exercised : entry.missing).push(error);
    }
    const documented = this.documented.length;
    const operations = [...byOperation].map(([operation, split]) => ({ operation, ...split }));
    return { api: this.api, documented, exercised, percent: percentOf(exercised, documented), operations };
  }
}

/** The total over several APIs' coverage, as a percentage. */
export function totalPercent(apis: readonly ApiCoverage[]): number {
  const sum = (pick: (api: ApiCoverage) => number) => apis.reduce((total, api) => total + pick(api), 0);
  return percentOf(
    sum((a) => a.exercised),
    sum((a) => a.documented),
  );
}

/** Whether `apis` together reach `min` percent (compared exactly, not after rounding). */
export function reaches(apis: readonly ApiCoverage[], min: number): boolean {
  const exercised = apis.reduce((total, api) => total + api.exercised, 0);
  const documented = apis.reduce((total, api) => total + api.documented, 0);
  return documented === 0 || exercised * 100 >= min * documented;
}
