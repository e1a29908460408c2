// @ts-check
// HTTP names that the runtime, the generator and the lint all rely on, defined once. Plain
// JavaScript typed by JSDoc: the lint's Spectral functions are bundled without a TypeScript
// step and import this file as they are, and TypeScript reads the types from the JSDoc.

/** The operation methods of an OpenAPI path item, in the order the specification lists them. */
export const HTTP_METHODS = /** @type {const} */ ([
  "get",
  "put",
  "post",
  "delete",
  "options",
  "head",
  "patch",
  "trace",
]);

/** @typedef {(typeof HTTP_METHODS)[number]} HttpMethod */

/**
 * 408, 429 and the 5xx statuses a retry can fix: the clients retry them, and the catalogs mark
 * their codes `retryable`.
 * @type {readonly number[]}
 */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** The response header that echoes the request's id, which support asks for, unless an API names its own. */
export const REQUEST_ID_HEADER = "X-Request-Id";

/** The response header that says how long to wait before trying again (RFC 9110 §10.2.3). */
export const RETRY_AFTER_HEADER = "Retry-After";

/**
 * What an API's error policy (its spec's `x-error-policy`) is when the spec does not say: the
 * request id travels in `X-Request-Id`, and every 429 says how long to wait in `Retry-After`.
 * @type {{ readonly requestIdHeader: string | null, readonly retryAfterOn429: boolean }}
 */
export const DEFAULT_ERROR_POLICY = Object.freeze({ requestIdHeader: REQUEST_ID_HEADER, retryAfterOn429: true });

/**
 * Whether a URL's hostname names this machine: localhost and its subdomains, [::1] and
 * 127.0.0.0/8. A client may send a key over plain HTTP to it; the docs server answers only it.
 * @param {string} hostname as `URL#hostname` gives it (IPv6 in brackets)
 */
export function isLoopbackHost(hostname) {
  return /^((.+\.)?localhost|\[::1\]|127(\.\d+){3})$/.test(hostname);
}
