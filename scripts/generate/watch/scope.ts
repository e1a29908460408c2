// Which APIs an edited file affects, for `npm run generate -- --watch`. The files an API's
// spec was last read from are the exact answer; a file no spec reads yet (a new file, or the
// one a broken `$ref` names) belongs to the API whose folder holds it.
import { dirname, sep } from "node:path";
import type { ApiEntry } from "../../contract/index.js";

/** Everything (configuration changed), or these APIs; an empty list means nothing to redo. */
export type Scope = "all" | readonly string[];

/** Files that can be part of a spec; an edited README or an editor's swap file is not. */
const SPEC_FILE = /\.(ya?ml|json)$/i;

export interface ScopeInput {
  /** The APIs listed in redocly.yaml. */
  readonly apis: readonly Pick<ApiEntry, "name" | "root">[];
  /** Per API, the absolute paths its spec was last read from. */
  readonly sources: ReadonlyMap<string, ReadonlySet<string>>;
  /** Absolute paths whose edit means everything is redone: redocly.yaml and the Spectral ruleset. */
  readonly configFiles: readonly string[];
}

const inside = (file: string, dir: string): boolean => file.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** The scope of one edited file (an absolute path). */
export function scopeOfFile(file: string, { apis, sources, configFiles }: ScopeInput): Scope {
  if (configFiles.includes(file)) return "all";
  if (!SPEC_FILE.test(file)) return [];
  const readers = apis.filter((api) => sources.get(api.name)?.has(file));
  if (readers.length > 0) return readers.map((api) => api.name);
  return apis.filter((api) => inside(file, dirname(api.root))).map((api) => api.name);
}

/** The scope of several edited files: "all" if any one needs it, else every API any one affects, sorted. */
export function scopeOf(files: Iterable<string>, input: ScopeInput): Scope {
  const names = new Set<string>();
  for (const file of files) {
    const scope = scopeOfFile(file, input);
    if (scope === "all") return "all";
    for (const name of scope) names.add(name);
  }
  return [...names].sort();
}
