// @ts-check
// The names a generated client gives, checked in the contract model before any emitter runs: the
// envelope's code and type become properties of every error, and the API's title makes the
// exports' names. A spec that would break either is refused with what to change.
import { ERROR_PROPERTIES } from "../../src/client/errors.js";
import { isObject } from "./openapi.js";
import { SpecProblem } from "./problem.js";

/** @typedef {import("./envelope.js").FieldNames} FieldNames */
/** @typedef {import("./openapi.js").OpenApiDocument} OpenApiDocument */

/**
 * Throws a SpecProblem when the client could not use the envelope's field names, or when its
 * exports would take a schema's name.
 * @param {FieldNames} fields
 * @param {string} typeName
 * @param {OpenApiDocument} doc
 * @param {string} root
 */
export function checkClientNames(fields, typeName, doc, root) {
  checkFieldNames(fields, root);
  checkExportNames(typeName, doc, root);
}

/** Names the generated client exports after the API (`<typeName>ApiError`, …), which a schema must not take. */
const CLIENT_EXPORTS = ["ApiError", "Client", "ClientOptions", "Operation"];

/**
 * The clients expose the envelope's code and type under their last segments' names: each must be
 * an identifier, the two distinct, and neither a property every error already has.
 * @param {FieldNames} fields
 * @param {string} root
 */
function checkFieldNames(fields, root) {
  /** @type {readonly string[]} */
  const reserved = ERROR_PROPERTIES;
  for (const name of Object.values(fields)) {
    if (reserved.includes(name) || !/^[A-Za-z_$][\w$]*$/.test(name) || fields.code === fields.type) {
      const problem = `The client would expose the envelope field "${name}" under a name it cannot use.`;
      const fix =
        "Point `x-error-envelope` at fields whose last segments are distinct identifiers " +
        `other than ${reserved.join(", ")}.`;
      throw new SpecProblem(root, undefined, problem, fix, { path: ["x-error-envelope"] });
    }
  }
}

/**
 * The exported names must not shadow a schema: `IttybitError` is the envelope's schema, so the
 * class is `IttybitApiError`.
 * @param {string} typeName
 * @param {OpenApiDocument} doc
 * @param {string} root
 */
function checkExportNames(typeName, doc, root) {
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
  for (const name of CLIENT_EXPORTS.map((suffix) => typeName + suffix)) {
    if (Object.hasOwn(schemas, name)) {
      const problem = `The schema "${name}" has the name of an export of the generated client.`;
      throw new SpecProblem(root, undefined, problem, "Rename the schema.", { path: ["components", "schemas", name] });
    }
  }
}
