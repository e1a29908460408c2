import type { Contract } from "../contract/index.js";
import type { ErrorTables } from "../../src/kit/error-response.js";
import { operationTable } from "./emit-catalog.js";

/** The tables the error-response builder reads, as errors.ts exports them, straight from the contract. */
export function errorTablesOf(
  contract: Pick<Contract, "envelope" | "catalog" | "operations" | "errorTypes">,
): ErrorTables {
  return {
    envelope: contract.envelope,
    catalog: Object.fromEntries(contract.catalog.map((entry) => [entry.code, entry])),
    operations: operationTable(contract),
    errorTypes: Object.fromEntries(contract.errorTypes.map((type) => [type.type, type])),
  };
}
