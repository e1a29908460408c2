// What the diff reads of a contract (scripts/contract/): tests build these by hand.
import type { Contract } from "../contract/index.js";

export type { Contract };
export type ContractView = Pick<
  Contract,
  "name" | "typeName" | "envelope" | "fields" | "catalog" | "errorTypes" | "operations"
> & { readonly policy?: Contract["policy"] };
export type ContractCode = Contract["catalog"][number];
export type ContractErrorType = Contract["errorTypes"][number];
export type ContractOperation = Contract["operations"][number];
export type ContractError = ContractOperation["errors"][number];
