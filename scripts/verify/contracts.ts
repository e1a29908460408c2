// What `npm run verify` needs of each API, read through the one contract module: its name,
// server URL, operations and the checker's tables.
import type { CheckTables } from "../../src/kit/check.js";
import { readContracts, type Contract } from "../contract/index.js";
import { checkTablesOf } from "../pipeline/check-tables.js";

export interface VerifiedApi {
  readonly name: string;
  readonly serverUrl: string;
  readonly operations: Contract["operations"];
  readonly tables: CheckTables;
}

/** The APIs listed in the config (only the one named `only`, when given). */
export async function readVerifiedApis(configPath: string, only?: string): Promise<VerifiedApi[]> {
  const contracts = await readContracts(configPath, only === undefined ? {} : { only });
  return contracts.map((contract) => ({
    name: contract.name,
    serverUrl: contract.serverUrl,
    operations: contract.operations,
    tables: checkTablesOf(contract),
  }));
}
