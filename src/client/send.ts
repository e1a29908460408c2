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
import { RETRYABLE_STATUSES } from "../http.js";
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
  request: Request,
  idempotencyHeader: string | undefined,
  outcome: AttemptOutcome,
): number | undefined {
  const { response, transport, thrown } = outcome;
  if (transport === "abort" || thrown instanceof FetchSetupError) return undefined;
  const status = response?.status;
  // Most statuses are never retried: the request's headers are read only for the others.
  if (status !== undefined && !RETRYABLE_STATUSES.includes(status)) return undefined;
  const keyed = !!idempotencyHeader && request.headers.has(idempotencyHeader);
  if (!mayRetry(request.method, status, keyed)) return undefined;
  return response ? retryDelay(policy, retry, response.headers) : backoffDelay(policy, retry);
}

/** Aborts an attempt whose time ran out (a function of the module, so no closure is made per attempt). */
function expire(attempts: CallAttempts, controller: AbortController): void {
  attempts.timedOut = true;
  controller.abort(new DOMException(`No response within ${attempts.settings.timeoutMs} ms`, "TimeoutError"));
}

/** One call's attempts: a class, so that a call allocates one object, not a closure per method. */
class CallAttempts implements Attempts {
  readonly signal: AbortSignal | undefined;
  count = 0;
  timedOut = false;
  // Without a timeout the request carries the caller's signal itself, and there is nothing to set up.
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renew: boolean;
  /** Passes the caller's abort on to the current controller; set while it listens to the caller's signal. */
  private readonly follow: (() => void) | undefined;

  constructor(readonly settings: AttemptSettings) {
    const { timeoutMs, signal } = settings;
    const controller = timeoutMs === Infinity ? undefined : new AbortController();
    this.controller = controller;
    this.renew = settings.renew;
    if (controller && signal?.aborted) controller.abort(signal.reason);
    else if (controller && signal) {
      this.follow = () => this.controller!.abort(signal.reason);
      signal.addEventListener("abort", this.follow);
    }
    this.signal = settings.signalInInit ? signal : (controller?.signal ?? signal);
  }

  failureKind(): TransportFailureKind {
    return this.settings.signal?.aborted ? "abort" : this.timedOut ? "timeout" : "network";
  }

  private async attempt(request: Request, last: boolean): Promise<AttemptOutcome> {
    const { settings } = this;
    this.count++;
    // A controller aborted by a timer cannot be reused: the next attempts need a new one, on a request of their own.
    if (this.timedOut) [this.controller, this.timedOut, this.renew] = [new AbortController(), false, true];
    const current = this.controller;
    if (current) this.timer = setTimeout(expire, settings.timeoutMs, this, current);
    // A body can be read only once: while another attempt may need it, send a copy.
    const copy = request.body && !last ? request.clone() : request;
    try {
      if (settings.signalInInit) return { response: await settings.fetch(copy, current && { signal: current.signal }) };
      const sent = this.renew && current ? new Request(copy, { signal: current.signal }) : copy;
      return { response: await settings.fetch(sent) };
    } catch (thrown) {
      return { transport: this.failureKind(), thrown };
    }
  }

  async send(request: Request): Promise<AttemptOutcome> {
    const { policy, idempotencyHeader, signal } = this.settings;
    // One key for the whole call, so that every retry of it is the same request to the server.
    const { method, headers } = request;
    if (idempotencyHeader && needsIdempotencyKey(method) && !headers.has(idempotencyHeader)) {
      headers.set(idempotencyHeader, newIdempotencyKey());
    }
    for (let retry = 0; ; retry++) {
      const outcome = await this.attempt(request, retry >= policy.maxRetries);
      const delay =
        retry < policy.maxRetries ? nextDelay(policy, retry, request, idempotencyHeader, outcome) : undefined;
      if (delay === undefined) return outcome;
      // Free the connection: the body of a response that is retried is never read.
      outcome.response?.body?.cancel().catch(() => {});
      clearTimeout(this.timer);
      const aborted = await sleep(delay, signal).then(
        () => undefined,
        (reason: unknown) => ({ transport: "abort", thrown: reason }) as const,
      );
      if (aborted) return aborted;
    }
  }

  end(streaming = false): void {
    if (streaming) return void (this.timer as { unref?(): void } | undefined)?.unref?.();
    clearTimeout(this.timer);
    if (this.follow) this.settings.signal?.removeEventListener("abort", this.follow);
  }
}

export function startAttempts(settings: AttemptSettings): Attempts {
  return new CallAttempts(settings);
}
