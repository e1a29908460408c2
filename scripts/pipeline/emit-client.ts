import type { ErrorEnvelope } from "./envelope.js";
import type { ApiModel } from "./model.js";
import { deref, isObject, operations, type OpenApiDocument } from "./openapi.js";
import { tsHeader, type OutputFile } from "./output.js";
import { SpecProblem } from "./problem.js";

/**
 * `generated/<api>/client.ts`: binds the API's paths, catalog, operation-error map and envelope
 * to the shared runtime in src/client/. The runtime data is written inline and compact (the
 * catalog module keeps descriptions and examples that a client does not need at run time);
 * the types come from schema.ts and errors.ts, so both describe the same spec.
 */
export function emitClient(model: ApiModel): OutputFile[] {
  const names = fieldNames(model);
  checkNames(model);
  return [{ path: `generated/${model.api.name}/client.ts`, content: clientModule(model, names) }];
}

/** Properties every error has; an envelope field exposed under one of these names would hide it. */
const RESERVED = ["reason", "status", "transport", "message", "requestId", "retryAfterMs", "docsUrl", "body", "name", "stack", "cause", "toJSON"];

interface FieldNames {
  /** The error property that holds the code: the last segment of `x-error-envelope.code`. */
  readonly code: string;
  readonly type?: string;
}

function fieldNames(model: ApiModel): FieldNames {
  const { code, type } = model.envelope;
  const names: FieldNames = { code: code.at(-1)!, ...(type ? { type: type.at(-1)! } : {}) };
  for (const name of Object.values(names)) {
    if (RESERVED.includes(name) || !/^[A-Za-z_$][\w$]*$/.test(name) || names.code === names.type) {
      throw new SpecProblem(model.api.root, undefined, `The client would expose the envelope field "${name}" under a name it cannot use.`, `Point \`x-error-envelope\` at fields whose last segments are distinct identifiers other than ${RESERVED.join(", ")}.`);
    }
  }
  return names;
}

/** The exported names must not shadow a schema: `IttybitError` is the envelope's schema, so the class is `IttybitApiError`. */
function checkNames(model: ApiModel): void {
  const T = model.typeName;
  const schemas = Object.keys(model.document.components.schemas ?? {});
  for (const name of [`${T}ApiError`, `${T}Client`, `${T}ClientOptions`, `${T}Operation`]) {
    if (schemas.includes(name)) {
      throw new SpecProblem(model.api.root, undefined, `The schema "${name}" has the name of an export of the generated client.`, "Rename the schema.");
    }
  }
}

/** Whether every operation needs a key; false when one lists an empty security requirement (`- {}`). */
function requiresApiKey(doc: OpenApiDocument): boolean {
  const anonymous = (security: unknown): boolean =>
    Array.isArray(security) && (security.length === 0 || security.some((s) => isObject(s) && Object.keys(s).length === 0));
  return ![...operations(doc)].some(({ operation }) => anonymous(operation.security ?? doc.security ?? []));
}

/** The exact name of a documented `Idempotency-Key` header parameter, if any operation has one. */
function idempotencyHeader(doc: OpenApiDocument): string | undefined {
  for (const { operation } of operations(doc)) {
    for (const parameter of Array.isArray(operation.parameters) ? operation.parameters : []) {
      const p = deref(doc, parameter);
      if (isObject(p) && p.in === "header" && typeof p.name === "string" && /^idempotency-key$/i.test(p.name)) return p.name;
    }
  }
  return undefined;
}

const str = (value: string): string => JSON.stringify(value);
const key = (value: string): string => (/^(?:[A-Za-z_$][\w$]*|\d+)$/.test(value) ? value : str(value));

/** An object type from its members, on one line when it fits and one member a line when not. */
function objectType(members: readonly string[], indent = ""): string {
  const flat = `{ ${members.join("; ")} }`;
  return flat.length + indent.length <= 90 ? flat : `{\n${members.map((m) => `${indent}  ${m};`).join("\n")}\n${indent}}`;
}

/** The envelope as a TypeScript object type, with the code (and type) as type parameters. */
function envelopeType(envelope: ErrorEnvelope): string {
  type Tree = { [key: string]: Tree | string };
  const tree: Tree = {};
  const leaves: [readonly string[] | undefined, string][] = [
    [envelope.code, "C"],
    [envelope.type, "T"],
    [envelope.message, "string"],
    [envelope.requestId, "string | null"],
  ];
  for (const [pointer, type] of leaves) {
    if (!pointer) continue;
    let node = tree;
    pointer.slice(0, -1).forEach((segment) => (node = (node[segment] ??= {}) as Tree));
    node[pointer.at(-1)!] = type;
  }
  const write = (node: Tree | string, indent: string): string =>
    typeof node === "string" ? node : objectType(Object.entries(node).map(([k, v]) => `readonly ${key(k)}: ${write(v, `${indent}  `)}`), indent);
  return write(tree, "");
}

function operationTable(model: ApiModel): string {
  const lines = model.operations.map((op) => {
    const statuses = op.responses.map((r) => `${key(r.status)}: [${r.codes.map(str).join(", ")}]`);
    const flat = `    ${str(`${op.method} ${op.path}`)}: { ${statuses.join(", ")} },`;
    return flat.length <= 120 ? flat : `    ${str(`${op.method} ${op.path}`)}: {\n${statuses.map((s) => `      ${s},`).join("\n")}\n    },`;
  });
  return `{\n${lines.join("\n")}\n  }`;
}

function catalogTable(model: ApiModel): string {
  const entries = model.catalog.map((e) => `    ${key(e.code)}: {${e.type === undefined ? "" : ` type: ${str(e.type)} `}},`);
  return `{\n${entries.join("\n")}\n  }`;
}

function pointers(envelope: ErrorEnvelope): string {
  const fields = Object.entries(envelope).map(([k, path]) => `${k}: [${(path as string[]).map(str).join(", ")}]`);
  return `{ ${fields.join(", ")} }`;
}

function shapes(model: ApiModel, names: FieldNames): string {
  const { typeName: T, valueName: v } = model;
  const fields = (code: string, type: string, body: string, indent: string): string =>
    objectType([`readonly ${names.code}: ${code}`, ...(names.type ? [`readonly ${names.type}: ${type}`] : []), `readonly body: ${body}`], indent);
  const envelope = (c: string, t: string): string => (names.type ? `Envelope<${c}, ${t}>` : `Envelope<${c}>`);
  const typeOf = `(typeof ${v}Errors)[C]["type"]`;
  return `interface ${T}FailureShapes {
  readonly known: {
    readonly [C in ${T}ErrorCode]: ${fields("C", typeOf, envelope("C", typeOf), "    ")};
  };
  readonly unknownCode: ${fields("string", "string", envelope("string", "string"), "  ")};
  readonly unexpected: ${fields("string | undefined", "string | undefined", "unknown", "  ")};
  readonly transport: ${fields("undefined", "undefined", "undefined", "  ")};
}`;
}

function clientModule(model: ApiModel, names: FieldNames): string {
  const { typeName: T, valueName: v, api } = model;
  const idempotency = idempotencyHeader(model.document);
  const requires = requiresApiKey(model.document);
  const callOptions = idempotency ? "IdempotentCallOptions" : "CallOptions";
  const codeField = names.type ? `\`${names.code}\` (and \`${names.type}\`)` : `\`${names.code}\``;
  const typeParams = names.type ? "C extends string, T extends string" : "C extends string";
  return `${tsHeader()}import {
  ApiError,
  createApiClient,
  type ApiBinding,
  type ApiClient,
  type ApiErrorConstructor,
  type ApiErrorOf,
  type ClientOptions,
  type ${callOptions},
} from "../../src/client/index.js";
import type { ${T}ErrorCode, ${names.type ? `${v}Errors, ` : ""}${v}OperationErrors } from "./errors.js";
import type { paths } from "./schema.js";

export type { ${callOptions}, FailureReason, RetryOptions, TransportFailureKind } from "../../src/client/index.js";

/** An error body as the client checked it before trusting it: the envelope's fields. */
type Envelope<${typeParams}> = ${envelopeType(model.envelope)};

${shapes(model, names)}

interface ${T}Types {
  readonly paths: paths;
  readonly operations: typeof ${v}OperationErrors;
  readonly shapes: ${T}FailureShapes;
  readonly callOptions: ${callOptions};
}

/** An operation of the ${T} API, written \`METHOD /path\`. */
export type ${T}Operation = keyof typeof ${v}OperationErrors;

/**
 * The error of a failed ${T} call, returned as \`error\` or thrown with \`throwOnError\`.
 * Switch on \`reason\`, then on ${codeField}:
 * - \`"known"\`: a code the operation declares for the status, narrowed to those codes;
 * - \`"unknown_code"\`: the envelope with a code the operation does not declare (a newer server);
 * - \`"unexpected_response"\`: an undeclared status, or a body that is not the envelope;
 * - \`"transport"\`: no response (\`transport\` is \`"network"\`, \`"timeout"\` or \`"abort"\`).
 *
 * \`${T}ApiError<"GET /path">\` is narrowed to one operation; \`${T}ApiError\` covers them all.
 */
export type ${T}ApiError<Op extends ${T}Operation = ${T}Operation> = ApiErrorOf<${T}Types, Op>;
export const ${T}ApiError = class ${T}ApiError extends ApiError {
  override get name(): string {
    return "${T}ApiError";
  }
} as unknown as ApiErrorConstructor<${T}ApiError>;

export interface ${T}ClientOptions extends ClientOptions {
  readonly apiKey${requires ? "" : "?"}: string${requires ? "" : " | undefined"};
}

export type ${T}Client<ThrowOnError extends boolean = false> = ApiClient<${T}Types, ThrowOnError>;

const binding: ApiBinding = {
  api: ${str(api.name)},
  serverUrl: ${str(model.serverUrl)},
  requiresApiKey: ${requires},${idempotency ? `\n  idempotencyHeader: ${str(idempotency)},` : ""}
  envelope: ${pointers(model.envelope)},
  catalog: ${catalogTable(model)},
  operations: ${operationTable(model)},
  ErrorClass: ${T}ApiError,
};

/**
 * A typed client for the ${T} API (openapi-fetch with typed errors, retries and timeouts).
 * Calls resolve to \`{ data, error, response }\`; with \`throwOnError: true\` they resolve to
 * \`{ data, response }\` and throw \`${T}ApiError\` instead.
 */
export function create${T}Client(options: ${T}ClientOptions & { readonly throwOnError: true }): ${T}Client<true>;
export function create${T}Client(options${requires ? "" : "?"}: ${T}ClientOptions & { readonly throwOnError?: false | undefined }): ${T}Client;
export function create${T}Client(options: ${T}ClientOptions${requires ? "" : " = {}"}): ${T}Client<boolean> {
  return createApiClient(binding, options, import.meta.url) as never;
}
`;
}
