// The real specs' contracts, read once per test file through the one reader.
import { resolve } from "node:path";
import { readApis, readContracts, type Contract } from "../../scripts/contract/index.js";

export const root = resolve(import.meta.dirname, "../..");
/** Every API in redocly.yaml, by name, sorted: each per-API test runs for each. */
export const API_NAMES: readonly string[] = (await readApis(resolve(root, "redocly.yaml"))).map((api) => api.name);
/** The two vendors' APIs, for the tests that read their own research notes and seeds. */
export const VENDOR_APIS = ["ittybit", "willittrack"] as const;

let contracts: Promise<Map<string, Contract>> | undefined;

async function readAll(): Promise<Map<string, Contract>> {
  const all = await readContracts(resolve(root, "redocly.yaml"));
  return new Map(all.map((contract) => [contract.name, contract]));
}

export async function realContracts(): Promise<Map<string, Contract>> {
  contracts ??= readAll();
  return contracts;
}

export async function realContract(name: string): Promise<Contract> {
  const contract = (await realContracts()).get(name);
  if (!contract) throw new Error(`No API named ${name} in redocly.yaml`);
  return contract;
}
