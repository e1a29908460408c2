/**
 * The options of a client and of one call, and the checks that make a mistake surface where
 * it was written, with what to do about it.
 */
import type { HeadersOptions } from "openapi-fetch";
import { isLoopbackHost } from "../http.js";
import type { RetryOptions } from "./retry.js";

/**
 * How an API takes its key, from its spec's security scheme: `Authorization: Bearer <key>`,
 * `Authorization: Basic <base64 of key>` (the key written `user:password`), or the key as is in
 * a header or a query parameter of the scheme's name.
 */
export type Auth =
  | { readonly scheme: "bearer" }
  | { readonly scheme: "basic" }
  | { readonly scheme: "apiKey"; readonly in: "header" | "query"; readonly name: string };

export interface ClientOptions {
  /** Sent as the API's security scheme says (`Authorization: Bearer <apiKey>` by default). Never copied into errors. */
  readonly apiKey?: string | undefined;
  /** Default: the spec's server. Must be HTTPS unless it is a loopback address or `allowInsecureBaseUrl` is set. */
  readonly baseUrl?: string | undefined;
  /** Accept a plain-HTTP `baseUrl` that is not loopback, e.g. inside a private network. */
  readonly allowInsecureBaseUrl?: boolean | undefined;
  /** Default: `globalThis.fetch`, looked up at each call. */
  readonly fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Time allowed for each attempt, including reading the body. Default 60000; `Infinity` for none. */
  readonly timeoutMs?: number | undefined;
  /** Retry policy, or `false` for a single attempt. */
  readonly retry?: RetryOptions | false | undefined;
  /** Headers sent with every call. */
  readonly headers?: HeadersOptions | undefined;
  /**
   * Base URL of the served docs that errors' `docsUrl` point into (the code's entry in the Redoc page).
   * Default: the package's docs on disk, where `docsUrl` is the code's static page.
   */
  readonly docsBaseUrl?: string | URL | undefined;
  /** Throw the error instead of returning it; successful calls then resolve to `{ data, response }`. */
  readonly throwOnError?: boolean | undefined;
}

/** Options every call accepts besides openapi-fetch's own. */
export interface CallOptions {
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number | undefined;
  /** Merged over the client's `retry` for this call. */
  readonly retry?: RetryOptions | false | undefined;
}

/**
 * For APIs that document `Idempotency-Key`: a key makes a POST or PATCH safe to retry. Without
 * one, the client sends a random key of its own, the same for each retry of the call.
 */
export interface IdempotentCallOptions extends CallOptions {
  readonly idempotencyKey?: string | undefined;
}

/** The base URL if a key may be sent to it; otherwise a TypeError that says how to fix it. */
export function checkBaseUrl(baseUrl: string, allowInsecure: boolean | undefined): string {
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol === "https:" || (protocol === "http:" && (allowInsecure || isLoopbackHost(hostname)))) return baseUrl;
  throw new TypeError(
    `baseUrl ${baseUrl} is not HTTPS, so the API key would be sent unencrypted. Use https://, ` +
      "a loopback http:// URL (localhost, 127.0.0.1, [::1]) for a local mock, or allowInsecureBaseUrl: true.",
  );
}

/** A positive number of milliseconds; `Infinity` (or more than a timer can count) for none. */
export function checkTimeout(timeoutMs: number | undefined, fallback = 60_000): number {
  if (timeoutMs === undefined) return fallback;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be a positive number of milliseconds, not ${timeoutMs}.`);
  // Node fires a timer of more than 2^31-1 ms (24 days) at once; treat it as no timeout.
  return timeoutMs > 2 ** 31 - 1 ? Infinity : timeoutMs;
}

export function checkApiKey(apiKey: unknown, required: boolean, auth: Auth = { scheme: "bearer" }): void {
  if (apiKey === undefined ? required : typeof apiKey !== "string" || !apiKey) {
    throw new TypeError(`apiKey must be a non-empty string (sent as ${describeAuth(auth)}).`);
  }
}

function describeAuth(auth: Auth): string {
  if (auth.scheme === "apiKey") return `the ${auth.in === "query" ? "query parameter" : "header"} \`${auth.name}\``;
  return auth.scheme === "basic" ? "`Authorization: Basic <base64 of apiKey>`" : "`Authorization: Bearer <apiKey>`";
}

/** Where a client puts its key: the headers of every call, and the query parameters of every call. */
export function credentials(
  auth: Auth,
  apiKey: string | undefined,
): { headers: Record<string, string>; query: Record<string, string> } {
  if (!apiKey) return { headers: {}, query: {} };
  if (auth.scheme === "apiKey") {
    return auth.in === "query"
      ? { headers: {}, query: { [auth.name]: apiKey } }
      : { headers: { [auth.name]: apiKey }, query: {} };
  }
  if (auth.scheme === "basic") {
    const bytes = new TextEncoder().encode(apiKey);
    return { headers: { Authorization: `Basic ${btoa(String.fromCharCode(...bytes))}` }, query: {} };
  }
  return { headers: { Authorization: `Bearer ${apiKey}` }, query: {} };
}

/**
 * Where the package's rendered docs are, from the URL of the generated client module:
 * generated/<api>/client.ts in the sources, dist/generated/<api>/client.js once built; the
 * docs are generated/docs/ in both cases.
 */
export function packageDocsUrl(moduleUrl: string): string | undefined {
  try {
    return `${new URL("../", moduleUrl).href.replace(/\/dist\/generated\/$/, "/generated/")}docs/`;
  } catch {
    return undefined;
  }
}
