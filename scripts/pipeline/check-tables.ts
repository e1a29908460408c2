import type { CheckTables } from "../../src/kit/check.js";
import { isObject, operationsOf, type Contract } from "../contract/index.js";

/** The tables the response checker reads, made from one API's contract: the facts errors.ts exports. */
export function checkTablesOf(contract: Contract): CheckTables {
  const headers = (list: Contract["operations"][number]["errors"][number]["headers"]) =>
    Object.fromEntries(list.map(({ name, required }) => [name, { required }]));
  return {
    envelope: contract.envelope,
    catalog: Object.fromEntries(
      contract.catalog.map(({ code, status, type }) => [code, { status, ...(type === undefined ? {} : { type }) }]),
    ),
    operations: Object.fromEntries(
      contract.operations.map((op) => [
        op.key,
        Object.fromEntries(op.errors.map((r) => [r.status, { codes: r.codes, open: r.open, headers: headers(r.headers) }])),
      ]),
    ),
    ...(contract.errorTypes.length > 0
      ? { errorTypes: Object.fromEntries(contract.errorTypes.map((t) => [t.type, { statuses: t.statuses }])) }
      : {}),
    successStatuses: successStatusesOf(contract),
  };
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
