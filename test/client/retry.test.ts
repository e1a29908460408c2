import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  DEFAULT_RETRY,
  mayRetry,
  needsIdempotencyKey,
  retryDelay,
  retryPolicy,
  sleep,
} from "../../src/client/retry.js";

describe("retryPolicy", () => {
  it("defaults to the Stainless policy", () => {
    expect(retryPolicy()).toEqual({ maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 });
  });

  it.each([
    [[{ maxRetries: 5 }], { ...DEFAULT_RETRY, maxRetries: 5 }],
    [[false], { ...DEFAULT_RETRY, maxRetries: 0 }],
    [[{ maxRetries: 1 }, false], { ...DEFAULT_RETRY, maxRetries: 0 }],
    [[false, { maxRetries: 1 }], { ...DEFAULT_RETRY, maxRetries: 1 }],
    [
      [{ initialDelayMs: 10 }, { maxDelayMs: 20, maxRetries: undefined }],
      { ...DEFAULT_RETRY, initialDelayMs: 10, maxDelayMs: 20 },
    ],
  ] as const)("merges %j", (levels, expected) => {
    expect(retryPolicy(...levels)).toEqual(expected);
  });

  it.each([[-1], [11], [1.5], [Number.NaN], [Infinity]])(
    "bounds the attempts: maxRetries %d is refused",
    (maxRetries) => {
      expect(() => retryPolicy({ maxRetries })).toThrow(RangeError);
      expect(() => retryPolicy({ maxRetries })).toThrow(
        new RangeError(`retry.maxRetries must be an integer from 0 to 10, not ${maxRetries}.`),
      );
    },
  );

  it.each([[0], [10]])("bounds the attempts: maxRetries %d is allowed", (maxRetries) => {
    expect(retryPolicy({ maxRetries }).maxRetries).toBe(maxRetries);
  });
});

describe("mayRetry", () => {
  it.each([
    // method, status (undefined: no response), idempotency key, retried?
    ["GET", 408, false, true],
    ["GET", 429, false, true],
    ["GET", 500, false, true],
    ["GET", 502, false, true],
    ["GET", 503, false, true],
    ["GET", 504, false, true],
    ["GET", undefined, false, true],
    ["DELETE", 503, false, true],
    ["PUT", undefined, false, true],
    ["GET", 400, false, false],
    ["GET", 404, false, false],
    ["GET", 501, false, false],
    ["GET", 409, false, false],
    ["POST", 429, false, true],
    ["POST", 503, false, false],
    ["POST", undefined, false, false],
    ["PATCH", 500, false, false],
    ["POST", 503, true, true],
    ["POST", undefined, true, true],
    ["PATCH", 502, true, true],
    ["POST", 400, true, false],
  ] as const)("%s with %s (key: %s) → %s", (method, status, key, expected) => {
    expect(mayRetry(method, status, key)).toBe(expected);
  });

  // RFC 9110 §9.2.2: these are idempotent, so a failure of theirs is retried without a key; POST
  // and PATCH are not, and need one before they may be sent again (lower case too).
  it.each(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE", "get", "trace"])("%s is retried without a key", (m) => {
    expect([mayRetry(m, 503, false), needsIdempotencyKey(m)]).toEqual([true, false]);
  });

  it.each(["POST", "PATCH", "post", "CONNECT"])("%s is not, and needs an idempotency key", (method) => {
    expect([mayRetry(method, 503, false), needsIdempotencyKey(method)]).toEqual([false, true]);
  });
});

describe("backoffDelay", () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [9, 8000],
  ])("retry %d: at most %d ms and at least 75 %% of it", (retry, nominal) => {
    expect(backoffDelay(DEFAULT_RETRY, retry, () => 0)).toBe(nominal);
    expect(backoffDelay(DEFAULT_RETRY, retry, () => 1)).toBe(nominal * 0.75);
    for (let i = 0; i < 50; i++) {
      const delay = backoffDelay(DEFAULT_RETRY, retry);
      expect(delay).toBeGreaterThanOrEqual(nominal * 0.75);
      expect(delay).toBeLessThanOrEqual(nominal);
    }
  });
});

describe("retryDelay", () => {
  const headers = (retryAfter?: string) => new Headers(retryAfter === undefined ? {} : { "retry-after": retryAfter });
  it("uses Retry-After when it is within the cap", () => {
    expect(retryDelay(DEFAULT_RETRY, 0, headers("7"))).toBe(7000);
    expect(retryDelay(DEFAULT_RETRY, 0, headers("60"))).toBe(60_000);
  });
  it("stops when Retry-After is beyond the cap", () => {
    expect(retryDelay(DEFAULT_RETRY, 0, headers("61"))).toBeUndefined();
    expect(retryDelay({ ...DEFAULT_RETRY, maxRetryAfterMs: 120_000 }, 0, headers("61"))).toBe(61_000);
  });
  it.each([
    ["0", 0],
    ["0.2", 0],
    ["a date already past", 0],
    ["0", 2],
  ])("waits at least the backoff, jitter included, for Retry-After %s (retry %i)", (value, retry) => {
    const header = value === "a date already past" ? new Date(Date.now() - 60_000).toUTCString() : value;
    const floor = DEFAULT_RETRY.initialDelayMs * 2 ** retry;
    expect(retryDelay(DEFAULT_RETRY, retry, headers(header), () => 0)).toBe(floor);
    expect(retryDelay(DEFAULT_RETRY, retry, headers(header), () => 1)).toBe(floor * 0.75);
  });

  it("keeps a Retry-After longer than the backoff as it is, up to the cap", () => {
    expect(retryDelay(DEFAULT_RETRY, 0, headers("1"), () => 0)).toBe(1000);
    expect(retryDelay(DEFAULT_RETRY, 5, headers("3"), () => 1)).toBe(6000);
    expect(retryDelay(DEFAULT_RETRY, 0, headers("60.001"), () => 0)).toBeUndefined();
  });

  it("backs off without (or with an unreadable) Retry-After", () => {
    for (const h of [headers(), headers("soon")]) expect(retryDelay(DEFAULT_RETRY, 1, h)).toBeLessThanOrEqual(1000);
  });
});

describe("sleep", () => {
  it("resolves", async () => {
    await expect(sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });
  it("resolves without a signal", async () => {
    await expect(sleep(1)).resolves.toBeUndefined();
  });
  it("rejects with the reason when the signal aborts during the wait", async () => {
    const controller = new AbortController();
    const wait = sleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await expect(wait).rejects.toThrow("stop");
  });
  it("rejects at once when the signal is already aborted", async () => {
    await expect(sleep(60_000, AbortSignal.abort("gone"))).rejects.toBe("gone");
  });
  it("leaves no listener on the signal once it resolves or rejects", async () => {
    const done = new AbortController();
    await sleep(1, done.signal);
    expect(getEventListeners(done.signal, "abort")).toHaveLength(0);
    const aborted = new AbortController();
    const wait = sleep(60_000, aborted.signal);
    expect(getEventListeners(aborted.signal, "abort")).toHaveLength(1);
    aborted.abort(new Error("stop"));
    await expect(wait).rejects.toThrow("stop");
    expect(getEventListeners(aborted.signal, "abort")).toHaveLength(0);
  });
  it("waits past Node's longest timer instead of firing at once", async () => {
    const controller = new AbortController();
    const wait = sleep(2 ** 32, controller.signal);
    const first = await Promise.race([
      wait.then(() => "resolved"),
      new Promise((resolve) => setTimeout(resolve, 50, "still waiting")),
    ]);
    expect(first).toBe("still waiting");
    controller.abort(new Error("stop"));
    await expect(wait).rejects.toThrow("stop");
  });
});
