// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { usedCodes } from "../../contract/facts.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/** Every catalog code is listed by at least one operation's error response. */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeReachable(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const used = usedCodes(contract);
    return contract.catalog
      .filter(({ code }) => !used.has(code))
      .map((entry) => ({
        path: schemaPath(entry),
        message:
          `Code "${entry.code}" is in the catalog but no operation's error response lists it; ` +
          "add it where it can be returned, or remove it.",
      }));
  },
);
