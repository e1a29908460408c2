// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { schemaPathOf } from "../../contract/envelope.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/**
 * No two catalog schemas of one API carry the same code, nor codes that differ only in case:
 * a code's docs anchor is its lower-case spelling (src/docs-anchor.js), which they would share.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeUnique(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    /** @type {Map<string, { name: string, code: string }>} */
    const first = new Map();
    const problems = [];
    for (const entry of contract.catalog) {
      const { name, code } = entry;
      const other = first.get(code.toLowerCase());
      if (other === undefined) first.set(code.toLowerCase(), { name, code });
      else
        problems.push({
          path: [...schemaPath(entry), ...schemaPathOf(contract.envelope.code), "const"],
          message:
            other.code === code
              ? `Code "${code}" is defined twice: by components.schemas.${other.name} and by ` +
                `components.schemas.${name}.`
              : `Code "${code}" differs from "${other.code}" (components.schemas.${other.name}) only in case; ` +
                "their docs anchors would be one.",
        });
    }
    return problems;
  },
);
