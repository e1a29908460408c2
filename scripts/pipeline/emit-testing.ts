import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/**
 * The consumer test kit of one API, two subpaths: `generated/<api>/testing.ts` (`<api>/testing`)
 * binds the builder and the mock fetch in src/kit/ to the API's kit tables in errors.ts (the
 * same object the server kit reads);
 * `testing-msw.ts` (`<api>/testing/msw`) does the same for MSW, kept apart because msw is an
 * optional peer dependency.
 */
export function emitTesting(contract: Contract): OutputFile[] {
  const dir = `generated/${contract.name}`;
  return [
    { path: `${dir}/testing.ts`, content: testingModule(contract) },
    { path: `${dir}/testing-msw.ts`, content: mswModule(contract) },
  ];
}

function testingModule(contract: Contract): string {
  const { typeName: T, valueName: v } = contract;
  const withId = contract.carriesRequestId;
  const init = withId ? "ErrorResponseInit" : "ErrorResponseInitWithoutRequestId";
  const initDoc = withId
    ? "`init` sets `message`, `requestId` (the body and the request-id header carry the same one)"
    : `\`init\` sets \`message\` (no \`requestId\`: no ${T} error carries one)`;
  return `${tsHeader()}import {
  type ErrorResponseInit,${withId ? "" : "\n  type ErrorResponseInitWithoutRequestId,"}
} from "../../src/kit/error-response.js";
import { createMockFetch, simulatedResponse, type MockFetch, type MockRoutes } from "../../src/kit/mock-fetch.js";
import type { DeclaredError } from "../../src/tables.js";
import type { ${T}Operation } from "./client.js";
import { ${v}ErrorTables, type ${v}OperationErrors, ${v}ServerUrl } from "./errors.js";

export type { ErrorResponseInit, MockFetch, ${T}Operation };
export { ${v}ErrorTables, ${v}ServerUrl };

/**
 * What a test may set on a built ${T} error. ${initDoc},
 * \`retryAfterSeconds\`, and for a status given instead of a code \`code\`, or a \`body\` (with
 * \`contentType\`) in place of the envelope: a non-envelope body such a status may carry.
 */
export type ${T}ErrorResponseInit = ${init};

/**
 * What \`Op\` can answer with: each code it declares (see \`${v}OperationErrors[Op]\`), and, as a
 * number, each status whose \`open\` is true there: a status that documents no code (or not only
 * these), answered with the open envelope (code \`init.code\`, default \`"undocumented"\`).
 */
export type ${T}DeclaredError<Op extends ${T}Operation> = DeclaredError<typeof ${v}OperationErrors, Op>;

/**
${responseDoc(contract, withId)}
 *
${examples(contract)}
 */
export function ${v}ErrorResponse<Op extends ${T}Operation>(
  operation: Op,
  error: ${T}DeclaredError<Op>,
  init?: ${T}ErrorResponseInit,
): Response {
  return simulatedResponse(${v}ErrorTables, operation, error, init);
}

/**
 * Routes for \`mock${T}Fetch\`: for each \`"METHOD /path/{template}"\`, a declared code or open
 * status (answered by \`${v}ErrorResponse\`), a \`Response\`, a function of the \`Request\` returning
 * one of these (an async one returns a code \`as const\`), \`"network"\` (rejects like a dropped
 * connection) or \`"timeout"\` (never answers; rejects when the request is aborted, e.g. by the
 * client's \`timeoutMs\`). An array answers successive calls, one element each (a 503, then a
 * 200, tests a retry). Mapped over the operation table's keys, so a route for an operation the
 * vendor does not document shows its \`**Inferred:**\` note on hover.
 */
export type ${T}Routes = {
  readonly [Op in keyof typeof ${v}OperationErrors]?: NonNullable<MockRoutes<typeof ${v}OperationErrors>[Op]>;
};

/**
 * A \`fetch\` for the client's \`fetch\` option that answers by \`routes\`. Requests match by method
 * and path (after the path of \`options.baseUrl\`, default \`${v}ServerUrl\`). A request no route
 * matches, or a route called more times than its array has answers, rejects with a
 * \`FetchSetupError\` that names the method, the URL and the routes; the client throws it as it is
 * (never a \`transport\` error, which a test of a network failure would pass on).
 */
export function mock${T}Fetch(routes: ${T}Routes, options: { readonly baseUrl?: string } = {}): MockFetch {
  const baseUrl = options.baseUrl ?? ${v}ServerUrl;
  return createMockFetch({ name: "mock${T}Fetch", tables: ${v}ErrorTables, routes, baseUrl });
}
`;
}

function mswModule({ typeName: T, valueName: v, operations }: Contract): string {
  const first = JSON.stringify(operations[0]?.key ?? "GET /");
  return `${tsHeader()}import type { HttpHandler } from "msw";
import {
  createErrorHandler,
  createNetworkErrorHandler,
  createResponseHandler,
  type ErrorHandlerInit,
  type HandlerInit,
} from "../../src/kit/msw.js";
import {
  ${v}ErrorTables,
  ${v}ServerUrl,
  type ${T}DeclaredError,
  type ${T}ErrorResponseInit,
  type ${T}Operation,
} from "./testing.js";

export type { ErrorHandlerInit, HandlerInit };

/**
 * An MSW 2 handler (for \`setupServer\` or \`setupWorker\`) that answers \`operation\` under
 * \`init.baseUrl\` (default \`${v}ServerUrl\`) with the response \`${v}ErrorResponse\` builds.
 */
export function ${v}ErrorHandler<Op extends ${T}Operation>(
  operation: Op,
  error: ${T}DeclaredError<Op>,
  init?: ${T}ErrorResponseInit & HandlerInit,
): HttpHandler {
  return createErrorHandler(${v}ErrorTables, ${v}ServerUrl, operation, error, init);
}

/**
 * An MSW 2 handler that answers \`operation\` with a \`Response\` of your own (a copy each time), or
 * the one a function of the request returns: a proxy's HTML page, a truncated body, a success.
 *
 * @example ${v}ResponseHandler(${first}, new Response("<html>Bad Gateway</html>", { status: 502 }))
 */
export function ${v}ResponseHandler(
  operation: ${T}Operation,
  response: Response | ((request: Request) => Response | Promise<Response>),
  init?: HandlerInit,
): HttpHandler {
  return createResponseHandler(${v}ErrorTables, ${v}ServerUrl, operation, response, init);
}

/** An MSW 2 handler whose requests to \`operation\` fail as a dropped connection does: a \`transport\` error. */
export function ${v}NetworkErrorHandler(operation: ${T}Operation, init?: HandlerInit): HttpHandler {
  return createNetworkErrorHandler(${v}ErrorTables, ${v}ServerUrl, operation, init);
}
`;
}

/** `@example` lines for the first operation's first code and first open status, from the spec. */
function examples({ valueName: v, operations }: Contract): string {
  const lines: string[] = [];
  const declared = operations.flatMap((op) => op.errors.map((r) => ({ key: op.key, ...r })));
  const coded = declared.find((r) => r.codes.length > 0);
  const open = declared.find((r) => r.open && /^\d+$/.test(r.status));
  if (coded)
    lines.push(
      ` * @example ${v}ErrorResponse(${JSON.stringify(coded.key)}, ${JSON.stringify(coded.codes[0])}) // a code`,
    );
  if (open) lines.push(` * @example ${v}ErrorResponse(${JSON.stringify(open.key)}, ${open.status}) // an open status`);
  return lines.join("\n");
}

/** The JSDoc of `<api>ErrorResponse`: what the built response holds, and what `init` may change. */
function responseDoc({ valueName: v, policy }: Contract, withId: boolean): string {
  const init = withId ? "`init.message` and `init.requestId`" : "`init.message`";
  const retryAfter = policy.retryAfterOn429
    ? "`Retry-After` on 429 (`init.retryAfterSeconds`, default 1)"
    : "`Retry-After` when given (`init.retryAfterSeconds`)";
  const lines = [
    "The response the server documents for `error` of `operation`: its status, the envelope built",
    `from the catalog's example (\`${v}Errors[code].example\`, with ${init}),`,
    `\`Content-Type: application/json\`, ${retryAfter} and`,
    `the headers the operation declares for the status${withId ? ", a request-id header carrying the body's id" : ""}.`,
    "For a status with no documented code, `init.body` sends another body (a proxy's page, plain",
    "text), which the client reports the same. A code the operation does not declare does not compile.",
  ];
  return lines.map((line) => ` * ${line}`).join("\n");
}
