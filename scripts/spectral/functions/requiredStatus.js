// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { statusCovers } from "../../../src/tables.js";
import { isObject, takesCredentials } from "../../contract/openapi.js";
import { describeOperation, resolvedRoot } from "../lib/contract.js";

/**
 * @type {Record<string, { applies: (operation: Record<string, unknown>, root: unknown) => boolean,
 *   reason: string }>}
 */
const CONDITIONS = {
  // An optional-auth operation (`- {}` among its requirements) still rejects a bad key.
  authenticated: {
    applies: takesCredentials,
    reason: "accepts credentials",
  },
  requestBody: {
    applies: (operation) => operation.requestBody !== undefined,
    reason: "has a request body",
  },
};

/** An operation that meets a condition declares a response for the given status. */
export default createRulesetFunction(
  {
    input: { type: "object" },
    options: {
      type: "object",
      properties: {
        status: { type: "string", pattern: "^[45]\\d\\d$" },
        when: { enum: Object.keys(CONDITIONS) },
      },
      required: ["status", "when"],
      additionalProperties: false,
    },
  },
  /**
   * @param {Record<string, unknown>} operation
   * @param {{ status: string, when: string }} options
   * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
   * @returns {import("@stoplight/spectral-core").IFunctionResult[]}
   */
  function requiredStatus(operation, options, context) {
    const condition = CONDITIONS[options.when];
    if (!condition?.applies(operation, resolvedRoot(context))) return [];
    const responses = isObject(operation.responses) ? Object.keys(operation.responses) : [];
    const status = Number(options.status);
    if (responses.some((key) => key !== "default" && statusCovers(key, status))) return [];
    return [
      {
        path: [...context.path, "responses"],
        message: `${describeOperation(context.path)} ${condition.reason} but declares no ${options.status} response.`,
      },
    ];
  },
);
