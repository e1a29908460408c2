// What `npm run verify` needs of each API, read through the one contract module: its name,
// server URL, operations and the checker's tables (the model's, as the server kit reads them).
import type { CheckTables } from "../../src/kit/check.js";
import { readContracts, type Contract } from "../contract/index.js";

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
    tables: contract.tables,
  }));
}
