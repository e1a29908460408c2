import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/**
 * `generated/<api>/server.ts`, the `<package>/<api>/server` subpath: typed error builders and the
 * response checker bound to the API's kit tables in errors.ts (the same object the test kit
 * reads). The runtime is src/kit/.
 */
export function emitServer(model: Contract): OutputFile[] {
  return [{ path: `generated/${model.name}/server.ts`, content: serverModule(model) }];
}

function serverModule(model: Contract): string {
  const { typeName: T, valueName: v } = model;
  const E = `ServerErrorOf<Catalog, ${T}ErrorBodies, E>`;
  // Only an API whose 429s carry Retry-After makes a 429's `retryAfterSeconds` required.
  const retryAfter = model.policy.retryAfterOn429;
  const args = retryAfter ? "Catalog, E" : "Catalog, E, false";
  const retryAfterNote = retryAfter ? " A 429 needs\n * `init.retryAfterSeconds`." : "";
  return `${tsHeader()}import { checkResponse, type CheckedResponse, type Violation } from "../../src/kit/check.js";
import { buildErrorResponse } from "../../src/kit/error-response.js";
import type { ServerErrorArgs, ServerErrorOf } from "../../src/kit/server.js";
import type { DeclaredCode, OpenStatus } from "../../src/tables.js";
import type { ${T}Operation } from "./client.js";
import {
  ${v}ErrorTables as tables,
  type ${v}Errors,
  type ${v}OperationErrors,
  type ${T}ErrorBodies,
  type ${T}ErrorCode,
} from "./errors.js";

export type { CheckedResponse, HeadersLike, Rule, Violation } from "../../src/kit/check.js";
export type { ServerError, ServerErrorInit } from "../../src/kit/server.js";
export type { ${T}Operation } from "./client.js";
export { ${v}SuccessStatuses } from "./errors.js";

type Operations = typeof ${v}OperationErrors;
type Catalog = typeof ${v}Errors;

/** The catalog codes \`Op\` declares. */
export type ${T}OperationCode<Op extends ${T}Operation> = DeclaredCode<Operations, Op>;

/** The statuses of \`Op\` whose body is the open envelope (no documented code, or not only those). */
export type ${T}OpenStatus<Op extends ${T}Operation = ${T}Operation> = OpenStatus<Operations, Op>;

/**
 * The response ${T} documents for \`error\`: a catalog code, or a status that some operation
 * declares with the open envelope. Plain data: \`{ status, headers, body }\`.${retryAfterNote}
 */
export function ${v}Error<E extends ${T}ErrorCode | ${T}OpenStatus>(
  error: E,
  ...[init]: ServerErrorArgs<${args}>
): ${E} {
  return buildErrorResponse(tables, undefined, error, init) as ${E};
}

/** As \`${v}Error\`, for one operation (\`"GET /path/{id}"\`): \`error\` must be a code or open status it declares. */
export function ${v}OperationError<
  Op extends ${T}Operation,
  const E extends ${T}OperationCode<Op> | ${T}OpenStatus<Op>,
>(
  operation: Op,
  error: E,
  ...[init]: ServerErrorArgs<${args}>
): ${E} {
  const built = buildErrorResponse(tables, operation, error as string | number, init);
  return built as ${E};
}

/**
 * The ways \`response\` breaks \`operation\`'s contract; empty when it keeps it. \`body\`: the parsed
 * JSON or the raw text; leave it out when unknown, and the body's rules are skipped.
 */
export function check${T}Response(operation: ${T}Operation, response: CheckedResponse): Violation[] {
  return checkResponse(tables, operation, response);
}
`;
}
