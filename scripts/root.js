// @ts-check
// The project's folder and its local cache. From the TypeScript sources it is the folder above
// this file. Code compiled by scripts/launch.mjs lives under node_modules/.cache, and may have
// been copied or moved there with a checkout: it holds no path at all, and takes the project
// from the launcher that started this process, which finds it from its own place. Plain
// JavaScript: the launcher, which runs before anything is compiled, reads it too.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** Set by scripts/launch.mjs for the process it starts (and its threads): the checkout it was started in. */
export const ROOT_VARIABLE = "API_ERROR_CONTRACTS_ROOT";
/** The key in a compiled tree's package.json that marks it as one. */
export const COMPILED_MARK = "apiErrorContractsCompiled";

function findRoot() {
  const above = resolve(import.meta.dirname, "..");
  /** @type {Record<string, unknown>} */
  const manifest = JSON.parse(readFileSync(resolve(above, "package.json"), "utf8"));
  if (manifest[COMPILED_MARK] !== true) return above;
  const root = process.env[ROOT_VARIABLE];
  if (!root) throw new Error(`${above} is compiled code; run it through scripts/launch.mjs (npm run <command>).`);
  return root;
}

export const ROOT = findRoot();
/** Where the commands keep what they reuse between runs, relative to the project: never committed. */
export const CACHE_PATH = "node_modules/.cache/api-error-contracts";
export const CACHE_DIR = join(ROOT, CACHE_PATH);
