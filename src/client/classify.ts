/**
 * Sorts a failed call into one of the four reasons. The envelope is checked field by field
 * before a body counts as one, so the types never promise fields the body does not have.
 */
import { errorDocsUrl } from "../docs-anchor.js";
import { RETRY_AFTER_HEADER } from "../http.js";
import {
  declaration,
  own,
  policyOf,
  readBody,
  type BodyFields,
  type Envelope,
  type ErrorPolicy,
  type OperationTable,
} from "../tables.js";
import type { Failure, FieldNames, TransportFailureKind } from "./errors.js";
import { parseRetryAfter } from "./retry-after.js";

/** What classification needs to know about one API; the generated binding supplies it. */
export interface ErrorContract {
  /** The API's name under generated/ and in docs URLs. */
  readonly api: string;
  readonly envelope: Envelope;
  /** The API's settings: which header carries the request id. The default policy when absent. */
  readonly policy?: ErrorPolicy;
  /** The names the error gives the envelope's code and type. */
  readonly fields: FieldNames;
  /** Every code of the catalog, with its type for APIs whose envelope has one (nothing else: it is bundled). */
  readonly catalog: { readonly [code: string]: { readonly type?: string } };
  /** The operation table; the client reads each status's codes. */
  readonly operations: OperationTable<{ readonly codes: readonly string[] }>;
}

/** How much of a body that is not the envelope an error's message quotes. */
const SNIPPET_LENGTH = 120;

/**
 * The envelope's code and message; else what the body is, with its content type and its first
 * characters (already stripped of the call's credentials), so a proxy's page or a gateway's text
 * can be told apart in a log.
 */
function describeBody(fields: BodyFields | undefined, body: unknown, headers: ResponseFacts["headers"]): string {
  if (fields) return `${fields.code}: ${fields.message}`;
  if (body === undefined || body === "") return "with an empty body";
  const text = (typeof body === "string" ? body : JSON.stringify(body)).replace(/\s+/g, " ").trim();
  const snippet = text.length > SNIPPET_LENGTH ? `${text.slice(0, SNIPPET_LENGTH)}…` : text;
  // The content type is read only here: an envelope's message does not name it.
  const contentType = headers.get("content-type") ?? "no content type";
  return `with a body that is not the error envelope (${contentType}: ${JSON.stringify(snippet)})`;
}

/** Where a catalog code is documented: the code's page under `baseUrl` when given, else the vendor's page. */
export interface DocsLinks {
  readonly baseUrl?: string | URL | undefined;
  readonly vendorUrl?: string | undefined;
}

/** What classification reads of a response: its status and the values of a few headers. */
export interface ResponseFacts {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
}

/** Classifies a non-2xx response; `body` is what openapi-fetch read: parsed JSON, raw text or undefined. */
export function classifyResponse(
  contract: ErrorContract,
  operation: string,
  { status, headers }: ResponseFacts,
  body: unknown,
  docs: DocsLinks,
): Failure {
  const statuses = own(contract.operations, operation);
  const declared = declaration(statuses, status)?.codes;
  // A status declared as itself (not by a range) with no documented code: the status is the
  // signal, whatever the body.
  const statusOnly = own(statuses, String(status))?.codes.length === 0;
  const fields = readBody(contract.envelope, body);
  const code = fields?.code;
  const { requestIdHeader } = policyOf(contract);
  const requestId = fields?.requestId ?? (requestIdHeader ? headers.get(requestIdHeader) : null) ?? undefined;
  const entry = own(contract.catalog, code);
  const known = fields !== undefined && declared?.includes(fields.code) && entry?.type === fields.type;
  const requestNote = requestId ? ` (request id ${requestId})` : "";
  return {
    reason: statusOnly
      ? "declared_status"
      : !declared || !fields
        ? "unexpected_response"
        : known
          ? "known"
          : "unknown_code",
    message: `${operation} returned ${status} ${describeBody(fields, body, headers)}${requestNote}`,
    status,
    code,
    type: fields?.type,
    requestId,
    retryAfterMs: parseRetryAfter(headers.get(RETRY_AFTER_HEADER)),
    docsUrl: !entry ? undefined : docs.baseUrl ? errorDocsUrl(docs.baseUrl, contract.api, code!) : docs.vendorUrl,
    vendorDocsUrl: fields?.docsUrl,
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
