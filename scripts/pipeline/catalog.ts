// One definition of the statuses worth retrying: an error's `retryable` in the catalog is
// derived from its status with the same set the clients retry.
import { RETRYABLE_STATUSES } from "../../src/client/retry.js";
import { constAt, type ErrorEnvelope } from "./envelope.js";
import { deref, isObject, operations, type Json, type JsonObject, type OpenApiDocument } from "./openapi.js";
import { SpecProblem, throwIfAny } from "./problem.js";
import { lineOf, type SourceFile } from "./sources.js";


export interface CatalogEntry {
  readonly code: string;
  readonly status: number;
  readonly type?: string;
  readonly description: string;
  readonly retryable: boolean;
  readonly example: Json;
  /** The name of the schema under components.schemas. */
  readonly schema: string;
}

export interface ErrorType {
  readonly type: string;
  readonly statuses: readonly number[];
  readonly description: string;
}

export interface OperationErrors {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  /** Each declared error status with the codes its body can carry; `open` when it also admits codes outside the catalog. */
  readonly responses: readonly { readonly status: string; readonly codes: readonly string[]; readonly open: boolean }[];
}

const STATUS_FIX = "Add `x-error-status: <HTTP status>` (an integer from 400 to 599) to this schema.";

/**
 * Checks the catalog schemas in the source files, where a problem can be reported with its
 * file and line: every code has a status, and no code is defined twice.
 */
export function checkSources(files: readonly SourceFile[], envelope: ErrorEnvelope): void {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    visit(file.value, [], (node, path) => {
      const code = constAt(node as Json, envelope.code);
      if (code === undefined) return;
      const status = (node as JsonObject)["x-error-status"];
      if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
        const problem = status === undefined ? `Error code "${code}" has no status.` : `Error code "${code}" has status ${JSON.stringify(status)}.`;
        problems.push(new SpecProblem(file.path, lineOf(file, path), problem, STATUS_FIX));
      }
      const other = seen.get(code);
      if (other) problems.push(new SpecProblem(file.path, lineOf(file, path), `Error code "${code}" is also defined in ${other}.`, "Define each code once and `$ref` it."));
      seen.set(code, file.path);
    });
  }
  throwIfAny(problems);
}

function visit(node: unknown, path: (string | number)[], fn: (node: unknown, path: (string | number)[]) => void): void {
  if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i], fn));
  else if (isObject(node)) {
    fn(node, path);
    for (const [key, value] of Object.entries(node)) visit(value, [...path, key], fn);
  }
}

/** Reads the catalog from the bundled document's component schemas. */
export function readCatalog(doc: OpenApiDocument, envelope: ErrorEnvelope): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  for (const [schema, node] of Object.entries(doc.components.schemas ?? {})) {
    const code = constAt(node, envelope.code);
    if (code === undefined) continue;
    const status = node["x-error-status"] as number;
    const type = constAt(node, envelope.type);
    const examples = node.examples;
    entries.push({
      code,
      status,
      ...(type === undefined ? {} : { type }),
      description: typeof node.description === "string" ? node.description : "",
      retryable: RETRYABLE_STATUSES.includes(status),
      example: Array.isArray(examples) && examples.length > 0 ? examples[0]! : null,
      schema,
    });
  }
  return entries.sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/** The error types of an API whose envelope has a `type`: the `const` variants carrying `x-error-statuses`. */
export function readErrorTypes(doc: OpenApiDocument): ErrorType[] {
  const types: ErrorType[] = [];
  for (const schema of Object.values(doc.components.schemas ?? {})) {
    const variants = Array.isArray(schema.oneOf) ? schema.oneOf : [];
    for (const variant of variants) {
      if (!isObject(variant) || typeof variant.const !== "string" || !Array.isArray(variant["x-error-statuses"])) continue;
      types.push({
        type: variant.const,
        statuses: (variant["x-error-statuses"] as number[]).slice().sort((a, b) => a - b),
        description: typeof variant.description === "string" ? variant.description : "",
      });
    }
  }
  return types;
}

/** Which codes each operation declares under each error status, read from its responses' unions. */
export function readOperationErrors(doc: OpenApiDocument, catalog: readonly CatalogEntry[]): OperationErrors[] {
  const bySchema = new Map(catalog.map((e) => [`#/components/schemas/${e.schema}`, e.code]));
  const result: OperationErrors[] = [];
  for (const { path, method, operation } of operations(doc)) {
    const responses = isObject(operation.responses) ? operation.responses : {};
    const errors = Object.keys(responses)
      .filter((status) => /^[45]/.test(status) || status === "default")
      .sort()
      .map((status) => {
        const response = deref(doc, responses[status]);
        const content = isObject(response) && isObject(response.content) ? response.content : {};
        const media = content["application/json"];
        const schema = isObject(media) ? media.schema : undefined;
        const members = isObject(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [schema];
        const codes: string[] = [];
        let open = members.length === 0;
        for (const member of members) {
          const code = isObject(member) && typeof member.$ref === "string" ? bySchema.get(member.$ref) : undefined;
          if (code === undefined) open = true;
          else codes.push(code);
        }
        return { status, codes, open };
      });
    result.push({ method: method.toUpperCase(), path, operationId: String(operation.operationId ?? ""), responses: errors });
  }
  return result;
}
