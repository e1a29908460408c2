/**
 * The one error class every failed call produces, in both styles: the result style returns it
 * as `error`, the throwing style throws it. Each API subclasses it (`<Api>ApiError`) so that
 * `instanceof` tells the APIs apart; the fields that tell failures apart (`reason`, `status`,
 * the code) are typed per operation by the generated client.
 */

/** Which of the four kinds of failure an error is. */
export type FailureReason =
  /** The body is the envelope with a code this operation declares for this status. */
  | "known"
  /** The body is the envelope, but its code is not one this operation declares for this status. */
  | "unknown_code"
  /**
   * A status this operation declares without documenting a code for it (a rate limit, a gateway
   * error): the status is the signal, whatever the body is (the envelope, other JSON, text, HTML).
   */
  | "declared_status"
  /** The status is not one this operation declares, or the body is not the envelope. */
  | "unexpected_response"
  /** No response: the network failed, the call timed out or it was aborted. */
  | "transport";

/** Why a call got no response: the network failed, `timeoutMs` ran out, or the caller's signal aborted it. */
export type TransportFailureKind = "network" | "timeout" | "abort";

/** What the client found out about a failed call, before the code and type get the API's names. */
export interface Failure {
  readonly reason: FailureReason;
  readonly message: string;
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  readonly type?: string | undefined;
  readonly transport?: TransportFailureKind;
  readonly requestId?: string | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly docsUrl?: string | undefined;
  readonly vendorDocsUrl?: string | undefined;
  readonly body?: unknown;
  readonly retryable?: boolean;
  readonly attempts?: number;
  readonly operation?: string;
}

export class ApiError extends Error {
  /**
   * The server's id for the request (from the body, else the API's request-id header, `X-Request-Id` unless its spec
   * names another); quote it to support.
   */
  declare readonly requestId: string | undefined;
  /** How long the server asked to wait (`Retry-After`), in milliseconds. */
  declare readonly retryAfterMs: number | undefined;
  /** Where the code is documented, when it is a code of the catalog. */
  declare readonly docsUrl: string | undefined;
  /** The vendor's own page about the code, for an API whose error body links one (`x-error-envelope.docsUrl`). */
  declare readonly vendorDocsUrl: string | undefined;
  /**
   * Whether the same request may succeed if sent again later: one of the statuses the clients
   * retry (the catalogs' `retryable`), a network failure or a timeout. The client has already retried it when the
   * method and the retry policy allowed; `attempts` says how often it tried.
   */
  declare readonly retryable: boolean;
  /** How many attempts the call made, retries included (1 when it was not retried). */
  declare readonly attempts: number;
  /** The call that failed, as `METHOD /path` with the path's template (`"GET /tasks/{id}"`). */
  declare readonly operation: string;

  /** Made by the client; `fields` become the error's own properties. */
  constructor(message: string, fields: object, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    Object.assign(this, fields);
  }

  /** The error as plain data for logs: name, message and fields. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...(this as object) };
  }
}

/**
 * The properties every error has besides the code and the type, which take the envelope's names
 * (`FieldNames`): an envelope field named like one of these would hide it, so the contract model
 * refuses such a spec.
 */
export const ERROR_PROPERTIES = [
  "reason",
  "status",
  "transport",
  "message",
  "requestId",
  "retryAfterMs",
  "docsUrl",
  "vendorDocsUrl",
  "body",
  "retryable",
  "attempts",
  "operation",
  "name",
  "stack",
  "cause",
  "toJSON",
] as const satisfies readonly (keyof Failure | keyof ApiError)[];

/**
 * What a `fetch` given to the client throws to say that it was set up wrong, not that the network
 * failed (a test's mock with no route for the request): the client throws it as it is, at once,
 * instead of retrying it and reporting a `transport` failure that a test of one would pass on.
 */
export class FetchSetupError extends Error {
  override get name(): string {
    return "FetchSetupError";
  }
}

/** The class of one API's errors, typed so that `instanceof` narrows to the API's failures. */
export interface ApiErrorConstructor<E> {
  readonly prototype: E;
  new (message: string, fields: object, cause?: unknown): E;
}

/** The names an API's envelope gives the code and the type (the last segments of their pointers: `kind`, `code`). */
export interface FieldNames {
  readonly code: string;
  readonly type?: string | undefined;
}

/**
 * The fields of the API's error for `failure`: reason, status, the code and type under the API's
 * own names, then the failure's other fields in their order. Copied key by key: object rest and
 * spread cost microseconds per failed call here.
 */
export function errorFields(names: FieldNames, failure: Failure): Record<string, unknown> {
  const fields: Record<string, unknown> = { reason: failure.reason, status: failure.status };
  fields[names.code] = failure.code;
  if (names.type) fields[names.type] = failure.type;
  for (const key in failure) if (!NAMED.has(key)) fields[key] = failure[key as keyof Failure];
  return fields;
}

/** What `errorFields` places itself, or the constructor takes (`message`). */
const NAMED = new Set(["message", "reason", "status", "code", "type"]);

/** Builds the API's error, with the code and type under the API's own names. */
export function createError(
  ErrorClass: ApiErrorConstructor<ApiError>,
  names: FieldNames,
  failure: Failure,
  cause?: unknown,
): ApiError {
  return new ErrorClass(failure.message, errorFields(names, failure), cause);
}
