// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { classifyMember, declaredStatuses, errorBodies } from "../../contract/facts.js";
import { statusCovers } from "../../../src/tables.js";
import { factsOf, memberSite } from "../lib/contract.js";

/**
 * A catalog schema listed under an error response has the `x-error-status` of that response:
 * the status lives once on the schema, and each response only lists codes it can send.
 */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function errorStatus(responses, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const problems = [];
    for (const body of errorBodies(contract.document, responses)) {
      for (const member of body.members) {
        const found = classifyMember(member, contract);
        if (found.kind !== "catalog") continue;
        const declared = declaredStatuses(found.entry.schema);
        if (declared === undefined || declared.some((status) => statusCovers(body.status, status))) continue;
        problems.push({
          path: memberSite(body, context.path),
          message:
            `Code "${found.entry.code}" has x-error-status ${declared.join(", ")} ` +
            `but is listed under the ${body.status} response.`,
        });
      }
    }
    return problems;
  },
);
