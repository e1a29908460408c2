import type { Contract } from "../contract/index.js";
import { emitApiPages, emitDocsSite, emitSharedPages, prepareDocs } from "../docs/emit.js";
import type { OutputFile } from "../output.js";
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

/** One step that sees every API at once (for pages that span them). */
export interface ProjectEmitter {
  readonly step: string;
  /** Starts slow set-up that needs no spec, so that it overlaps reading them; `emit` waits for it. */
  readonly prepare?: () => Promise<void>;
  readonly emit: (contracts: readonly Contract[]) => OutputFile[] | Promise<OutputFile[]>;
  /**
   * The same files split into each API's own and the shared ones, when the step can make them
   * apart: `npm run generate -- --watch` then redoes only an edited API's part and the shared one.
   */
  readonly parts?: {
    readonly api: (contract: Contract) => Promise<OutputFile[]>;
    readonly shared: (contracts: readonly Contract[]) => Promise<OutputFile[]>;
  };
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
  {
    step: "docs",
    prepare: prepareDocs,
    emit: emitDocsSite,
    parts: { api: emitApiPages, shared: emitSharedPages },
  },
];
