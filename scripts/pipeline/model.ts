import type { Config } from "@redocly/openapi-core";
import type { ApiEntry } from "./apis.js";
import { bundleApi } from "./bundle.js";
import { checkSources, readCatalog, readErrorTypes, readOperationErrors, type CatalogEntry, type ErrorType, type OperationErrors } from "./catalog.js";
import { decorate } from "./decorate.js";
import { readEnvelope, type ErrorEnvelope } from "./envelope.js";
import { isObject, type OpenApiDocument } from "./openapi.js";
import { SpecProblem } from "./problem.js";

/** Everything the emitters need about one API, read once from its spec. */
export interface ApiModel {
  readonly api: ApiEntry;
  /** `Ittybit`, `WillItTrack`: the prefix of exported types and classes. */
  readonly typeName: string;
  /** `ittybit`, `willItTrack`: the prefix of exported values. */
  readonly valueName: string;
  readonly serverUrl: string;
  readonly envelope: ErrorEnvelope;
  readonly catalog: readonly CatalogEntry[];
  readonly errorTypes: readonly ErrorType[];
  readonly operations: readonly OperationErrors[];
  /** The bundled, decorated document that is written out and fed to the other tools. */
  readonly document: OpenApiDocument;
}

export async function readModel(api: ApiEntry, config: Config): Promise<ApiModel> {
  const { document: bundled, sources } = await bundleApi(api.root, config);
  const envelope = readEnvelope(bundled, api.root);
  checkSources(sources, envelope);
  const catalog = readCatalog(bundled, envelope);
  const typeName = bundled.info.title.replace(/[^A-Za-z0-9]/g, "");
  if (!/^[A-Z]/.test(typeName)) {
    throw new SpecProblem(api.root, undefined, `info.title "${bundled.info.title}" does not start with a capital letter.`, "Set `info.title` to the API's name, such as `Ittybit`; exported names are made from it.");
  }
  const server = Array.isArray(bundled.servers) && isObject(bundled.servers[0]) ? bundled.servers[0].url : undefined;
  return {
    api,
    typeName,
    valueName: typeName[0]!.toLowerCase() + typeName.slice(1),
    serverUrl: typeof server === "string" ? server : "",
    envelope,
    catalog,
    errorTypes: envelope.type ? readErrorTypes(bundled) : [],
    operations: readOperationErrors(bundled, catalog),
    document: decorate(bundled, catalog),
  };
}
