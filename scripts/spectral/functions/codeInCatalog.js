// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { classifyMember, errorBodies } from "../../contract/facts.js";
import { factsOf, memberSite } from "../lib/contract.js";

/**
 * Error bodies list codes only through the catalog: a schema with a `const` code must be the
 * catalog schema listed under `components.schemas`, or the generated types and docs miss it.
 */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function codeInCatalog(responses, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const codes = new Set(contract.catalog.map((entry) => entry.code));
    const problems = [];
    for (const body of errorBodies(contract.document, responses)) {
      for (const member of body.members) {
        const found = classifyMember(member, contract);
        if (found.kind !== "foreign") continue;
        const message = codes.has(found.code)
          ? `The ${body.status} body lists a copy of code "${found.code}"; \`$ref\` its catalog schema instead.`
          : `The ${body.status} body lists code "${found.code}", which is not in the catalog; ` +
            "add its schema under components.schemas.";
        problems.push({ path: memberSite(body, context.path), message });
      }
    }
    return problems;
  },
);
