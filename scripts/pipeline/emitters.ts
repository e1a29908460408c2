import { emitCatalog } from "./emit-catalog.js";
import { emitClient } from "./emit-client.js";
import { emitDocsSite, warmUpDocs } from "./emit-docs.js";
import { emitIndex } from "./emit-index.js";
import { emitSpec } from "./emit-spec.js";
import { emitTesting } from "./emit-testing.js";
import { emitTypes } from "./emit-types.js";
import type { ApiModel } from "./model.js";
import type { OutputFile } from "./output.js";

/** One step of `npm run generate` for one API. */
export interface ApiEmitter {
  readonly step: string;
  readonly emit: (model: ApiModel) => OutputFile[] | Promise<OutputFile[]>;
}

/** One step that sees every API at once (for pages that span them). */
export interface ProjectEmitter {
  readonly step: string;
  readonly emit: (models: readonly ApiModel[]) => OutputFile[] | Promise<OutputFile[]>;
}

export const apiEmitters: readonly ApiEmitter[] = [
  { step: "docs prep", emit: warmUpDocs },
  { step: "bundle", emit: emitSpec },
  { step: "types", emit: emitTypes },
  { step: "catalog", emit: emitCatalog },
  { step: "client", emit: emitClient },
  { step: "index", emit: emitIndex },
  { step: "testing", emit: emitTesting },
];

export const projectEmitters: readonly ProjectEmitter[] = [{ step: "docs", emit: emitDocsSite }];
