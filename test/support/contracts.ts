// The real specs' contracts, read once per test file through the one reader.
import { resolve } from "node:path";
import { readContracts, type Contract } from "../../scripts/contract/index.js";

export const root = resolve(import.meta.dirname, "../..");
export const API_NAMES = ["ittybit", "willittrack"] as const;

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
