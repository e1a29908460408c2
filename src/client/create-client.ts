/**
 * Binds one API's generated contract to openapi-fetch: every method goes through openapi-fetch
 * with a retrying `fetch`, and every way a call can fail comes back as the API's error class,
 * returned as `error` or thrown.
 */
import { RETRYABLE_STATUSES } from "../http.js";
import createClient, { mergeHeaders, type HeadersOptions, type Middleware } from "openapi-fetch";
import {
  classifyResponse,
  transportFailure,
  type DocsLinks,
  type ErrorContract,
  type ResponseFacts,
} from "./classify.js";
import type { TransportFailureKind } from "./errors.js";
import { recordError } from "../coverage/record.js";
import { errorFields, FetchSetupError, type ApiError, type ApiErrorConstructor, type Failure } from "./errors.js";
import {
  checkApiKey,
  checkBaseUrl,
  checkCallOptionNames,
  checkClientOptionNames,
  checkTimeout,
  credentials,
  type Auth,
  type ClientOptions,
  type IdempotentCallOptions,
} from "./options.js";
import { redact, redactCause, secretsFor, touchesSecret, type Secrets } from "./redact.js";
import { retryPolicy, type RetryOptions, type RetryPolicy } from "./retry.js";
import { startAttempts, type AttemptOutcome, type AttemptSettings, type Fetch, type InitFetch } from "./send.js";

/** Everything the runtime needs about one API; the generator writes one per API. */
export interface ApiBinding extends ErrorContract {
  readonly serverUrl: string;
  /** The vendor's own page about its errors: the errors' `docsUrl` unless the client has `docsBaseUrl`. */
  readonly errorDocsUrl?: string | undefined;
  /** False when some operation accepts anonymous calls. */
  readonly requiresApiKey: boolean;
  /** `Idempotency-Key`, for APIs that document it. */
  readonly idempotencyHeader?: string;
  /** How the API takes its key (its spec's security scheme); bearer when absent. */
  readonly auth?: Auth;
  readonly ErrorClass: ApiErrorConstructor<ApiError>;
}

type Init = IdempotentCallOptions & {
  readonly baseUrl?: string;
  readonly fetch?: Fetch;
  readonly signal?: AbortSignal | null;
  readonly parseAs?: string;
  readonly middleware?: readonly Middleware[];
  params?: { readonly header?: object; readonly query?: object };
  readonly [key: string]: unknown;
};
type Result = { data?: unknown; error?: ApiError; response?: Response | undefined };
type RuntimeClient = { [method: string]: (path: string, init?: Init) => Promise<Result> } & Pick<
  ReturnType<typeof createClient>,
  "use" | "eject"
>;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** What a call falls back on: the client's options, checked once when the client is made. */
interface Defaults {
  readonly policy: RetryPolicy;
  readonly retry: RetryOptions | false | undefined;
  readonly timeoutMs: number;
  readonly fetch: InitFetch;
  /** True while no `fetch` option replaces the global one, which takes the call's signal in its `init`. */
  readonly signalInInit: boolean;
  readonly allowInsecureBaseUrl: boolean | undefined;
  readonly idempotencyHeader: string | undefined;
  /** The query parameters every call sends: the key, for an API that takes it in the query; else undefined. */
  readonly query: Readonly<Record<string, string>> | undefined;
  /** Set once middleware is registered: it may hand the attempts a request without the call's signal. */
  middleware: boolean;
}

/** What openapi-fetch gets of a call's options: all but the client's own, taken out (on a copy) only when given. */
function forOpenapiFetch(options: Init): Init {
  const own = "idempotencyKey" in options || "timeoutMs" in options || "retry" in options || "fetch" in options;
  if (!own) return options;
  const { idempotencyKey, timeoutMs, retry, fetch, ...init } = options;
  return init;
}

/** A call's attempt settings, and what openapi-fetch gets of the call's options, with the options checked. */
function prepare(defaults: Defaults, operation: string, options: Init): [AttemptSettings, Init] {
  const { idempotencyHeader, query } = defaults;
  checkCallOptionNames(operation, options, idempotencyHeader !== undefined);
  const { idempotencyKey, timeoutMs, retry, fetch } = options;
  let init = forOpenapiFetch(options);
  if (init.baseUrl !== undefined) checkBaseUrl(init.baseUrl, defaults.allowInsecureBaseUrl);
  // The caller's object is never changed: what is added goes on a copy.
  if (idempotencyKey && idempotencyHeader) {
    const { params } = init;
    init = { ...init, params: { ...params, header: { ...params?.header, [idempotencyHeader]: idempotencyKey } } };
  }
  if (query) init = { ...init, params: { ...init.params, query: { ...query, ...init.params?.query } } };
  const settings: AttemptSettings = {
    // The client's policy was merged and checked once; only a call's own `retry` needs merging.
    policy: retry === undefined ? defaults.policy : retryPolicy(defaults.retry, retry),
    timeoutMs: timeoutMs === undefined ? defaults.timeoutMs : checkTimeout(timeoutMs),
    fetch: fetch ?? defaults.fetch,
    signalInInit: fetch === undefined && defaults.signalInInit,
    idempotencyHeader,
    signal: init.signal ?? undefined,
    renew: defaults.middleware || !!init.middleware?.length,
  };
  return [settings, init];
}

/**
 * The response as classification sees it: each header value it reads with the secrets taken out.
 * Only the values read are looked at, not every header of every failed call.
 */
function withoutSecrets(response: Response, secrets: Secrets | undefined): ResponseFacts {
  if (!secrets) return response;
  const { status, headers } = response;
  const get = (name: string): string | null => redact(headers.get(name), secrets);
  return { status, headers: { get } };
}

/** A response's failure, classified on what the server sent with the secrets taken out. */
function explainResponse(
  contract: ErrorContract,
  operation: string,
  response: Response,
  body: unknown,
  secrets: Secrets | undefined,
  docs: DocsLinks,
): Failure {
  return classifyResponse(contract, operation, withoutSecrets(response, secrets), redact(body, secrets), docs);
}

/** Whether sending the same request later may succeed: a retryable status, a network failure or a timeout. */
function isRetryable({ status, transport }: Failure): boolean {
  return status === undefined ? transport !== "abort" : RETRYABLE_STATUSES.includes(status);
}

/** What the attempts of a call sent and how they ended, to explain what openapi-fetch throws. */
type Sent = { readonly request: Request; readonly outcome: AttemptOutcome };

/** A call's options when it gives none: one object, never changed. */
const NO_OPTIONS: Init = Object.freeze({});

/** A failed call, explained, and the cause the error keeps (with the secrets removed). */
type Explained = { readonly failure: Failure; readonly cause?: unknown };

/**
 * What openapi-fetch threw, explained: the attempts got no response; or the body could not be
 * read (the connection dropped, the timer ran out, the caller aborted: `readFailure`); or a 2xx
 * body was not JSON. Anything else (a throwing middleware, a `fetch` set up wrong) is the
 * caller's own to see: undefined.
 */
function explainThrown(
  operation: string,
  timeoutMs: number,
  thrown: unknown,
  { response, transport, thrown: original }: AttemptOutcome,
  readFailure: TransportFailureKind,
  secrets: Secrets | undefined,
): Explained | undefined {
  const noResponse = (kind: TransportFailureKind, what: unknown): Explained => {
    const cause = redactCause(what, secrets);
    return { failure: transportFailure(operation, kind, cause, timeoutMs), cause };
  };
  if (original instanceof FetchSetupError) return undefined;
  if (!response) return noResponse(transport, original);
  if (readFailure !== "network" || thrown instanceof TypeError) return noResponse(readFailure, thrown);
  if (!(thrown instanceof SyntaxError && response.ok)) return undefined;
  const message = `${operation} returned ${response.status} with a body that is not valid JSON`;
  const { status } = response;
  // The parse error quotes the body's first characters, cut short: a secret cut there is not whole to scrub.
  const cause = touchesSecret(thrown.message, secrets) ? new SyntaxError(UNQUOTED_BODY) : redactCause(thrown, secrets);
  return { failure: { reason: "unexpected_response", status, message }, cause };
}

const UNQUOTED_BODY =
  "The body is not valid JSON (its first characters are not quoted: they hold part of a credential).";

export function createApiClient(binding: ApiBinding, options: ClientOptions): RuntimeClient {
  checkClientOptionNames(options);
  const { apiKey, retry, throwOnError, allowInsecureBaseUrl } = options;
  // Links that work wherever the error is read: the consumer's own docs host, else the vendor's page.
  const docs: DocsLinks = { baseUrl: options.docsBaseUrl, vendorUrl: binding.errorDocsUrl };
  const fetch: InitFetch = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
  const auth = binding.auth ?? { scheme: "bearer" };
  checkApiKey(apiKey, binding.requiresApiKey, auth);
  const sent = credentials(auth, apiKey);
  const headers = mergeHeaders(options.headers, sent.headers);
  // Every credential a call sends (the key, a token in `headers`, a call's own) is scrubbed from its error.
  const secretsOf = secretsFor(headers, apiKey ? [apiKey] : []);
  // A plain object: openapi-fetch copies it into each request faster than a Headers.
  // (forEach, not iteration, so consumers need no `dom.iterable` lib to type-check this.)
  const plainHeaders: Record<string, string> = {};
  headers.forEach((value, name) => {
    plainHeaders[name] = value;
  });
  const baseUrl = checkBaseUrl(options.baseUrl ?? binding.serverUrl, allowInsecureBaseUrl);
  const inner = createClient({ baseUrl, headers: plainHeaders });
  const { idempotencyHeader, ErrorClass } = binding;
  const defaults: Defaults = {
    policy: retryPolicy(retry),
    retry,
    timeoutMs: checkTimeout(options.timeoutMs),
    fetch,
    signalInInit: options.fetch === undefined,
    allowInsecureBaseUrl,
    idempotencyHeader,
    query: Object.keys(sent.query).length > 0 ? sent.query : undefined,
    middleware: false,
  };
  // The names of the code and type on the error, written into the binding by the generator.
  const names = binding.fields;
  const fail = (operation: string, failure: Failure, attempts: number, cause?: unknown): ApiError => {
    const fields = errorFields(names, failure);
    fields.retryable = isRetryable(failure);
    fields.attempts = attempts;
    fields.operation = operation;
    return new ErrorClass(failure.message, fields, cause);
  };
  // The headers and query the call sent, or would have sent when middleware answered in its place.
  const secrets = (sent: Sent | undefined, { headers: own, params }: Init): Secrets | undefined => {
    if (sent) return secretsOf(sent.request.headers, sent.request.url);
    const query = Object.entries(params?.query ?? {}).map(([name, value]) => [name, String(value)]);
    const headers = mergeHeaders(plainHeaders, own as HeadersOptions, params?.header as HeadersOptions);
    return secretsOf(headers, `?${new URLSearchParams(query)}`);
  };

  async function call(method: string, path: string, options: Init = NO_OPTIONS): Promise<Result> {
    const operation = `${method} ${path}`;
    const [settings, init] = prepare(defaults, operation, options);
    const attempts = startAttempts(settings);
    // What the attempts sent and how they ended, to explain what openapi-fetch throws.
    let sent: Sent | undefined;
    const send: Fetch = async (request) => {
      const outcome = await attempts.send(request);
      sent = { request, outcome };
      if (outcome.response) return outcome.response;
      throw outcome.thrown;
    };
    let result: Result;
    let streaming = false;
    try {
      // Object.assign, not `{ ...init, signal, fetch }`: V8 takes a microsecond to add properties to a spread.
      const request: Record<string, unknown> = Object.assign({}, init);
      request.signal = attempts.signal;
      request.fetch = send;
      const { data, error, response } = await inner.request(method as "get", path as never, request as never);
      // A streamed body is read after the call returns; its attempt's timer keeps running.
      streaming = response.ok && init.parseAs === "stream";
      const failure = !response.ok && explainResponse(binding, operation, response, error, secrets(sent, init), docs);
      if (failure) recordError(binding.api, operation, response.status, failure.code);
      result = failure ? { error: fail(operation, failure, attempts.count), response } : { data, response };
    } catch (thrown) {
      const readFailure = attempts.failureKind();
      const { timeoutMs } = settings;
      const explained =
        sent && explainThrown(operation, timeoutMs, thrown, sent.outcome, readFailure, secrets(sent, init));
      if (!explained) throw thrown;
      const error = fail(operation, explained.failure, attempts.count, explained.cause);
      result = { error, response: sent?.outcome.response };
    } finally {
      attempts.end(streaming);
    }
    if (result.error && throwOnError) throw result.error;
    return result;
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
