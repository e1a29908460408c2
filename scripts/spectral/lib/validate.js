// @ts-check
import { schema as schemaFunction } from "@stoplight/spectral-functions";

/** @typedef {import("@stoplight/spectral-core").RulesetFunctionContext} Context */
/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */

// Spectral's `schema` function keeps its ajv instances per linted document and its compiled
// validators per schema object, so every run recompiled every error schema, which was most of
// the lint time. One shared key for the instances, and one object per distinct schema text,
// let later runs (the generate gate, the test suites) reuse what earlier runs compiled.
const SHARED_INSTANCES = /** @type {Context["documentInventory"]} */ (/** @type {unknown} */ ({}));
/** @type {Map<string, unknown>} */
const schemasByText = new Map();

/**
 * Validates a value against a JSON Schema 2020-12 schema; each problem is reported at the
 * offending part of the value, below `path`.
 * @param {unknown} value
 * @param {unknown} schema
 * @param {Context} context
 * @param {JsonPath} path where the value is
 * @returns {{ path: JsonPath, message: string }[]}
 */
export function validateValue(value, schema, context, path) {
  const stable = stableSchema(schema);
  const results = schemaFunction(
    value,
    { schema: /** @type {Record<string, unknown>} */ (stable), dialect: "draft2020-12", allErrors: false },
    { ...context, path, documentInventory: SHARED_INSTANCES },
  );
  // The schema function is synchronous; the union type also allows rule functions that are not.
  if (!Array.isArray(results)) return [];
  return results.map((result) => ({ path: result.path ?? path, message: result.message }));
}

/** @param {unknown} schema */
function stableSchema(schema) {
  let text;
  try {
    text = JSON.stringify(schema);
  } catch {
    return schema; // recursive: validate without the cache
  }
  const known = schemasByText.get(text);
  if (known !== undefined) return known;
  schemasByText.set(text, schema);
  return schema;
}
