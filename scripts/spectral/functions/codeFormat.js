// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { schemaPathOf } from "../../contract/envelope.js";
import { factsOf, schemaPath } from "../lib/contract.js";

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
    const contract = factsOf(context);
    if (!contract) return undefined;
    const format = new RegExp(options.pattern);
    return contract.catalog
      .filter(({ code }) => !format.test(code))
      .map((entry) => ({
        path: [...schemaPath(entry), ...schemaPathOf(contract.envelope.code), "const"],
        message: `Code "${entry.code}" is not snake_case: codes must match ${options.pattern}.`,
      }));
  },
);
