// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { isObject } from "../../contract/openapi.js";
import { policyProblems } from "../../contract/policy.js";

/** The root's `x-error-policy`, when it has one, holds only known settings with valid values. */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /**
   * @param {Record<string, unknown>} root
   * @returns {import("@stoplight/spectral-core").IFunctionResult[]}
   */
  function policyDeclared(root) {
    return policyProblems(isObject(root) ? root["x-error-policy"] : undefined).map(({ path, problem, fix }) => ({
      path,
      message: `${problem} ${fix}`,
    }));
  },
);
