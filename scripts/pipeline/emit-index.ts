import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/** The entry point consumers import as `<package>/<api>`. */
export function emitIndex(contract: Contract): OutputFile[] {
  const content = `${tsHeader()}export type { paths, components, operations } from "./schema.js";
export * from "./errors.js";
export * from "./client.js";
`;
  return [{ path: `generated/${contract.name}/index.ts`, content }];
}
