import { stringifyYaml } from "@redocly/openapi-core";
import type { ApiModel } from "./model.js";
import { yamlHeader, type OutputFile } from "./output.js";

/** The bundled single-file spec, for Prism, Redoc and consumers in other languages. */
export function emitSpec(model: ApiModel): OutputFile[] {
  // js-yaml (through Redocly) writes large documents several times faster than `yaml`.
  const body = stringifyYaml(model.document, { noRefs: true, lineWidth: -1 });
  return [{ path: `generated/${model.api.name}/openapi.yaml`, content: yamlHeader() + body }];
}
