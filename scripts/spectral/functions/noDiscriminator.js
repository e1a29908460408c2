// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { errorBodies } from "../../contract/facts.js";
import { isObject } from "../../contract/openapi.js";
import { bodyPath, resolvedRoot } from "../lib/contract.js";

/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */

const COMPOSITIONS = ["oneOf", "anyOf", "allOf"];

/**
 * Error bodies use no `discriminator`: openapi-typescript then types the code as the schema
 * name instead of its `const` literal, and Prism ignores it. Members are told apart by `const`.
 */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[]} */
  function noDiscriminator(responses, _options, context) {
    const problems = [];
    for (const body of errorBodies(resolvedRoot(context), responses)) {
      for (const at of discriminators(body.schema, bodyPath(body, context.path), new Set())) {
        problems.push({
          path: at,
          message:
            `The ${body.status} body uses \`discriminator\`; ` +
            "remove it, the members' `const` codes tell them apart.",
        });
      }
    }
    return problems;
  },
);

/**
 * Paths of every `discriminator` in a schema and its compositions.
 * @param {unknown} schema
 * @param {JsonPath} at
 * @param {Set<unknown>} seen guards against recursive schemas
 * @returns {JsonPath[]}
 */
function discriminators(schema, at, seen) {
  if (!isObject(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const found = "discriminator" in schema ? [[...at, "discriminator"]] : [];
  for (const keyword of COMPOSITIONS) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    members.forEach((member, index) => {
      found.push(...discriminators(member, [...at, keyword, index], seen));
    });
  }
  return found;
}
