// @ts-check
// Where the lint meets the one reader of the contract (scripts/contract): the facts of the
// document a rule runs on, read once per document, and the JSON paths that findings point at.
// The facts are the contract module's; only locating them for Spectral lives here.
import { readFacts } from "../../contract/facts.js";
import { isObject } from "../../contract/openapi.js";

/** @typedef {import("@stoplight/spectral-core").RulesetFunctionContext} Context */
/** @typedef {import("../../contract/facts.js").Facts} Facts */
/** @typedef {import("../../contract/facts.js").ErrorBody} ErrorBody */
/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */

/** @type {WeakMap<object, Facts | null>} */
const cache = new WeakMap();

/**
 * The resolved root of the document being linted. Spectral passes its DocumentInventory, but
 * types it in the function context as IDocumentInventory, which omits `resolved`.
 * @param {Context} context
 * @returns {unknown}
 */
export function resolvedRoot(context) {
  return /** @type {{ resolved?: unknown }} */ (context.documentInventory).resolved;
}

/**
 * The contract's facts of the document a rule runs on, or undefined when its root declares no
 * valid `x-error-envelope` (reported by `contract-envelope-declared`; the other rules skip).
 * @param {Context} context
 * @returns {Facts | undefined}
 */
export function factsOf(context) {
  const root = resolvedRoot(context);
  if (!isObject(root)) return undefined;
  let facts = cache.get(root);
  if (facts === undefined) {
    facts = readFacts(root) ?? null;
    cache.set(root, facts);
  }
  return facts ?? undefined;
}

/**
 * The path of a component schema: `components.schemas.<name>`.
 * @param {{ name: string }} schema
 * @returns {JsonPath}
 */
export function schemaPath({ name }) {
  return ["components", "schemas", name];
}

/**
 * The path of an error body's schema, below the Responses object at `at`.
 * @param {ErrorBody} body
 * @param {JsonPath} at
 * @returns {JsonPath}
 */
export function bodyPath(body, at) {
  return [...at, ...body.where, "schema"];
}

/**
 * Where to report a problem with a member of an error body: the `oneOf` (or `anyOf`) list or the
 * media type, which sit in the file that lists the member (a path into the member would land in
 * the member's own file, where nothing is wrong).
 * @param {ErrorBody} body
 * @param {JsonPath} at the path of the Responses object
 * @returns {JsonPath}
 */
export function memberSite(body, at) {
  return body.union ? [...at, ...body.where, "schema", body.union] : [...at, ...body.where];
}

/**
 * `GET /tasks/{id}`, for messages, from the path Spectral gives an operation-level rule.
 * @param {JsonPath} at `["paths", "/tasks/{id}", "get", ...]`
 */
export function describeOperation(at) {
  return `${String(at[2]).toUpperCase()} ${String(at[1])}`;
}
