// The one place `npm run verify` reads the contract: each API's name, server URL, operations and
// the checker's tables, from the same model the pipeline generates from.
import { loadConfig } from "@redocly/openapi-core";
import type { CheckTables } from "../../src/kit/check.js";
import { readApis } from "../pipeline/apis.js";
import { checkTablesOf } from "../pipeline/check-tables.js";
import { readModel } from "../pipeline/model.js";

export interface VerifiedApi {
  readonly name: string;
  readonly serverUrl: string;
  /** Every operation: `key` is `METHOD /path/{template}`. */
  readonly operations: readonly { readonly key: string; readonly method: string; readonly path: string }[];
  readonly tables: CheckTables;
}

/** The APIs listed in the config (only the one named `only`, when given). */
export async function readVerifiedApis(configPath: string, only?: string): Promise<VerifiedApi[]> {
  process.env.REDOCLY_TELEMETRY = "off";
  const config = await loadConfig({ configPath });
  const all = await readApis(configPath);
  const apis = all.filter((api) => only === undefined || api.name === only);
  if (apis.length === 0) {
    throw new Error(`No API is named "${only}". Known APIs: ${all.map((a) => a.name).join(", ")}.`);
  }
  return Promise.all(
    apis.map(async (api) => {
      const model = await readModel(api, config);
      const operations = model.operations.map(({ method, path }) => ({ key: `${method} ${path}`, method, path }));
      return { name: api.name, serverUrl: model.serverUrl, operations, tables: checkTablesOf(model) };
    }),
  );
}
