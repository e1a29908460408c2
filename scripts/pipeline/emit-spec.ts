import { stringify } from "yaml";
import type { ApiModel } from "./model.js";
import { yamlHeader, type OutputFile } from "./output.js";

/** The bundled single-file spec, for Prism, Redoc and consumers in other languages. */
export function emitSpec(model: ApiModel): OutputFile[] {
  const body = stringify(model.document, { lineWidth: 0, aliasDuplicateObjects: false });
  return [{ path: `generated/${model.api.name}/openapi.yaml`, content: yamlHeader() + body }];
}
