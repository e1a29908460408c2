import type { Contract, Envelope, FieldNames } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";
import { literal } from "./literal.js";

/**
 * `generated/<api>/client.ts`: binds the API's paths and the catalog module's tables (the
 * server URL, the codes' types, the operation table and the envelope, each written once in
 * errors.ts) to the shared runtime in src/client/. The envelope's field names are written here,
 * once, for the runtime; the contract model has checked that the client can use them.
 */
export function emitClient(model: Contract): OutputFile[] {
  return [{ path: `generated/${model.name}/client.ts`, content: clientModule(model) }];
}

const str = (value: string): string => JSON.stringify(value);
const key = (value: string): string => (/^(?:[A-Za-z_$][\w$]*|\d+)$/.test(value) ? value : str(value));

/** An object type from its members, on one line when it fits and one member a line when not. */
function objectType(members: readonly string[], indent = ""): string {
  const flat = `{ ${members.join("; ")} }`;
  return flat.length + indent.length <= 90
    ? flat
    : `{\n${members.map((m) => `${indent}  ${m};`).join("\n")}\n${indent}}`;
}

/** The envelope as a TypeScript object type, with the code (and type) as type parameters. */
function envelopeType(envelope: Envelope): string {
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
    for (const segment of pointer.slice(0, -1)) {
      node[segment] ??= {};
      node = node[segment] as Tree;
    }
    node[pointer.at(-1)!] = type;
  }
  const write = (node: Tree | string, indent: string): string =>
    typeof node === "string"
      ? node
      : objectType(
          Object.entries(node).map(([k, v]) => `readonly ${key(k)}: ${write(v, `${indent}  `)}`),
          indent,
        );
  return write(tree, "");
}

/** The field names as an object literal: `{ code: "kind" }`. */
function fieldsLiteral(names: FieldNames): string {
  return `{ code: ${str(names.code)}${names.type === undefined ? "" : `, type: ${str(names.type)}`} }`;
}

function shapes(model: Contract, names: FieldNames): string {
  const { typeName: T, valueName: v } = model;
  // Documented members, one a line: their JSDoc is what an editor shows on hover.
  const fields = (code: string, type: string, body: string, indent: string): string =>
    `{\n${[
      `/** The error's code, the body's \`${names.code}\` (undefined when there is none). */`,
      `readonly ${names.code}: ${code};`,
      ...(names.type
        ? [`/** The error's type, the body's \`${names.type}\`. */`, `readonly ${names.type}: ${type};`]
        : []),
      "/** The response's body: the envelope for a code's `reason`, else what was read (JSON or text). */",
      `readonly body: ${body};`,
    ]
      .map((line) => `${indent}  ${line}`)
      .join("\n")}\n${indent}}`;
  const envelope = (c: string, t: string): string => (names.type ? `Envelope<${c}, ${t}>` : `Envelope<${c}>`);
  const typeOf = `(typeof ${v}ErrorCodeTypes)[C]["type"]`;
  return `interface ${T}FailureShapes {
  readonly known: {
    readonly [C in ${T}ErrorCode]: ${fields("C", typeOf, envelope("C", typeOf), "    ")};
  };
  readonly unknownCode: ${fields("string", "string", envelope("string", "string"), "  ")};
  readonly unexpected: ${fields("string | undefined", "string | undefined", "unknown", "  ")};
  readonly transport: ${fields("undefined", "undefined", "undefined", "  ")};
}`;
}

function clientModule(model: Contract): string {
  const { typeName: T, valueName: v, fields: names, idempotencyHeader: idempotency, requiresApiKey: requires } = model;
  const callOptions = idempotency ? "IdempotentCallOptions" : "CallOptions";
  const nonThrowingOptions = `${T}ClientOptions & { readonly throwOnError?: false | undefined }`;
  const codeField = names.type ? `\`${names.code}\` (and \`${names.type}\`)` : `\`${names.code}\``;
  const typeParams = names.type ? "C extends string, T extends string" : "C extends string";
  const firstOperation = JSON.stringify(model.operations[0]?.key ?? "GET /");
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
import {
  type ${T}ErrorCode,
  ${v}ErrorCodeTypes,
  ${v}ErrorDocsUrl,
  ${v}ErrorEnvelope,
  ${v}ErrorPolicy,
  ${v}OperationErrors,
  ${v}ServerUrl,
} from "./errors.js";
import type { paths } from "./schema.js";

export type { ${callOptions}, FailureReason, RetryOptions, TransportFailureKind } from "../../src/client/index.js";
export { FetchSetupError } from "../../src/client/index.js";

/** An error body as the client checked it before trusting it: the envelope's fields. */
type Envelope<${typeParams}> = ${envelopeType(model.envelope)};

${shapes(model, names)}

interface ${T}Types {
  readonly paths: paths;
  readonly operations: typeof ${v}OperationErrors;
  readonly shapes: ${T}FailureShapes;
  readonly callOptions: ${callOptions};
  readonly errors: { readonly [Op in ${T}Operation]: ${T}ApiError<Op> };
}

/** An operation of the ${T} API, written \`METHOD /path\`. */
export type ${T}Operation = keyof typeof ${v}OperationErrors;

/**
 * The error of a failed ${T} call, returned as \`error\` or thrown with \`throwOnError\`.
 * Switch on \`reason\`, then on ${codeField}:
 * - \`"known"\`: a code the operation declares for the status, narrowed to those codes;
 * - \`"unknown_code"\`: the envelope with a code the operation does not declare (a newer server);
 * - \`"declared_status"\`: a status the operation declares with no documented code (a rate limit, a
 *   gateway error): branch on \`status\`, whatever the body;
 * - \`"unexpected_response"\`: an undeclared status, or a body that is not the envelope;
 * - \`"transport"\`: no response (\`transport\` is \`"network"\`, \`"timeout"\` or \`"abort"\`).
 *
 * Every error also has \`status\`, \`message\`, \`requestId\`, \`retryAfterMs\`, \`docsUrl\`, \`body\`,
 * \`retryable\` and \`attempts\`. \`${T}ApiError<"GET /path">\` is narrowed to one operation;
 * \`${T}ApiError\` covers them all.
 */
export type ${T}ApiError<Op extends ${T}Operation = ${T}Operation> = ApiErrorOf<${T}Types, Op>;
export const ${T}ApiError = class ${T}ApiError extends ApiError {
  override get name(): string {
    return "${T}ApiError";
  }
} as unknown as ApiErrorConstructor<${T}ApiError>;

/**
 * Whether \`value\` is an error of the ${T} client; given \`operation\`, one that call made, narrowed
 * to its codes and statuses (in a \`catch\`, \`instanceof\` gives every operation's).
 *
 * @example if (is${T}ApiError(e, ${firstOperation}) && e.reason === "known") e.${names.code}
 */
export function is${T}ApiError<Op extends ${T}Operation = ${T}Operation>(
  value: unknown,
  operation?: Op,
): value is ${T}ApiError<Op> {
  return value instanceof ${T}ApiError && (operation === undefined || value.operation === operation);
}

export interface ${T}ClientOptions extends ClientOptions {
  readonly apiKey${requires ? "" : "?"}: string${requires ? "" : " | undefined"};
}

export type ${T}Client<ThrowOnError extends boolean = false> = ApiClient<${T}Types, ThrowOnError>;

const binding: ApiBinding = {
  api: ${str(model.name)},
  serverUrl: ${v}ServerUrl,
  errorDocsUrl: ${v}ErrorDocsUrl,
  requiresApiKey: ${requires},${idempotency ? `\n  idempotencyHeader: ${str(idempotency)},` : ""}
  auth: ${literal(model.auth, { indent: "  ", column: 8 })},
  envelope: ${v}ErrorEnvelope,
  policy: ${v}ErrorPolicy,
  fields: ${fieldsLiteral(names)},
  catalog: ${v}ErrorCodeTypes,
  operations: ${v}OperationErrors,
  ErrorClass: ${T}ApiError,
};

/**
 * A typed client for the ${T} API (openapi-fetch with typed errors, retries and timeouts).
 * Calls resolve to \`{ data, error, response }\`; with \`throwOnError: true\` they resolve to
 * \`{ data, response }\` and throw \`${T}ApiError\` instead.
 */
export function create${T}Client(options: ${T}ClientOptions & { readonly throwOnError: true }): ${T}Client<true>;
export function create${T}Client(options${requires ? "" : "?"}: ${nonThrowingOptions}): ${T}Client;
export function create${T}Client(options: ${T}ClientOptions${requires ? "" : " = {}"}): ${T}Client<boolean> {
  return createApiClient(binding, options) as never;
}
`;
}
