import { readContracts } from "../contract/index.js";
import type { OutputFile } from "../output.js";
import { decorate } from "./decorate.js";
import { apiEmitters, projectEmitters } from "./emitters.js";

export interface RunOptions {
  /** redocly.yaml, which lists the APIs. */
  readonly configPath: string;
  /** Called once per finished step, for progress output. */
  readonly onStep?: (api: string, step: string, ms: number) => void;
}

/** Produces every generated file in memory; writing or comparing them is the caller's choice. */
export async function produce({ configPath, onStep = () => {} }: RunOptions): Promise<OutputFile[]> {
  // Slow set-up of the project steps (loading a renderer) runs while the specs are read.
  const projectSteps = projectEmitters.map((emitter) => ({ emitter, ready: emitter.prepare?.() }));
  let started = performance.now();
  const contracts = (await readContracts(configPath)).map((contract) => ({
    ...contract,
    document: decorate(contract),
  }));
  onStep("all", "read specs", performance.now() - started);
  // The project steps start now: the docs render on their own thread while this one runs the
  // per-API steps, so two cores share the work. Awaited (and their failure raised) below.
  const projectFiles = Promise.all(
    projectSteps.map(async ({ emitter, ready }) => {
      const begun = performance.now();
      await ready;
      const emitted = await emitter.emit(contracts);
      onStep("all", emitter.step, performance.now() - begun);
      return emitted;
    }),
  );
  projectFiles.catch(() => {}); // handled below; a per-API step may fail first
  const files: OutputFile[] = [];
  for (const contract of contracts) {
    for (const emitter of apiEmitters) {
      started = performance.now();
      files.push(...(await emitter.emit(contract)));
      onStep(contract.name, emitter.step, performance.now() - started);
    }
  }
  files.push(...(await projectFiles).flat());
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
