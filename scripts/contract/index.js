// @ts-check
// The one reader of the error contract. Lint, generator, docs, diff, test kit and everything
// to come read a spec through this module and nothing else: `readContracts` for the APIs of a
// redocly.yaml, `contractOf` for a document already bundled or resolved, and the lenient facts
// (facts.js) for the lint, which must read a broken spec to say what is wrong with it.
//
// Plain ESM JavaScript typed by JSDoc, checked by `tsc` (`npm run typecheck`): Spectral bundles
// its rule functions as plain JavaScript, with no TypeScript step, so the one reader is
// JavaScript that both Spectral's functions and the TypeScript pipeline import. The lint's
// functions import the pure modules (facts.js, envelope.js, openapi.js, model.js), never this
// index, which pulls in Redocly and the file system.
export { constAt, ENVELOPE_FIELDS, fieldNames, printPointer, readEnvelope, schemaAt } from "./envelope.js";
export { contractOf } from "./model.js";
export { follow, isErrorStatus, isObject, operationsOf } from "./openapi.js";
export { isSpecProblem, SpecProblem, SpecProblems } from "./problem.js";
export { readApis, readContracts } from "./read.js";
export { HTTP_METHODS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER } from "../../src/http.js";

/** @typedef {import("./model.js").Contract} Contract */
/** @typedef {import("./model.js").CatalogEntry} CatalogEntry */
/** @typedef {import("./model.js").ErrorType} ErrorType */
/** @typedef {import("./model.js").Operation} Operation */
/** @typedef {import("./model.js").OperationError} OperationError */
/** @typedef {import("./model.js").ResponseHeader} ResponseHeader */
/** @typedef {import("./model-tables.js").ContractTables} ContractTables */
/** @typedef {import("./envelope.js").Envelope} Envelope */
/** @typedef {import("./envelope.js").FieldNames} FieldNames */
/** @typedef {import("./openapi.js").JsonObject} JsonObject */
/** @typedef {import("./openapi.js").OpenApiDocument} OpenApiDocument */
/** @typedef {import("./read.js").ApiEntry} ApiEntry */
/** @typedef {import("./read.js").SourceFile} SourceFile */
