/**
 * The attempts of one call. openapi-fetch builds the request once and reads the final
 * response's body; the `fetch` it is given here makes the attempts and waits between them.
 *
 * Each attempt has its own timer, a `setTimeout` that aborts the call's AbortController. The
 * controller's signal goes to openapi-fetch as the call's `signal`, so the request it builds
 * already carries it: a request with a signal costs undici an AbortController, a listener and
 * a finalizer, so a fresh request per attempt (or `AbortSignal.any` + `AbortSignal.timeout`)
 * would cost more than the rest of the client. The last attempt's timer is cleared only once
 * openapi-fetch has read the body, so the timeout covers the body read.
 */
import type { TransportFailureKind } from "./errors.js";
import { backoffDelay, mayRetry, retryDelay, sleep, type RetryPolicy } from "./retry.js";

export type Fetch = (request: Request) => Promise<Response>;

/** One call's settings and state, shared by its attempts and by whoever explains how it ended. */
export interface Call {
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
  readonly fetch: Fetch;
  /** The header that carries an idempotency key, for APIs that document one. */
  readonly idempotencyHeader: string | undefined;
  /** The caller's signal. */
  readonly signal: AbortSignal | undefined;
  /**
   * Whether each attempt needs a request of its own carrying the controller's signal: after a
   * timeout (the controller is replaced), or when middleware may have replaced openapi-fetch's request.
   */
  renew: boolean;
  /** Aborts the attempt in flight when its timer runs out or the caller aborts; none without a timeout. */
  controller?: AbortController;
  timer?: ReturnType<typeof setTimeout>;
  timedOut?: boolean;
  /** Passes the caller's abort on to the controller. */
  follow?: () => void;
  /** The last response the server sent. */
  response?: Response;
}

/** Sets up the call's controller; returns the signal openapi-fetch should put on the request. */
export function startCall(call: Call): AbortSignal | undefined {
  const { signal } = call;
  if (call.timeoutMs === Infinity) return signal;
  const controller = (call.controller = new AbortController());
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener("abort", (call.follow = () => call.controller!.abort(signal.reason)));
  return controller.signal;
}

/**
 * Stops the timer and lets go of the caller's signal, once the body is read. A body the caller
 * streams is read later: its timer keeps running, without keeping a Node process alive.
 */
export function endCall(call: Call, streaming = false): void {
  if (streaming) return void (call.timer as { unref?(): void } | undefined)?.unref?.();
  clearTimeout(call.timer);
  if (call.follow) call.signal!.removeEventListener("abort", call.follow);
}

/** Why the current attempt got no response: the caller aborted, the timer ran out, or the network failed. */
export function transportKind(call: Call): TransportFailureKind {
  return call.signal?.aborted ? "abort" : call.timedOut ? "timeout" : "network";
}

/** Starts an attempt's timer, and returns the request to send: `request` itself when it can be. */
function attempt(call: Call, request: Request, last: boolean): Request {
  // A controller aborted by a timer cannot be reused: the next attempts need a new one.
  if (call.timedOut) {
    call.controller = new AbortController();
    call.timedOut = false;
    call.renew = true;
  }
  const { controller, timeoutMs } = call;
  if (controller) {
    call.timer = setTimeout(() => {
      call.timedOut = true;
      controller.abort(new DOMException(`No response within ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
  }
  // A body can be read only once: while another attempt may need it, send a copy.
  const copy = request.body && !last ? request.clone() : request;
  return call.renew && controller ? new Request(copy, { signal: controller.signal }) : copy;
}

/** Whether the request may be sent again after this status (undefined: no response). */
function retryable({ idempotencyHeader }: Call, { method, headers }: Request, status?: number): boolean {
  return mayRetry(method, status, !!idempotencyHeader && headers.has(idempotencyHeader));
}

/** The fetch function for one call; `fail` makes the error that openapi-fetch rethrows. */
export function sendWithRetries(call: Call, fail: (kind: TransportFailureKind, cause: unknown) => unknown): Fetch {
  return async (request) => {
    const { policy } = call;
    for (let retry = 0; ; retry++) {
      const last = retry >= policy.maxRetries;
      let delay: number | undefined;
      try {
        const response = (call.response = await call.fetch(attempt(call, request, last)));
        if (last || !retryable(call, request, response.status) || (delay = retryDelay(policy, retry, response.headers)) === undefined) return response;
        // Free the connection: the body of a response that is retried is never read.
        response.body?.cancel().catch(() => {});
      } catch (thrown) {
        const kind = transportKind(call);
        if (kind === "abort" || last || !retryable(call, request)) throw fail(kind, thrown);
        delay = backoffDelay(policy, retry);
      }
      clearTimeout(call.timer);
      await sleep(delay, call.signal).catch((reason: unknown) => {
        throw fail("abort", reason);
      });
    }
  };
}
