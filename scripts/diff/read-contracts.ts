// The one place the diff reads a checkout: every API of its redocly.yaml, through the project's
// contract reader. An API the checkout does not list is simply absent (the diff reports it as
// added or removed), not an error.
import { readApis, readContracts as readAll, type Contract } from "../contract/index.js";

export interface ReadOptions {
  /** Read only the API with this name (`undefined`: all). */
  readonly only?: string | undefined;
  /** The checkout is someone else's (a git ref): read nothing outside it, nothing remote, run no plugin. */
  readonly confined?: boolean;
}

export async function readContracts(configPath: string, { only, confined }: ReadOptions = {}): Promise<Contract[]> {
  const options = { ...(confined && { confined }) };
  if (only === undefined) return readAll(configPath, options);
  const listed = (await readApis(configPath)).some((api) => api.name === only);
  return listed ? readAll(configPath, { ...options, only }) : [];
}
