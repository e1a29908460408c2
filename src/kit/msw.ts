/**
 * MSW 2 request handlers for one operation: a documented error built by the one builder on every
 * request, a response of the test's own (a proxy's HTML page, a success), or a network failure.
 * Kept apart from the rest of the kit so that msw stays optional.
 */
import { HttpHandler, HttpResponse } from "msw";
import type { ErrorTables } from "../tables.js";
import { buildErrorResponse, type ErrorResponseInit } from "./error-response.js";
import { simulatedResponse } from "./mock-fetch.js";

/** Where a handler listens: the URL the API is served at in the test. */
export interface HandlerInit {
  /** Default: the API's server URL from its spec. */
  readonly baseUrl?: string;
}

/** `init` of an error handler: the builder's, plus the URL the API is served at in the test. */
export interface ErrorHandlerInit extends ErrorResponseInit, HandlerInit {}

/** A handler for `operation` (`"GET /tasks/{id}"`) under `baseUrl` that answers with `resolve`'s response. */
function handler(
  serverUrl: string,
  operation: string,
  baseUrl: string | undefined,
  resolve: (request: Request) => Response | Promise<Response>,
): HttpHandler {
  const [method, path] = operation.split(" ") as [string, string];
  // MSW writes path parameters as `:name`.
  const url = `${(baseUrl ?? serverUrl).replace(/\/$/, "")}${path.replace(/\{([^}]+)\}/g, ":$1")}`;
  return new HttpHandler(method, url, ({ request }) => resolve(request));
}

/** A handler for `operation` under `baseUrl` that answers with the documented `error`. */
export function createErrorHandler(
  tables: ErrorTables,
  serverUrl: string,
  operation: string,
  error: string | number,
  { baseUrl, ...init }: ErrorHandlerInit = {},
): HttpHandler {
  // Build once now, so a code the operation does not declare fails where the handler is made.
  buildErrorResponse(tables, operation, error, init);
  return handler(serverUrl, operation, baseUrl, () => simulatedResponse(tables, operation, error, init));
}

/**
 * A handler for `operation` that answers with the test's own response (a copy each time), or the
 * one a function of the request returns: a proxy's HTML error page, a truncated body, a success.
 */
export function createResponseHandler(
  tables: ErrorTables,
  serverUrl: string,
  operation: string,
  response: Response | ((request: Request) => Response | Promise<Response>),
  { baseUrl }: HandlerInit = {},
): HttpHandler {
  checkOperation(tables, operation);
  return handler(serverUrl, operation, baseUrl, (request) =>
    typeof response === "function" ? response(request) : response.clone(),
  );
}

/** A handler for `operation` whose requests fail as a dropped connection does (the fetch rejects). */
export function createNetworkErrorHandler(
  tables: ErrorTables,
  serverUrl: string,
  operation: string,
  { baseUrl }: HandlerInit = {},
): HttpHandler {
  checkOperation(tables, operation);
  return handler(serverUrl, operation, baseUrl, () => HttpResponse.error());
}

function checkOperation(tables: ErrorTables, operation: string): void {
  if (!Object.hasOwn(tables.operations, operation)) {
    const known = Object.keys(tables.operations).join(", ");
    throw new Error(`Unknown operation "${operation}". Known operations: ${known}.`);
  }
}
