import type { Contract } from "../contract/index.js";
import { emitApiPages, emitSharedPages, prepareDocs } from "../docs/emit.js";
import type { OutputFile } from "../output.js";
import { emitApis } from "./emit-apis.js";
import { emitCatalog } from "./emit-catalog.js";
import { emitClient } from "./emit-client.js";
import { emitIndex } from "./emit-index.js";
import { emitServer } from "./emit-server.js";
import { emitSpec } from "./emit-spec.js";
import { emitTesting } from "./emit-testing.js";
import { emitTypes } from "./emit-types.js";

/** One step of `npm run generate` for one API. */
export interface ApiEmitter {
  readonly step: string;
  readonly emit: (contract: Contract) => OutputFile[] | Promise<OutputFile[]>;
}

/**
 * One step whose files span every API (the docs site), made in two parts: each API's own files,
 * and the files shared by all, from every API's contract. A watcher redoes an edited API's part
 * and the shared one.
 */
export interface ProjectEmitter {
  readonly step: string;
  /** Starts slow set-up that needs no spec, so that it overlaps reading them; the parts wait for it. */
  readonly prepare?: () => Promise<void>;
  readonly api: (contract: Contract) => Promise<OutputFile[]>;
  readonly shared: (contracts: readonly Contract[]) => Promise<OutputFile[]>;
}

export const apiEmitters: readonly ApiEmitter[] = [
  { step: "bundle", emit: emitSpec },
  { step: "types", emit: emitTypes },
  { step: "catalog", emit: emitCatalog },
  { step: "client", emit: emitClient },
  { step: "index", emit: emitIndex },
  { step: "server", emit: emitServer },
  { step: "testing", emit: emitTesting },
];

export const projectEmitters: readonly ProjectEmitter[] = [
  { step: "docs", prepare: prepareDocs, api: emitApiPages, shared: emitSharedPages },
  { step: "apis", api: async () => [], shared: async (contracts) => emitApis(contracts) },
];
