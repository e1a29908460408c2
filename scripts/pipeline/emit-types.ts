import openapiTS, { astToString } from "openapi-typescript";
import type { ApiModel } from "./model.js";
import { tsHeader, type OutputFile } from "./output.js";

/** TypeScript types of paths, operations and components, through openapi-typescript's API. */
export async function emitTypes(model: ApiModel): Promise<OutputFile[]> {
  // openapi-typescript keeps `const` literals (no `discriminator` is used, on purpose).
  // defaultNonNullable off: a request field with a `default` stays optional for the caller.
  const ast = await openapiTS(structuredClone(model.document) as never, { silent: true, defaultNonNullable: false });
  return [{ path: `generated/${model.api.name}/schema.ts`, content: tsHeader() + astToString(ast) }];
}
