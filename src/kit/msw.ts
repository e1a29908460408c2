/**
 * MSW 2 request handlers that answer an operation with a documented error, built by the one
 * builder on every request. Kept apart from the rest of the kit so that msw stays optional.
 */
import { HttpHandler } from "msw";
import type { ErrorTables } from "../tables.js";
import { buildErrorResponse, type ErrorResponseInit } from "./error-response.js";
import { simulatedResponse } from "./mock-fetch.js";

/** `init` of a handler: the builder's, plus the URL the API is served at in the test. */
export interface ErrorHandlerInit extends ErrorResponseInit {
  /** Default: the API's server URL from its spec. */
  readonly baseUrl?: string;
}

/** A handler for `operation` (`"GET /tasks/{id}"`) under `baseUrl` that answers with `error`. */
export function createErrorHandler(
  tables: ErrorTables,
  serverUrl: string,
  operation: string,
  error: string | number,
  { baseUrl = serverUrl, ...init }: ErrorHandlerInit = {},
): HttpHandler {
  // Build once now, so a code the operation does not declare fails where the handler is made.
  buildErrorResponse(tables, operation, error, init);
  const [method, path] = operation.split(" ") as [string, string];
  // MSW writes path parameters as `:name`.
  const url = `${baseUrl.replace(/\/$/, "")}${path.replace(/\{([^}]+)\}/g, ":$1")}`;
  return new HttpHandler(method, url, () => simulatedResponse(tables, operation, error, init));
}
