// The one place the diff reads a checkout: every API of its redocly.yaml, through the project's
// contract reader. An API the checkout does not list is simply absent (the diff reports it as
// added or removed), not an error.
import { readApis, readContracts as readAll, type Contract } from "../contract/index.js";

export interface ReadOptions {
  /** Read only the API with this name (`undefined`: all). */
  readonly only?: string | undefined;
}

export async function readContracts(configPath: string, { only }: ReadOptions = {}): Promise<Contract[]> {
  if (only === undefined) return readAll(configPath);
  const listed = (await readApis(configPath)).some((api) => api.name === only);
  return listed ? readAll(configPath, { only }) : [];
}
