import { loadConfig } from "@redocly/openapi-core";
import { readApis } from "./apis.js";
import { apiEmitters, projectEmitters } from "./emitters.js";
import { readModel, type ApiModel } from "./model.js";
import type { OutputFile } from "./output.js";

export interface RunOptions {
  /** redocly.yaml, which lists the APIs. */
  readonly configPath: string;
  /** Called once per finished step, for progress output. */
  readonly onStep?: (api: string, step: string, ms: number) => void;
}

/** Produces every generated file in memory; writing or comparing them is the caller's choice. */
export async function produce({ configPath, onStep = () => {} }: RunOptions): Promise<OutputFile[]> {
  process.env.REDOCLY_TELEMETRY = "off";
  const apis = await readApis(configPath);
  const config = await loadConfig({ configPath });
  const files: OutputFile[] = [];
  const models: ApiModel[] = [];
  for (const api of apis) {
    let started = performance.now();
    const model = await readModel(api, config);
    onStep(api.name, "read spec", performance.now() - started);
    models.push(model);
    for (const emitter of apiEmitters) {
      started = performance.now();
      files.push(...(await emitter.emit(model)));
      onStep(api.name, emitter.step, performance.now() - started);
    }
  }
  for (const emitter of projectEmitters) {
    const started = performance.now();
    files.push(...(await emitter.emit(models)));
    onStep("all", emitter.step, performance.now() - started);
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
