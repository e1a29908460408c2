// @ts-check
// The project's folder and its local cache. Found from this file's own place, so that both
// hold for the TypeScript sources and for the JavaScript tree scripts/launch.mjs compiles them
// into (whose package.json names the project it came from). Plain JavaScript: the launcher,
// which runs before anything is compiled, reads it too.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

function findRoot() {
  const above = resolve(import.meta.dirname, "..");
  /** @type {{ projectRoot?: string }} */
  const manifest = JSON.parse(readFileSync(resolve(above, "package.json"), "utf8"));
  return manifest.projectRoot ?? above;
}

export const ROOT = findRoot();
/** Where the commands keep what they reuse between runs, relative to the project: never committed. */
export const CACHE_PATH = "node_modules/.cache/api-error-contracts";
export const CACHE_DIR = join(ROOT, CACHE_PATH);
