// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { contractOf } from "../lib/catalog.js";
import { ENVELOPE_FIELDS } from "../lib/envelope.js";
import { declaresHeader, isObject, isStatusKey, isUnresolvedRef } from "../lib/openapi.js";

/**
 * Responses declare a header: every response, or those with the listed statuses. With
 * `envelopeField`, only APIs whose envelope has that field (a `requestId` in the body is
 * echoed in a header) are checked.
 */
export default createRulesetFunction(
  {
    input: { type: "object" },
    options: {
      type: "object",
      properties: {
        name: { type: "string", minLength: 1 },
        statuses: { type: "array", items: { type: "string", pattern: "^([1-5](\\d\\d|XX)|default)$" }, minItems: 1 },
        envelopeField: { enum: [...ENVELOPE_FIELDS] },
      },
      required: ["name"],
      additionalProperties: false,
    },
  },
  /**
   * @param {Record<string, unknown>} responses
   * @param {{ name: string, statuses?: string[], envelopeField?: import("../lib/envelope.js").EnvelopeField }} options
   * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
   * @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined}
   */
  function responseHeader(responses, options, context) {
    if (options.envelopeField !== undefined && contractOf(context)?.envelope[options.envelopeField] === undefined) return undefined;
    const problems = [];
    for (const [status, response] of Object.entries(responses)) {
      if (!isStatusKey(status) || (options.statuses !== undefined && !options.statuses.includes(status))) continue;
      if (!isObject(response) || isUnresolvedRef(response) || declaresHeader(response, options.name)) continue;
      const at = [...context.path, status, ...(isObject(response.headers) ? ["headers"] : [])];
      problems.push({ path: at, message: `The ${status} response does not declare the ${options.name} header.` });
    }
    return problems;
  },
);
