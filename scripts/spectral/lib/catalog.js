// @ts-check
// The error contract of one API as the rules see it, read once per linted document from the
// resolved root: its envelope, its catalog (the component schemas with a `const` code), its
// open envelopes and, when the envelope has a `type`, the table of error types.
import { constAt, missingEnvelopeFields, readEnvelope, schemaAt } from "./envelope.js";
import { errorResponses, isJsonMediaType, isObject, isUnresolvedRef, operationsOf, resolvedRoot } from "./openapi.js";

/** @typedef {import("./openapi.js").JsonObject} JsonObject */
/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/** @typedef {import("./envelope.js").Envelope} Envelope */
/** @typedef {{ name: string, code: string, schema: JsonObject, at: JsonPath }} CatalogEntry */
/** @typedef {{ name: string, schema: JsonObject, at: JsonPath }} OpenEnvelope */
/** @typedef {{ type: string, statuses: number[], at: JsonPath }} ErrorType */
/**
 * @typedef {object} Contract
 * @property {JsonObject} root the resolved root document
 * @property {Envelope} envelope
 * @property {CatalogEntry[]} catalog
 * @property {OpenEnvelope[]} openEnvelopes component schemas with every envelope field and an open code
 * @property {ErrorType[]} errorTypes `const` variants carrying `x-error-statuses`
 */
/**
 * What a schema in an error body is: a catalog schema, the open envelope, a schema with a code
 * the catalog does not hold, a `$ref` the resolver could not follow, or something else.
 * @typedef {{ kind: "catalog", entry: CatalogEntry } | { kind: "envelope", envelope: OpenEnvelope }
 *   | { kind: "foreign", code: string } | { kind: "unresolved" } | { kind: "other" }} Member
 */
/**
 * One JSON body of an error response. `members` are the `oneOf` items, or the schema itself;
 * `site` is where to report a problem with a member: the `oneOf` list or the media type,
 * which sit in the file that lists the member (a path into the member would land in the
 * member's own file, where nothing is wrong).
 * @typedef {{ status: string, at: JsonPath, schema: unknown, union: boolean, site: JsonPath, members: unknown[] }} ErrorBody
 */

/** @type {WeakMap<object, Contract | null>} */
const contracts = new WeakMap();

/**
 * The contract of the document a rule runs on, or undefined when its root declares no valid
 * `x-error-envelope` (reported by `contract-envelope-declared`). Cached per document.
 * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
 * @returns {Contract | undefined}
 */
export function contractOf(context) {
  const root = resolvedRoot(context);
  if (!isObject(root)) return undefined;
  let contract = contracts.get(root);
  if (contract === undefined) {
    contract = readContract(root) ?? null;
    contracts.set(root, contract);
  }
  return contract ?? undefined;
}

/**
 * @param {JsonObject} root
 * @returns {Contract | undefined}
 */
function readContract(root) {
  const envelope = readEnvelope(root);
  if (!envelope) return undefined;
  const schemas = isObject(root.components) && isObject(root.components.schemas) ? root.components.schemas : {};
  /** @type {CatalogEntry[]} */
  const catalog = [];
  /** @type {OpenEnvelope[]} */
  const openEnvelopes = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || isUnresolvedRef(schema)) continue;
    const at = ["components", "schemas", name];
    const code = constAt(schema, envelope.code);
    if (code !== undefined) catalog.push({ name, code, schema, at });
    else if (isObject(schemaAt(schema, envelope.code)) && missingEnvelopeFields(schema, envelope).length === 0) openEnvelopes.push({ name, schema, at });
  }
  return { root, envelope, catalog, openEnvelopes, errorTypes: readErrorTypes(schemas) };
}

/**
 * @param {JsonObject} schemas
 * @returns {ErrorType[]}
 */
function readErrorTypes(schemas) {
  const types = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const variants = isObject(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [];
    for (const [index, variant] of variants.entries()) {
      const statuses = isObject(variant) ? variant["x-error-statuses"] : undefined;
      if (!isObject(variant) || typeof variant.const !== "string" || !Array.isArray(statuses)) continue;
      types.push({ type: variant.const, statuses: statuses.filter(Number.isInteger), at: ["components", "schemas", name, "oneOf", index] });
    }
  }
  return types;
}

/**
 * The HTTP status a catalog schema declares in `x-error-status`, or undefined when it is
 * missing or not an integer from 400 to 599 (`contract-error-schema` reports that; the rules
 * that compare statuses skip the schema rather than report it again).
 * @param {JsonObject} schema
 * @returns {number | undefined}
 */
export function declaredStatus(schema) {
  const status = schema["x-error-status"];
  return typeof status === "number" && Number.isInteger(status) && status >= 400 && status <= 599 ? status : undefined;
}

/**
 * @param {unknown} schema a schema from an error body
 * @param {Contract} contract
 * @returns {Member}
 */
export function classifyMember(schema, contract) {
  if (isUnresolvedRef(schema)) return { kind: "unresolved" };
  // By identity: the resolver shares one object per `$ref` target, so a catalog schema listed
  // by `$ref` is that object, and an inline copy (which the generator cannot map) is not.
  const entry = contract.catalog.find((candidate) => candidate.schema === schema);
  if (entry) return { kind: "catalog", entry };
  const code = constAt(schema, contract.envelope.code);
  if (code !== undefined) return { kind: "foreign", code };
  const envelope = contract.openEnvelopes.find((candidate) => candidate.schema === schema);
  return envelope ? { kind: "envelope", envelope } : { kind: "other" };
}

/**
 * The JSON bodies of the error responses in a `responses` object.
 * @param {unknown} responses
 * @param {JsonPath} at the path of `responses`
 * @returns {ErrorBody[]}
 */
export function errorBodies(responses, at) {
  const bodies = [];
  for (const [status, response] of errorResponses(responses)) {
    const content = isObject(response.content) ? response.content : {};
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isJsonMediaType(mediaType) || !isObject(media) || media.schema === undefined) continue;
      const mediaAt = [...at, status, "content", mediaType];
      const schema = media.schema;
      const union = isObject(schema) && Array.isArray(schema.oneOf);
      const members = isObject(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
      bodies.push({ status, at: [...mediaAt, "schema"], schema, union, site: union ? [...mediaAt, "schema", "oneOf"] : mediaAt, members });
    }
  }
  return bodies;
}

/**
 * Every code that some operation's error response lists.
 * @param {Contract} contract
 * @returns {Set<string>}
 */
export function usedCodes(contract) {
  const codes = new Set();
  for (const { operation, at } of operationsOf(contract.root)) {
    for (const body of errorBodies(operation.responses, [...at, "responses"])) {
      for (const member of body.members) {
        const code = constAt(member, contract.envelope.code);
        if (code !== undefined) codes.add(code);
      }
    }
  }
  return codes;
}
