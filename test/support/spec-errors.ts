// What a spec states about each error code, read through the pipeline's one reader of the
// contract (so the tests check the facts every output is made from, not a second parse).
import { loadConfig } from "@redocly/openapi-core";
import { resolve } from "node:path";
import { readApis } from "../../scripts/pipeline/apis.js";
import { readModel } from "../../scripts/pipeline/model.js";

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
  process.env.REDOCLY_TELEMETRY = "off";
  const api = (await readApis(CONFIG_PATH)).find((a) => a.name === apiName);
  if (!api) throw new Error(`No API "${apiName}" under apis: in redocly.yaml.`);
  const model = await readModel(api, await loadConfig({ configPath: CONFIG_PATH }));
  const schemas = model.document.components.schemas ?? {};
  return new Map(
    model.catalog.map((entry) => {
      const inferred = schemas[entry.schema]?.["x-inferred"];
      const facts: SpecError = {
        code: entry.code,
        status: entry.status,
        ...(entry.type === undefined ? {} : { type: entry.type }),
        ...(typeof inferred === "string" ? { inferred } : {}),
      };
      return [entry.code, facts];
    }),
  );
}
