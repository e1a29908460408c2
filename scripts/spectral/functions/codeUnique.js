// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { schemaPathOf } from "../../contract/envelope.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/** No two catalog schemas of one API carry the same code. */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeUnique(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    /** @type {Map<string, string>} */
    const first = new Map();
    const problems = [];
    for (const entry of contract.catalog) {
      const { name, code } = entry;
      const other = first.get(code);
      if (other === undefined) first.set(code, name);
      else
        problems.push({
          path: [...schemaPath(entry), ...schemaPathOf(contract.envelope.code), "const"],
          message: `Code "${code}" is defined twice: by components.schemas.${other} and by components.schemas.${name}.`,
        });
    }
    return problems;
  },
);
