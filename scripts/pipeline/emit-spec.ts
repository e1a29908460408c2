import { stringifyYaml } from "@redocly/openapi-core";
import type { Contract } from "../contract/index.js";
import { yamlHeader, type OutputFile } from "../output.js";

/** The bundled single-file spec, for Prism, Redoc and consumers in other languages. */
export function emitSpec(contract: Contract): OutputFile[] {
  // js-yaml (through Redocly) writes large documents several times faster than `yaml`.
  const body = stringifyYaml(contract.document, { noRefs: true, lineWidth: -1 });
  return [{ path: `generated/${contract.name}/openapi.yaml`, content: yamlHeader() + body }];
}
