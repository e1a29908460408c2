import { isObject, type Json, type OpenApiDocument } from "./openapi.js";
import { SpecProblem } from "./problem.js";

/**
 * Where the fields of an API's error envelope sit in a body, as JSON pointers, read from the
 * root document's `x-error-envelope` (see openapi/README.md).
 */
export interface ErrorEnvelope {
  readonly code: readonly string[];
  readonly message: readonly string[];
  readonly type?: readonly string[];
  readonly requestId?: readonly string[];
}

const FIELDS = ["code", "message", "type", "requestId"] as const;
const REQUIRED = new Set(["code", "message"]);

export function readEnvelope(doc: OpenApiDocument, root: string): ErrorEnvelope {
  const raw = doc["x-error-envelope"];
  const fix = "Add `x-error-envelope:` with JSON pointers for `code` and `message` (and `type`, `requestId` if the API has them) to the root document.";
  if (!isObject(raw)) throw new SpecProblem(root, undefined, "The root document has no `x-error-envelope`.", fix);
  const envelope: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new SpecProblem(root, undefined, `\`x-error-envelope.${key}\` is not a known field.`, `Use only ${FIELDS.join(", ")}.`);
    }
    if (typeof value !== "string" || !/^(\/[^/]+)+$/.test(value)) {
      throw new SpecProblem(root, undefined, `\`x-error-envelope.${key}\` must be a JSON pointer such as "/error/code".`, fix);
    }
    envelope[key] = value.slice(1).split("/");
  }
  for (const key of REQUIRED) {
    if (!envelope[key]) throw new SpecProblem(root, undefined, `\`x-error-envelope.${key}\` is missing.`, fix);
  }
  return envelope as unknown as ErrorEnvelope;
}

/** The subschema at a body pointer: `/error/code` is `properties.error.properties.code`. */
export function schemaAt(schema: Json | undefined, pointer: readonly string[]): Json | undefined {
  let node = schema;
  for (const key of pointer) {
    const properties = isObject(node) ? node.properties : undefined;
    node = isObject(properties) ? properties[key] : undefined;
  }
  return node;
}

/** The `const` identifier of an error schema, or undefined when it is not a catalog schema. */
export function constAt(schema: Json | undefined, pointer: readonly string[] | undefined): string | undefined {
  if (!pointer) return undefined;
  const node = schemaAt(schema, pointer);
  return isObject(node) && typeof node.const === "string" ? node.const : undefined;
}
