// @ts-check
// The tables generated code holds (generated/<api>/errors.ts), derived from the contract model
// once: the emitters print them as they are, and the server kit and `npm run verify` read them
// as the runtime does (src/tables.js). A declaration the spec shares (a response or a header in
// `components`) is one object, wherever an operation uses it, so that an emitter can write it once.

/** @typedef {import("./model.js").CatalogEntry} CatalogEntry */
/** @typedef {import("./model.js").ErrorType} ErrorType */
/** @typedef {import("./model.js").Operation} Operation */
/** @typedef {import("./model.js").OperationError} OperationError */
/** @typedef {import("./model.js").ResponseHeader} ResponseHeader */
/** @typedef {import("../../src/tables.js").Envelope} Envelope */
/**
 * What the spec states about one response header.
 * @typedef {{ required: boolean, example?: string }} HeaderTable
 */
/**
 * One status of the operation table.
 * @typedef {{ codes: string[], open: boolean, headers: Record<string, HeaderTable> }} StatusTable
 */
/**
 * A catalog entry as generated code holds it: `statuses` only for a code sent with several.
 * @typedef {Omit<CatalogEntry, "schema" | "statuses"> & { statuses?: number[] }} CatalogTable
 */
/**
 * @typedef {object} ContractTables
 * @property {Envelope} envelope
 * @property {import("../../src/tables.js").ErrorPolicy} policy what the runtime follows of the API's `x-error-policy`
 * @property {Record<string, CatalogTable>} catalog by code, in the catalog's order
 * @property {Record<string, { type?: string }>} codeTypes each code with its type: all a client reads of the catalog
 * @property {Record<string, string[]>} codesByStatus the codes of each status, across all operations
 * @property {Record<string, Record<string, StatusTable>>} operations by operation key, then status
 * @property {Record<string, StatusTable>} sharedResponses the shared responses (`components.responses`) that
 *   operations name, by name, in the order of the status they are first named under
 * @property {Record<string, HeaderTable>} sharedHeaders the shared headers (`components.headers`) that those
 *   statuses declare, by name, in the order of first use
 * @property {Record<string, Omit<ErrorType, "type">>} errorTypes by type; empty when the envelope has none
 * @property {Record<string, string[]>} successStatuses by operation key
 */

/**
 * @param {Envelope} envelope
 * @param {import("./policy.js").ErrorPolicy} policy
 * @param {CatalogEntry[]} catalog
 * @param {ErrorType[]} errorTypes
 * @param {Operation[]} operations
 * @returns {ContractTables}
 */
export function tablesOf(envelope, policy, catalog, errorTypes, operations) {
  /** @type {Map<string, HeaderTable>} */
  const sharedHeaders = new Map();
  /** @param {ResponseHeader} header */
  const headerTable = ({ required, example, component }) => {
    const table = example === undefined ? { required } : { required, example };
    if (component === undefined) return table;
    if (!sharedHeaders.has(component)) sharedHeaders.set(component, table);
    return /** @type {HeaderTable} */ (sharedHeaders.get(component));
  };
  /** @type {Map<string, { status: string, table: StatusTable }>} */
  const sharedResponses = new Map();
  /** @param {OperationError} error */
  const statusTable = ({ status, codes, open, headers, response }) => {
    const table = { codes, open, headers: Object.fromEntries(headers.map((h) => [h.name, headerTable(h)])) };
    if (response === undefined) return table;
    if (!sharedResponses.has(response)) sharedResponses.set(response, { status, table });
    return /** @type {{ table: StatusTable }} */ (sharedResponses.get(response)).table;
  };
  const operationTable = Object.fromEntries(
    operations.map((op) => [op.key, Object.fromEntries(op.errors.map((error) => [error.status, statusTable(error)]))]),
  );
  // By the status they are first named under, then by name: a reader finds 401 after 400.
  const responses = [...sharedResponses].sort(
    ([a, x], [b, y]) => (x.status < y.status ? -1 : x.status > y.status ? 1 : 0) || (a < b ? -1 : 1),
  );
  return {
    envelope,
    policy: { requestIdHeader: policy.requestIdHeader, retryAfterOn429: policy.retryAfterOn429 },
    catalog: Object.fromEntries(catalog.map((entry) => [entry.code, catalogTable(entry)])),
    codeTypes: Object.fromEntries(catalog.map(({ code, type }) => [code, type === undefined ? {} : { type }])),
    codesByStatus: codesByStatus(catalog),
    operations: operationTable,
    sharedResponses: Object.fromEntries(responses.map(([name, { table }]) => [name, table])),
    sharedHeaders: Object.fromEntries(sharedHeaders),
    errorTypes: Object.fromEntries(errorTypes.map(({ type, ...rest }) => [type, rest])),
    successStatuses: Object.fromEntries(operations.map((op) => [op.key, op.successStatuses])),
  };
}

/**
 * @param {CatalogEntry} entry
 * @returns {CatalogTable}
 */
function catalogTable({ schema, statuses, ...entry }) {
  if (statuses.length < 2) return entry;
  // After `status`, where a reader of the generated catalog looks for it.
  const { code, status, ...rest } = entry;
  return { code, status, statuses, ...rest };
}

/**
 * @param {CatalogEntry[]} catalog
 * @returns {Record<string, string[]>}
 */
function codesByStatus(catalog) {
  /** @type {Record<string, string[]>} */
  const byStatus = {};
  for (const { code, statuses } of catalog) {
    for (const status of statuses) {
      const codes = byStatus[status] ?? [];
      codes.push(code);
      byStatus[status] = codes;
    }
  }
  return byStatus;
}
