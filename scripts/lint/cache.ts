// Where the lint keeps Spectral's bundled ruleset between runs. Its own light module: a command
// names the cache before it starts the lint thread, and must not load the linters to do so.
import { join } from "node:path";
import { CACHE_PATH } from "../root.js";

/** Where the bundles are kept, and the file whose hash stands for every installed package. */
export interface RulesetCache {
  readonly dir: string;
  readonly lockfile: string;
}

/** The ruleset cache of the project at `root`, in its local cache folder. */
export function rulesetCacheIn(root: string): RulesetCache {
  return { dir: join(root, CACHE_PATH), lockfile: join(root, "package-lock.json") };
}
