import type { CheckTables } from "../../src/kit/check.js";
import type { ApiModel } from "./model.js";
import { isObject, operations } from "./openapi.js";

/** The tables the response checker reads, made from one API's model: the same facts the catalog module exports. */
export function checkTablesOf(model: ApiModel): CheckTables {
  return {
    envelope: model.envelope,
    catalog: Object.fromEntries(
      model.catalog.map(({ code, status, type }) => [code, { status, ...(type === undefined ? {} : { type }) }]),
    ),
    operations: Object.fromEntries(
      model.operations.map((op) => [
        `${op.method} ${op.path}`,
        Object.fromEntries(op.responses.map((r) => [r.status, { codes: r.codes, open: r.open }])),
      ]),
    ),
    ...(model.errorTypes.length > 0
      ? { errorTypes: Object.fromEntries(model.errorTypes.map((t) => [t.type, { statuses: t.statuses }])) }
      : {}),
    successStatuses: successStatusesOf(model),
  };
}

/** Each operation's non-error statuses (`200`, `2XX`), which the checker holds success responses to. */
export function successStatusesOf(model: ApiModel): { [operation: string]: string[] } {
  const result: { [operation: string]: string[] } = {};
  for (const { path, method, operation } of operations(model.document)) {
    const responses = isObject(operation.responses) ? Object.keys(operation.responses) : [];
    result[`${method.toUpperCase()} ${path}`] = responses.filter((status) => /^[123]/.test(status)).sort();
  }
  return result;
}
