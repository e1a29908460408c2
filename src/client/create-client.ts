/**
 * Binds one API's generated contract to openapi-fetch: every method goes through openapi-fetch
 * with a retrying `fetch`, and every way a call can fail comes back as the API's error class,
 * returned as `error` or thrown.
 */
import createClient, { mergeHeaders, type Middleware } from "openapi-fetch";
import { classifyResponse, transportFailure, type ErrorContract } from "./classify.js";
import { createError, type ApiError, type ApiErrorConstructor, type Failure } from "./errors.js";
import { checkApiKey, checkBaseUrl, checkTimeout, packageDocsUrl, type ClientOptions, type IdempotentCallOptions } from "./options.js";
import { redact, redactCause } from "./redact.js";
import { retryPolicy, type RetryOptions, type RetryPolicy } from "./retry.js";
import { endCall, sendWithRetries, startCall, transportKind, type Call, type Fetch } from "./send.js";

/** Everything the runtime needs about one API; the generator writes one per API. */
export interface ApiBinding extends ErrorContract {
  readonly serverUrl: string;
  /** False when some operation accepts anonymous calls. */
  readonly requiresApiKey: boolean;
  /** `Idempotency-Key`, for APIs that document it. */
  readonly idempotencyHeader?: string;
  readonly ErrorClass: ApiErrorConstructor<ApiError>;
}

type Init = IdempotentCallOptions & {
  readonly baseUrl?: string;
  readonly fetch?: Fetch;
  readonly signal?: AbortSignal | null;
  readonly parseAs?: string;
  readonly middleware?: readonly Middleware[];
  params?: { readonly header?: object };
  readonly [key: string]: unknown;
};
type Outcome = { data?: unknown; error?: ApiError; response?: Response | undefined };
type RuntimeClient = { [method: string]: (path: string, init?: Init) => Promise<Outcome> } & Pick<ReturnType<typeof createClient>, "use" | "eject">;
type Fail = (failure: Failure, cause?: unknown) => ApiError;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** What a call falls back on: the client's options, checked once when the client is made. */
interface Defaults {
  readonly policy: RetryPolicy;
  readonly retry: RetryOptions | false | undefined;
  readonly timeoutMs: number;
  readonly fetch: Fetch;
  readonly allowInsecureBaseUrl: boolean | undefined;
  readonly idempotencyHeader: string | undefined;
  /** Set once middleware is registered: it may hand the attempts a request without the call's signal. */
  middleware: boolean;
}

/** A call's state, and what openapi-fetch gets of the call's options, with the options checked. */
function prepare(defaults: Defaults, { idempotencyKey, timeoutMs, retry, fetch = defaults.fetch, ...init }: Init): [Call, Init] {
  const { idempotencyHeader } = defaults;
  if (init.baseUrl !== undefined) checkBaseUrl(init.baseUrl, defaults.allowInsecureBaseUrl);
  if (idempotencyKey && idempotencyHeader) init.params = { ...init.params, header: { ...init.params?.header, [idempotencyHeader]: idempotencyKey } };
  const call: Call = {
    // The client's policy was merged and checked once; only a call's own `retry` needs merging.
    policy: retry === undefined ? defaults.policy : retryPolicy(defaults.retry, retry),
    timeoutMs: checkTimeout(timeoutMs, defaults.timeoutMs),
    fetch,
    idempotencyHeader,
    signal: init.signal ?? undefined,
    renew: defaults.middleware || !!init.middleware?.length,
  };
  return [call, init];
}

export function createApiClient(binding: ApiBinding, options: ClientOptions, moduleUrl: string): RuntimeClient {
  const { apiKey, retry, throwOnError, allowInsecureBaseUrl, docsBaseUrl = packageDocsUrl(moduleUrl), fetch = (r: Request) => globalThis.fetch(r) } = options;
  checkApiKey(apiKey, binding.requiresApiKey);
  const headers = mergeHeaders(options.headers, apiKey ? { Authorization: `Bearer ${apiKey}` } : {});
  // Whatever bearer token is sent (the key, or a token in `headers`) is scrubbed from errors.
  const secret = headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  // A plain object: openapi-fetch copies it into each request faster than a Headers.
  // (forEach, not iteration, so consumers need no `dom.iterable` lib to type-check this.)
  const plainHeaders: Record<string, string> = {};
  headers.forEach((value, name) => (plainHeaders[name] = value));
  const inner = createClient({ baseUrl: checkBaseUrl(options.baseUrl ?? binding.serverUrl, allowInsecureBaseUrl), headers: plainHeaders });
  const { envelope, idempotencyHeader, ErrorClass } = binding;
  const defaults: Defaults = { policy: retryPolicy(retry), retry, timeoutMs: checkTimeout(options.timeoutMs), fetch, allowInsecureBaseUrl, idempotencyHeader, middleware: false };
  // The names of the code and type on the error, written into the binding by the generator.
  const names = binding.fields;
  const fail: Fail = (failure, cause) => createError(ErrorClass, names, redact(failure, secret), cause === undefined ? undefined : redactCause(cause, secret));

  async function call(method: string, path: string, options: Init = {}): Promise<Outcome> {
    const [state, init] = prepare(defaults, options);
    const operation = `${method} ${path}`;
    const send = sendWithRetries(state, (kind, cause) => fail(transportFailure(operation, kind, cause, state.timeoutMs), cause));
    let outcome: Outcome;
    let streaming = false;
    try {
      const { data, error, response } = await inner.request(method as "get", path as never, { ...init, signal: startCall(state), fetch: send } as never);
      // A streamed body is read after the call returns; its attempt's timer keeps running.
      streaming = response.ok && init.parseAs === "stream";
      outcome = response.ok ? { data, response } : { error: fail(classifyResponse(binding, operation, response, error, docsBaseUrl)), response };
    } catch (thrown) {
      // The attempts' own errors (no response at all) come back through openapi-fetch.
      const error = thrown instanceof ErrorClass ? thrown : explainThrown(state, operation, thrown, fail);
      if (!error) throw thrown;
      outcome = { error, response: thrown === error ? undefined : state.response };
    } finally {
      endCall(state, streaming);
    }
    if (outcome.error && throwOnError) throw outcome.error;
    return outcome;
  }

  const client = {
    use: (...m) => {
      defaults.middleware = true;
      inner.use(...m);
    },
    eject: inner.eject,
  } as RuntimeClient;
  for (const method of METHODS) client[method] = (path, init) => call(method, path, init);
  return client;
}

/**
 * The error for what openapi-fetch threw after the server answered: the body could not be
 * read (the connection dropped, the timer ran out, the caller aborted), or a 2xx body was not
 * JSON. Anything else (a bad argument, a throwing middleware) is the caller's own to see.
 */
function explainThrown(state: Call, operation: string, thrown: unknown, fail: Fail): ApiError | undefined {
  const { response } = state;
  if (!response) return undefined;
  const kind = transportKind(state);
  if (kind !== "network" || thrown instanceof TypeError) return fail(transportFailure(operation, kind, thrown, state.timeoutMs), thrown);
  if (!(thrown instanceof SyntaxError && response.ok)) return undefined;
  return fail({ reason: "unexpected_response", status: response.status, message: `${operation} returned ${response.status} with a body that is not valid JSON` }, thrown);
}
