/** The parts of an OpenAPI 3.1 document that the pipeline reads; everything else passes through. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OpenApiDocument extends JsonObject {
  openapi: string;
  info: JsonObject & { title: string };
  paths: { [path: string]: JsonObject };
  components: JsonObject & { schemas?: { [name: string]: JsonObject }; responses?: { [name: string]: JsonObject } };
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows one internal `$ref` (`#/components/...`), or returns the value itself. */
export function deref(doc: OpenApiDocument, value: Json | undefined): Json | undefined {
  if (!isObject(value) || typeof value.$ref !== "string") return value;
  if (!value.$ref.startsWith("#/")) return undefined;
  let node: Json | undefined = doc;
  for (const raw of value.$ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = isObject(node) ? node[key] : undefined;
  }
  return node;
}

/** Every operation of the document, in path order then method order. */
export function* operations(doc: OpenApiDocument): Generator<{ path: string; method: string; operation: JsonObject }> {
  for (const path of Object.keys(doc.paths).sort()) {
    const item = doc.paths[path]!;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isObject(operation)) yield { path, method, operation };
    }
  }
}
