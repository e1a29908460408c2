// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { RETRY_AFTER_HEADER } from "../../../src/http.js";
import { ENVELOPE_FIELDS } from "../../contract/envelope.js";
import { declaredHeader, isObject, isRef, isStatusKey } from "../../contract/openapi.js";
import { factsOf } from "../lib/contract.js";

/**
 * The headers a rule can require, by role, as the API's policy (`x-error-policy`) names them;
 * null when the API has no such header. Their default names are defined once, with the runtime's.
 * @type {Record<string, (policy: import("../../contract/policy.js").ErrorPolicy) => string | null>}
 */
const HEADERS = {
  requestId: (policy) => policy.requestIdHeader,
  retryAfter: (policy) => (policy.retryAfterOn429 ? RETRY_AFTER_HEADER : null),
};

/**
 * Responses declare a header: every response, or those with the listed statuses. With
 * `envelopeField`, only APIs whose envelope has that field (a `requestId` in the body is
 * echoed in a header) are checked. An API whose policy has no such header is skipped.
 */
export default createRulesetFunction(
  {
    input: { type: "object" },
    options: {
      type: "object",
      properties: {
        header: { enum: Object.keys(HEADERS) },
        statuses: { type: "array", items: { type: "string", pattern: "^([1-5](\\d\\d|XX)|default)$" }, minItems: 1 },
        envelopeField: { enum: [...ENVELOPE_FIELDS] },
      },
      required: ["header"],
      additionalProperties: false,
    },
  },
  /**
   * @param {Record<string, unknown>} responses
   * @param {{ header: keyof typeof HEADERS, statuses?: string[],
   *   envelopeField?: import("../../contract/envelope.js").EnvelopeField }} options
   * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
   * @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined}
   */
  function responseHeader(responses, options, context) {
    const facts = factsOf(context);
    if (options.envelopeField !== undefined && facts?.envelope[options.envelopeField] === undefined) return undefined;
    const name = facts ? HEADERS[options.header]?.(facts.policy) : undefined;
    if (!name) return undefined;
    const problems = [];
    for (const [status, response] of Object.entries(responses)) {
      if (!isStatusKey(status) || (options.statuses !== undefined && !options.statuses.includes(status))) continue;
      if (!isObject(response) || isRef(response) || declaredHeader(response, name) !== undefined) continue;
      const at = [...context.path, status, ...(isObject(response.headers) ? ["headers"] : [])];
      problems.push({ path: at, message: `The ${status} response does not declare the ${name} header.` });
    }
    return problems;
  },
);
