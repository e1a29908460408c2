import openapiTS, { astToString } from "openapi-typescript";
import type { Contract } from "../contract/index.js";
import { tsHeader, type OutputFile } from "../output.js";

/** TypeScript types of paths, operations and components, through openapi-typescript's API. */
export async function emitTypes(contract: Contract): Promise<OutputFile[]> {
  // openapi-typescript keeps `const` literals (no `discriminator` is used, on purpose).
  // defaultNonNullable off: a request field with a `default` stays optional for the caller.
  const ast = await openapiTS(structuredClone(contract.document) as never, { silent: true, defaultNonNullable: false });
  return [{ path: `generated/${contract.name}/schema.ts`, content: tsHeader() + astToString(ast) }];
}
