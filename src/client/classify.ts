/**
 * Sorts a failed call into one of the four reasons. The envelope is checked field by field
 * before a body counts as one, so the types never promise fields the body does not have.
 */
import { errorDocsUrl } from "../docs-anchor.js";
import { REQUEST_ID_HEADER, RETRY_AFTER_HEADER } from "../http.js";
import type { Failure, FieldNames, TransportFailureKind } from "./errors.js";
import { parseRetryAfter } from "./retry-after.js";
import type { OperationErrorTable } from "./types.js";

/** Where the fields of an API's error envelope sit in a body, as path segments: the spec's `x-error-envelope`. */
export interface Envelope {
  readonly code: readonly string[];
  readonly message: readonly string[];
  readonly type?: readonly string[];
  readonly requestId?: readonly string[];
}

/** What classification needs to know about one API; the generated binding supplies it. */
export interface ErrorContract {
  /** The API's name under generated/ and in docs URLs. */
  readonly api: string;
  readonly envelope: Envelope;
  /** The names the error gives the envelope's code and type. */
  readonly fields: FieldNames;
  /** Every code of the catalog, with its type for APIs whose envelope has one (nothing else: it is bundled). */
  readonly catalog: { readonly [code: string]: { readonly type?: string } };
  /** For each operation (`METHOD /path`), each declared error status with the codes it can carry. */
  readonly operations: OperationErrorTable;
}

/** The values of the envelope's fields in one body. */
export interface BodyFields {
  readonly code: string;
  readonly message: string;
  readonly type: string | undefined;
  readonly requestId: string | null | undefined;
}

const at = (body: unknown, path: readonly string[] | undefined): unknown =>
  path?.reduce<unknown>(
    (node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined),
    body,
  );

/** The envelope's fields when `body` has its shape: strings, and a string or null request id. */
export function readBody(envelope: Envelope, body: unknown): BodyFields | undefined {
  const code = at(body, envelope.code);
  const message = at(body, envelope.message);
  const type = at(body, envelope.type);
  const requestId = at(body, envelope.requestId);
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  if (envelope.type && typeof type !== "string") return undefined;
  if (envelope.requestId && typeof requestId !== "string" && requestId !== null) return undefined;
  return { code, message, type: type as string | undefined, requestId: requestId as string | null | undefined };
}

/**
 * The codes an operation declares for a status: the exact status wins over its range (`4XX`),
 * and the range over `default`. Undefined when the operation does not declare the status.
 */
export function declaredCodes(
  operations: OperationErrorTable,
  operation: string,
  status: number,
): readonly string[] | undefined {
  const statuses = operations[operation];
  return (statuses?.[status] ?? statuses?.[`${Math.floor(status / 100)}XX`] ?? statuses?.default)?.codes;
}

function describeBody(fields: BodyFields | undefined, body: unknown): string {
  if (fields) return `${fields.code}: ${fields.message}`;
  return `with ${body === undefined || body === "" ? "an empty body" : "a body that is not the error envelope"}`;
}

/** Classifies a non-2xx response; `body` is what openapi-fetch read: parsed JSON, raw text or undefined. */
export function classifyResponse(
  contract: ErrorContract,
  operation: string,
  { status, headers }: Response,
  body: unknown,
  docsBaseUrl: string | URL | undefined,
): Failure {
  const declared = declaredCodes(contract.operations, operation, status);
  const fields = readBody(contract.envelope, body);
  const code = fields?.code;
  const requestId = fields?.requestId ?? headers.get(REQUEST_ID_HEADER) ?? undefined;
  const documented = code !== undefined && Object.hasOwn(contract.catalog, code);
  const known =
    fields !== undefined && declared?.includes(fields.code) && contract.catalog[fields.code]?.type === fields.type;
  const requestNote = requestId ? ` (request id ${requestId})` : "";
  return {
    reason: !declared || !fields ? "unexpected_response" : known ? "known" : "unknown_code",
    message: `${operation} returned ${status} ${describeBody(fields, body)}${requestNote}`,
    status,
    code,
    type: fields?.type,
    requestId,
    retryAfterMs: parseRetryAfter(headers.get(RETRY_AFTER_HEADER)),
    docsUrl: documented && docsBaseUrl ? errorDocsUrl(docsBaseUrl, contract.api, code) : undefined,
    body,
  };
}

/** The text of a thrown value and its causes: "fetch failed: other side closed". */
export function describeThrown(thrown: unknown, depth = 0): string {
  if (!(thrown instanceof Error)) return String(thrown);
  const cause = thrown.cause === undefined || depth > 1 ? "" : `: ${describeThrown(thrown.cause, depth + 1)}`;
  return (thrown.message || thrown.name) + cause;
}

/** A call that got no response. */
export function transportFailure(
  operation: string,
  transport: TransportFailureKind,
  thrown: unknown,
  timeoutMs: number,
): Failure {
  const what =
    transport === "timeout"
      ? `no response within ${timeoutMs} ms`
      : transport === "abort"
        ? "aborted"
        : `network error (${describeThrown(thrown)})`;
  return { reason: "transport", message: `${operation} failed: ${what}`, transport };
}
