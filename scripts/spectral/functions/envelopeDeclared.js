// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { envelopeProblems } from "../../contract/envelope.js";
import { isObject } from "../../contract/openapi.js";

/** The root declares `x-error-envelope` with a JSON pointer for each envelope field. */
export default createRulesetFunction(
  { input: { type: "object" }, options: null },
  /**
   * @param {Record<string, unknown>} root
   * @returns {import("@stoplight/spectral-core").IFunctionResult[]}
   */
  function envelopeDeclared(root) {
    return envelopeProblems(isObject(root) ? root["x-error-envelope"] : undefined).map(({ path, problem, fix }) => ({
      path,
      message: `${problem} ${fix}`,
    }));
  },
);
