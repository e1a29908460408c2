// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { contractOf } from "../lib/catalog.js";
import { schemaPathOf } from "../lib/envelope.js";

/** Every catalog code matches the project's code format (snake_case). */
export default createRulesetFunction(
  {
    input: null,
    options: {
      type: "object",
      properties: { pattern: { type: "string", minLength: 1 } },
      required: ["pattern"],
      additionalProperties: false,
    },
  },
  /**
   * @param {unknown} _input
   * @param {{ pattern: string }} options
   * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
   * @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined}
   */
  function codeFormat(_input, options, context) {
    const contract = contractOf(context);
    if (!contract) return undefined;
    const format = new RegExp(options.pattern);
    return contract.catalog
      .filter(({ code }) => !format.test(code))
      .map(({ code, at }) => ({
        path: [...at, ...schemaPathOf(contract.envelope.code), "const"],
        message: `Code "${code}" is not snake_case: codes must match ${options.pattern}.`,
      }));
  },
);
