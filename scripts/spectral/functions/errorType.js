// @ts-check
import { createRulesetFunction } from "@stoplight/spectral-core";
import { constAt, schemaPathOf } from "../../contract/envelope.js";
import { declaredStatuses } from "../../contract/facts.js";
import { factsOf, schemaPath } from "../lib/contract.js";

/** @typedef {import("@stoplight/spectral-core").IFunctionResult} Result */

/**
 * In an API whose envelope has a `type`, each catalog schema's type is one of the error types
 * (the `const` variants with `x-error-statuses`) and that type is used with the schema's
 * `x-error-status`. APIs without `type` in their envelope are skipped.
 */
export default createRulesetFunction(
  { input: null, options: null },
  /** @returns {Result[] | undefined} */
  function errorType(_input, _options, context) {
    const contract = factsOf(context);
    const pointer = contract?.envelope.type;
    if (!contract || !pointer) return undefined;
    if (contract.errorTypes.length === 0) {
      return [
        {
          path: ["x-error-envelope", "type"],
          message:
            "The envelope has a type, but no schema lists the error types (`const` variants with `x-error-statuses`).",
        },
      ];
    }
    const problems = [];
    for (const entry of contract.catalog) {
      const { code, schema } = entry;
      const at = schemaPath(entry);
      const type = constAt(schema, pointer);
      const where = [...at, ...schemaPathOf(pointer)];
      const known = contract.errorTypes.find((t) => t.type === type);
      // The first of the code's statuses its type is not used with.
      const status = (declaredStatuses(schema) ?? []).find((s) => !known?.statuses.includes(s));
      if (type === undefined)
        problems.push({ path: at, message: `Error schema "${code}" has no \`const\` type at /${pointer.join("/")}.` });
      else if (!known)
        problems.push({
          path: [...where, "const"],
          message: `Error schema "${code}" has type "${type}", which is not an error type.`,
        });
      else if (status !== undefined) {
        const fitting = contract.errorTypes.filter((t) => t.statuses.includes(status)).map((t) => `"${t.type}"`);
        const hint = fitting.length > 0 ? `; use ${fitting.join(" or ")}` : "";
        problems.push({
          path: [...where, "const"],
          message:
            `Error schema "${code}" has status ${status} but type "${type}", ` +
            `which is used with ${known.statuses.join(", ")}${hint}.`,
        });
      }
    }
    return problems;
  },
);
