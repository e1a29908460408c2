// What a spec states about each error code, read through the one reader of the contract (so
// the tests check the facts every output is made from, not a second parse).
import { resolve } from "node:path";
import { readContracts } from "../../scripts/contract/index.js";

const CONFIG_PATH = resolve(import.meta.dirname, "../../redocly.yaml");

export interface SpecError {
  readonly code: string;
  readonly status: number;
  readonly type?: string;
  /** The schema's `x-inferred` reason: what the vendor does not document and what the spec assumed. */
  readonly inferred?: string;
}

/** Each error code of one API (its name under `apis:` in redocly.yaml), keyed by code. */
export async function specErrors(apiName: string): Promise<Map<string, SpecError>> {
  const [contract] = await readContracts(CONFIG_PATH, { only: apiName });
  if (!contract) throw new Error(`No API "${apiName}" under apis: in redocly.yaml.`);
  return new Map(
    contract.catalog.map(({ code, status, type, inferred }) => {
      const facts: SpecError = {
        code,
        status,
        ...(type === undefined ? {} : { type }),
        ...(inferred === undefined ? {} : { inferred }),
      };
      return [code, facts];
    }),
  );
}
