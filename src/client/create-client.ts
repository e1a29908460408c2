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
import { retryPolicy } from "./retry.js";
import { sendWithRetries, transportKind, type Call } from "./send.js";

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
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly params?: { readonly header?: object };
  readonly [key: string]: unknown;
};
type Outcome = { data?: unknown; error?: ApiError; response?: Response | undefined };
type RuntimeClient = { [method: string]: (path: string, init?: Init) => Promise<Outcome> } & Pick<ReturnType<typeof createClient>, "use" | "eject">;
type Fail = (failure: Failure, cause?: unknown) => ApiError;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** The last segment of an envelope pointer names the field on the error (`kind`, `code`, `type`). */
const last = (pointer: readonly string[]): string => pointer[pointer.length - 1]!;

export function createApiClient(binding: ApiBinding, options: ClientOptions, moduleUrl: string): RuntimeClient {
  const { apiKey, retry, throwOnError, allowInsecureBaseUrl, docsBaseUrl = packageDocsUrl(moduleUrl), fetch = (r: Request) => globalThis.fetch(r) } = options;
  checkApiKey(apiKey, binding.requiresApiKey);
  retryPolicy(retry);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const headers = mergeHeaders(options.headers, apiKey ? { Authorization: `Bearer ${apiKey}` } : {});
  // Whatever bearer token is sent (the key, or a token in `headers`) is scrubbed from errors.
  const secret = headers.get("authorization")?.replace(/^Bearer\s+/i, "");
  const inner = createClient({ baseUrl: checkBaseUrl(options.baseUrl ?? binding.serverUrl, allowInsecureBaseUrl), headers });
  const { envelope, idempotencyHeader } = binding;
  const names = { code: last(envelope.code), type: envelope.type && last(envelope.type) };
  const fail: Fail = (failure, cause) =>
    createError(binding.ErrorClass, names, redact(failure, secret), cause === undefined ? undefined : redactCause(cause, secret));
  const settle = (error: ApiError, response?: Response): Outcome => {
    if (throwOnError) throw error;
    return { error, response };
  };

  async function call(method: string, path: string, { idempotencyKey, timeoutMs: callTimeoutMs, retry: callRetry, fetch: callFetch = fetch, ...init }: Init = {}): Promise<Outcome> {
    if (init.baseUrl !== undefined) checkBaseUrl(init.baseUrl, allowInsecureBaseUrl);
    const operation = `${method} ${path}`;
    const state: Call = { policy: retryPolicy(retry, callRetry), timeoutMs: checkTimeout(callTimeoutMs, timeoutMs), fetch: callFetch, idempotencyHeader };
    let transportError: ApiError | undefined;
    const send = sendWithRetries(state, (kind, cause) => (transportError = fail(transportFailure(operation, kind, cause, state.timeoutMs), cause)));
    const params = idempotencyKey && idempotencyHeader ? { ...init.params, header: { ...init.params?.header, [idempotencyHeader]: idempotencyKey } } : init.params;
    try {
      const { data, error, response } = await inner.request(method as "get", path as never, { ...init, params, fetch: send } as never);
      if (response.ok) return { data, response };
      return settle(fail(classifyResponse(binding, operation, response, error, docsBaseUrl)), response);
    } catch (thrown) {
      if (transportError && thrown === transportError) return settle(transportError);
      const error = explainThrown(state, operation, thrown, fail);
      if (!error) throw thrown;
      return settle(error, state.response);
    }
  }

  const client = { use: inner.use, eject: inner.eject } as RuntimeClient;
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
