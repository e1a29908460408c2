// `retryable` is derived from the status with the clients' own set of retryable statuses, the
// one definition of that fact; the generated files state the result, never the list.
import { RETRYABLE_STATUSES } from "../../src/client/retry.js";
import type { CatalogEntry, Contract } from "../contract/index.js";
import { GENERATED_NOTICE, inferredMark, tsHeader, type OutputFile } from "../output.js";
import { frozenLiteral, literalUnion } from "./literal.js";

/** The error catalog as a typed module (`errors.ts`) and as JSON for other languages (`errors.json`). */
export function emitCatalog(model: Contract): OutputFile[] {
  const dir = `generated/${model.name}`;
  return [
    { path: `${dir}/errors.ts`, content: catalogModule(model) },
    { path: `${dir}/errors.json`, content: catalogJson(model) },
  ];
}

/** One entry as both outputs state it; `inferred` only when the status or type is our choice. */
function published({ code, status, type, description, inferred }: CatalogEntry) {
  return {
    code,
    status,
    ...(type === undefined ? {} : { type }),
    description,
    retryable: RETRYABLE_STATUSES.includes(status),
    ...(inferred === undefined ? {} : { inferred }),
  };
}

function catalogJson(model: Contract): string {
  const errors = model.catalog.map(published);
  return `${JSON.stringify({ $comment: GENERATED_NOTICE, api: model.name, errors }, null, 2)}\n`;
}

/**
 * The mark of each assumed operation, by key: the JSDoc of its key in the tables the clients and
 * kits are typed by, so the editor shows it on hover wherever an operation is named.
 */
export function operationNotes(model: Pick<Contract, "operations">): Map<string, string> {
  return new Map(
    model.operations.flatMap((op) => (op.inferred === undefined ? [] : [[op.key, inferredMark(op.inferred)]])),
  );
}

/** The operation table: for each operation, each error status with its codes and headers. */
export function operationTable(model: Pick<Contract, "operations">) {
  const headers = (list: Contract["operations"][number]["errors"][number]["headers"]) =>
    Object.fromEntries(
      list.map(({ name, required, example }) => [name, { required, ...(example === undefined ? {} : { example }) }]),
    );
  return Object.fromEntries(
    model.operations.map((op) => [
      op.key,
      Object.fromEntries(
        op.errors.map((r) => [r.status, { codes: r.codes, open: r.open, headers: headers(r.headers) }]),
      ),
    ]),
  );
}

function catalogModule(model: Contract): string {
  const { typeName: T, valueName: v, catalog } = model;
  const codes = catalog.map((e) => e.code);
  const hasType = model.errorTypes.length > 0;
  const entries = Object.fromEntries(
    catalog.map((entry) => [entry.code, { ...published(entry), example: entry.example }]),
  );
  const byStatus: Record<string, string[]> = {};
  for (const e of catalog) {
    byStatus[e.status] ??= [];
    byStatus[e.status]!.push(e.code);
  }
  const operations = operationTable(model);
  const operationCodes = Object.fromEntries(
    model.operations.map((op) => [op.key, Object.fromEntries(op.errors.map((r) => [r.status, { codes: r.codes }]))]),
  );
  const envelope = Object.fromEntries(Object.entries(model.envelope));
  const types = Object.fromEntries(
    model.errorTypes.map(({ type, statuses, description, inferred }) => [
      type,
      { statuses, description, ...(inferred === undefined ? {} : { inferred }) },
    ]),
  );
  const errorTypeUnion = hasType
    ? [
        "",
        `/** Every error type the ${T} spec documents. */`,
        `export type ${T}ErrorType =${literalUnion(model.errorTypes.map((t) => t.type))};`,
        "",
      ].join("\n")
    : "";
  const typeShape =
    "{ readonly statuses: readonly number[]; readonly description: string; readonly inferred?: string }";
  const typesType = `{ readonly [K in ${T}ErrorType]: ${typeShape} }`;
  const errorTypesTable = hasType
    ? [
        "",
        "/** Each error type with the HTTP statuses it is used with. */",
        `export const ${v}ErrorTypes = ${frozenLiteral(types)} satisfies ${typesType};`,
        "",
      ].join("\n")
    : "";
  const byStatusType = `{ readonly [status: number]: readonly ${T}ErrorCode[] }`;
  const codeTypes = Object.fromEntries(catalog.map((e) => [e.code, e.type === undefined ? {} : { type: e.type }]));
  const codeTypeShape = `{ readonly type?: ${hasType ? `${T}ErrorType` : "never"} }`;
  return `${tsHeader()}import type { components } from "./schema.js";

/** Every error code the ${T} spec documents. */
export type ${T}ErrorCode =${literalUnion(codes)};
${errorTypeUnion}
/** The body of each code, as generated from the code's schema. */
export interface ${T}ErrorBodies {
${catalog.map((e) => `  ${e.code}: components["schemas"][${JSON.stringify(e.schema)}];`).join("\n")}
}

export type ${T}ErrorBody<C extends ${T}ErrorCode = ${T}ErrorCode> = ${T}ErrorBodies[C];

/** One entry of the catalog. */
export interface ${T}ErrorEntry<C extends ${T}ErrorCode = ${T}ErrorCode> {
  readonly code: C;
  readonly status: number;${hasType ? `\n  readonly type: ${T}ErrorType;` : ""}
  readonly description: string;
  /** Whether the clients retry this status (derived from it with the clients' retry rule). */
  readonly retryable: boolean;
  /** Present when the status or type is this project's choice, not the vendor's: why it was chosen. */
  readonly inferred?: string;
  readonly example: ${T}ErrorBody<C>;
}

/** The catalog, keyed by code. */
export const ${v}Errors = ${frozenLiteral(entries)} satisfies { readonly [C in ${T}ErrorCode]: ${T}ErrorEntry<C> };

/**
 * Each code with its type: all a client reads of the catalog, so that a bundled client leaves
 * the descriptions and examples out.${hasType ? "" : " This envelope has no type."}
 */
export const ${v}ErrorCodeTypes = ${frozenLiteral(codeTypes)} satisfies {
  readonly [C in ${T}ErrorCode]: ${codeTypeShape};
};

/** The codes that each HTTP status can carry, across all operations. */
export const ${v}ErrorCodesByStatus = ${frozenLiteral(byStatus)} satisfies ${byStatusType};
${errorTypesTable}
/**
 * For each operation (\`METHOD /path\`), each error status it declares (exact, a \`4XX\`/\`5XX\`
 * range, or \`default\`), with the codes its body can carry; \`open\` marks a status whose body
 * may be the envelope with an undocumented code; \`headers\` are the response's declared headers.
 * An operation the vendor does not document carries its \`**Inferred:**\` note.
 */
export const ${v}OperationErrors = ${frozenLiteral(operations, "", operationNotes(model))} satisfies {
  readonly [operation: string]: {
    readonly [status: string]: {
      readonly codes: readonly ${T}ErrorCode[];
      readonly open: boolean;
      readonly headers: { readonly [name: string]: { readonly required: boolean; readonly example?: string } };
    };
  };
};

/**
 * The operation table with only the codes: all a client reads of it, so that a bundled client
 * leaves the headers out.
 */
export const ${v}OperationErrorCodes = ${frozenLiteral(operationCodes)} satisfies {
  readonly [operation in keyof typeof ${v}OperationErrors]: {
    readonly [status: string]: { readonly codes: readonly ${T}ErrorCode[] };
  };
};

/** Where the envelope's fields sit in an error body (path segments). */
export const ${v}ErrorEnvelope = ${frozenLiteral(envelope)};

/** Whether a value is a code this catalog knows (a newer server may send others). */
export function is${T}ErrorCode(value: unknown): value is ${T}ErrorCode {
  return typeof value === "string" && Object.hasOwn(${v}ErrorCodeTypes, value);
}
`;
}
