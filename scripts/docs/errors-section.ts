// The "Errors" section of an API's rendered docs, written from the error catalog at build time.
// It is the description of a Redoc trait tag (`x-traitTag`): Redoc lists its headings in the
// sidebar, gives each one a route (`#/errors/<heading id>`) and scrolls to it when that route
// is opened, which is what a client's `docsUrl` needs.
import { STATUS_CODES } from "node:http";
import { errorAnchor, errorsAnchor } from "../../src/docs-anchor.js";
import { RETRY_AFTER_HEADER } from "../../src/http.js";
import type { CatalogEntry, Contract, Operation } from "../contract/index.js";
import { inferredMark } from "../output.js";
import { code, fence, table } from "./markdown.js";

/** What the section is made from: the parts of a Contract that describe errors. */
export type ErrorDocsModel = Pick<Contract, "envelope" | "catalog" | "errorTypes" | "operations"> & {
  readonly policy?: Pick<Contract["policy"], "retryAfterOn429">;
};

/** The tag's name, and the first segment of its routes (Redoc lower-cases the name). */
export const ERRORS_TAG = "Errors";
const ERRORS_ROUTE = `/${ERRORS_TAG.toLowerCase()}`;
if (errorsAnchor() !== ERRORS_ROUTE) {
  throw new Error(`errorsAnchor() is "${errorsAnchor()}"; Redoc routes the ${ERRORS_TAG} tag at "${ERRORS_ROUTE}".`);
}

/**
 * The heading id that makes Redoc's route for a code equal `errorAnchor(code)`. Derived from
 * the anchor, so the docs and the clients cannot drift apart silently.
 */
export function headingId(errorCode: string): string {
  const anchor = errorAnchor(errorCode);
  if (!anchor.startsWith(`${ERRORS_ROUTE}/`)) {
    throw new Error(
      `errorAnchor("${errorCode}") is "${anchor}"; ` +
        `Redoc only scrolls to a heading of the ${ERRORS_TAG} tag at "${ERRORS_ROUTE}/<id>".`,
    );
  }
  return anchor.slice(ERRORS_ROUTE.length + 1);
}

/** `404 Not Found`; a range `4XX` or `default` with what it covers; unknown statuses as they are. */
export function statusLabel(status: number | string): string {
  if (status === "default") return "default (any other status)";
  if (/^[1-5]XX$/.test(String(status))) return `${status} (any other ${String(status)[0]}xx status)`;
  const phrase = STATUS_CODES[Number(status)];
  return phrase ? `${status} ${phrase}` : String(status);
}

/** The visible mark of a fact this project chose rather than read in the vendor's docs. */
export function inferredNote(entry: Pick<CatalogEntry, "inferred">): string {
  return entry.inferred === undefined ? "" : inferredMark(entry.inferred);
}

export const codeLink = (errorCode: string): string => `[${errorCode}](#${errorAnchor(errorCode)})`;

/**
 * What a client should do about a code, from whether its status is worth retrying, and whether
 * the API's 429s say how long to wait (its policy; they do unless it says otherwise).
 */
export function retryAdvice(
  entry: Pick<CatalogEntry, "status" | "retryable">,
  policy: { readonly retryAfterOn429: boolean } = { retryAfterOn429: true },
): string {
  if (!entry.retryable)
    return "No. The same request gets the same error; change the request, or what it depends on, first.";
  if (entry.status === 429 && policy.retryAfterOn429)
    return `Yes, after the delay in the \`${RETRY_AFTER_HEADER}\` header.`;
  return "Yes, with backoff: the cause is temporary or on the server's side.";
}

/** The Markdown of the whole section: envelope, statuses, an index of codes, then one entry per code. */
export function errorsMarkdown(model: ErrorDocsModel): string {
  const usedBy = operationsByCode(model.operations);
  const returnedBy = (errorCode: string): string => {
    const operations = usedBy.get(errorCode) ?? [];
    return operations.length === model.operations.length && operations.length > 1
      ? "every operation"
      : operations.map(code).join(", ");
  };
  return [
    intro(model),
    statusTypes(model),
    undocumentedStatuses(model),
    codeIndex(model),
    ...model.catalog.map((e) => codeEntry(e, returnedBy(e.code), model.policy)),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

function intro(model: ErrorDocsModel): string {
  const path = (pointer: readonly string[]): string => code(pointer.join("."));
  const { envelope } = model;
  const fields = [
    `- ${path(envelope.code)}: the code. ` +
      "It identifies the error: one of the codes below, or a newer one this page does not list yet.",
    `- ${path(envelope.message)}: text for people. It may change at any time: show or log it, never parse it.`,
    ...(envelope.type
      ? [`- ${path(envelope.type)}: the error's category, which follows from the status (see below).`]
      : []),
    ...(envelope.requestId
      ? [`- ${path(envelope.requestId)}: the request's ID; quote it when you contact support.`]
      : []),
    ...(envelope.docsUrl ? [`- ${path(envelope.docsUrl)}: a link to the vendor's own page about the code.`] : []),
  ];
  return [
    `Every error response carries the same envelope. ` +
      `Branch on ${path(envelope.code)}, never on ${path(envelope.message)}.`,
    "This section is generated from the error catalog when the docs are built. " +
      `Each code has a stable link, ${code(`#${errorAnchor("<code>")}`)}, ` +
      "which the clients put in an error's `docsUrl`.",
    "**The envelope**",
    fields.join("\n"),
  ].join("\n\n");
}

/** The status → type table and what each type means, for APIs whose envelope has a `type`. */
function statusTypes(model: ErrorDocsModel): string {
  if (model.errorTypes.length === 0) return "";
  const rows = model.errorTypes
    .flatMap((t) => t.statuses.map((status) => ({ status, type: t.type })))
    .sort((a, b) => a.status - b.status || a.type.localeCompare(b.type))
    .map((r) => [statusLabel(r.status), code(r.type)]);
  const meanings = model.errorTypes.map((t) => `- ${code(t.type)}: ${t.description.replace(/\s+/g, " ").trim()}`);
  return ["**Statuses and types**", table(["Status", "Type"], rows), meanings.join("\n")].join("\n\n");
}

/**
 * Statuses that operations declare but no code in the catalog has: their body is the bare
 * envelope. (A status that has codes can still be envelope-only on some operation; each
 * operation's own list says so.)
 */
function undocumentedStatuses(model: ErrorDocsModel): string {
  const documented = new Set(model.catalog.flatMap((e) => e.statuses.map(String)));
  const declared = model.operations.flatMap((op) => op.errors.map((r) => r.status));
  const statuses = [...new Set(declared)].filter((s) => !documented.has(s) && /^[45]\d\d$/.test(s)).sort();
  if (statuses.length === 0) return "";
  return (
    `**Statuses with no documented code:** ${statuses.map((s) => code(statusLabel(s))).join(", ")}. ` +
    "Their body is the envelope with a code this page does not list, so handle them by status."
  );
}

function codeIndex(model: ErrorDocsModel): string {
  const rows = model.catalog.map((e) => [
    codeLink(e.code),
    e.statuses.join(", "),
    e.retryable ? "yes" : "no",
    e.inferred ? "inferred" : "documented",
  ]);
  return ["**Codes**", table(["Code", "Status", "Retry", "Status source"], rows)].join("\n\n");
}

function codeEntry(entry: CatalogEntry, returnedBy: string, policy: ErrorDocsModel["policy"]): string {
  const facts = [
    `- **Status:** ${entry.statuses.map(statusLabel).join(", ")}`,
    ...(entry.type === undefined ? [] : [`- **Type:** ${code(entry.type)}`]),
    `- **Retry:** ${retryAdvice(entry, policy)}`,
    ...(returnedBy === "" ? [] : [`- **Returned by:** ${returnedBy}`]),
  ];
  return [
    `### ${entry.code} {% #${headingId(entry.code)} %}`,
    entry.description.trim(),
    facts.join("\n"),
    inferredNote(entry),
    "**Example body**",
    fence(JSON.stringify(entry.example, null, 2), "json"),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
}

/** `code → ["GET /tasks/{id}", …]`, in the operations' order. */
export function operationsByCode(operations: readonly Operation[]): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const op of operations) {
    const codes = new Set(op.errors.flatMap((r) => r.codes));
    for (const c of codes) {
      const list = byCode.get(c) ?? [];
      list.push(op.key);
      byCode.set(c, list);
    }
  }
  return byCode;
}

/**
 * The lines added to an operation's description: each error status with its codes, linked, and
 * marked when its declaration is assumed (the reason is in the response's own description).
 */
export function operationErrorsMarkdown(op: Operation): string {
  if (op.errors.length === 0) return "";
  const lines = op.errors.map((r) => {
    const codes = r.codes.map(codeLink).join(", ");
    const rest = !r.open
      ? ""
      : codes === ""
        ? "no documented code; the body is the envelope"
        : ", or a code not documented here";
    return `- ${statusLabel(r.status)}: ${codes}${rest}${r.inferred === undefined ? "" : " *(inferred)*"}`;
  });
  return [`**Error codes** (see [${ERRORS_TAG}](#${ERRORS_ROUTE}))`, lines.join("\n")].join("\n\n");
}
