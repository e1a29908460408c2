// The bundled specs (generated/<api>/openapi.yaml, what consumers, Prism and the docs read) as
// plain JSON, with the few helpers the spec-finding tests share: a node at a path, a `$ref`
// followed, a value validated against a schema with the project's JSON Schema validator.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RulesetFunctionContext } from "@stoplight/spectral-core";
import { schema as schemaFunction } from "@stoplight/spectral-functions";
import { expect } from "vitest";
import { parse } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type OpenApiDocument = JsonObject & { paths: { [path: string]: JsonObject }; components: JsonObject };

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const root = resolve(import.meta.dirname, "../..");
export const bundled = (api: string) =>
  parse(readFileSync(resolve(root, `generated/${api}/openapi.yaml`), "utf8")) as OpenApiDocument;

/** The node at a path of keys, or undefined. */
export function at(node: Json | undefined, ...keys: (string | number)[]): Json | undefined {
  for (const key of keys)
    node = isObject(node) || Array.isArray(node) ? (node as Record<string | number, Json>)[key] : undefined;
  return node;
}

export function refTarget(doc: OpenApiDocument, node: Json | undefined): Json | undefined {
  const ref = at(node, "$ref");
  return typeof ref === "string" ? at(doc, ...ref.slice(2).split("/")) : node;
}

/** Problems validating `value` against a schema of the bundled document (its `$ref`s resolve). */
export function validate(doc: OpenApiDocument, schema: Json | undefined, value: unknown): string[] {
  expect(isObject(schema), "schema to validate against").toBe(true);
  const context = { path: [], documentInventory: {} } as unknown as RulesetFunctionContext;
  const results = schemaFunction(
    value,
    { schema: { ...(schema as JsonObject), components: doc.components }, dialect: "draft2020-12", allErrors: true },
    context,
  );
  return Array.isArray(results) ? results.map((r) => `${(r.path ?? []).join(".")}: ${r.message}`) : ["async result"];
}

/** The JSON body schema of one response of one operation, its shared response followed. */
export const jsonBody = (doc: OpenApiDocument, path: string, method: string, status: string) =>
  at(refTarget(doc, at(doc, "paths", path, method, "responses", status)), "content", "application/json", "schema");

/** Whether an object carries `x-inferred`. */
export const marked = (node: Json | undefined): boolean => typeof at(node, "x-inferred") === "string";
