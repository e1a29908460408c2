// @ts-check
// The model of one API's error contract, built from a bundled (or resolved) document: the one
// shape that the generator, the docs, the diff and every later consumer read. It carries every
// fact derived from the spec (whether a code is retryable, each operation's success statuses,
// the tables generated code holds), so that its readers only print. `contractOf` is pure; it
// checks what the generated code relies on and throws a SpecProblem (located in the source
// files by readContracts) when the spec breaks it.
import { RETRYABLE_STATUSES } from "../../src/http.js";
import { sameHeaderName } from "../../src/tables.js";
import { constAt, envelopeProblems, fieldNames } from "./envelope.js";
import { classifyMember, declaredStatuses, errorBodies, errorResponses, readFacts } from "./facts.js";
import { allowsAnonymous, follow, inferredOf, isObject, isRef, operationsOf, pointerKey } from "./openapi.js";
import { checkClientNames } from "./client-names.js";
import { tablesOf } from "./model-tables.js";
import { policyProblems, readAuth } from "./policy.js";
import { SpecProblem, throwIfAny } from "./problem.js";

/** @typedef {import("./openapi.js").JsonObject} JsonObject */
/** @typedef {import("./openapi.js").OpenApiDocument} OpenApiDocument */
/** @typedef {import("./envelope.js").Envelope} Envelope */
/** @typedef {import("./envelope.js").FieldNames} FieldNames */
/** @typedef {import("./facts.js").Facts} Facts */

/**
 * One error code of the catalog.
 * @typedef {object} CatalogEntry
 * @property {string} code
 * @property {number} status the `x-error-status`: the first, for a code sent with several
 * @property {number[]} statuses every status of `x-error-status`, sorted
 * @property {string} [type] for APIs whose envelope has a type
 * @property {string} description
 * @property {boolean} retryable whether the clients retry its status, or one of them (`RETRYABLE_STATUSES` in
 *   src/http.js)
 * @property {unknown} example the first of `examples`, or null
 * @property {string} [inferred] the schema's `x-inferred` reason; absent when the vendor documents the code's status
 *   and type
 * @property {string} schema its name under components.schemas
 */
/**
 * @typedef {object} ErrorType
 * @property {string} type
 * @property {number[]} statuses sorted
 * @property {string} description
 * @property {string} [inferred]
 */
/**
 * A header an error response declares; `component` names the shared header (`components.headers`) it `$ref`s.
 * @typedef {{ name: string, required: boolean, example?: string, component?: string }} ResponseHeader
 */
/**
 * One error status an operation declares.
 * @typedef {object} OperationError
 * @property {string} status `"404"`, a range `"4XX"` / `"5XX"`, or `"default"`
 * @property {string[]} codes the catalog codes its body can carry
 * @property {boolean} open whether the body also admits codes outside the catalog (the open envelope)
 * @property {ResponseHeader[]} headers the response's headers, named as in the spec
 * @property {string} [inferred] the response's `x-inferred` reason (its own or its shared component's): what of this
 *   status's declaration is assumed
 * @property {string} [response] the shared response (`components.responses`) the operation names by `$ref`
 */
/**
 * @typedef {object} Operation
 * @property {string} key `"GET /tasks/{id}"`
 * @property {string} method upper case
 * @property {string} path
 * @property {string} operationId
 * @property {string} [summary] the operation's `summary`, when it has one
 * @property {string} [inferred] why the operation is assumed rather than documented: the `x-inferred` of its path
 *   item (which covers every operation on the path), then its own
 * @property {OperationError[]} errors sorted by status key
 * @property {string[]} successStatuses its other statuses (`200`, `2XX`), sorted
 */
/**
 * @typedef {object} Contract
 * @property {string} name the key under `apis:` in redocly.yaml; also the folder under generated/
 * @property {string} root absolute path of the root document
 * @property {string} title `info.title`
 * @property {string} typeName the prefix of exported types and classes: `WillItTrack`
 * @property {string} valueName the prefix of exported values: `willItTrack`
 * @property {string} version `info.version`
 * @property {string} serverUrl the first server's URL, or ""
 * @property {ErrorDocs} [errorDocs] the vendor's own page about its errors (the root's `externalDocs`): the
 *   clients' default `docsUrl`
 * @property {Envelope} envelope where the envelope's fields sit in a body
 * @property {import("./policy.js").ErrorPolicy} policy the root's `x-error-policy` over the defaults
 * @property {import("./policy.js").Auth} auth how a client sends its key
 * @property {boolean} carriesRequestId whether its errors carry a request id: in the envelope, or in its request-id
 *   header on some error response (a test may set one only then)
 * @property {FieldNames} fields the names a client gives the code and the type on an error
 * @property {CatalogEntry[]} catalog sorted by status, then code
 * @property {ErrorType[]} errorTypes empty for APIs whose envelope has no type
 * @property {Operation[]} operations sorted by path, then method order
 * @property {boolean} requiresApiKey false when some operation accepts anonymous calls
 * @property {string} [idempotencyHeader] the documented idempotency-key header parameter, as the spec names it
 * @property {import("./model-tables.js").ContractTables} tables the tables generated code holds
 * @property {OpenApiDocument} document the bundled document, for emitters that need more
 * @property {number} prerenderLimit the most operations its Redoc page is rendered ahead for
 */

/** The most operations a Redoc page is rendered ahead for, unless redocly.yaml's `x-docs.prerender-limit` says. */
export const PRERENDER_LIMIT = 1000;

/**
 * A page of the vendor's documentation: its HTTPS URL and what the vendor calls it.
 * @typedef {{ url: string, description: string }} ErrorDocs
 */

const STATUS_FIX =
  "Add `x-error-status: <HTTP status>` (an integer from 400 to 599, or a list of them for a code sent with " +
  "several) to this schema.";

/**
 * The model of the API in `document`.
 * @param {object} document a bundled (internal `$ref`s) or resolved OpenAPI document
 * @param {{ name: string, root: string, prerenderLimit?: number }} options its entry in redocly.yaml
 * @returns {Contract}
 */
export function contractOf(document, { name, root, prerenderLimit = PRERENDER_LIMIT }) {
  const doc = /** @type {OpenApiDocument} */ (document);
  const facts = readFacts(doc);
  if (!facts) {
    const raw = doc["x-error-envelope"];
    throwIfAny(envelopeProblems(raw).map((p) => new SpecProblem(root, undefined, p.problem, p.fix, { path: p.path })));
    throw new Error("unreachable: an envelope that cannot be read has a problem");
  }
  const policy = doc["x-error-policy"];
  throwIfAny(policyProblems(policy).map((p) => new SpecProblem(root, undefined, p.problem, p.fix, { path: p.path })));
  const catalog = readCatalog(facts, root);
  const title = isObject(doc.info) && typeof doc.info.title === "string" ? doc.info.title : "";
  const typeName = title.replace(/[^A-Za-z0-9]/g, "");
  if (!/^[A-Z]/.test(typeName)) {
    const problem = `info.title "${title}" does not start with a capital letter.`;
    const fix = "Set `info.title` to the API's name, such as `Ittybit`; exported names are made from it.";
    throw new SpecProblem(root, undefined, problem, fix, { path: ["info", "title"] });
  }
  const fields = fieldNames(facts.envelope);
  checkClientNames(fields, typeName, doc, root);
  const server = Array.isArray(doc.servers) && isObject(doc.servers[0]) ? doc.servers[0].url : undefined;
  const version = isObject(doc.info) ? doc.info.version : undefined;
  const idempotencyHeader = findIdempotencyHeader(doc);
  const errorTypes = facts.envelope.type ? facts.errorTypes.map(errorType) : [];
  const operations = readOperations(facts);
  const errorDocs = readErrorDocs(doc, root);
  return {
    name,
    root,
    title,
    typeName,
    valueName: typeName[0]?.toLowerCase() + typeName.slice(1),
    version: typeof version === "string" ? version : "",
    serverUrl: typeof server === "string" ? server : "",
    envelope: facts.envelope,
    policy: facts.policy,
    carriesRequestId: carriesRequestId(facts.envelope, facts.policy, operations),
    auth: readAuth(
      doc,
      operationsOf(doc).map(({ operation }) => operation),
    ),
    fields,
    catalog,
    errorTypes,
    operations,
    requiresApiKey: !operationsOf(doc).some(({ operation }) => allowsAnonymous(operation, doc)),
    ...(idempotencyHeader === undefined ? {} : { idempotencyHeader }),
    ...(errorDocs === undefined ? {} : { errorDocs }),
    tables: tablesOf(facts.envelope, facts.policy, catalog, errorTypes, operations),
    document: doc,
    prerenderLimit,
  };
}

/**
 * The root's `externalDocs`, the vendor's page about its errors, which every reader can open: an
 * `https:` URL and the page's own title.
 * @param {OpenApiDocument} doc
 * @param {string} root
 * @returns {ErrorDocs | undefined}
 */
function readErrorDocs(doc, root) {
  const docs = doc.externalDocs;
  if (docs === undefined) return undefined;
  const url = isObject(docs) && typeof docs.url === "string" ? docs.url : "";
  const description = isObject(docs) && typeof docs.description === "string" ? docs.description : "";
  if (/^https:\/\/[^/\s]+/.test(url) && description) return { url, description };
  const problem = "The root's `externalDocs` needs an https: `url` and a `description`.";
  const fix = "Give the vendor's own error page (`url: https://…`) and its title as the vendor writes it.";
  throw new SpecProblem(root, undefined, problem, fix, { path: ["externalDocs"] });
}

/**
 * @param {import("./facts.js").ErrorTypeFact} fact
 * @returns {ErrorType}
 */
function errorType({ type, statuses, description, inferred }) {
  return { type, statuses, description, ...(inferred === undefined ? {} : { inferred }) };
}

/**
 * @param {Facts} facts
 * @param {string} root
 * @returns {CatalogEntry[]}
 */
function readCatalog(facts, root) {
  const problems = [];
  /** @type {Map<string, string>} */
  const first = new Map();
  /** @type {CatalogEntry[]} */
  const entries = [];
  for (const { name, code, schema } of facts.catalog) {
    const statuses = declaredStatuses(schema);
    const status = statuses?.[0];
    const raw = schema["x-error-status"];
    if (status === undefined) {
      const problem =
        raw === undefined
          ? `Error code "${code}" has no status.`
          : `Error code "${code}" has status ${JSON.stringify(raw)}.`;
      problems.push(new SpecProblem(root, undefined, problem, STATUS_FIX, { code }));
    }
    const other = first.get(code);
    if (other !== undefined) {
      const problem = `Error code "${code}" is defined twice: by components.schemas.${other} and by ${name}.`;
      const fix = "Define each code once and `$ref` it.";
      problems.push(new SpecProblem(root, undefined, problem, fix, { code, nth: 1 }));
    }
    first.set(code, name);
    const type = constAt(schema, facts.envelope.type);
    const inferred = inferredOf(schema);
    const examples = schema.examples;
    entries.push({
      code,
      status: status ?? 0,
      statuses: statuses ?? [],
      ...(type === undefined ? {} : { type }),
      description: typeof schema.description === "string" ? schema.description : "",
      retryable: (statuses ?? []).some((s) => RETRYABLE_STATUSES.includes(s)),
      example: Array.isArray(examples) && examples.length > 0 ? examples[0] : null,
      ...(inferred === undefined ? {} : { inferred }),
      schema: name,
    });
  }
  throwIfAny(problems);
  return entries.sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/**
 * @param {Facts} facts
 * @returns {Operation[]}
 */
function readOperations(facts) {
  const doc = facts.document;
  return operationsOf(doc).map(({ path, method, operation }) => {
    const inferred = operationInferred(doc, path, operation);
    const raw = isObject(operation.responses) ? operation.responses : {};
    const errors = errorResponses(doc, raw)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([status, response]) => readError(facts, status, response, raw[status]));
    const key = `${method.toUpperCase()} ${path}`;
    const operationId = typeof operation.operationId === "string" ? operation.operationId : "";
    const summary = typeof operation.summary === "string" && operation.summary ? { summary: operation.summary } : {};
    const marked = inferred === undefined ? {} : { inferred };
    const statuses = isObject(operation.responses) ? Object.keys(operation.responses) : [];
    const successStatuses = statuses.filter((status) => /^[123]/.test(status)).sort();
    return { key, method: method.toUpperCase(), path, operationId, ...summary, ...marked, errors, successStatuses };
  });
}

/**
 * One error status of an operation, from its response (`$ref` followed; `raw` as the operation lists it).
 * @param {Facts} facts
 * @param {string} status
 * @param {JsonObject} response
 * @param {unknown} raw
 * @returns {OperationError}
 */
function readError(facts, status, response, raw) {
  const doc = facts.document;
  const body = errorBodies(doc, { [status]: response })[0];
  const kinds = (body?.members ?? []).map((member) => classifyMember(member, facts));
  const codes = kinds.flatMap((found) => (found.kind === "catalog" ? [found.entry.code] : []));
  const open = kinds.length === 0 || kinds.some((found) => found.kind !== "catalog");
  const reason = inferredOf(response);
  const shared = componentName(raw, "responses");
  return {
    status,
    codes,
    open,
    headers: readHeaders(doc, response),
    ...(reason === undefined ? {} : { inferred: reason }),
    ...(shared === "" ? {} : { response: shared }),
  };
}

/**
 * The name of the component of a kind (`responses`, `headers`) that a `$ref` names, or "".
 * @param {unknown} raw
 * @param {"responses" | "headers"} kind
 */
function componentName(raw, kind) {
  const named = isRef(raw) ? new RegExp(`^#/components/${kind}/([^/]+)$`).exec(raw.$ref) : null;
  return named ? pointerKey(/** @type {string} */ (named[1])) : "";
}

/**
 * Why an operation is assumed: its path item's reason (an assumed path covers all its methods), then its own.
 * @param {unknown} doc
 * @param {string} path
 * @param {JsonObject} operation
 * @returns {string | undefined}
 */
function operationInferred(doc, path, operation) {
  const item = isObject(doc) && isObject(doc.paths) ? follow(doc, doc.paths[path]) : undefined;
  const reasons = [inferredOf(item), inferredOf(operation)].filter((reason) => reason !== undefined);
  return reasons.length > 0 ? reasons.join(" ") : undefined;
}

/**
 * @param {unknown} doc
 * @param {JsonObject} response
 * @returns {ResponseHeader[]}
 */
function readHeaders(doc, response) {
  const headers = isObject(response.headers) ? response.headers : {};
  return Object.entries(headers).map(([name, value]) => {
    const header = follow(doc, value);
    const example = isObject(header) ? exampleOf(doc, header) : undefined;
    const required = isObject(header) && header.required === true;
    const component = isObject(header) ? componentName(value, "headers") : "";
    return {
      name,
      required,
      ...(example === undefined ? {} : { example }),
      ...(component === "" ? {} : { component }),
    };
  });
}

/**
 * A header's example as it would be sent: its own `example`, else its schema's.
 * @param {unknown} doc
 * @param {JsonObject} header
 * @returns {string | undefined}
 */
function exampleOf(doc, header) {
  const schema = follow(doc, header.schema);
  const named = isObject(header.examples) ? Object.values(header.examples).map((e) => follow(doc, e)) : [];
  const candidates = [
    header.example,
    ...named.map((e) => (isObject(e) ? e.value : undefined)),
    isObject(schema) ? schema.example : undefined,
    isObject(schema) && Array.isArray(schema.examples) ? schema.examples[0] : undefined,
  ];
  const found = candidates.find((c) => typeof c === "string" || typeof c === "number" || typeof c === "boolean");
  return found === undefined ? undefined : String(found);
}

/**
 * The exact name of a documented `Idempotency-Key` header parameter, if an operation has one.
 * @param {OpenApiDocument} doc
 * @returns {string | undefined}
 */
function findIdempotencyHeader(doc) {
  for (const { operation } of operationsOf(doc)) {
    for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) {
      const p = follow(doc, parameter);
      const header = isObject(p) && p.in === "header" && typeof p.name === "string" ? p.name : undefined;
      if (header !== undefined && /^idempotency-key$/i.test(header)) return header;
    }
  }
  return undefined;
}

/**
 * @param {Envelope} envelope
 * @param {import("./policy.js").ErrorPolicy} policy
 * @param {readonly Operation[]} operations
 */
function carriesRequestId(envelope, { requestIdHeader }, operations) {
  if (envelope.requestId !== undefined) return true;
  if (requestIdHeader === null) return false;
  return operations.some((op) => op.errors.some((e) => e.headers.some((h) => sameHeaderName(h.name, requestIdHeader))));
}
