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
   * Base URL of your own host of the generated docs (see the README): errors' `docsUrl` is then the
   * code's entry there. Default: the vendor's own page about its errors (an `https:` URL).
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

/** Every option a client takes, listed so that a misspelt one is caught at run time too. */
const CLIENT_OPTIONS: { readonly [K in keyof ClientOptions]-?: true } = {
  apiKey: true,
  baseUrl: true,
  allowInsecureBaseUrl: true,
  fetch: true,
  timeoutMs: true,
  retry: true,
  headers: true,
  docsBaseUrl: true,
  throwOnError: true,
};

const CALL_OPTIONS: { readonly [K in keyof IdempotentCallOptions]-?: true } = {
  timeoutMs: true,
  retry: true,
  idempotencyKey: true,
};

const RETRY_OPTIONS: { readonly [K in keyof RetryOptions]-?: true } = {
  maxRetries: true,
  initialDelayMs: true,
  maxDelayMs: true,
  maxRetryAfterMs: true,
};

/** What openapi-fetch takes per call: its own options and those of `RequestInit` (with undici's). */
const FETCH_OPTIONS = [
  ...["params", "body", "baseUrl", "querySerializer", "bodySerializer", "pathSerializer", "parseAs"],
  ...["fetch", "headers", "middleware", "signal", "cache", "credentials", "integrity", "keepalive"],
  ...["method", "mode", "priority", "redirect", "referrer", "referrerPolicy", "window", "dispatcher", "duplex"],
];

/**
 * The name in `names` that a misspelt `name` most likely meant: the same but for case, one that
 * it begins or that begins it (`timeout`), else one within a few edits (one per four letters after
 * the first: a short name is too like others to guess at).
 */
export function closestName(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Math.floor((name.length - 1) / 4) + 1;
  for (const candidate of names) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    if (Math.min(name.length, candidate.length) >= 5 && (other.startsWith(lower) || lower.startsWith(other)))
      [best, bestDistance] = [candidate, 0];
    const distance = editDistance(lower, other, bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** Levenshtein distance, given up (returns `limit`) once it reaches `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...row) >= limit) return limit;
    previous = row;
  }
  return Math.min(previous[b.length]!, limit);
}

/**
 * A TypeError naming the first option of `options` that is not one of `names`, with the one it
 * likely meant; with `passThrough`, only a name near a known one counts (the rest go to fetch).
 */
function checkNames(where: string, options: object, names: readonly string[], passThrough = false): void {
  for (const name of Object.keys(options)) {
    if (names.includes(name)) continue;
    const near = closestName(name, names);
    if (near === undefined && passThrough) continue;
    throw new TypeError(`Unknown option '${name}' in ${where}.${near ? ` Did you mean '${near}'?` : ""}`);
  }
}

/** The names a retry option may have. */
const RETRY_NAMES: readonly string[] = Object.keys(RETRY_OPTIONS);

function checkRetryNames(where: string, retry: unknown): void {
  if (retry && typeof retry === "object") checkNames(`${where} \`retry\``, retry, RETRY_NAMES);
}

/** Refuses a client option (or retry option) that does not exist, as TypeScript does at compile time. */
export function checkClientOptionNames(options: ClientOptions): void {
  checkNames("the client's options", options, Object.keys(CLIENT_OPTIONS));
  checkRetryNames("the client's", options.retry);
}

/** The names a call may give, made once: this runs on every call. */
const CALL_NAMES: readonly string[] = [...Object.keys(CALL_OPTIONS), ...FETCH_OPTIONS];
const CALL_NAMES_WITHOUT_KEY = CALL_NAMES.filter((name) => name !== "idempotencyKey");
const KNOWN_CALL_NAMES: ReadonlySet<string> = new Set(CALL_NAMES);

/**
 * Refuses a call option that looks like a misspelt one of the client's or openapi-fetch's, so
 * that it fails instead of being ignored. Other names pass: openapi-fetch hands them to the
 * request for the platform's fetch (a framework's own `RequestInit` fields). `idempotencyKey`
 * counts only for an API that has the header, and is refused outright elsewhere.
 */
export function checkCallOptionNames(operation: string, options: object, idempotent: boolean): void {
  // Nearly every call gives known names only: those are looked up once each, and nothing is built.
  let unknown = !idempotent && "idempotencyKey" in options;
  for (const name in options) unknown ||= !KNOWN_CALL_NAMES.has(name);
  if (unknown) {
    const where = `the options of ${operation}`;
    if (!idempotent && "idempotencyKey" in options) checkNames(where, { idempotencyKey: 0 }, []);
    checkNames(where, options, idempotent ? CALL_NAMES : CALL_NAMES_WITHOUT_KEY, true);
  }
  const { retry } = options as CallOptions;
  if (retry) checkRetryNames(`${operation}'s`, retry);
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
