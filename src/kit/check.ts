/**
 * Checks one response against an API's error contract: the status the operation declares, the
 * envelope, the code and its type, and the headers the spec requires. Pure and total: any input,
 * however malformed, gives a list of violations and never an exception.
 */
import { parseRetryAfter } from "../client/retry-after.js";
import { RETRY_AFTER_HEADER } from "../http.js";
import {
  declaration,
  isJsonMediaType,
  own,
  policyOf,
  readBody,
  sameHeaderName,
  statusCovers,
  valueAt,
  type BodyFields,
  type Envelope,
  type ErrorTables,
  type StatusErrors,
} from "../tables.js";
import { headerOf, type HeadersLike } from "./headers.js";

export type { HeadersLike } from "./headers.js";

/** What a rule checks; each violation names one. */
export type Rule =
  | "operation-unknown"
  | "status-undeclared"
  | "code-undeclared"
  | "code-unknown"
  | "body-not-envelope"
  | "type-mismatch"
  | "retry-after-missing"
  | "request-id-missing"
  | "request-id-mismatch";

export interface Violation {
  readonly rule: Rule;
  readonly message: string;
}

/**
 * What the checker reads about one API: the kit's tables, without the catalog's examples. Without
 * `successStatuses`, success responses are not checked.
 */
export interface CheckTables extends Omit<ErrorTables, "catalog"> {
  readonly catalog: { readonly [code: string]: { readonly status: number; readonly type?: string } };
}

/**
 * A response to check. `body` is the parsed JSON, or the raw text (a string or bytes), which is
 * parsed here; leave it `undefined` when the body is not known, and the body's rules are skipped.
 */
export interface CheckedResponse {
  readonly status: number;
  readonly headers?: HeadersLike | undefined;
  readonly body?: unknown;
}

/** What every rule of one response needs to know. */
interface Context {
  readonly tables: CheckTables;
  /** `GET /tasks/{id} 404`, which every message starts with. */
  readonly where: string;
  readonly status: number;
  /** The declaration that covers the status, if any. */
  readonly declared: StatusErrors | undefined;
}

const violation = (rule: Rule, message: string): Violation => ({ rule, message });

/** The violations of `response` to `operation` (`"GET /tasks/{id}"`); empty when it keeps the contract. */
export function checkResponse(tables: CheckTables, operation: string, response: CheckedResponse): Violation[] {
  return inspectResponse(tables, operation, response).violations;
}

/**
 * As `checkResponse`, with the code an error body carries (null when there is none to read), read
 * by the same parse: what traffic coverage counts.
 */
export function inspectResponse(
  tables: CheckTables,
  operation: string,
  response: CheckedResponse,
): { readonly violations: Violation[]; readonly code: string | null } {
  const statuses = own(tables.operations, operation);
  if (!statuses) {
    const known = Object.keys(tables.operations).join(", ");
    const message = `"${String(operation)}" is not an operation of this API (${known}).`;
    return { violations: [violation("operation-unknown", message)], code: null };
  }
  const status = response?.status;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    const what = JSON.stringify(status) ?? "no status";
    return { violations: [violation("status-undeclared", `${operation}: ${what} is not an HTTP status.`)], code: null };
  }
  if (status < 400) return { violations: checkSuccess(tables, operation, statuses, status), code: null };
  const context: Context = { tables, where: `${operation} ${status}`, status, declared: declaration(statuses, status) };
  const violations: Violation[] = [];
  if (!context.declared) {
    const declared = Object.keys(statuses).join(", ");
    const message = `${operation} does not declare status ${status} (it declares ${declared}).`;
    violations.push(violation("status-undeclared", message));
  }
  violations.push(...checkHeaders(context, response.headers));
  if (response.body === undefined) return { violations, code: null };
  const body = checkBody(context, response);
  violations.push(...body.violations);
  return { violations, code: body.code };
}

function checkSuccess(
  tables: CheckTables,
  operation: string,
  errors: { readonly [status: string]: StatusErrors },
  status: number,
): Violation[] {
  const successes = own(tables.successStatuses, operation);
  if (!successes || own(errors, "default")) return [];
  if (successes.some((key) => statusCovers(key, status))) return [];
  const declared = successes.join(", ") || "none";
  const message = `${operation} does not declare status ${status} (its success statuses: ${declared}).`;
  return [violation("status-undeclared", message)];
}

function checkHeaders({ tables, where, status, declared }: Context, headers: HeadersLike | undefined): Violation[] {
  const violations: Violation[] = [];
  const { requestIdHeader, retryAfterOn429 } = policyOf(tables);
  const required = (name: string): boolean =>
    Object.entries(declared?.headers ?? {}).some(([n, h]) => sameHeaderName(n, name) && h?.required === true);
  if ((status === 429 && retryAfterOn429) || required(RETRY_AFTER_HEADER)) {
    const value = headerOf(headers, RETRY_AFTER_HEADER);
    if (parseRetryAfter(value) === undefined) {
      const what =
        value === undefined
          ? "no Retry-After header"
          : `Retry-After ${JSON.stringify(value)}, which is neither seconds nor an HTTP date`;
      violations.push(violation("retry-after-missing", `${where} has ${what}.`));
    }
  }
  if (requestIdHeader !== null && required(requestIdHeader) && !headerOf(headers, requestIdHeader)) {
    const message = `${where} has no ${requestIdHeader} header, which the spec requires.`;
    violations.push(violation("request-id-missing", message));
  }
  return violations;
}

/** The body's violations, and its code when it is the envelope. */
function checkBody(context: Context, response: CheckedResponse): { violations: Violation[]; code: string | null } {
  const { tables, where } = context;
  const notEnvelope = (message: string) => ({ violations: [violation("body-not-envelope", message)], code: null });
  const contentType = headerOf(response.headers, "Content-Type");
  if (contentType !== undefined && !isJsonMediaType(contentType)) {
    return notEnvelope(`${where} has Content-Type ${JSON.stringify(contentType)}, not JSON.`);
  }
  const parsed = parseBody(response.body);
  if (!parsed.ok) return notEnvelope(`${where}: ${parsed.problem}.`);
  const fields = readBody(tables.envelope, parsed.value);
  if (!fields) {
    const missing = missingFields(tables.envelope, parsed.value);
    return notEnvelope(`${where}: the body is not the error envelope (${missing}).`);
  }
  return { violations: checkFields(context, response, fields), code: fields.code };
}

/** The rules of an envelope's fields: its code, its type, its request id. */
function checkFields(context: Context, response: CheckedResponse, fields: BodyFields): Violation[] {
  const { tables, where, declared } = context;
  const violations: Violation[] = [];
  const entry = own(tables.catalog, fields.code);
  if (!entry && !declared?.open) {
    const only = declared ? ` and the status admits only ${declared.codes.join(", ")}` : "";
    violations.push(violation("code-unknown", `${where}: code "${fields.code}" is not in the catalog${only}.`));
  }
  if (entry && declared && !declared.codes.includes(fields.code)) {
    const admits = `it declares ${declared.codes.join(", ") || "no catalog code"}`;
    const code = `code "${fields.code}" (status ${entry.status})`;
    const message = `${where}: ${code} is not declared for this status; ${admits}.`;
    violations.push(violation("code-undeclared", message));
  }
  if (tables.envelope.type) violations.push(...checkType(context, entry, fields.code, fields.type));
  violations.push(...checkRequestId(context, response.headers, fields.requestId));
  return violations;
}

/** The API's request-id header carries the body's id, when the API has both. */
function checkRequestId(
  { tables, where, declared }: Context,
  headers: HeadersLike | undefined,
  bodyId: string | null | undefined,
): Violation[] {
  const { requestIdHeader: name } = policyOf(tables);
  if (name === null || typeof bodyId !== "string") return [];
  const headerId = headerOf(headers, name);
  // An optional header (the body's id may be null) must still carry the id when the body has one.
  const optional = Object.entries(declared?.headers ?? {}).some(
    ([declaredName, header]) => sameHeaderName(declaredName, name) && !header?.required,
  );
  if (!headerId && optional) {
    return [violation("request-id-missing", `${where}: the body has request id "${bodyId}" but no ${name} header.`)];
  }
  if (headerId && headerId !== bodyId) {
    return [violation("request-id-mismatch", `${where}: ${name} is "${headerId}" but the body's is "${bodyId}".`)];
  }
  return [];
}

/** A code's type is the catalog's; an undocumented code's must be one the API uses with the status. */
function checkType(
  { tables, where, status }: Context,
  entry: { readonly type?: string } | undefined,
  code: string,
  type: string | undefined,
): Violation[] {
  if (entry?.type !== undefined) {
    if (entry.type === type) return [];
    return [violation("type-mismatch", `${where}: code "${code}" has type "${entry.type}", not "${type}".`)];
  }
  if (entry || !tables.errorTypes) return [];
  const types = Object.entries(tables.errorTypes)
    .filter(([, t]) => t?.statuses?.includes(status))
    .map(([name]) => name);
  if (type !== undefined && types.includes(type)) return [];
  const used = types.join(", ") || "no type is";
  return [violation("type-mismatch", `${where}: type "${type}" is not used with status ${status} (${used}).`)];
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

/** Raw text is parsed as JSON; anything else is taken as already parsed. */
function parseBody(body: unknown): Parsed {
  let text: string;
  if (typeof body === "string") text = body;
  else if (body instanceof Uint8Array) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      return { ok: false, problem: "the body is not UTF-8 text" };
    }
  } else return { ok: true, value: body };
  if (text.trim() === "") return { ok: false, problem: "the body is empty" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const start = JSON.stringify(text.slice(0, 40));
    return { ok: false, problem: `the body is not JSON (it starts ${start})` };
  }
}

/** Which envelope fields a body lacks, for the message: "no string at /error/code". */
function missingFields(envelope: Envelope, body: unknown): string {
  const missing = Object.entries(envelope)
    .filter(([field, path]) => {
      const value = valueAt(body, path);
      return typeof value !== "string" && !(field === "requestId" && value === null);
    })
    .map(([, path]) => `/${path.join("/")}`);
  return `no string at ${missing.join(", ")}`;
}
