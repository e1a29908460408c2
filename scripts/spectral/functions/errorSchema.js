// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { missingEnvelopeFields, printPointer } from "../../contract/envelope.js";
import { declaredStatuses } from "../../contract/facts.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/**
 * Every catalog schema is a complete error envelope (each envelope field a required property)
 * and records the HTTP status it is sent with as an integer `x-error-status` from 400 to 599.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {import("@stoplight/spectral-core").IFunctionResult[] | undefined} */
  function errorSchema(_input, _options, context) {
    const contract = factsOf(context);
    if (!contract) return undefined;
    const problems = [];
    for (const entry of contract.catalog) {
      const { code, schema } = entry;
      const at = schemaPath(entry);
      for (const field of missingEnvelopeFields(schema, contract.envelope)) {
        const pointer = printPointer(contract.envelope[field] ?? []);
        problems.push({
          path: at,
          message: `Error schema "${code}" does not require the envelope's ${field} (${pointer}).`,
        });
      }
      const status = schema["x-error-status"];
      if (declaredStatuses(schema) === undefined) {
        const problem = status === undefined ? "has no x-error-status" : `has x-error-status ${JSON.stringify(status)}`;
        const fix =
          "give the HTTP status it is sent with, an integer from 400 to 599 (a list of distinct ones for a code " +
          "sent with several)";
        problems.push({
          path: status === undefined ? at : [...at, "x-error-status"],
          message: `Error schema "${code}" ${problem}; ${fix}.`,
        });
      }
    }
    return problems;
  },
);
