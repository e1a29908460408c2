// @ts-check
// The contract tables that generated code hands the runtime (generated/<api>/errors.ts: the
// envelope, the catalog, the operation table, the error types, the success statuses), and the one
// way to read them and the bodies and headers they describe. The client, the test kit, the server
// kit, the checker and the contract reader import this file; none restates it. Plain JavaScript
// typed by JSDoc, like http.js: the lint's Spectral functions load the contract reader, which
// imports it, without a TypeScript step.
import { DEFAULT_ERROR_POLICY } from "./http.js";

/**
 * Where the fields of an API's error envelope sit in a body, as path segments: the spec's `x-error-envelope`.
 * @typedef {{
 *   readonly code: readonly string[],
 *   readonly message: readonly string[],
 *   readonly type?: readonly string[],
 *   readonly requestId?: readonly string[],
 *   readonly docsUrl?: readonly string[],
 * }} Envelope
 */
/**
 * The per-API settings the runtime follows (the spec's `x-error-policy`): the response header
 * that carries the request id (null when none does), and whether every 429 carries `Retry-After`.
 * @typedef {{ readonly requestIdHeader: string | null, readonly retryAfterOn429: boolean }} ErrorPolicy
 */
/**
 * What the spec states about one response header: whether it is required, and its example value.
 * @typedef {{ readonly required: boolean, readonly example?: string }} HeaderFact
 */
/**
 * One declared error status of an operation: the codes its body can carry; `open` when the body
 * may also be the envelope with a code outside the catalog (the status documents none, or not
 * only these); the headers its response declares.
 * @typedef {{
 *   readonly codes: readonly string[],
 *   readonly open: boolean,
 *   readonly headers?: { readonly [name: string]: HeaderFact },
 * }} StatusErrors
 */
/**
 * For each operation (`METHOD /path`), each error status it declares (exact, a `4XX`/`5XX`
 * range, or `default`): the generated `<api>OperationErrors`. `S` is what a reader needs of
 * each status (the client reads only the codes).
 * @template {object} [S=StatusErrors]
 * @typedef {{ readonly [operation: string]: { readonly [status: string]: S } }} OperationTable
 */
/**
 * What the runtime reads of a catalog entry (`<api>Errors[code]`).
 * `statuses` lists every status of a code sent with more than one; `status` is the first.
 * @typedef {{ readonly status: number, readonly statuses?: readonly number[], readonly type?: string,
 *   readonly example: unknown }} CatalogFacts
 */
/**
 * One API's tables, as generated into `generated/<api>/errors.ts` (`<api>ErrorTables`): what the
 * test kit, the server kit and the checker read.
 * @typedef {object} ErrorTables
 * @property {string} [api] the API's name under generated/: what the test kit's errors are recorded under for
 *   consumer coverage (src/coverage/), which tables without it skip
 * @property {Envelope} envelope
 * @property {ErrorPolicy} [policy] the API's settings; `DEFAULT_ERROR_POLICY` (src/http.js) when absent
 * @property {{ readonly [code: string]: CatalogFacts }} catalog
 * @property {OperationTable} operations
 * @property {{ readonly [type: string]: { readonly statuses: readonly number[] } }} [errorTypes] each error type
 *   with its statuses, for envelopes with a type: it gives an open-envelope body its type
 * @property {{ readonly [operation: string]: readonly string[] }} [successStatuses] each operation's success
 *   statuses (`200`, `2XX`)
 */
/**
 * The values of the envelope's fields in one body.
 * @typedef {{
 *   readonly code: string,
 *   readonly message: string,
 *   readonly type: string | undefined,
 *   readonly requestId: string | null | undefined,
 *   readonly docsUrl: string | undefined,
 * }} BodyFields
 */
/**
 * The catalog codes operation `Op` declares, under any status.
 * @template {OperationTable} T
 * @template {keyof T} Op
 * @typedef {{ [S in keyof T[Op]]: T[Op][S] extends { readonly codes: readonly (infer C extends string)[] }
 *   ? C
 *   : never }[keyof T[Op]]} DeclaredCode
 */
/**
 * The statuses of `Op`, as numbers, whose body is the open envelope (no documented code, or not only those).
 * @template {OperationTable} T
 * @template {keyof T} Op
 * @typedef {{ [S in keyof T[Op]]: T[Op][S] extends { readonly open: true }
 *   ? S extends `${infer N extends number}` ? N : never
 *   : never }[keyof T[Op]]} OpenStatus
 */
/**
 * What `Op` can answer with: a code it declares, or an open status.
 * @template {OperationTable} T
 * @template {keyof T} Op
 * @typedef {DeclaredCode<T, Op> | OpenStatus<T, Op>} DeclaredError
 */

/**
 * Freezes a generated table and everything in it, once, keeping its literal types (as `as const`
 * would). A member frozen already is taken as frozen through, as every table made here is, so a
 * table of tables is not walked twice.
 * @template const T
 * @param {T} value
 * @returns {T}
 */
export function frozen(value) {
  // Object.isFrozen is true of every primitive and of null: only objects not frozen yet are walked.
  if (!Object.isFrozen(value)) {
    for (const child of Object.values(/** @type {object} */ (value))) frozen(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * An own property only, so that a key such as "constructor" never finds Object.prototype's.
 * @template T
 * @param {{ readonly [key: string]: T } | undefined} record
 * @param {unknown} key
 * @returns {T | undefined}
 */
export function own(record, key) {
  return record !== undefined && typeof key === "string" && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The response keys that cover an HTTP status, the one that wins first: `404`, then its range
 * `4XX`, then `default`.
 * @param {number} status
 * @returns {string[]}
 */
export function keysCovering(status) {
  return [String(status), `${Math.floor(status / 100)}XX`, "default"];
}

/**
 * Whether a response key covers an HTTP status: `404` covers 404, `4XX` covers 400-499 and
 * `default` covers every status.
 * @param {string} key
 * @param {number} status
 */
export function statusCovers(key, status) {
  return keysCovering(status).includes(key);
}

/**
 * The declaration of one operation (`<api>OperationErrors[operation]`) that covers `status`: the
 * exact status wins over its range, and the range over `default`. Undefined when none does.
 * @template S
 * @param {{ readonly [status: string]: S } | undefined} statuses
 * @param {number} status
 * @returns {S | undefined}
 */
export function declaration(statuses, status) {
  for (const key of keysCovering(status)) {
    const found = own(statuses, key);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The value at a path of segments in a body, through own properties only; undefined when the
 * path leads nowhere (or is undefined).
 * @param {unknown} body
 * @param {readonly string[] | undefined} path
 * @returns {unknown}
 */
export function valueAt(body, path) {
  if (path === undefined) return undefined;
  /** @type {unknown} */
  let node = body;
  for (const key of path) node = isRecord(node) ? own(node, key) : undefined;
  return node;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === "object" && value !== null;
}

/**
 * Writes `value` at `path` in `body`, making the objects on the way.
 * @param {object} body
 * @param {readonly string[]} path
 * @param {string} value
 */
export function setAt(body, path, value) {
  let node = /** @type {Record<string, unknown>} */ (body);
  for (const key of path.slice(0, -1)) {
    const next = own(node, key);
    const child = isRecord(next) ? next : {};
    node[key] = child;
    node = child;
  }
  node[/** @type {string} */ (path.at(-1))] = value;
}

/**
 * The envelope's fields when `body` has its shape: strings, and a string or null request id.
 * @param {Envelope} envelope
 * @param {unknown} body
 * @returns {BodyFields | undefined}
 */
export function readBody(envelope, body) {
  const code = valueAt(body, envelope.code);
  const message = valueAt(body, envelope.message);
  const type = valueAt(body, envelope.type);
  const requestId = valueAt(body, envelope.requestId);
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  if (envelope.type && typeof type !== "string") return undefined;
  if (envelope.requestId && typeof requestId !== "string" && requestId !== null) return undefined;
  // A docs link is the vendor's extra: a body without one is still the envelope.
  const docsUrl = valueAt(body, envelope.docsUrl);
  return {
    code,
    message,
    type: /** @type {string | undefined} */ (type),
    requestId: /** @type {string | null | undefined} */ (requestId),
    docsUrl: typeof docsUrl === "string" ? docsUrl : undefined,
  };
}

/**
 * The API's policy, or the default one for tables that carry none.
 * @param {{ readonly policy?: ErrorPolicy | undefined }} tables
 * @returns {ErrorPolicy}
 */
export function policyOf(tables) {
  return tables.policy ?? DEFAULT_ERROR_POLICY;
}

/**
 * Whether two header names are the same header: HTTP compares them case-insensitively.
 * @param {string} a
 * @param {string} b
 */
export function sameHeaderName(a, b) {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Whether a media type (a spec's content key, or a response's `Content-Type`) is JSON:
 * `application/json` or `application/<anything>+json`, with or without parameters.
 * @param {string} mediaType
 */
export function isJsonMediaType(mediaType) {
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(mediaType);
}
