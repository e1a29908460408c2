import { follow, isObject, operationsOf, type CatalogEntry, type Contract, type JsonObject, type OpenApiDocument } from "../contract/index.js";

/**
 * Derives what readers of the bundled document need from what the sources state once:
 * - every error response gets one named example per code it can carry, keyed by the code,
 *   taken from the code's schema (so Prism answers `Prefer: code=404, example=task_not_found`
 *   and Redoc shows each body);
 * - every `x-inferred` reason is appended to its object's description, so a reader of the
 *   rendered docs can tell documented facts from our decisions.
 * Returns a new document; the contract's is not changed.
 */
export function decorate(contract: Pick<Contract, "document" | "catalog">): OpenApiDocument {
  const doc = structuredClone(contract.document);
  const bySchema = new Map(contract.catalog.map((e) => [`#/components/schemas/${e.schema}`, e]));
  const responses = [
    ...Object.values(doc.components.responses ?? {}),
    ...operationsOf(doc).flatMap(({ operation }) => (isObject(operation.responses) ? Object.values(operation.responses) : [])),
  ];
  for (const response of responses) addErrorExamples(doc, response, bySchema);
  appendInferredNotes(doc);
  return doc;
}

function addErrorExamples(doc: OpenApiDocument, response: unknown, bySchema: ReadonlyMap<string, CatalogEntry>): void {
  if (!isObject(response) || !isObject(response.content)) return;
  const media = response.content["application/json"];
  if (!isObject(media) || !isObject(media.schema) || media.examples !== undefined) return;
  const members = Array.isArray(media.schema.oneOf) ? media.schema.oneOf : [media.schema];
  const examples: JsonObject = {};
  for (const member of members) {
    if (!isObject(member) || typeof member.$ref !== "string") continue;
    const entry = bySchema.get(member.$ref);
    if (entry) {
      examples[entry.code] = { summary: entry.code, value: entry.example };
      continue;
    }
    const schema = follow(doc, member);
    const value = isObject(schema) && Array.isArray(schema.examples) ? schema.examples[0] : undefined;
    if (value !== undefined) examples[member.$ref.split("/").pop()!] = { summary: "Envelope (no documented code)", value };
  }
  if (Object.keys(examples).length > 0) media.examples = examples;
}

function appendInferredNotes(node: unknown): void {
  if (Array.isArray(node)) node.forEach(appendInferredNotes);
  if (!isObject(node)) return;
  const reason = node["x-inferred"];
  if (typeof reason === "string") {
    const note = `**Inferred:** ${reason.trim()}`;
    node.description = typeof node.description === "string" ? `${node.description.trim()}\n\n${note}` : note;
  }
  for (const value of Object.values(node)) appendInferredNotes(value);
}
