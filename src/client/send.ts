/**
 * The attempts of one call. openapi-fetch builds the request once and reads the final
 * response's body; the `fetch` it is given sends the attempts, each of which ends in an
 * outcome: a response, or no response and why. The loop looks only at those outcomes.
 *
 * Each attempt has its own timer, a `setTimeout` that aborts the call's AbortController. Every
 * request that carries a signal costs undici a listener, a WeakRef and a finalizer to follow
 * it, and the Request that `fetch` makes of its input follows the input's signal. So the global
 * fetch gets the controller's signal in its `init` instead, where it replaces the input's: one
 * signal followed per attempt, as for a call with no signal at all. A `fetch` of the caller's
 * takes only a request, so there the controller's signal goes on the request openapi-fetch
 * builds (or, when middleware may have replaced that request, on a new one per attempt). The
 * last attempt's timer is stopped only by `end()`, once openapi-fetch has read the body, so
 * the timeout covers the body read.
 */
import { FetchSetupError, type TransportFailureKind } from "./errors.js";
import { backoffDelay, mayRetry, needsIdempotencyKey, newIdempotencyKey, retryDelay, sleep } from "./retry.js";
import type { RetryPolicy } from "./retry.js";

export type Fetch = (request: Request) => Promise<Response>;
/** The global fetch's shape: an `init` whose signal replaces the request's. */
export type InitFetch = (request: Request, init?: { readonly signal: AbortSignal }) => Promise<Response>;

/** How an attempt ended: with a response, or with none (`thrown` is what fetch threw, or the abort's reason). */
export type AttemptOutcome =
  | { readonly response: Response; readonly transport?: undefined; readonly thrown?: undefined }
  | { readonly response?: undefined; readonly transport: TransportFailureKind; readonly thrown: unknown };

/** One call's settings, checked by the client. */
export interface AttemptSettings {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly fetch: InitFetch;
  /** Whether `fetch` takes the call's signal in its `init` (the global fetch does); else the request carries it. */
  readonly signalInInit: boolean;
  /** The header that carries an idempotency key, for APIs that document one. */
  readonly idempotencyHeader: string | undefined;
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /** Whether middleware may hand the attempts a request without the call's signal: each attempt then gets its own. */
  readonly renew: boolean;
}

/** The attempts of one call, from before its request is built until its body is read. */
export interface Attempts {
  /** The signal the request should carry: the caller's, or the call's controller's when `fetch` takes no `init`. */
  readonly signal: AbortSignal | undefined;
  /** How many attempts were sent so far. */
  readonly count: number;
  /** Sends `request`, again while a retry may help; resolves to the last attempt's outcome, never rejects. */
  send(request: Request): Promise<AttemptOutcome>;
  /** Why reading the last response's body failed: the caller aborted, the timer ran out, else the network. */
  failureKind(): TransportFailureKind;
  /**
   * Stops the timer and lets go of the caller's signal, once the body is read. A body the caller
   * streams is read later: its timer keeps running, without keeping a Node process alive.
   */
  end(streaming?: boolean): void;
}

/** How long to wait before the next attempt, or undefined when `outcome` ends the call. */
function nextDelay(
  policy: RetryPolicy,
  retry: number,
  method: string,
  keyed: boolean,
  outcome: AttemptOutcome,
): number | undefined {
  const { response, transport, thrown } = outcome;
  if (transport === "abort" || thrown instanceof FetchSetupError) return undefined;
  if (!mayRetry(method, response?.status, keyed)) return undefined;
  return response ? retryDelay(policy, retry, response.headers) : backoffDelay(policy, retry);
}

export function startAttempts(settings: AttemptSettings): Attempts {
  const { policy, timeoutMs, signal, idempotencyHeader, signalInInit } = settings;
  // Without a timeout the request carries the caller's signal itself, and there is nothing to set up.
  let controller = timeoutMs === Infinity ? undefined : new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let renew = settings.renew;
  const follow = (): void => controller!.abort(signal!.reason);
  if (controller && signal?.aborted) controller.abort(signal.reason);
  else if (controller) signal?.addEventListener("abort", follow);

  const failureKind = (): TransportFailureKind => (signal?.aborted ? "abort" : timedOut ? "timeout" : "network");

  let count = 0;

  async function attempt(request: Request, last: boolean): Promise<AttemptOutcome> {
    count++;
    // A controller aborted by a timer cannot be reused: the next attempts need a new one, on a request of their own.
    if (timedOut) [controller, timedOut, renew] = [new AbortController(), false, true];
    const current = controller;
    if (current) {
      timer = setTimeout(() => {
        timedOut = true;
        current.abort(new DOMException(`No response within ${timeoutMs} ms`, "TimeoutError"));
      }, timeoutMs);
    }
    // A body can be read only once: while another attempt may need it, send a copy.
    const copy = request.body && !last ? request.clone() : request;
    try {
      if (signalInInit) return { response: await settings.fetch(copy, current && { signal: current.signal }) };
      const sent = renew && current ? new Request(copy, { signal: current.signal }) : copy;
      return { response: await settings.fetch(sent) };
    } catch (thrown) {
      return { transport: failureKind(), thrown };
    }
  }

  async function send(request: Request): Promise<AttemptOutcome> {
    // One key for the whole call, so that every retry of it is the same request to the server.
    const { method, headers } = request;
    if (idempotencyHeader && needsIdempotencyKey(method) && !headers.has(idempotencyHeader)) {
      headers.set(idempotencyHeader, newIdempotencyKey());
    }
    const keyed = !!idempotencyHeader && headers.has(idempotencyHeader);
    for (let retry = 0; ; retry++) {
      const outcome = await attempt(request, retry >= policy.maxRetries);
      const delay = retry < policy.maxRetries ? nextDelay(policy, retry, method, keyed, outcome) : undefined;
      if (delay === undefined) return outcome;
      // Free the connection: the body of a response that is retried is never read.
      outcome.response?.body?.cancel().catch(() => {});
      clearTimeout(timer);
      const aborted = await sleep(delay, signal).then(
        () => undefined,
        (reason: unknown) => ({ transport: "abort", thrown: reason }) as const,
      );
      if (aborted) return aborted;
    }
  }

  function end(streaming = false): void {
    if (streaming) return void (timer as { unref?(): void } | undefined)?.unref?.();
    clearTimeout(timer);
    signal?.removeEventListener("abort", follow);
  }

  return {
    signal: signalInInit ? signal : (controller?.signal ?? signal),
    get count() {
      return count;
    },
    send,
    failureKind,
    end,
  };
}
