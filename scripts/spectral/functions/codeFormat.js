// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { schemaPathOf } from "../../contract/envelope.js";
import { CODE_FORMATS } from "../../contract/policy.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/** Every catalog code matches the API's code format (`x-error-policy.codeFormat`, snake_case by default). */
export default createRulesetFunction(
  { input: null, options: null },
  /**
   * @param {unknown} _input
   * @param {null} _options
   * @param {import("@stoplight/spectral-core").RulesetFunctionContext} context
   * @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined}
   */
  function codeFormat(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const name = contract.policy.codeFormat;
    const pattern = CODE_FORMATS[name];
    const format = new RegExp(pattern);
    return contract.catalog
      .filter(({ code }) => !format.test(code))
      .map((entry) => ({
        path: [...schemaPath(entry), ...schemaPathOf(contract.envelope.code), "const"],
        message: `Code "${entry.code}" is not ${name}: codes must match ${pattern} (x-error-policy.codeFormat).`,
      }));
  },
);
