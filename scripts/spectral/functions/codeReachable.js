// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { contractOf, usedCodes } from "../lib/catalog.js";

/** Every catalog code is listed by at least one operation's error response. */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeReachable(_input, _options, context) {
    const contract = contractOf(context);
    if (!contract) return undefined;
    const used = usedCodes(contract);
    return contract.catalog
      .filter(({ code }) => !used.has(code))
      .map(({ code, at }) => ({
        path: at,
        message: `Code "${code}" is in the catalog but no operation's error response lists it; add it where it can be returned, or remove it.`,
      }));
  },
);
