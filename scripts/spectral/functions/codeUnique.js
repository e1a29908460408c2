// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { contractOf } from "../lib/catalog.js";
import { schemaPathOf } from "../lib/envelope.js";

/** No two catalog schemas of one API carry the same code. */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeUnique(_input, _options, context) {
    const contract = contractOf(context);
    if (!contract) return undefined;
    /** @type {Map<string, string>} */
    const first = new Map();
    const problems = [];
    for (const { name, code, at } of contract.catalog) {
      const other = first.get(code);
      if (other === undefined) first.set(code, name);
      else problems.push({ path: [...at, ...schemaPathOf(contract.envelope.code), "const"], message: `Code "${code}" is defined twice: by components.schemas.${other} and by components.schemas.${name}.` });
    }
    return problems;
  },
);
