import {
  follow,
  isObject,
  operationsOf,
  type CatalogEntry,
  type Contract,
  type JsonObject,
  type OpenApiDocument,
} from "../contract/index.js";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import { inferredMark } from "../output.js";

/**
 * Derives what readers of the bundled document need from what the sources state once:
 * - every error response gets one named example per code it can carry, keyed by the code,
 *   built by the test kit's builder from the code's example (so Prism answers
 *   `Prefer: code=404, example=task_not_found` with the body the kit builds, the request id
 *   matching the header's example, and Redoc shows each body);
 * - every `x-inferred` reason is appended to its object's description, so a reader of the
 *   rendered docs can tell documented facts from our decisions; an assumed operation's reason
 *   (its path's, which Redoc and the types never show, and its own) leads its description.
 * Returns a new document; the contract's is not changed.
 */
export function decorate(contract: Contract): OpenApiDocument {
  const doc = structuredClone(contract.document);
  const bySchema = new Map(contract.catalog.map((e) => [`#/components/schemas/${e.schema}`, e]));
  // A shared response (components.responses) serves several operations: no operation is named.
  const responses: [string | undefined, unknown][] = [
    ...Object.values(doc.components.responses ?? {}).map((response): [undefined, unknown] => [undefined, response]),
    ...operationsOf(doc).flatMap(({ method, path, operation }) => {
      const key = `${method.toUpperCase()} ${path}`;
      return Object.values(isObject(operation.responses) ? operation.responses : {}).map((r): [string, unknown] => [
        key,
        r,
      ]);
    }),
  ];
  for (const [operation, response] of responses) {
    addErrorExamples(doc, response, bySchema, (code) => buildErrorResponse(contract.tables, operation, code).body);
  }
  appendInferredNotes(doc, markOperations(doc, contract.operations));
  return doc;
}

/** Puts each assumed operation's mark first in its description; returns the path items and operations it read. */
function markOperations(doc: OpenApiDocument, operations: Contract["operations"]): Set<unknown> {
  const done = new Set<unknown>();
  for (const op of operations) {
    const item = follow(doc, doc.paths[op.path]);
    const operation = isObject(item) ? item[op.method.toLowerCase()] : undefined;
    if (!isObject(operation)) continue;
    done.add(item).add(operation);
    if (op.inferred === undefined) continue;
    const mark = inferredMark(op.inferred);
    const rest = typeof operation.description === "string" ? operation.description.trim() : "";
    operation.description = rest === "" ? mark : `${mark}\n\n${rest}`;
  }
  return done;
}

function addErrorExamples(
  doc: OpenApiDocument,
  response: unknown,
  bySchema: ReadonlyMap<string, CatalogEntry>,
  bodyOf: (code: string) => unknown,
): void {
  if (!isObject(response) || !isObject(response.content)) return;
  const media = response.content["application/json"];
  if (!isObject(media) || !isObject(media.schema) || media.examples !== undefined) return;
  const union = media.schema.oneOf ?? media.schema.anyOf;
  const members = Array.isArray(union) ? union : [media.schema];
  const examples: JsonObject = {};
  for (const member of members) {
    if (!isObject(member) || typeof member.$ref !== "string") continue;
    const entry = bySchema.get(member.$ref);
    if (entry) {
      examples[entry.code] = { summary: entry.code, value: bodyOf(entry.code) as JsonObject };
      continue;
    }
    const schema = follow(doc, member);
    const value = isObject(schema) && Array.isArray(schema.examples) ? schema.examples[0] : undefined;
    if (value !== undefined)
      examples[member.$ref.split("/").pop()!] = { summary: "Envelope (no documented code)", value };
  }
  if (Object.keys(examples).length > 0) media.examples = examples;
}

/** Appends each object's `x-inferred` mark to its description, except on the objects in `done`. */
function appendInferredNotes(node: unknown, done: ReadonlySet<unknown>): void {
  if (Array.isArray(node)) for (const item of node) appendInferredNotes(item, done);
  if (!isObject(node)) return;
  const reason = node["x-inferred"];
  if (typeof reason === "string" && !done.has(node)) {
    const note = inferredMark(reason);
    node.description = typeof node.description === "string" ? `${node.description.trim()}\n\n${note}` : note;
  }
  for (const value of Object.values(node)) appendInferredNotes(value, done);
}
