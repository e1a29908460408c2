/**
 * A `fetch` that answers by route (`"METHOD /path/{template}"`) with documented errors built by
 * the one builder, given responses, or transport failures: for a client's `fetch` option in tests.
 */
import { FetchSetupError } from "../client/errors.js";
import { credentialsInUrl, redact } from "../client/redact.js";
import { recordError } from "../coverage/record.js";
import {
  isJsonMediaType,
  own,
  sameHeaderName,
  valueAt,
  type DeclaredError,
  type ErrorTables,
  type OperationTable,
} from "../tables.js";
import { buildErrorResponse, type ErrorResponseData, type ErrorResponseInit } from "./error-response.js";

/** No response: `"network"` rejects like a dropped connection; `"timeout"` waits until the request is aborted. */
export type TransportFailure = "network" | "timeout";

/** What a route answers with: a declared code or open status (built by the builder), a `Response`, or no response. */
export type RouteAnswer<E> = E | Response | TransportFailure;

/** A fixed answer, or a function of the request that picks one (an async one returns a code `as const`). */
export type Route<E> = RouteAnswer<E> | ((request: Request) => RouteAnswer<E> | Promise<RouteAnswer<E>>);

/** Routes by operation; an array answers successive calls, one element each. */
export type MockRoutes<Ops extends OperationTable> = {
  readonly [Op in keyof Ops & string]?: Route<DeclaredError<Ops, Op>> | readonly Route<DeclaredError<Ops, Op>>[];
};

/** A `fetch` for a client's `fetch` option, or to call directly like the global one. */
export type MockFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface MockFetchOptions {
  /** The name the mock's errors start with. */
  readonly name: string;
  readonly tables: ErrorTables;
  readonly routes: { readonly [operation: string]: AnyRoute | readonly AnyRoute[] | undefined };
  /** The API's URL; its path (e.g. `/v1`) is removed from a request's path before matching. */
  readonly baseUrl: string;
}

type AnyRoute = Route<string | number>;

interface CompiledRoute {
  readonly operation: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly answers: readonly AnyRoute[];
  readonly sequence: boolean;
  calls: number;
}

/** A built error response as a `Response`: its body as JSON, or as it is when `Content-Type` is not JSON. */
export function toResponse({ status, headers, body }: ErrorResponseData): Response {
  const contentType = Object.entries(headers).find(([name]) => sameHeaderName(name, "Content-Type"))?.[1];
  const json = contentType === undefined || isJsonMediaType(contentType);
  return new Response(json ? JSON.stringify(body) : String(body), { status, headers });
}

/**
 * The documented response to `error` of `operation` as a `Response`, for a test: what
 * `<api>ErrorResponse`, the mock fetch's routes and the MSW handlers answer with. Each is
 * recorded for consumer coverage (src/coverage/record.ts) when recording is on.
 */
export function simulatedResponse(
  tables: ErrorTables,
  operation: string,
  error: string | number,
  init?: ErrorResponseInit,
): Response {
  const built = buildErrorResponse(tables, operation, error, init);
  recordError(tables.api, operation, built.status, valueAt(built.body, tables.envelope.code));
  return toResponse(built);
}

export function createMockFetch({ name, tables, routes, baseUrl }: MockFetchOptions): MockFetch {
  const compiled = Object.entries(routes)
    .filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined)
    .map(([operation, route]) => compile(name, tables, operation, route))
    // A literal segment wins over a template: `/tasks/search` before `/tasks/{id}`.
    .sort((a, b) => a.pattern.source.split("[^/]+").length - b.pattern.source.split("[^/]+").length);
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, "");
  return async (input, init) => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const underBase = basePath && url.pathname.startsWith(`${basePath}/`);
    const path = underBase ? url.pathname.slice(basePath.length) : url.pathname;
    const route = compiled.find((r) => r.method === request.method && r.pattern.test(path));
    // A test's output is logged too: a key in the query (`?api_key=…`) stays out of these messages.
    const shown = (): string => redact(request.url, credentialsInUrl(request.url));
    if (!route) {
      const known = compiled.map((r) => r.operation).join(", ") || "none";
      throw new FetchSetupError(`${name}: no route for ${request.method} ${shown()}. Routes: ${known}.`);
    }
    const call = route.calls++;
    const planned = route.sequence ? route.answers[call] : route.answers[0];
    if (planned === undefined) {
      const { operation, answers } = route;
      const calls = `${operation} was called ${call + 1} times, but its route has ${answers.length} answers`;
      throw new FetchSetupError(`${name}: ${calls} (${request.method} ${shown()}).`);
    }
    let answer: RouteAnswer<string | number>;
    let built: Response | undefined;
    try {
      answer = typeof planned === "function" ? await planned(request) : planned;
      if (typeof answer === "string" || typeof answer === "number") built = answerWith(tables, route.operation, answer);
    } catch (thrown) {
      // A route that cannot answer is the test's mistake, not the network's: say so, at once.
      const what = thrown instanceof Error ? thrown.message : String(thrown);
      throw new FetchSetupError(`${name}: the route for ${route.operation} failed: ${what}`, { cause: thrown });
    }
    if (built) return built;
    if (answer instanceof Response) return answer.clone();
    if (answer === "network") throw new TypeError("fetch failed", { cause: new Error("Mocked network failure") });
    return aborted(request.signal);
  };
}

function compile(
  name: string,
  tables: ErrorTables,
  operation: string,
  route: AnyRoute | readonly AnyRoute[],
): CompiledRoute {
  if (own(tables.operations, operation) === undefined) {
    const known = Object.keys(tables.operations).join(", ");
    throw new Error(`${name}: unknown operation "${operation}". Known operations: ${known}.`);
  }
  const [method, path] = operation.split(" ") as [string, string];
  const pattern = new RegExp(
    `^${path
      .split(/\{[^}]+\}/)
      .map(escapeRegExp)
      .join("[^/]+")}$`,
  );
  const sequence = Array.isArray(route);
  return { operation, method, pattern, answers: sequence ? route : [route as AnyRoute], sequence, calls: 0 };
}

/** A declared code or open status, built; undefined for a transport failure, which is no response. */
function answerWith(tables: ErrorTables, operation: string, answer: string | number): Response | undefined {
  if (answer === "network" || answer === "timeout") return undefined;
  return simulatedResponse(tables, operation, answer);
}

/** Never settles by itself: rejects with the signal's reason once the caller (or its timer) aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
