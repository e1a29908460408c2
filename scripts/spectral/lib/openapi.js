// @ts-check
// Plain-JS helpers over a resolved OpenAPI document. Spectral bundles the ruleset with rollup
// and no TypeScript step, so the rule functions and their helpers are ESM JavaScript typed by
// JSDoc and checked by `tsc -p scripts/spectral/tsconfig.json`.

/** @typedef {Record<string, unknown>} JsonObject */
/** @typedef {(string | number)[]} JsonPath */

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A `$ref` the resolver could not follow stays in the resolved document as is. The resolver
 * reports it (`invalid-ref`), so the contract rules skip it instead of piling on.
 * @param {unknown} value
 */
export function isUnresolvedRef(value) {
  return isObject(value) && typeof value.$ref === "string";
}

/**
 * Keys of a Responses object that are statuses (`200`, `4XX`, `default`), not extensions.
 * @param {string} key
 */
export function isStatusKey(key) {
  return /^[1-5](\d\d|XX)$/.test(key) || key === "default";
}

/**
 * Response keys that describe an error: `4xx`, `5xx`, the `4XX`/`5XX` ranges and `default`.
 * @param {string} key
 */
export function isErrorStatus(key) {
  return /^[45](\d\d|XX)$/.test(key) || key === "default";
}

/**
 * Whether a response key covers an HTTP status: `404` covers 404, `4XX` covers 400-499 and
 * `default` covers every status.
 * @param {string} key
 * @param {number} status
 */
export function statusCovers(key, status) {
  if (key === "default") return true;
  if (/^[1-5]XX$/.test(key)) return Math.floor(status / 100) === Number(key[0]);
  return key === String(status);
}

/**
 * The error responses of a `responses` object, skipping unresolved `$ref`s.
 * @param {unknown} responses
 * @returns {[string, JsonObject][]}
 */
export function errorResponses(responses) {
  if (!isObject(responses)) return [];
  return Object.entries(responses).filter(
    /** @returns {entry is [string, JsonObject]} */
    (entry) => isErrorStatus(entry[0]) && isObject(entry[1]) && !isUnresolvedRef(entry[1]),
  );
}

/** @param {string} mediaType */
export function isJsonMediaType(mediaType) {
  return /^application\/([\w.-]+\+)?json(\s*;.*)?$/i.test(mediaType);
}

/**
 * Every operation of a resolved document with the JSON path that leads to it.
 * @param {unknown} doc
 * @returns {{ path: string, method: string, operation: JsonObject, at: JsonPath }[]}
 */
export function operationsOf(doc) {
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  const found = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) found.push({ path, method, operation, at: ["paths", path, method] });
    }
  }
  return found;
}

/**
 * The resolved root of the document being linted. Spectral passes its DocumentInventory, but
 * types it in the function context as IDocumentInventory, which omits `resolved`.
 * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
 * @returns {unknown}
 */
export function resolvedRoot(context) {
  return /** @type {{ resolved?: unknown }} */ (context.documentInventory).resolved;
}

/**
 * `GET /tasks/{id}`, for messages, from the path Spectral gives an operation-level rule.
 * @param {JsonPath} at `["paths", "/tasks/{id}", "get", ...]`
 */
export function describeOperation(at) {
  return `${String(at[2]).toUpperCase()} ${String(at[1])}`;
}

/**
 * Whether a response declares a header, compared case-insensitively as HTTP does.
 * @param {JsonObject} response
 * @param {string} name
 */
export function declaresHeader(response, name) {
  const headers = isObject(response.headers) ? Object.keys(response.headers) : [];
  return headers.some((header) => header.toLowerCase() === name.toLowerCase());
}

/**
 * The security requirements that apply to an operation: its own, or else the root's.
 * @param {JsonObject} operation
 * @param {unknown} root
 * @returns {unknown[]}
 */
export function effectiveSecurity(operation, root) {
  if (Array.isArray(operation.security)) return operation.security;
  return isObject(root) && Array.isArray(root.security) ? root.security : [];
}
