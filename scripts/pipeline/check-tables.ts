import type { CheckTables } from "../../src/kit/check.js";
import { isObject, operationsOf, type Contract } from "../contract/index.js";
import { errorTablesOf } from "./error-tables.js";

/** The tables the response checker reads: the builder's tables with each operation's success statuses. */
export function checkTablesOf(contract: Contract): CheckTables {
  return { ...errorTablesOf(contract), successStatuses: successStatusesOf(contract) };
}

/** Each operation's non-error statuses (`200`, `2XX`), which the checker holds success responses to. */
export function successStatusesOf(contract: Contract): { [operation: string]: string[] } {
  const result: { [operation: string]: string[] } = {};
  for (const { path, method, operation } of operationsOf(contract.document)) {
    const responses = isObject(operation.responses) ? Object.keys(operation.responses) : [];
    result[`${method.toUpperCase()} ${path}`] = responses.filter((status) => /^[123]/.test(status)).sort();
  }
  return result;
}
