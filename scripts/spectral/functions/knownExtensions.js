// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { isObject } from "../../contract/openapi.js";

/** @typedef {import("../../contract/openapi.js").JsonPath} JsonPath */
/** @typedef {{ path: JsonPath, message: string }} Result */

// Fields whose keys are names chosen by the author (a property called `x-foo` is no extension).
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
  "headers",
  "content",
  "encoding",
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "securitySchemes",
  "links",
  "callbacks",
  "pathItems",
  "paths",
  "webhooks",
  "variables",
  "mapping",
  "scopes",
]);
// Name maps that may also carry extensions: their names cannot start with `x-`.
const EXTENSIBLE_MAPS = new Set(["paths", "responses"]);
// Fields whose values are data (example bodies, enum values, security scheme names), not OpenAPI.
const DATA_FIELDS = new Set(["example", "value", "const", "default", "enum", "security"]);

/**
 * Only the vendor extensions the project documents (openapi/README.md) are used, and
 * root-only ones sit on the root: every tool reads them with one meaning.
 */
export default createRulesetFunction(
  {
    input: { type: "object" },
    options: {
      type: "object",
      properties: {
        allowed: { type: "array", items: { type: "string", pattern: "^x-" }, uniqueItems: true },
        rootOnly: { type: "array", items: { type: "string", pattern: "^x-" }, uniqueItems: true },
      },
      required: ["allowed"],
      additionalProperties: false,
    },
  },
  /**
   * @param {Record<string, unknown>} root
   * @param {{ allowed: string[], rootOnly?: string[] }} options
   * @returns {Result[]}
   */
  function knownExtensions(root, options) {
    const allowed = new Set(options.allowed);
    const rootOnly = new Set(options.rootOnly ?? []);
    /** @type {Result[]} */
    const problems = [];
    walk(root, [], "fields", new Set(), (key, at) => {
      if (!allowed.has(key))
        problems.push({
          path: [...at, key],
          message: `Vendor extension "${key}" is not one the project documents; use ${[...allowed].join(", ")}.`,
        });
      else if (rootOnly.has(key) && at.length > 0)
        problems.push({ path: [...at, key], message: `Vendor extension "${key}" belongs on the root document only.` });
    });
    return problems;
  },
);

/**
 * Visits every extension key of an OpenAPI node. `keys` says what the node's keys are: fields
 * (where `x-` keys are extensions), names, or names that may be mixed with extensions.
 * @param {unknown} node
 * @param {JsonPath} at
 * @param {"fields" | "names" | "extensible"} keys
 * @param {Set<unknown>} seen shared `$ref` targets are visited once
 * @param {(key: string, at: JsonPath) => void} onExtension
 */
function walk(node, at, keys, seen, onExtension) {
  if (Array.isArray(node))
    node.forEach((item, index) => {
      walk(item, [...at, index], "fields", seen, onExtension);
    });
  if (!isObject(node) || seen.has(node)) return;
  seen.add(node);
  for (const [key, value] of Object.entries(node)) {
    if (keys !== "names" && key.startsWith("x-")) onExtension(key, at);
    else if (keys !== "fields") walk(value, [...at, key], "fields", seen, onExtension);
    else if (DATA_FIELDS.has(key) || (key === "examples" && Array.isArray(value))) continue;
    else
      walk(
        value,
        [...at, key],
        EXTENSIBLE_MAPS.has(key) ? "extensible" : NAME_MAPS.has(key) ? "names" : "fields",
        seen,
        onExtension,
      );
  }
}
