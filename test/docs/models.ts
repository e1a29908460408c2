// The real specs' models, read once per test file.
import { resolve } from "node:path";
import { loadConfig } from "@redocly/openapi-core";
import { readApis } from "../../scripts/pipeline/apis.js";
import { readModel, type ApiModel } from "../../scripts/pipeline/model.js";

export const root = resolve(import.meta.dirname, "../..");
export const API_NAMES = ["ittybit", "willittrack"] as const;

let models: Promise<Map<string, ApiModel>> | undefined;

async function readAll(): Promise<Map<string, ApiModel>> {
  process.env.REDOCLY_TELEMETRY = "off";
  const configPath = resolve(root, "redocly.yaml");
  const config = await loadConfig({ configPath });
  const all = new Map<string, ApiModel>();
  for (const api of await readApis(configPath)) all.set(api.name, await readModel(api, config));
  return all;
}

export async function realModels(): Promise<Map<string, ApiModel>> {
  return (models ??= readAll());
}

export async function realModel(name: string): Promise<ApiModel> {
  const model = (await realModels()).get(name);
  if (!model) throw new Error(`No API named ${name} in redocly.yaml`);
  return model;
}
