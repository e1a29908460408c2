// @ts-check
// Plain helpers over an OpenAPI 3.1 document that is either bundled (internal `$ref`s, as the
// generator reads it) or resolved (`$ref`s replaced by their targets, as Spectral hands it to
// the lint). Both look the same through `follow`: a resolved `$ref` target is the same object
// as the component it names, so callers may compare schemas by identity.
import { HTTP_METHODS } from "../../src/http.js";
import { sameHeaderName } from "../../src/tables.js";

/** @typedef {Record<string, unknown>} JsonObject */
/** @typedef {(string | number)[]} JsonPath */
/**
 * @typedef {JsonObject & {
 *   openapi: string,
 *   info: JsonObject & { title: string, version?: unknown },
 *   paths: Record<string, JsonObject>,
 *   components: JsonObject & { schemas?: Record<string, JsonObject>, responses?: Record<string, JsonObject> },
 * }} OpenApiDocument
 */

/**
 * @param {unknown} value
 * @returns {value is JsonObject}
 */
export function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A `$ref` left in place: in a resolved document, one the resolver could not follow (it
 * reports that itself, so the contract skips it); in a bundled one, any internal `$ref`.
 * @param {unknown} value
 * @returns {value is { $ref: string }}
 */
export function isRef(value) {
  return isObject(value) && typeof value.$ref === "string";
}

/**
 * The value a `$ref` points at inside `doc` (`#/components/...`), the value itself when it is
 * no `$ref`, or undefined when the `$ref` leads nowhere in this document.
 * @param {unknown} doc
 * @param {unknown} value
 * @returns {unknown}
 */
export function follow(doc, value) {
  if (!isRef(value)) return value;
  if (!value.$ref.startsWith("#/")) return undefined;
  /** @type {unknown} */
  let node = doc;
  for (const raw of value.$ref.slice(2).split("/")) {
    const key = pointerKey(raw);
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/**
 * The key one segment of a `$ref`'s JSON pointer names: URI escapes decoded, `~1` is `/` and `~0` is `~`.
 * @param {string} segment
 */
export function pointerKey(segment) {
  return decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
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
 * Every operation of a document with the JSON path that leads to it, in path order, then in
 * the order of HTTP_METHODS.
 * @param {unknown} doc
 * @returns {{ path: string, method: (typeof HTTP_METHODS)[number], operation: JsonObject, at: JsonPath }[]}
 */
export function operationsOf(doc) {
  const paths = isObject(doc) && isObject(doc.paths) ? doc.paths : {};
  const found = [];
  for (const path of Object.keys(paths).sort()) {
    const item = follow(doc, paths[path]);
    if (!isObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) found.push({ path, method, operation, at: ["paths", path, method] });
    }
  }
  return found;
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

/**
 * Whether an operation accepts credentials: some requirement names a scheme. An optional-auth
 * operation (`- {}` among its requirements) still rejects a bad key.
 * @param {JsonObject} operation
 * @param {unknown} root
 */
export function takesCredentials(operation, root) {
  const requirements = effectiveSecurity(operation, root);
  return requirements.some((requirement) => isObject(requirement) && Object.keys(requirement).length > 0);
}

/**
 * Whether an operation can be called without credentials: no requirement, or an empty one.
 * @param {JsonObject} operation
 * @param {unknown} root
 */
export function allowsAnonymous(operation, root) {
  const security = effectiveSecurity(operation, root);
  const empty = security.some((requirement) => isObject(requirement) && Object.keys(requirement).length === 0);
  return security.length === 0 || empty;
}

/**
 * The name under which a response declares a header, compared case-insensitively as HTTP
 * does, or undefined.
 * @param {JsonObject} response
 * @param {string} name
 */
export function declaredHeader(response, name) {
  const headers = isObject(response.headers) ? Object.keys(response.headers) : [];
  return headers.find((header) => sameHeaderName(header, name));
}

/**
 * The `x-inferred` reason of a spec object, or undefined when what it states is documented.
 * @param {unknown} node
 * @returns {string | undefined}
 */
export function inferredOf(node) {
  const reason = isObject(node) ? node["x-inferred"] : undefined;
  return typeof reason === "string" && reason.trim() !== "" ? reason.trim() : undefined;
}
