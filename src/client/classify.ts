/**
 * Sorts a failed call into one of the four reasons. The envelope is checked field by field
 * before a body counts as one, so the types never promise fields the body does not have.
 */
import { errorDocsUrl } from "../docs-anchor.js";
import type { Failure, TransportFailureKind } from "./errors.js";
import { parseRetryAfter } from "./retry-after.js";

/** Where the envelope's fields sit in a body, as path segments (`x-error-envelope`). */
export interface EnvelopePointers {
  readonly code: readonly string[];
  readonly message: readonly string[];
  readonly type?: readonly string[];
  readonly requestId?: readonly string[];
}

/** What classification needs to know about one API, generated from its spec. */
export interface ErrorContract {
  /** The API's name under generated/ and in docs URLs. */
  readonly api: string;
  readonly envelope: EnvelopePointers;
  /** Every code of the catalog, with its type for APIs whose envelope has one. */
  readonly catalog: { readonly [code: string]: { readonly type?: string } };
  /** For each operation (`METHOD /path`), each declared error status with the codes it can carry. */
  readonly operations: { readonly [operation: string]: { readonly [status: string]: readonly string[] } };
}

export interface Envelope {
  readonly code: string;
  readonly message: string;
  readonly type: string | undefined;
  readonly requestId: string | null | undefined;
}

const at = (body: unknown, path: readonly string[] | undefined): unknown =>
  path?.reduce<unknown>((node, key) => (typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined), body);

/** The envelope's fields when `body` has its shape: strings, and a string or null request id. */
export function readEnvelope(pointers: EnvelopePointers, body: unknown): Envelope | undefined {
  const [code, message, type, requestId] = [at(body, pointers.code), at(body, pointers.message), at(body, pointers.type), at(body, pointers.requestId)];
  const valid =
    typeof code === "string" &&
    typeof message === "string" &&
    (!pointers.type || typeof type === "string") &&
    (!pointers.requestId || typeof requestId === "string" || requestId === null);
  return valid ? { code, message, type: type as string | undefined, requestId: requestId as string | null | undefined } : undefined;
}

/** Classifies a non-2xx response; `body` is what openapi-fetch read: parsed JSON, raw text or undefined. */
export function classifyResponse(
  contract: ErrorContract,
  operation: string,
  { status, headers }: Response,
  body: unknown,
  docsBaseUrl: string | URL | undefined,
): Failure {
  const statuses = contract.operations[operation];
  const declared = statuses?.[status] ?? statuses?.["default"];
  const envelope = readEnvelope(contract.envelope, body);
  const code = envelope?.code;
  const requestId = envelope?.requestId ?? headers.get("x-request-id") ?? undefined;
  const documented = code !== undefined && Object.hasOwn(contract.catalog, code);
  return {
    reason: !declared || !envelope ? "unexpected_response"
      : declared.includes(envelope.code) && contract.catalog[envelope.code]?.type === envelope.type ? "known" : "unknown_code",
    message: `${operation} returned ${status} ${envelope ? `${code}: ${envelope.message}` : `with ${body === undefined || body === "" ? "an empty body" : "a body that is not the error envelope"}`}${requestId ? ` (request id ${requestId})` : ""}`,
    status,
    code,
    type: envelope?.type,
    requestId,
    retryAfterMs: parseRetryAfter(headers.get("retry-after")),
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
export function transportFailure(operation: string, transport: TransportFailureKind, thrown: unknown, timeoutMs: number): Failure {
  const what = transport === "timeout" ? `no response within ${timeoutMs} ms` : transport === "abort" ? "aborted" : `network error (${describeThrown(thrown)})`;
  return { reason: "transport", message: `${operation} failed: ${what}`, transport };
}
