// The diff itself: two sets of contracts in, every change to their error contracts out.
// Pure: no files, no git, no output.
import { isDeepStrictEqual } from "node:util";
import { ENVELOPE_FIELDS } from "../contract/envelope.js";
import type { ContractCode, ContractError, ContractErrorType, ContractOperation, ContractView } from "./contract.js";
import {
  CHANGE_KINDS,
  SEVERITIES,
  toChange,
  type ApiNames,
  type Change,
  type ChangeFacts,
  type ChangeKind,
} from "./kinds.js";

type Where = Omit<ChangeFacts, "api" | "change" | "before" | "after">;
type Side<T> = T | undefined;

/**
 * Records changes of one API, in its words (the head's, or the base's for a removed API): `emit`
 * any change, `compare` one that exists when the values differ.
 */
class Recorder {
  constructor(
    private readonly api: string,
    private readonly names: ApiNames,
    private readonly changes: Change[],
  ) {}

  emit(change: ChangeKind, where: Where & { before?: unknown; after?: unknown } = {}): void {
    this.changes.push(toChange({ api: this.api, change, ...where }, this.names));
  }

  compare(change: ChangeKind, where: Where, before: unknown, after: unknown): void {
    if (!isDeepStrictEqual(before, after)) this.emit(change, { ...where, before, after });
  }
}

export function diffContracts(base: readonly ContractView[], head: readonly ContractView[]): Change[] {
  const changes: Change[] = [];
  pair(
    base,
    head,
    (c) => c.name,
    (name, before, after) => {
      const record = new Recorder(name, (after ?? before)!, changes);
      if (!after) record.emit("api-removed", { before: name });
      else if (!before) record.emit("api-added", { after: name });
      else diffApi(before, after, record);
    },
  );
  return changes.sort(compareChanges);
}

function diffApi(base: ContractView, head: ContractView, record: Recorder): void {
  record.compare("api-renamed", {}, base.typeName, head.typeName);
  for (const field of ENVELOPE_FIELDS) {
    const before = pointer(base.envelope[field]);
    const kind = before === undefined ? "envelope-field-added" : "envelope-changed";
    record.compare(kind, { field }, before, pointer(head.envelope[field]));
  }
  if (base.policy && head.policy) {
    for (const setting of ["requestIdHeader", "codeFormat", "retryAfterOn429"] as const) {
      record.compare("policy-changed", { field: setting }, base.policy[setting], head.policy[setting]);
    }
  }
  pair(
    base.catalog,
    head.catalog,
    (c) => c.code,
    (code, b, a) => diffCode(code, b, a, record),
  );
  pair(
    base.errorTypes,
    head.errorTypes,
    (t) => t.type,
    (type, b, a) => diffErrorType(type, b, a, record),
  );
  pair(
    base.operations,
    head.operations,
    (o) => o.key,
    (key, b, a) => diffOperation(key, b, a, record),
  );
}

function diffCode(code: string, before: Side<ContractCode>, after: Side<ContractCode>, record: Recorder) {
  if (!after) return record.emit("code-removed", { code, status: String(before!.status) });
  if (!before) return record.emit("code-added", { code, status: String(after.status) });
  const status = String(after.status);
  // A code's one status, or the list of a code sent with several.
  const statuses = (entry: ContractCode) => (entry.statuses.length > 1 ? entry.statuses : entry.status);
  record.compare("code-status-changed", { code }, statuses(before), statuses(after));
  record.compare("code-retryable-changed", { code, status }, before.retryable, after.retryable);
  // A type appearing where there was none comes with a new envelope field, reported there.
  if (before.type !== undefined) record.compare("code-type-changed", { code, status }, before.type, after.type);
  diffDocs({ code, status }, before, after, record);
}

function diffErrorType(
  errorType: string,
  before: Side<ContractErrorType>,
  after: Side<ContractErrorType>,
  record: Recorder,
): void {
  if (!after) {
    record.emit("error-type-removed", { errorType });
    return;
  }
  if (!before) {
    record.emit("error-type-added", { errorType, after: after.statuses });
    return;
  }
  record.compare("error-type-statuses-changed", { errorType }, before.statuses, after.statuses);
  diffDocs({ errorType }, before, after, record);
}

function diffOperation(key: string, before: Side<ContractOperation>, after: Side<ContractOperation>, record: Recorder) {
  const where = { operation: key };
  if (!after) return record.emit("operation-removed", where);
  if (!before) return record.emit("operation-added", where);
  record.compare("operation-id-changed", where, before.operationId, after.operationId);
  record.compare("inferred-changed", where, before.inferred, after.inferred);
  pair(
    before.errors,
    after.errors,
    (e) => e.status,
    (status, b, a) => {
      diffResponse({ operation: key, status }, b, a, record);
    },
  );
}

function diffResponse(where: Where, before: Side<ContractError>, after: Side<ContractError>, record: Recorder) {
  if (!after) return record.emit("operation-error-removed", { ...where, before: before!.codes });
  if (!before) return record.emit("operation-error-added", { ...where, after: after.codes });
  for (const code of before.codes.filter((c) => !after.codes.includes(c))) {
    record.emit("operation-error-removed", { ...where, code });
  }
  for (const code of after.codes.filter((c) => !before.codes.includes(c))) {
    record.emit("operation-error-added", { ...where, code });
  }
  if (before.open !== after.open) record.emit(after.open ? "operation-error-opened" : "operation-error-closed", where);
  // The mark may sit on a shared response component: the model gives it to every status that uses it.
  record.compare("inferred-changed", where, before.inferred, after.inferred);
  // Header names are case-insensitive.
  pair(
    before.headers,
    after.headers,
    (h) => h.name.toLowerCase(),
    (_, b, a) => {
      const at = { ...where, header: (a ?? b)!.name };
      if (!a) record.emit("header-removed", at);
      else if (!b) record.emit("header-added", at);
      else {
        if (b.required !== a.required) {
          record.emit(a.required ? "header-made-required" : "header-made-optional", at);
        }
        record.compare("example-changed", at, b.example, a.example);
      }
    },
  );
}

interface Documented {
  readonly description: string;
  readonly inferred?: string | undefined;
  readonly example?: unknown;
}

function diffDocs(where: Where, before: Documented, after: Documented, record: Recorder): void {
  if (before.description.trim() !== after.description.trim()) {
    record.emit("description-changed", { ...where, before: before.description, after: after.description });
  }
  record.compare("example-changed", where, before.example, after.example);
  record.compare("inferred-changed", where, before.inferred, after.inferred);
}

function pointer(segments: readonly string[] | undefined): string | undefined {
  return segments === undefined ? undefined : `/${segments.join("/")}`;
}

/** Calls `fn` once for every key on either side, in sorted order, with the item of each side that has it. */
function pair<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  fn: (key: string, before: Side<T>, after: Side<T>) => void,
): void {
  const b = new Map(before.map((item) => [key(item), item]));
  const a = new Map(after.map((item) => [key(item), item]));
  for (const k of [...new Set([...b.keys(), ...a.keys()])].sort()) fn(k, b.get(k), a.get(k));
}

const SORT_FIELDS = ["operation", "status", "code", "errorType", "header", "field"] as const;

/** By API, then severity, then kind (in the order of KINDS), then where. */
function compareChanges(a: Change, b: Change): number {
  const order =
    a.api.localeCompare(b.api) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    CHANGE_KINDS.indexOf(a.change) - CHANGE_KINDS.indexOf(b.change);
  if (order !== 0) return order;
  for (const field of SORT_FIELDS) {
    const diff = (a[field] ?? "").localeCompare(b[field] ?? "");
    if (diff !== 0) return diff;
  }
  return 0;
}
