/**
 * When to try a request again and how long to wait first. The policy is the one the most used
 * generated SDKs share: 2 retries, exponential backoff from 0.5 s to 8 s with up to 25 %
 * jitter, `Retry-After` honoured up to a cap; narrowed to the statuses the specs call
 * retryable and to requests that are safe to repeat (or made so by an idempotency key).
 */
import { RETRYABLE_STATUSES } from "../http.js";
import { parseRetryAfter } from "./retry-after.js";

export interface RetryOptions {
  /** Retries after the first attempt, 0 to 10. Default 2. */
  readonly maxRetries?: number | undefined;
  /** The first backoff delay; each retry doubles it. Default 500. */
  readonly initialDelayMs?: number | undefined;
  /** The longest backoff delay. Default 8000. */
  readonly maxDelayMs?: number | undefined;
  /** The longest `Retry-After` the client waits; a longer one ends the retries. Default 60000. */
  readonly maxRetryAfterMs?: number | undefined;
}

export type RetryPolicy = { readonly [K in keyof RetryOptions]-?: number };

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 2,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/** Methods that do the same thing however often they are sent (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/**
 * The policy from the client's and then the call's options, later levels winning; `false`
 * turns retries off until a later level sets `maxRetries` again. Runs once per client, and
 * per call only for a call that has its own `retry`.
 */
export function retryPolicy(...levels: (RetryOptions | false | undefined)[]): RetryPolicy {
  const policy: { -readonly [K in keyof RetryPolicy]: number } = { ...DEFAULT_RETRY };
  for (const level of levels) {
    if (level === false) policy.maxRetries = 0;
    else
      for (const [key, value] of Object.entries(level ?? {}))
        if (value !== undefined) policy[key as keyof RetryPolicy] = value;
  }
  const { maxRetries } = policy;
  // The one bound that matters: the number of attempts.
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > 10)
    throw new RangeError(`retry.maxRetries must be an integer from 0 to 10, not ${maxRetries}.`);
  return policy;
}

/**
 * Whether a failed attempt may be repeated (`status` undefined: no response). A request that
 * changes state (POST, PATCH) is repeated only when the server cannot have acted on it (429)
 * or an idempotency key makes a repeat safe.
 */
export function mayRetry(method: string, status: number | undefined, hasIdempotencyKey: boolean): boolean {
  if (status !== undefined && !RETRYABLE_STATUSES.includes(status)) return false;
  return status === 429 || hasIdempotencyKey || IDEMPOTENT_METHODS.includes(method.toUpperCase());
}

/**
 * Whether a request changes state on each send (POST, PATCH), so that an API that documents an
 * idempotency header needs one on it before the request may be repeated.
 */
export function needsIdempotencyKey(method: string): boolean {
  return !IDEMPOTENT_METHODS.includes(method.toUpperCase());
}

/** A fresh idempotency key: 32 random hex digits, within the length limits APIs put on keys. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID().replaceAll("-", "");
}

/** The backoff before retry number `retry` (0 for the first): `min(initial·2^retry, max)` less up to 25 %. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  return Math.min(policy.initialDelayMs * 2 ** retry, policy.maxDelayMs) * (1 - 0.25 * random());
}

/**
 * How long to wait before retrying after this response, or undefined to stop: the server's
 * `Retry-After` when it is within the cap, but never less than the backoff (with its jitter):
 * a `Retry-After: 0` or a date already past would otherwise send every client's retries at
 * once, against a server that is struggling. A longer `Retry-After` ends the retries, as trying
 * sooner than asked would only be refused again; the caller still gets the wait in the error's
 * `retryAfterMs`.
 */
export function retryDelay(
  policy: RetryPolicy,
  retry: number,
  headers: Headers,
  random: () => number = Math.random,
): number | undefined {
  const asked = parseRetryAfter(headers.get("retry-after"));
  const backoff = backoffDelay(policy, retry, random);
  if (asked === undefined) return backoff;
  return asked <= policy.maxRetryAfterMs ? Math.max(asked, backoff) : undefined;
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (a call without
 * a signal never does).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, 2 ** 31 - 1),
    );
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}
