// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { factsOf, schemaPath } from "../lib/contract.js";
import { validateValue } from "../lib/validate.js";

/** @typedef {import("@stoplight/spectral-core").IFunctionResult} Result */
/** @typedef {import("@stoplight/spectral-core").RulesetFunctionContext} Context */
/** @typedef {import("../../contract/openapi.js").JsonObject} JsonObject */
/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */

/**
 * Every error schema (catalog schemas and open envelopes) has a non-empty `description` and
 * at least one entry in `examples`, each valid against the schema. The docs, the catalog and
 * the mock server show these, so a stale example is a wrong promise.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {Result[] | undefined} */
  function errorDocumented(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const schemas = [
      ...contract.catalog.map((entry) => ({
        label: `Error schema "${entry.code}"`,
        schema: entry.schema,
        at: schemaPath(entry),
      })),
      ...contract.openEnvelopes.map((entry) => ({
        label: `Error envelope ${entry.name}`,
        schema: entry.schema,
        at: schemaPath(entry),
      })),
    ];
    return schemas.flatMap(({ label, schema, at }) => [
      ...descriptionProblems(label, schema, at),
      ...exampleProblems(label, schema, at, context),
    ]);
  },
);

/**
 * @param {string} label
 * @param {JsonObject} schema
 * @param {JsonPath} at
 * @returns {Result[]}
 */
function descriptionProblems(label, schema, at) {
  if (typeof schema.description === "string" && schema.description.trim() !== "") return [];
  const where = schema.description === undefined ? at : [...at, "description"];
  return [{ path: where, message: `${label} has no description; give the vendor's description of the error.` }];
}

/**
 * @param {string} label
 * @param {JsonObject} schema
 * @param {JsonPath} at
 * @param {Context} context
 * @returns {Result[]}
 */
function exampleProblems(label, schema, at, context) {
  const examples = schema.examples;
  if (!Array.isArray(examples) || examples.length === 0) {
    return [
      {
        path: examples === undefined ? at : [...at, "examples"],
        message: `${label} has no example; add one error body under \`examples\`.`,
      },
    ];
  }
  return examples.flatMap((example, index) => {
    const problems = validateValue(example, schema, context, [...at, "examples", index]);
    return problems.map(({ path, message }) => ({
      path,
      message: `Example ${index + 1} of ${label} does not validate against it: ${message}`,
    }));
  });
}
