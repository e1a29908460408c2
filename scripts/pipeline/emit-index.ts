import type { ApiModel } from "./model.js";
import { tsHeader, type OutputFile } from "./output.js";

/** The entry point consumers import as `<package>/<api>`. */
export function emitIndex(model: ApiModel): OutputFile[] {
  const content = `${tsHeader()}export type { paths, components, operations } from "./schema.js";
export * from "./errors.js";
export * from "./client.js";
`;
  return [{ path: `generated/${model.api.name}/index.ts`, content }];
}
