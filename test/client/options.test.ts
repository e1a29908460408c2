import { describe, expect, it } from "vitest";
import {
  checkApiKey,
  checkBaseUrl,
  checkCallOptionNames,
  checkClientOptionNames,
  checkTimeout,
  closestName,
} from "../../src/client/options.js";

describe("checkBaseUrl", () => {
  it.each([
    ["https://api.ittybit.com", false],
    ["https://api.willittrack.com/v1", false],
    ["http://localhost:4010", false],
    ["http://localhost:1234", false],
    ["http://localhost", false],
    ["http://127.0.0.1", false],
    ["http://[::1]", false],
    ["http://api.localhost", false],
    ["http://127.0.0.1:4010/v1", false],
    ["http://127.1.2.3", false],
    ["http://127.10.200.254", false],
    ["http://[::1]:4010", false],
    ["http://mock.internal:8080", true],
  ])("accepts %s (allowInsecureBaseUrl: %s)", (url, allow) => {
    expect(checkBaseUrl(url, allow)).toBe(url);
  });

  it.each([
    ["http://api.ittybit.com", false],
    ["http://10.0.0.1", false],
    ["http://localhost.evil.com", false],
    ["http://evillocalhost", false],
    ["http://evillocalhost:4010", false],
    ["http://localhostevil", false],
    ["http://128.0.0.1", false],
    ["http://[::2]", false],
    ["http://127.0.0.1.evil.com", false],
    ["ftp://api.ittybit.com", true],
    ["ws://localhost", true],
  ])("refuses %s (allowInsecureBaseUrl: %s) and says how to fix it", (url, allow) => {
    expect(() => checkBaseUrl(url, allow)).toThrow(
      /is not HTTPS.*Use https:\/\/.*loopback.*allowInsecureBaseUrl: true/,
    );
  });

  it("refuses a relative URL", () => {
    expect(() => checkBaseUrl("/api", false)).toThrow(TypeError);
  });
});

describe("checkTimeout", () => {
  it.each([
    [undefined, 60_000],
    [1, 1],
    [30_000, 30_000],
    [Infinity, Infinity],
    [2 ** 31 - 1, 2 ** 31 - 1],
    [2 ** 31, Infinity],
  ])("%s → %s", (value, expected) => {
    expect(checkTimeout(value)).toBe(expected);
  });
  it.each([[0], [-1], [Number.NaN]])("refuses %s", (value) => {
    expect(() => checkTimeout(value)).toThrow(
      new RangeError(`timeoutMs must be a positive number of milliseconds, not ${value}.`),
    );
  });
});

describe("checkApiKey", () => {
  it.each([
    ["k", true],
    ["k", false],
    [undefined, false],
  ])("accepts %j (required: %s)", (key, required) => {
    expect(() => checkApiKey(key, required)).not.toThrow();
  });
  it.each([
    [undefined, true],
    ["", false],
    [42, false],
  ])("refuses %j (required: %s)", (key, required) => {
    expect(() => checkApiKey(key, required)).toThrow(/apiKey must be a non-empty string/);
  });
});

describe("option names", () => {
  it.each([
    ["timeoutMS", ["timeoutMs", "retry"], "timeoutMs"],
    ["idempotencyKy", ["idempotencyKey", "timeoutMs"], "idempotencyKey"],
    ["maxRetrys", ["maxRetries", "maxDelayMs"], "maxRetries"],
    ["APIKEY", ["apiKey", "baseUrl"], "apiKey"],
    ["zzz", ["apiKey", "baseUrl"], undefined],
    ["retryy", ["retry", "timeoutMs"], "retry"],
    ["timeout", ["timeoutMs", "retry"], "timeoutMs"],
    ["idempotency_key", ["idempotencyKey"], "idempotencyKey"],
    // Short names are not guessed at: a platform's own fetch option passes through.
    ["next", ["text", "mode", "body"], undefined],
  ])("the closest to %s of %j is %s", (name, names, expected) => {
    expect(closestName(name, names)).toBe(expected);
  });

  it("refuses a misspelt call option, saying which it likely is", () => {
    expect(() => checkCallOptionNames("POST /tasks", { body: {}, timeoutMS: 5 }, true)).toThrow(
      new TypeError("Unknown option 'timeoutMS' in the options of POST /tasks. Did you mean 'timeoutMs'?"),
    );
    expect(() => checkCallOptionNames("POST /tasks", { retry: { maxRetrys: 0 } }, true)).toThrow(
      new TypeError("Unknown option 'maxRetrys' in POST /tasks's `retry`. Did you mean 'maxRetries'?"),
    );
  });

  it("accepts openapi-fetch's and RequestInit's options, and idempotencyKey only where the API has the header", () => {
    const init = {
      params: {},
      body: {},
      parseAs: "text",
      signal: null,
      headers: {},
      middleware: [],
      cache: "no-store",
    };
    expect(() => checkCallOptionNames("GET /a", { ...init, retry: false, timeoutMs: 1 }, false)).not.toThrow();
    // A name like none passes to openapi-fetch, which puts it on the request (Next.js's `next`).
    expect(() => checkCallOptionNames("GET /a", { next: { revalidate: 60 } }, false)).not.toThrow();
    expect(() => checkCallOptionNames("POST /a", { idempotencyKey: "k" }, true)).not.toThrow();
    expect(() => checkCallOptionNames("POST /a", { idempotencyKey: "k" }, false)).toThrow(
      /Unknown option 'idempotencyKey' in the options of POST \/a\.$/,
    );
  });

  it("refuses a misspelt client option", () => {
    expect(() => checkClientOptionNames({ apiKey: "k", timeoutMS: 1 } as never)).toThrow(
      new TypeError("Unknown option 'timeoutMS' in the client's options. Did you mean 'timeoutMs'?"),
    );
    expect(() => checkClientOptionNames({ retry: { initialDelay: 1 } } as never)).toThrow(
      /in the client's `retry`\. Did you mean 'initialDelayMs'\?/,
    );
    expect(() => checkClientOptionNames({ apiKey: "k", retry: false, throwOnError: true })).not.toThrow();
  });
});
