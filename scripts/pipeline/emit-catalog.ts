import { GENERATED_NOTICE, tsHeader, type OutputFile } from "./output.js";
import { frozenLiteral, literalUnion } from "./literal.js";
import type { ApiModel } from "./model.js";

/** The error catalog as a typed module (`errors.ts`) and as JSON for other languages (`errors.json`). */
export function emitCatalog(model: ApiModel): OutputFile[] {
  const dir = `generated/${model.api.name}`;
  return [
    { path: `${dir}/errors.ts`, content: catalogModule(model) },
    { path: `${dir}/errors.json`, content: catalogJson(model) },
  ];
}

function catalogJson(model: ApiModel): string {
  const errors = model.catalog.map(({ code, status, type, description, retryable }) => ({
    code,
    status,
    ...(type === undefined ? {} : { type }),
    description,
    retryable,
  }));
  return `${JSON.stringify({ $comment: GENERATED_NOTICE, api: model.api.name, errors }, null, 2)}\n`;
}

function catalogModule(model: ApiModel): string {
  const { typeName: T, valueName: v, catalog } = model;
  const codes = catalog.map((e) => e.code);
  const hasType = model.errorTypes.length > 0;
  const entries = Object.fromEntries(
    catalog.map(({ code, status, type, description, retryable, example }) => [
      code,
      { code, status, ...(type === undefined ? {} : { type }), description, retryable, example },
    ]),
  );
  const byStatus: Record<string, string[]> = {};
  for (const e of catalog) (byStatus[e.status] ??= []).push(e.code);
  const operations = Object.fromEntries(
    model.operations.map((op) => [
      `${op.method} ${op.path}`,
      Object.fromEntries(op.responses.map((r) => [r.status, { codes: r.codes, open: r.open }])),
    ]),
  );
  const envelope = Object.fromEntries(Object.entries(model.envelope));
  const types = Object.fromEntries(model.errorTypes.map((t) => [t.type, { statuses: t.statuses, description: t.description }]));
  return `${tsHeader()}import type { components } from "./schema.js";

/** Every error code the ${T} spec documents. */
export type ${T}ErrorCode =${literalUnion(codes)};
${hasType ? `\n/** Every error type the ${T} spec documents. */\nexport type ${T}ErrorType =${literalUnion(model.errorTypes.map((t) => t.type))};\n` : ""}
/** The body of each code, as generated from the code's schema. */
export interface ${T}ErrorBodies {
${catalog.map((e) => `  ${e.code}: components["schemas"][${JSON.stringify(e.schema)}];`).join("\n")}
}

export type ${T}ErrorBody<C extends ${T}ErrorCode = ${T}ErrorCode> = ${T}ErrorBodies[C];

/** One entry of the catalog. \`retryable\` is true for statuses 408, 429, 500, 502, 503 and 504. */
export interface ${T}ErrorEntry<C extends ${T}ErrorCode = ${T}ErrorCode> {
  readonly code: C;
  readonly status: number;${hasType ? `\n  readonly type: ${T}ErrorType;` : ""}
  readonly description: string;
  readonly retryable: boolean;
  readonly example: ${T}ErrorBody<C>;
}

/** The catalog, keyed by code. */
export const ${v}Errors = ${frozenLiteral(entries)} satisfies { readonly [C in ${T}ErrorCode]: ${T}ErrorEntry<C> };

/** The codes that each HTTP status can carry, across all operations. */
export const ${v}ErrorCodesByStatus = ${frozenLiteral(byStatus)} satisfies { readonly [status: number]: readonly ${T}ErrorCode[] };
${hasType ? `\n/** Each error type with the HTTP statuses it is used with. */\nexport const ${v}ErrorTypes = ${frozenLiteral(types)} satisfies { readonly [K in ${T}ErrorType]: { readonly statuses: readonly number[]; readonly description: string } };\n` : ""}
/**
 * For each operation (\`METHOD /path\`), each error status it declares, with the codes its body
 * can carry; \`open\` marks a status whose body is the envelope with an undocumented code.
 */
export const ${v}OperationErrors = ${frozenLiteral(operations)} satisfies {
  readonly [operation: string]: { readonly [status: string]: { readonly codes: readonly ${T}ErrorCode[]; readonly open: boolean } };
};

/** Where the envelope's fields sit in an error body (path segments). */
export const ${v}ErrorEnvelope = ${frozenLiteral(envelope)};

/** Whether a value is a code this catalog knows (a newer server may send others). */
export function is${T}ErrorCode(value: unknown): value is ${T}ErrorCode {
  return typeof value === "string" && Object.hasOwn(${v}Errors, value);
}
`;
}
