// The document Redoc renders: the model's bundled document plus what only readers of the docs
// need. Built in memory; generated/<api>/openapi.yaml stays as it is.
import { isObject, type OpenApiDocument, type Operation } from "../contract/index.js";
import { ERRORS_TAG, errorsMarkdown, operationErrorsMarkdown, type ErrorDocsModel } from "./errors-section.js";

export type DocsVariantModel = ErrorDocsModel & { readonly document: OpenApiDocument };

/** The badge Redoc shows by an assumed operation's title, in the page and in the side menu (a named tag colour). */
export const INFERRED_BADGE = { name: "Inferred", color: "warning" } as const;

/**
 * Adds the "Errors" trait tag (last, after the operations' tags) and, to each operation's
 * description, the error codes it can return, linked to their entries. Redoc shows a union's
 * members only one at a time, behind a status tab and a drop-down, so the list is spelled out.
 * An assumed operation also gets a badge, so that it stands out before its description is read.
 */
export function docsDocument(model: DocsVariantModel): OpenApiDocument {
  const doc = structuredClone(model.document);
  const tags = Array.isArray(doc.tags) ? doc.tags : [];
  if (tags.some((tag) => isObject(tag) && tag.name === ERRORS_TAG)) {
    throw new Error(
      `The spec already has a tag named "${ERRORS_TAG}", which the generated error catalog needs; rename that tag.`,
    );
  }
  doc.tags = [...tags, { name: ERRORS_TAG, description: errorsMarkdown(model), "x-traitTag": true }];
  // Redoc hides tags that are in no group once any group exists.
  const groups = doc["x-tagGroups"];
  if (Array.isArray(groups)) groups.push({ name: ERRORS_TAG, tags: [ERRORS_TAG] });
  for (const op of model.operations) appendOperationErrors(doc, op);
  return doc;
}

function appendOperationErrors(doc: OpenApiDocument, op: Operation): void {
  const operation = doc.paths[op.path]?.[op.method.toLowerCase()];
  if (!isObject(operation)) return;
  if (op.inferred !== undefined) operation["x-badges"] = [INFERRED_BADGE];
  const lines = operationErrorsMarkdown(op);
  if (lines === "") return;
  operation.description =
    typeof operation.description === "string" ? `${operation.description.trim()}\n\n${lines}` : lines;
}
