/**
 * The one builder of documented error responses: the consumer test kit, the server kit and the
 * mock server's examples all call it, so they cannot disagree. Plain data in, plain data out: it
 * knows an API only through its generated tables (`<api>Errors`, `<api>OperationErrors`,
 * `<api>ErrorEnvelope`, `<api>ErrorTypes`).
 */
import { RETRY_AFTER_HEADER } from "../http.js";
import {
  own,
  policyOf,
  sameHeaderName,
  setAt,
  valueAt,
  type ErrorTables,
  type HeaderFact,
  type StatusErrors,
} from "../tables.js";

/** What a test or a server may set on a built error; everything else comes from the catalog. */
export interface ErrorResponseInit {
  /** Replaces the example's message. */
  readonly message?: string;
  /**
   * The request id, written to the body (for envelopes with one) and to the API's request-id header
   * (`X-Request-Id` unless its spec names another, where the API declares it). Default: the header's
   * example in the spec, else the code's example body's.
   */
  readonly requestId?: string;
  /**
   * `Retry-After` in seconds: sent on every 429 (default 1) of an API whose 429s carry it, and on
   * other statuses when given.
   */
  readonly retryAfterSeconds?: number;
  /** The code of an open-envelope body (a status given instead of a code). Default: `"undocumented"`. */
  readonly code?: string;
  /**
   * For a status given instead of a code (the body is not documented): a body to send in place
   * of the open envelope, as a server or a proxy in front of it may. A string is sent as it is,
   * with `contentType` (default `text/plain`); any other value as JSON.
   */
  readonly body?: unknown;
  /** The `Content-Type` of a string `body`, e.g. `text/html` for a proxy's error page. */
  readonly contentType?: string;
}

/** A test or server kit's `init` for an API whose errors carry no request id: `requestId` does not compile. */
export type ErrorResponseInitWithoutRequestId = Omit<ErrorResponseInit, "requestId"> & { readonly requestId?: never };

/**
 * A built error response: `status`, `headers` (`Content-Type` first) and the `body`, JSON data
 * unless `Content-Type` says otherwise (then the text to send).
 */
export interface ErrorResponseData {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The code an open-envelope body carries when the caller names none, as in the specs' examples. */
export const OPEN_ENVELOPE_CODE = "undocumented";

/**
 * The response an API documents for `error` (a catalog code, or a status whose body is the open
 * envelope) of `operation` (`"GET /tasks/{id}"`), or of any operation when `operation` is
 * undefined. Throws, naming what is declared, when the operation does not declare it.
 */
export function buildErrorResponse(
  tables: ErrorTables,
  operation: string | undefined,
  error: string | number,
  init: ErrorResponseInit = {},
): ErrorResponseData {
  const { status, declared } = resolve(tables, operation, error);
  const facts = headerFacts(declared);
  const { requestIdHeader, retryAfterOn429 } = policyOf(tables);
  const isRequestId = (name: string): boolean => requestIdHeader !== null && sameHeaderName(name, requestIdHeader);
  const requestIdFact = Object.entries(facts).find(([name]) => isRequestId(name));
  const template = typeof error === "string" ? own(tables.catalog, error)!.example : undefined;
  checkInit(init, describe(operation, error), !!tables.envelope.requestId || !!requestIdFact, template);
  const exampleId = valueAt(template, tables.envelope.requestId);
  const requestId =
    init.requestId ?? requestIdFact?.[1].example ?? (typeof exampleId === "string" ? exampleId : undefined);
  const raw = typeof init.body === "string";
  const body =
    init.body !== undefined
      ? init.body
      : template === undefined
        ? openEnvelope(tables, status, init.code ?? OPEN_ENVELOPE_CODE)
        : (structuredClone(template) as object);
  if (init.body === undefined) envelopeFields(tables, body as object, init.message, requestId, operation, error);
  const contentType = raw ? (init.contentType ?? "text/plain") : "application/json";
  const headers: Record<string, string> = { "Content-Type": contentType };
  for (const [name, fact] of Object.entries(facts)) {
    const value = isRequestId(name)
      ? requestId
      : sameHeaderName(name, RETRY_AFTER_HEADER)
        ? retryAfter(init.retryAfterSeconds, status, fact.example)
        : fact.example;
    if (value !== undefined) headers[name] = value;
  }
  const hasRetryAfter = Object.keys(headers).some((name) => sameHeaderName(name, RETRY_AFTER_HEADER));
  if (!hasRetryAfter && ((status === 429 && retryAfterOn429) || init.retryAfterSeconds !== undefined)) {
    headers[RETRY_AFTER_HEADER] = retryAfter(init.retryAfterSeconds, status, undefined);
  }
  return { status, headers, body };
}

/** Refuses what `init` sets that the response would drop: a request id nowhere to carry it, a body for a code. */
function checkInit(init: ErrorResponseInit, what: string, carriesRequestId: boolean, template: unknown): void {
  if (init.requestId !== undefined && !carriesRequestId) {
    throw new Error(`${what} carries no request id (neither its body nor its headers): leave out init.requestId.`);
  }
  if (init.body !== undefined && template !== undefined) {
    throw new Error(`init.body replaces an undocumented body only; ${what} is documented.`);
  }
}

/** Sets the message and the request id (for envelopes that have one) on an envelope body. */
function envelopeFields(
  tables: ErrorTables,
  body: object,
  message: string | undefined,
  requestId: string | undefined,
  operation: string | undefined,
  error: string | number,
): void {
  if (message !== undefined) setAt(body, tables.envelope.message, message);
  if (!tables.envelope.requestId) return;
  if (requestId === undefined) {
    throw new Error(`No request id is known for ${describe(operation, error)}: pass init.requestId.`);
  }
  setAt(body, tables.envelope.requestId, requestId);
}

/** The status of `error`, and the declarations of it that supply its headers. */
function resolve(
  tables: ErrorTables,
  operation: string | undefined,
  error: string | number,
): { status: number; declared: StatusErrors[] } {
  const entry = own(tables.catalog, error);
  if (typeof error === "string" && !entry) {
    throw new Error(`Unknown error code "${error}". Known codes: ${Object.keys(tables.catalog).join(", ")}.`);
  }
  const status = entry?.status ?? (error as number);
  // A code is found under whichever key lists it (its status, or a range such as `4XX`); an
  // open-envelope status only under its own key.
  const find = (statuses: { readonly [status: string]: StatusErrors }): [string, StatusErrors] | undefined => {
    if (typeof error === "string") return Object.entries(statuses).find(([, s]) => s.codes.includes(error));
    const exact = own(statuses, String(status));
    return exact?.open ? [String(status), exact] : undefined;
  };
  if (operation === undefined) {
    const declared = Object.values(tables.operations).flatMap((statuses) => {
      const found = find(statuses);
      return found ? [found] : [];
    });
    if (declared.length === 0) throw new Error(`No operation declares ${describe(operation, error)}.`);
    return { status: statusOf(entry, declared[0]![0], status), declared: declared.map(([, d]) => d) };
  }
  const statuses = own(tables.operations, operation);
  if (!statuses) {
    const known = Object.keys(tables.operations).join(", ");
    throw new Error(`Unknown operation "${operation}". Known operations: ${known}.`);
  }
  const declared = find(statuses);
  if (!declared) {
    const what = describe(undefined, error);
    throw new Error(`${operation} does not declare ${what}. It declares: ${declaredList(statuses)}.`);
  }
  return { status: statusOf(entry, declared[0], status), declared: [declared[1]] };
}

/** A code sent with several statuses answers with the one it is declared under; any other, with its status. */
function statusOf(entry: { readonly statuses?: readonly number[] } | undefined, key: string, status: number): number {
  const exact = Number(key);
  return entry?.statuses?.includes(exact) ? exact : status;
}

/** The headers of the declarations, in spec order; a header declared by any of them is sent. */
function headerFacts(declared: readonly StatusErrors[]): Record<string, HeaderFact> {
  const facts: Record<string, HeaderFact> = {};
  for (const { headers } of declared) for (const [name, fact] of Object.entries(headers ?? {})) facts[name] ??= fact;
  return facts;
}

/** The envelope with a code outside the catalog; its type is the one the API uses for the status. */
function openEnvelope(tables: ErrorTables, status: number, code: string): object {
  const body = {};
  setAt(body, tables.envelope.code, code);
  if (tables.envelope.type) {
    const type = Object.entries(tables.errorTypes ?? {}).find(([, t]) => t.statuses.includes(status))?.[0];
    if (type === undefined) {
      throw new Error(`No error type lists status ${status}, so its open-envelope body has no type.`);
    }
    setAt(body, tables.envelope.type, type);
  }
  setAt(body, tables.envelope.message, `Error ${status} (no documented code).`);
  return body;
}

/** A 429 says 1 s unless told otherwise, so a test that retries it waits only briefly. */
function retryAfter(seconds: number | undefined, status: number, example: string | undefined): string {
  if (seconds === undefined) return status === 429 || example === undefined ? "1" : example;
  if (!Number.isInteger(seconds) || seconds < 0) {
    throw new Error(`retryAfterSeconds must be a whole number of seconds >= 0, got ${seconds}.`);
  }
  return String(seconds);
}

function describe(operation: string | undefined, error: string | number): string {
  const what = typeof error === "string" ? `code "${error}"` : `status ${error} with the open envelope`;
  return operation === undefined ? what : `${what} for ${operation}`;
}

function declaredList(statuses: { readonly [status: string]: StatusErrors }): string {
  return Object.entries(statuses)
    .map(([status, s]) => `${status} (${[...s.codes, ...(s.open ? ["open envelope"] : [])].join(", ") || "no body"})`)
    .join("; ");
}
