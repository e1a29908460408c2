// @ts-check
// The per-API settings of the error contract, read from the root's `x-error-policy`
// (openapi/README.md), and the credentials the API takes, read from `securitySchemes`. Every
// setting has a default, the convention most APIs follow, so a root without the extension keeps
// it; the lint reports a broken one (`policyProblems`) and the model reads the same values.
import { DEFAULT_ERROR_POLICY } from "../../src/http.js";
import { follow, isObject } from "./openapi.js";

/** @typedef {import("./openapi.js").JsonPath} JsonPath */
/** @typedef {{ path: JsonPath, problem: string, fix: string }} PolicyProblem */
/** @typedef {"snake_case" | "UPPER_SNAKE" | "any"} CodeFormat */
/**
 * @typedef {object} ErrorPolicy
 * @property {string | null} requestIdHeader the response header that carries the request's id; null when none does
 * @property {CodeFormat} codeFormat how codes are spelled
 * @property {boolean} retryAfterOn429 whether every 429 must declare and send `Retry-After`
 */
/**
 * How a client sends its key, from the security scheme the root (or else an operation) requires.
 * @typedef {{ scheme: "bearer" } | { scheme: "basic" }
 *   | { scheme: "apiKey", in: "header" | "query", name: string }} Auth
 */

/** The pattern each code format's codes match. */
export const CODE_FORMATS = /** @type {const} */ ({
  snake_case: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$",
  UPPER_SNAKE: "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$",
  any: "^\\S+$",
});

const SETTINGS = ["requestIdHeader", "codeFormat", "retryAfterOn429"];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FIX = "See `x-error-policy` in openapi/README.md: requestIdHeader, codeFormat, retryAfterOn429.";

/**
 * What is wrong with a root's `x-error-policy`, each with the path (from the root) to show.
 * @param {unknown} raw the value of `x-error-policy`; undefined keeps every default
 * @returns {PolicyProblem[]}
 */
export function policyProblems(raw) {
  const at = ["x-error-policy"];
  if (raw === undefined) return [];
  if (!isObject(raw)) return [{ path: at, problem: "`x-error-policy` is not a map of settings.", fix: FIX }];
  const problems = [];
  for (const [name, value] of Object.entries(raw)) {
    const path = [...at, name];
    if (!SETTINGS.includes(name)) {
      problems.push({ path, problem: `\`x-error-policy.${name}\` is not a setting.`, fix: FIX });
    } else if (
      name === "requestIdHeader" &&
      value !== null &&
      !(typeof value === "string" && HEADER_NAME.test(value))
    ) {
      const fix = "Give the header's name, such as `X-Request-Id`, or `null` when no header carries the id.";
      problems.push({ path, problem: "`x-error-policy.requestIdHeader` is not a header name.", fix });
    } else if (name === "codeFormat" && !(typeof value === "string" && Object.hasOwn(CODE_FORMATS, value))) {
      const fix = `Use one of ${Object.keys(CODE_FORMATS).join(", ")}.`;
      problems.push({ path, problem: "`x-error-policy.codeFormat` is not a code format.", fix });
    } else if (name === "retryAfterOn429" && typeof value !== "boolean") {
      problems.push({ path, problem: "`x-error-policy.retryAfterOn429` is not true or false.", fix: FIX });
    }
  }
  return problems;
}

/**
 * The policy of a root: its `x-error-policy` over the defaults; a broken setting keeps its
 * default (`policyProblems` says what is wrong with it).
 * @param {unknown} root
 * @returns {ErrorPolicy}
 */
export function readPolicy(root) {
  const raw = isObject(root) && isObject(root["x-error-policy"]) ? root["x-error-policy"] : {};
  const broken = new Set(policyProblems(raw).map(({ path }) => path[1]));
  /** @param {string} name */
  const given = (name) => Object.hasOwn(raw, name) && !broken.has(name);
  return {
    requestIdHeader: given("requestIdHeader")
      ? /** @type {string | null} */ (raw.requestIdHeader)
      : DEFAULT_ERROR_POLICY.requestIdHeader,
    codeFormat: given("codeFormat") ? /** @type {CodeFormat} */ (raw.codeFormat) : "snake_case",
    retryAfterOn429: given("retryAfterOn429") ? raw.retryAfterOn429 === true : DEFAULT_ERROR_POLICY.retryAfterOn429,
  };
}

/**
 * How a client sends its key: the first scheme of the root's `security` (else of the first
 * operation's) that is bearer, basic or an API key in a header or the query; bearer when none is.
 * @param {import("./openapi.js").OpenApiDocument} doc
 * @param {import("./openapi.js").JsonObject[]} operations
 * @returns {Auth}
 */
export function readAuth(doc, operations) {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const requirements = [doc.security, ...operations.map((operation) => operation.security)]
    .flatMap((security) => (Array.isArray(security) ? security : []))
    .flatMap((requirement) => (isObject(requirement) ? Object.keys(requirement) : []));
  for (const name of [...requirements, ...Object.keys(schemes)]) {
    const auth = authOf(follow(doc, schemes[name]));
    if (auth) return auth;
  }
  return { scheme: "bearer" };
}

/**
 * @param {unknown} scheme a Security Scheme object
 * @returns {Auth | undefined}
 */
function authOf(scheme) {
  if (!isObject(scheme)) return undefined;
  const http = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
  if (scheme.type === "http" && (http === "bearer" || http === "basic")) return { scheme: http };
  const where = scheme.in;
  if (scheme.type === "apiKey" && (where === "header" || where === "query") && typeof scheme.name === "string") {
    return { scheme: "apiKey", in: where, name: scheme.name };
  }
  return undefined;
}
