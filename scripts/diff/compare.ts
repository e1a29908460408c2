// The diff itself: two sets of contracts in, every change to their error contracts out.
// Pure: no files, no git, no output.
import { isDeepStrictEqual } from "node:util";
import { RETRYABLE_STATUSES } from "../../src/client/retry.js";
import type { ContractCode, ContractError, ContractErrorType, ContractOperation, ContractView } from "./contract.js";
import { CHANGE_KINDS, SEVERITIES, toChange, type Change, type ChangeFacts } from "./kinds.js";

type Emit = (facts: Omit<ChangeFacts, "api">) => void;

export function diffContracts(base: readonly ContractView[], head: readonly ContractView[]): Change[] {
  const changes: Change[] = [];
  pair(byKey(base, (c) => c.name), byKey(head, (c) => c.name), (name, before, after) => {
    const emit: Emit = (facts) => changes.push(toChange({ api: name, ...facts }));
    if (!after) emit({ change: "api-removed", before: name });
    else if (!before) emit({ change: "api-added", after: name });
    else diffApi(before, after, emit);
  });
  return changes.sort(compareChanges);
}

function diffApi(base: ContractView, head: ContractView, emit: Emit): void {
  if (base.typeName !== head.typeName) emit({ change: "api-renamed", before: base.typeName, after: head.typeName });
  for (const field of ["code", "message", "type", "requestId"] as const) {
    const before = pointer(base.envelope[field]);
    const after = pointer(head.envelope[field]);
    if (before === after) continue;
    emit({ change: before === undefined ? "envelope-field-added" : "envelope-changed", field, before, after });
  }
  pair(byKey(base.catalog, (c) => c.code), byKey(head.catalog, (c) => c.code), (code, before, after) => diffCode(code, before, after, emit));
  pair(byKey(base.errorTypes, (t) => t.type), byKey(head.errorTypes, (t) => t.type), (type, before, after) => diffErrorType(type, before, after, emit));
  pair(byKey(base.operations, (o) => o.key), byKey(head.operations, (o) => o.key), (key, before, after) => diffOperation(key, before, after, emit));
}

function diffCode(code: string, before: ContractCode | undefined, after: ContractCode | undefined, emit: Emit): void {
  if (!after) return emit({ change: "code-removed", code, status: String(before!.status) });
  if (!before) return emit({ change: "code-added", code, status: String(after.status) });
  const status = String(after.status);
  if (before.status !== after.status) emit({ change: "code-status-changed", code, before: before.status, after: after.status });
  const retryable = (entry: ContractCode) => RETRYABLE_STATUSES.includes(entry.status);
  if (retryable(before) !== retryable(after)) emit({ change: "code-retryable-changed", code, status, before: retryable(before), after: retryable(after) });
  // A type appearing where there was none comes with a new envelope field, reported there.
  if (before.type !== undefined && before.type !== after.type) emit({ change: "code-type-changed", code, status, before: before.type, after: after.type });
  diffDocs({ code, status }, before, after, emit);
}

function diffErrorType(errorType: string, before: ContractErrorType | undefined, after: ContractErrorType | undefined, emit: Emit): void {
  if (!after) return emit({ change: "error-type-removed", errorType });
  if (!before) return emit({ change: "error-type-added", errorType, after: after.statuses });
  if (!isDeepStrictEqual(before.statuses, after.statuses)) emit({ change: "error-type-statuses-changed", errorType, before: before.statuses, after: after.statuses });
  diffDocs({ errorType }, before, after, emit);
}

function diffOperation(operation: string, before: ContractOperation | undefined, after: ContractOperation | undefined, emit: Emit): void {
  if (!after) return emit({ change: "operation-removed", operation });
  if (!before) return emit({ change: "operation-added", operation });
  if (before.operationId !== after.operationId) emit({ change: "operation-id-changed", operation, before: before.operationId, after: after.operationId });
  if (before.inferred !== after.inferred) emit({ change: "inferred-changed", operation, before: before.inferred, after: after.inferred });
  pair(byKey(before.errors, (e) => e.status), byKey(after.errors, (e) => e.status), (status, b, a) => diffResponse(operation, status, b, a, emit));
}

function diffResponse(operation: string, status: string, before: ContractError | undefined, after: ContractError | undefined, emit: Emit): void {
  if (!after) return emit({ change: "operation-error-removed", operation, status, before: before!.codes });
  if (!before) return emit({ change: "operation-error-added", operation, status, after: after.codes });
  for (const code of before.codes) if (!after.codes.includes(code)) emit({ change: "operation-error-removed", operation, status, code });
  for (const code of after.codes) if (!before.codes.includes(code)) emit({ change: "operation-error-added", operation, status, code });
  if (before.open !== after.open) emit({ change: after.open ? "operation-error-opened" : "operation-error-closed", operation, status });
  if (before.inferred !== after.inferred) emit({ change: "inferred-changed", operation, status, before: before.inferred, after: after.inferred });
  // Header names are case-insensitive.
  const headers = (e: ContractError) => byKey(e.headers, (h) => h.name.toLowerCase());
  pair(headers(before), headers(after), (_, b, a) => {
    const header = (a ?? b)!.name;
    const at = { operation, status, header };
    if (!a) emit({ change: "header-removed", ...at });
    else if (!b) emit({ change: "header-added", ...at });
    else {
      if (b.required !== a.required) emit({ change: a.required ? "header-made-required" : "header-made-optional", ...at });
      if (!isDeepStrictEqual(b.example, a.example)) emit({ change: "example-changed", ...at, before: b.example, after: a.example });
    }
  });
}

type Documented = { readonly description: string; readonly inferred?: string | undefined; readonly example?: unknown };

function diffDocs(at: Omit<ChangeFacts, "change" | "api">, before: Documented, after: Documented, emit: Emit): void {
  if (before.description.trim() !== after.description.trim()) emit({ change: "description-changed", ...at, before: before.description, after: after.description });
  if (!isDeepStrictEqual(before.example, after.example)) emit({ change: "example-changed", ...at, before: before.example, after: after.example });
  if (before.inferred !== after.inferred) emit({ change: "inferred-changed", ...at, before: before.inferred, after: after.inferred });
}

function pointer(segments: readonly string[] | undefined): string | undefined {
  return segments === undefined ? undefined : `/${segments.join("/")}`;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** Calls `fn` once for every key of either map, in sorted order. */
function pair<T>(before: Map<string, T>, after: Map<string, T>, fn: (key: string, before: T | undefined, after: T | undefined) => void): void {
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) fn(key, before.get(key), after.get(key));
}

const SORT_FIELDS = ["operation", "status", "code", "errorType", "header", "field"] as const;

/** By API, then severity, then kind (in the order of KINDS), then where. */
function compareChanges(a: Change, b: Change): number {
  const order = a.api.localeCompare(b.api) || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || CHANGE_KINDS.indexOf(a.change) - CHANGE_KINDS.indexOf(b.change);
  if (order !== 0) return order;
  for (const field of SORT_FIELDS) {
    const diff = (a[field] ?? "").localeCompare(b[field] ?? "");
    if (diff !== 0) return diff;
  }
  return 0;
}
