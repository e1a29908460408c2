// @ts-check
// The error envelope of an API, read from the root's `x-error-envelope` (openapi/README.md):
// JSON pointers to the fields of an error body. Every contract rule locates codes, types and
// messages through it, so no rule knows that Ittybit says `kind` and WillItTrack `error.code`.
import { isObject } from "./openapi.js";

/** @typedef {import("./openapi.js").JsonObject} JsonObject */
/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/** @typedef {"code" | "message" | "type" | "requestId"} EnvelopeField */
/** @typedef {{ [field in EnvelopeField]?: string[] } & { code: string[], message: string[] }} Envelope */

/** @type {readonly EnvelopeField[]} */
export const ENVELOPE_FIELDS = ["code", "message", "type", "requestId"];
/** @type {readonly EnvelopeField[]} */
export const REQUIRED_ENVELOPE_FIELDS = ["code", "message"];
const POINTER = /^(\/[^/]+)+$/;

/**
 * What is wrong with a root's `x-error-envelope`, each with the path (from the root) to show.
 * @param {unknown} raw the value of `x-error-envelope`
 * @returns {{ path: JsonPath, message: string }[]}
 */
export function envelopeProblems(raw) {
  const at = ["x-error-envelope"];
  if (raw === undefined) return [{ path: [], message: "The root declares no `x-error-envelope`: add JSON pointers to the `code` and `message` of an error body." }];
  if (!isObject(raw)) return [{ path: at, message: "`x-error-envelope` must map envelope fields to JSON pointers." }];
  const problems = [];
  for (const [field, pointer] of Object.entries(raw)) {
    if (!ENVELOPE_FIELDS.some((known) => known === field)) {
      problems.push({ path: [...at, field], message: `\`x-error-envelope.${field}\` is not an envelope field; use ${ENVELOPE_FIELDS.join(", ")}.` });
    } else if (typeof pointer !== "string" || !POINTER.test(pointer)) {
      problems.push({ path: [...at, field], message: `\`x-error-envelope.${field}\` must be a JSON pointer such as "/error/code".` });
    }
  }
  for (const field of REQUIRED_ENVELOPE_FIELDS) {
    if (!(field in raw)) problems.push({ path: at, message: `\`x-error-envelope\` has no \`${field}\` pointer.` });
  }
  return problems;
}

/**
 * The envelope as pointer segments, or undefined when the root declares none or a broken one
 * (the `contract-envelope-declared` rule reports that; the other rules skip the API).
 * @param {unknown} root
 * @returns {Envelope | undefined}
 */
export function readEnvelope(root) {
  const raw = isObject(root) ? root["x-error-envelope"] : undefined;
  if (!isObject(raw) || envelopeProblems(raw).length > 0) return undefined;
  /** @type {Record<string, string[]>} */
  const envelope = {};
  for (const [field, pointer] of Object.entries(raw)) envelope[field] = String(pointer).slice(1).split("/");
  return /** @type {Envelope} */ (envelope);
}

/**
 * The schema path of a body pointer: `/error/code` is `properties.error.properties.code`.
 * @param {readonly string[]} pointer
 * @returns {string[]}
 */
export function schemaPathOf(pointer) {
  return pointer.flatMap((key) => ["properties", key]);
}

/**
 * The subschema at a body pointer, following `properties` only.
 * @param {unknown} schema
 * @param {readonly string[]} pointer
 * @returns {unknown}
 */
export function schemaAt(schema, pointer) {
  let node = schema;
  for (const key of pointer) node = isObject(node) && isObject(node.properties) ? node.properties[key] : undefined;
  return node;
}

/**
 * The `const` string at a body pointer: a catalog schema's code or type.
 * @param {unknown} schema
 * @param {readonly string[] | undefined} pointer
 * @returns {string | undefined}
 */
export function constAt(schema, pointer) {
  if (!pointer) return undefined;
  const node = schemaAt(schema, pointer);
  return isObject(node) && typeof node.const === "string" ? node.const : undefined;
}

/**
 * Whether every segment of a body pointer is a property the schema requires, so a body
 * that validates is guaranteed to carry the field.
 * @param {unknown} schema
 * @param {readonly string[]} pointer
 */
export function requiresPointer(schema, pointer) {
  let node = schema;
  for (const key of pointer) {
    if (!isObject(node) || !isObject(node.properties) || !(Array.isArray(node.required) && node.required.includes(key))) return false;
    node = node.properties[key];
  }
  return isObject(node);
}

/**
 * The envelope fields a schema does not carry as required properties.
 * @param {unknown} schema
 * @param {Envelope} envelope
 * @returns {EnvelopeField[]}
 */
export function missingEnvelopeFields(schema, envelope) {
  return ENVELOPE_FIELDS.filter((field) => {
    const pointer = envelope[field];
    return pointer !== undefined && !requiresPointer(schema, pointer);
  });
}

/**
 * `/error/code`, for messages.
 * @param {readonly string[]} pointer
 */
export function printPointer(pointer) {
  return `/${pointer.join("/")}`;
}
