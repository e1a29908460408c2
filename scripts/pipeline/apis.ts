import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { SpecProblem } from "./problem.js";

export interface ApiEntry {
  /** The key under `apis:` in redocly.yaml; also the folder name under generated/. */
  readonly name: string;
  /** Absolute path of the root document. */
  readonly root: string;
  /** Absolute path of the folder that holds the root document and its files. */
  readonly dir: string;
}

/** Reads the APIs to generate from redocly.yaml, the one list of APIs in the project. */
export async function readApis(configPath: string): Promise<ApiEntry[]> {
  const config = parse(await readFile(configPath, "utf8")) as { apis?: Record<string, { root?: unknown }> } | null;
  const apis = Object.entries(config?.apis ?? {});
  if (apis.length === 0) {
    throw new SpecProblem(configPath, undefined, "No APIs are listed.", "Add each API under `apis:` with its `root`.");
  }
  return apis
    .map(([name, api]) => {
      if (typeof api?.root !== "string") {
        throw new SpecProblem(configPath, undefined, `API "${name}" has no root.`, "Give it `root: openapi/<api>/openapi.yaml`.");
      }
      const root = resolve(dirname(configPath), api.root);
      return { name, root, dir: dirname(root) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
