// The one adapter between a checkout and the diff: reads every API of a redocly.yaml into the
// contract model. It maps the pipeline's `readModel` onto the interface of scripts/contract/
// until that module lands; then this file becomes a call to its `readContracts`.
import { loadConfig } from "@redocly/openapi-core";
import { readApis } from "../pipeline/apis.js";
import { readModel, type ApiModel } from "../pipeline/model.js";
import { deref, isObject, type Json, type JsonObject, type OpenApiDocument } from "../pipeline/openapi.js";
import type { Contract, ContractError, ContractHeader } from "./contract.js";

export interface ReadOptions {
  /** Read only the API with this name (`undefined`: all). */
  readonly only?: string | undefined;
}

export async function readContracts(configPath: string, { only }: ReadOptions = {}): Promise<Contract[]> {
  process.env.REDOCLY_TELEMETRY = "off";
  const apis = (await readApis(configPath)).filter((api) => only === undefined || api.name === only);
  if (apis.length === 0) return [];
  const config = await loadConfig({ configPath });
  const contracts: Contract[] = [];
  for (const api of apis) contracts.push(toContract(await readModel(api, config)));
  return contracts;
}

function toContract(model: ApiModel): Contract {
  const doc = model.document;
  const schemas = doc.components.schemas ?? {};
  return {
    name: model.api.name,
    root: model.api.root,
    title: doc.info.title,
    typeName: model.typeName,
    valueName: model.valueName,
    version: String(doc.info.version ?? ""),
    serverUrl: model.serverUrl,
    envelope: model.envelope,
    catalog: model.catalog.map(({ retryable: _derived, ...entry }) => ({
      ...entry,
      inferred: inferredOf(schemas[entry.schema]),
    })),
    errorTypes: model.errorTypes.map((t) => ({ ...t, inferred: inferredOf(errorTypeNode(doc, t.type)) })),
    operations: model.operations.map((op) => {
      const operation = doc.paths[op.path]?.[op.method.toLowerCase()];
      const responses = isObject(operation) && isObject(operation.responses) ? operation.responses : {};
      return {
        key: `${op.method} ${op.path}`,
        method: op.method,
        path: op.path,
        operationId: op.operationId,
        inferred: inferredOf(operation),
        errors: op.responses.map((r): ContractError => {
          const response = deref(doc, responses[r.status]);
          return { ...r, headers: headersOf(doc, response), inferred: inferredOf(response) };
        }),
      };
    }),
    document: doc,
  };
}

/** The headers an error response declares; the pipeline's reader does not keep them. */
function headersOf(doc: OpenApiDocument, response: Json | undefined): ContractHeader[] {
  const headers = isObject(response) && isObject(response.headers) ? response.headers : {};
  return Object.entries(headers).map(([name, value]) => {
    const header = deref(doc, value);
    const schema = isObject(header) ? deref(doc, header.schema) : undefined;
    const example = (isObject(header) ? header.example : undefined) ?? (isObject(schema) ? schema.example : undefined);
    const required = isObject(header) && header.required === true;
    return { name, required, ...(example === undefined ? {} : { example }) };
  });
}

function errorTypeNode(doc: OpenApiDocument, type: string): Json | undefined {
  for (const schema of Object.values(doc.components.schemas ?? {})) {
    const variants = Array.isArray(schema.oneOf) ? schema.oneOf : [];
    const found = variants.find((v) => isObject(v) && v.const === type && Array.isArray(v["x-error-statuses"]));
    if (found) return found;
  }
  return undefined;
}

function inferredOf(node: Json | JsonObject | undefined): string | undefined {
  const reason = isObject(node) ? node["x-inferred"] : undefined;
  return typeof reason === "string" ? reason.trim() : undefined;
}
