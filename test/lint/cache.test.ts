// Where the lint keeps Spectral's bundled ruleset: in the project's own cache folder, keyed by its lockfile.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesetCacheIn } from "../../scripts/lint/cache.js";
import { CACHE_PATH } from "../../scripts/root.js";

describe("rulesetCacheIn", () => {
  it.each(["/work/project", "/tmp/copy of it"])(
    "keeps the bundles under %s's cache folder, keyed by its lockfile",
    (root) => {
      expect(rulesetCacheIn(root)).toEqual({ dir: join(root, CACHE_PATH), lockfile: join(root, "package-lock.json") });
      expect(CACHE_PATH).toMatch(/^node_modules\//);
    },
  );
});
