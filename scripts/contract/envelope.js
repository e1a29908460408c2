// @ts-check
// The error envelope of an API, read from the root's `x-error-envelope` (openapi/README.md):
// JSON pointers to the fields of an error body. Everything that finds codes, types, messages
// and request ids in a body or a schema goes through it, so nothing else knows that one API
// says `kind` and another `error.code`.
import { isObject } from "./openapi.js";

/** @typedef {import("../../src/tables.js").Envelope} Envelope */
/** @typedef {import("../../src/client/errors.js").FieldNames} FieldNames */
/** @typedef {keyof Envelope} EnvelopeField */
/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/** @typedef {{ path: JsonPath, problem: string, fix: string }} EnvelopeProblem */

/** @type {readonly EnvelopeField[]} */
export const ENVELOPE_FIELDS = ["code", "message", "type", "requestId", "docsUrl"];
/** @type {readonly EnvelopeField[]} */
export const REQUIRED_ENVELOPE_FIELDS = ["code", "message"];
const POINTER = /^(\/[^/]+)+$/;
const FIX =
  "Give `x-error-envelope` JSON pointers to the `code` and `message` of an error body " +
  "(and `type`, `requestId`, `docsUrl` if the API has them).";

/**
 * What is wrong with a root's `x-error-envelope`, each with the path (from the root) to show.
 * @param {unknown} raw the value of `x-error-envelope`
 * @returns {EnvelopeProblem[]}
 */
export function envelopeProblems(raw) {
  const at = ["x-error-envelope"];
  if (raw === undefined) {
    return [
      { path: [], problem: "The root document has no `x-error-envelope`.", fix: `Add \`x-error-envelope:\`. ${FIX}` },
    ];
  }
  if (!isObject(raw)) {
    return [{ path: at, problem: "`x-error-envelope` is not a map of envelope fields to JSON pointers.", fix: FIX }];
  }
  const problems = [];
  for (const [field, pointer] of Object.entries(raw)) {
    if (!ENVELOPE_FIELDS.some((known) => known === field)) {
      const problem = `\`x-error-envelope.${field}\` is not an envelope field.`;
      problems.push({ path: [...at, field], problem, fix: `Use only ${ENVELOPE_FIELDS.join(", ")}.` });
    } else if (typeof pointer !== "string" || !POINTER.test(pointer)) {
      const problem = `\`x-error-envelope.${field}\` is not a JSON pointer.`;
      problems.push({ path: [...at, field], problem, fix: 'Write it like "/error/code".' });
    }
  }
  for (const field of REQUIRED_ENVELOPE_FIELDS) {
    if (field in raw) continue;
    problems.push({ path: at, problem: `\`x-error-envelope\` has no \`${field}\` pointer.`, fix: FIX });
  }
  return problems;
}

/**
 * The envelope as pointer segments, or undefined when the root declares none or a broken one
 * (`envelopeProblems` says what is wrong).
 * @param {unknown} root
 * @returns {Envelope | undefined}
 */
export function readEnvelope(root) {
  const raw = isObject(root) ? root["x-error-envelope"] : undefined;
  if (!isObject(raw) || envelopeProblems(raw).length > 0) return undefined;
  /** @type {Record<string, string[]>} */
  const envelope = {};
  // In the order of ENVELOPE_FIELDS, so that every output lists the fields alike.
  for (const field of ENVELOPE_FIELDS) if (field in raw) envelope[field] = String(raw[field]).slice(1).split("/");
  return /** @type {Envelope} */ (/** @type {unknown} */ (envelope));
}

/**
 * The names the clients give the code and the type on an error: the last segment of each
 * pointer (`kind`; `code` and `type`).
 * @param {Envelope} envelope
 * @returns {FieldNames}
 */
export function fieldNames(envelope) {
  const code = /** @type {string} */ (envelope.code.at(-1));
  return envelope.type ? { code, type: /** @type {string} */ (envelope.type.at(-1)) } : { code };
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
    if (!isObject(node) || !isObject(node.properties)) return false;
    if (!(Array.isArray(node.required) && node.required.includes(key))) return false;
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
