/**
 * The `fetch` that openapi-fetch calls for one operation: it makes the attempts, each with its
 * own timeout and a fresh clone of the request (a body can be read only once), and waits
 * between them. openapi-fetch builds the request and reads the final response as usual.
 */
import type { TransportFailureKind } from "./errors.js";
import { backoffDelay, mayRetry, retryDelay, sleep, type RetryPolicy } from "./retry.js";

/** One call's settings and state, shared by its attempts and by whoever explains how it ended. */
export interface Call {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly fetch: (request: Request) => Promise<Response>;
  /** The header that carries an idempotency key, for APIs that document one. */
  readonly idempotencyHeader: string | undefined;
  /** The caller's signal (openapi-fetch puts it on the request). */
  signal?: AbortSignal;
  /** The current attempt's timer. */
  timer?: AbortSignal | undefined;
  /** The last response the server sent. */
  response?: Response;
}

/** Why the current attempt got no response: the caller aborted, the timer ran out, or the network failed. */
export function transportKind(call: Call): TransportFailureKind {
  return call.signal?.aborted ? "abort" : call.timer?.aborted ? "timeout" : "network";
}

/** The fetch function for one call; `fail` makes the error that openapi-fetch rethrows. */
export function sendWithRetries(call: Call, fail: (kind: TransportFailureKind, cause: unknown) => unknown): (request: Request) => Promise<Response> {
  return async (request) => {
    const { signal, method, headers } = request;
    call.signal = signal;
    const hasKey = !!call.idempotencyHeader && headers.has(call.idempotencyHeader);
    for (let retry = 0; ; retry++) {
      const canRetry = (status?: number): boolean => retry < call.policy.maxRetries && mayRetry(method, status, hasKey);
      const timer = (call.timer = call.timeoutMs < Infinity ? AbortSignal.timeout(call.timeoutMs) : undefined);
      let delay: number | undefined;
      try {
        const response = (call.response = await call.fetch(new Request(request.clone(), { signal: timer ? AbortSignal.any([signal, timer]) : signal })));
        delay = canRetry(response.status) ? retryDelay(call.policy, retry, response.headers) : undefined;
        if (delay === undefined) return response;
        // Free the connection: the body of a response that is retried is never read.
        response.body?.cancel().catch(() => {});
      } catch (thrown) {
        const kind = transportKind(call);
        if (kind === "abort" || !canRetry()) throw fail(kind, thrown);
        delay = backoffDelay(call.policy, retry);
      }
      await sleep(delay, signal).catch((reason: unknown) => {
        throw fail("abort", reason);
      });
    }
  };
}
