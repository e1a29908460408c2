// The two outputs of `npm run diff`: release notes a person can paste (Markdown) and JSON.
import { code } from "../docs/markdown.js";
import { SEVERITIES, type Change, type Semver, type Severity } from "./kinds.js";

export interface Report {
  readonly base: string;
  readonly head: string;
  readonly semver: Semver;
  readonly changes: readonly Change[];
}

/** Where a code or operation is documented on the head side; `undefined` when it has no entry there. */
export interface Links {
  readonly code: (api: string, errorCode: string) => string | undefined;
  readonly operation: (api: string, operation: string) => string | undefined;
}

export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const HEADINGS: Record<Severity, string> = { breaking: "Breaking", warning: "Warnings", info: "Info" };

export function toMarkdown(report: Report, links: Links): string {
  const lines = [`# Error contract changes: ${report.base} → ${report.head}`, ""];
  if (report.changes.length === 0) {
    return [...lines, "No changes to the error contracts (semver: none).", ""].join("\n");
  }
  const counts = SEVERITIES.map((s) => [s, report.changes.filter((c) => c.severity === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  lines.push(`Semver: **${report.semver}** (${counts.map(([s, n]) => `${n} ${s}`).join(", ")}).`, "");
  for (const api of [...new Set(report.changes.map((c) => c.api))]) {
    lines.push(`## ${api}`, "");
    for (const severity of SEVERITIES) {
      const group = report.changes.filter((c) => c.api === api && c.severity === severity);
      if (group.length === 0) continue;
      const notes = sameChangeOnManyOperations(group).map((g) => `- ${sentence(g, links)} ${g.why}`);
      lines.push(`### ${HEADINGS[severity]}`, "", ...notes, "");
    }
  }
  return lines.join("\n");
}

/** A change as release notes state it: the same change on several operations is one line. */
export type NoteLine = Omit<Change, "operation"> & { readonly operations: readonly string[] };

function sameChangeOnManyOperations(changes: readonly Change[]): NoteLine[] {
  const lines = new Map<string, { line: NoteLine; operations: string[] }>();
  for (const { operation, ...rest } of changes) {
    const key = JSON.stringify(rest);
    const entry = lines.get(key) ?? { line: { ...rest, operations: [] }, operations: [] };
    if (operation !== undefined) entry.operations.push(operation);
    lines.set(key, entry);
  }
  return [...lines.values()].map(({ line, operations }) => ({ ...line, operations }));
}

const LIST = new Intl.ListFormat("en", { type: "conjunction" });

/** What changed, as one sentence about the code, error type, status or header it concerns. */
export function sentence(c: NoteLine, links: Links): string {
  const ops = LIST.format(c.operations.map((op) => link(code(op), links.operation(c.api, op))));
  const at =
    c.code !== undefined
      ? link(code(c.code), links.code(c.api, c.code))
      : c.errorType !== undefined
        ? `error type ${code(c.errorType)}`
        : ops;
  const was = (value: unknown) => (value === undefined ? "" : ` (was ${show(value)})`);
  const header = code(c.header ?? "");
  switch (c.change) {
    case "api-removed":
      return `The API ${code(c.api)} was removed.`;
    case "api-added":
      return `The API ${code(c.api)} was added.`;
    case "api-renamed":
      return `The exported prefix changed from ${show(c.before)} to ${show(c.after)}.`;
    case "envelope-changed":
      if (c.after === undefined) return `The envelope lost ${code(c.field!)}${was(c.before)}.`;
      return `The envelope's ${code(c.field!)} moved from ${show(c.before)} to ${show(c.after)}.`;
    case "envelope-field-added":
      return `The envelope gained ${code(c.field!)} at ${show(c.after)}.`;
    case "policy-changed":
      return `The error policy's ${code(c.field!)} changed from ${show(c.before)} to ${show(c.after)}.`;
    case "code-removed":
      return `${at} (status ${c.status}) was removed from the catalog.`;
    case "code-added":
      return `${at} (status ${c.status}) was added to the catalog.`;
    case "code-status-changed":
      return `${at} moved from status ${show(c.before)} to ${show(c.after)}.`;
    case "code-type-changed":
      return `${at} changed type from ${show(c.before)} to ${show(c.after)}.`;
    case "code-retryable-changed":
      return `${at} is ${c.after ? "now" : "no longer"} retryable (status ${c.status}).`;
    case "operation-removed":
      return `Removed ${ops}.`;
    case "operation-added":
      return `Added ${ops}.`;
    case "operation-id-changed":
      return `${ops} changed its operationId from ${show(c.before)} to ${show(c.after)}.`;
    case "operation-error-removed":
      if (c.code === undefined) return `${c.status}${codes(c.before)} is no longer declared by ${ops}.`;
      return `${at} (${c.status}) is no longer returned by ${ops}.`;
    case "operation-error-added":
      if (c.code === undefined) return `${c.status}${codes(c.after)} is now declared by ${ops}.`;
      return `${at} (${c.status}) can now be returned by ${ops}.`;
    case "operation-error-opened":
      return `${c.status} now also admits codes outside the catalog on ${ops}.`;
    case "operation-error-closed":
      return `${c.status} now carries only codes from the catalog on ${ops}.`;
    case "error-type-removed":
      return `${at} was removed.`;
    case "error-type-added":
      return `${at} was added (statuses ${show(c.after)}).`;
    case "error-type-statuses-changed":
      return `${at} now goes with statuses ${show(c.after)}${was(c.before)}.`;
    case "header-removed":
      return `${c.status} no longer declares ${header} on ${ops}.`;
    case "header-added":
      return `${c.status} now declares ${header} on ${ops}.`;
    case "header-made-optional":
      return `${c.status} no longer always sends ${header} on ${ops}.`;
    case "header-made-required":
      return `${c.status} now always sends ${header} on ${ops}.`;
    case "description-changed":
      return `The description of ${at} changed.`;
    case "example-changed":
      return `The example of ${c.header ? `${header} on ${c.status} of ${ops}` : at} changed.`;
    case "inferred-changed": {
      const onResponse = c.code === undefined && c.errorType === undefined && c.status !== undefined;
      const what = onResponse ? `${c.status} of ${ops}` : at;
      if (c.before === undefined) return `${what}: now marked inferred: ${String(c.after)}`;
      if (c.after === undefined) return `${what}: now documented (no longer marked inferred).`;
      return `${what}: the inferred note changed to: ${String(c.after)}`;
    }
  }
}

function link(text: string, url: string | undefined): string {
  return url === undefined ? text : `[${text}](${url})`;
}

function codes(list: unknown): string {
  const names = Array.isArray(list) ? list.map(String) : [];
  return names.length === 0 ? " (no documented code)" : ` (${names.map(code).join(", ")})`;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.join(", ");
  return typeof value === "string" ? code(value) : String(value);
}
