// @ts-check
// The facts of one API's error contract, read leniently from a bundled or resolved document:
// what is there is returned as it is, and nothing is rejected. The lint reports what is wrong
// with these facts; `contractOf` (model.js) checks them and builds the model the generator and
// everything after it use. Both read through the functions here, so neither parses on its own.
import { constAt, missingEnvelopeFields, readEnvelope, schemaAt } from "./envelope.js";
import { isJsonMediaType } from "../../src/tables.js";
import { follow, inferredOf, isErrorStatus, isObject, isRef, operationsOf } from "./openapi.js";
import { readPolicy } from "./policy.js";

/** @typedef {import("./openapi.js").JsonObject} JsonObject */
/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/** @typedef {import("./envelope.js").Envelope} Envelope */
/**
 * A component schema with a `const` code.
 * @typedef {{ name: string, code: string, schema: JsonObject }} CatalogSchema
 */
/**
 * A component schema with every envelope field and an open code.
 * @typedef {{ name: string, schema: JsonObject }} OpenEnvelope
 */
/**
 * An error type: a `const` variant carrying `x-error-statuses`, at `oneOf[index]` of a schema.
 * @typedef {{ type: string, statuses: number[], description: string, inferred?: string,
 *   schema: string, index: number }} ErrorTypeFact
 */
/**
 * @typedef {object} Facts
 * @property {unknown} document the document they were read from
 * @property {Envelope} envelope
 * @property {import("./policy.js").ErrorPolicy} policy the root's `x-error-policy` over the defaults
 * @property {CatalogSchema[]} catalog in the order of components.schemas
 * @property {OpenEnvelope[]} openEnvelopes
 * @property {ErrorTypeFact[]} errorTypes
 */
/**
 * What a schema in an error body is: a catalog schema, the open envelope, a schema with a code
 * the catalog does not hold, a `$ref` that leads nowhere, or something else.
 * @typedef {{ kind: "catalog", entry: CatalogSchema } | { kind: "envelope", envelope: OpenEnvelope }
 *   | { kind: "foreign", code: string } | { kind: "unresolved" } | { kind: "other" }} Member
 */
/**
 * One JSON body of an error response. `union` is the keyword that lists its members: `oneOf` for
 * codes that exclude each other, `anyOf` for codes with the open envelope, which overlaps them
 * (a body may carry a code the vendor does not document). `members` are that list's items, or
 * the schema itself, with `$ref`s followed. `where` is the media type's path below the Responses
 * object.
 * @typedef {{ status: string, mediaType: string, where: JsonPath, schema: unknown,
 *   union: "oneOf" | "anyOf" | undefined, members: unknown[] }} ErrorBody
 */

/**
 * The contract's facts, or undefined when the root declares no valid `x-error-envelope`.
 * @param {unknown} document
 * @returns {Facts | undefined}
 */
export function readFacts(document) {
  const envelope = readEnvelope(document);
  if (!envelope) return undefined;
  const components = isObject(document) && isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};
  /** @type {CatalogSchema[]} */
  const catalog = [];
  /** @type {OpenEnvelope[]} */
  const openEnvelopes = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isObject(schema) || isRef(schema)) continue;
    const code = constAt(schema, envelope.code);
    if (code !== undefined) catalog.push({ name, code, schema });
    else if (isObject(schemaAt(schema, envelope.code)) && missingEnvelopeFields(schema, envelope).length === 0) {
      openEnvelopes.push({ name, schema });
    }
  }
  const policy = readPolicy(document);
  return { document, envelope, policy, catalog, openEnvelopes, errorTypes: readErrorTypes(schemas) };
}

/**
 * @param {JsonObject} schemas
 * @returns {ErrorTypeFact[]}
 */
function readErrorTypes(schemas) {
  const types = [];
  for (const [name, schema] of Object.entries(schemas)) {
    const variants = isObject(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [];
    for (const [index, variant] of variants.entries()) {
      const statuses = isObject(variant) ? variant["x-error-statuses"] : undefined;
      if (!isObject(variant) || typeof variant.const !== "string" || !Array.isArray(statuses)) continue;
      const inferred = inferredOf(variant);
      types.push({
        type: variant.const,
        statuses: statuses.filter(Number.isInteger).sort((a, b) => a - b),
        description: typeof variant.description === "string" ? variant.description : "",
        ...(inferred === undefined ? {} : { inferred }),
        schema: name,
        index,
      });
    }
  }
  return types;
}

/**
 * The HTTP statuses a catalog schema declares in `x-error-status` (one status, or a list for a
 * code sent with several), sorted; undefined when one is not an integer from 400 to 599, or
 * the list is empty or repeats one.
 * @param {JsonObject} schema
 * @returns {number[] | undefined}
 */
export function declaredStatuses(schema) {
  const raw = schema["x-error-status"];
  const statuses = Array.isArray(raw) ? raw : [raw];
  const valid = (/** @type {unknown} */ s) => typeof s === "number" && Number.isInteger(s) && s >= 400 && s <= 599;
  if (statuses.length === 0 || !statuses.every(valid) || new Set(statuses).size < statuses.length) return undefined;
  return /** @type {number[]} */ ([...statuses]).sort((a, b) => a - b);
}

/**
 * The first HTTP status a catalog schema declares in `x-error-status`, or undefined when
 * `declaredStatuses` finds none.
 * @param {JsonObject} schema
 * @returns {number | undefined}
 */
export function declaredStatus(schema) {
  return declaredStatuses(schema)?.[0];
}

/**
 * @param {unknown} member a schema from an error body, `$ref` not yet followed
 * @param {Facts} facts
 * @returns {Member}
 */
export function classifyMember(member, facts) {
  const schema = follow(facts.document, member);
  if (schema === undefined || isRef(schema)) return { kind: "unresolved" };
  // By identity: a catalog schema listed by `$ref` is that very object (followed in a bundled
  // document, shared by the resolver in a resolved one); an inline copy is not.
  const entry = facts.catalog.find((candidate) => candidate.schema === schema);
  if (entry) return { kind: "catalog", entry };
  const code = constAt(schema, facts.envelope.code);
  if (code !== undefined) return { kind: "foreign", code };
  const envelope = facts.openEnvelopes.find((candidate) => candidate.schema === schema);
  return envelope ? { kind: "envelope", envelope } : { kind: "other" };
}

/**
 * The error responses of a Responses object, `$ref`s followed; unresolved ones are skipped.
 * @param {unknown} document
 * @param {unknown} responses
 * @returns {[string, JsonObject][]}
 */
export function errorResponses(document, responses) {
  if (!isObject(responses)) return [];
  /** @type {[string, JsonObject][]} */
  const found = [];
  for (const [status, value] of Object.entries(responses)) {
    const response = follow(document, value);
    if (isErrorStatus(status) && isObject(response) && !isRef(response)) found.push([status, response]);
  }
  return found;
}

/** The keywords that list an error body's members, in the order they are looked for. */
const UNIONS = /** @type {const} */ (["oneOf", "anyOf"]);

/**
 * The JSON bodies of the error responses in a Responses object.
 * @param {unknown} document
 * @param {unknown} responses
 * @returns {ErrorBody[]}
 */
export function errorBodies(document, responses) {
  const bodies = [];
  for (const [status, response] of errorResponses(document, responses)) {
    const content = isObject(response.content) ? response.content : {};
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isJsonMediaType(mediaType) || !isObject(media) || media.schema === undefined) continue;
      // A `$ref` that leads nowhere stays, so that its member is classified as unresolved.
      const schema = follow(document, media.schema) ?? media.schema;
      const union = isObject(schema) ? UNIONS.find((keyword) => Array.isArray(schema[keyword])) : undefined;
      const members = isObject(schema) && union !== undefined ? /** @type {unknown[]} */ (schema[union]) : [schema];
      bodies.push({ status, mediaType, where: [status, "content", mediaType], schema, union, members });
    }
  }
  return bodies;
}

/**
 * Every code that some operation's error response lists.
 * @param {Facts} facts
 * @returns {Set<string>}
 */
export function usedCodes(facts) {
  const codes = new Set();
  for (const { operation } of operationsOf(facts.document)) {
    for (const body of errorBodies(facts.document, operation.responses)) {
      for (const member of body.members) {
        const code = constAt(follow(facts.document, member), facts.envelope.code);
        if (code !== undefined) codes.add(code);
      }
    }
  }
  return codes;
}
