// @ts-check
// The project's folder and its local cache. From the TypeScript sources it is the folder above
// this file. Code that scripts/launch.mjs bundled lives under node_modules/.cache, and may have
// been copied or moved there with a checkout: it holds no path at all, and takes the project and
// its own tree from the launcher that started this process, which finds the project from its own
// place. Plain JavaScript: the launcher, which runs before anything is compiled, reads it too.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Set by scripts/launch.mjs for the process it starts (and its threads): the checkout it was started in. */
export const ROOT_VARIABLE = "API_ERROR_CONTRACTS_ROOT";
/** Set by scripts/launch.mjs likewise: the tree the command runs from. */
export const TREE_VARIABLE = "API_ERROR_CONTRACTS_TREE";
/** The key in a compiled tree's package.json that marks it as one. */
export const COMPILED_MARK = "apiErrorContractsCompiled";
/** The files commands start as threads: bundled with every command, at these paths in its tree. */
export const THREADS = ["scripts/lint/lint-thread.ts", "scripts/docs/docs-thread.ts"];

/** The folder of the nearest package.json above this file: the project's, or a compiled tree's. */
function packageFolder() {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const HERE = packageFolder();
/** @type {Record<string, unknown>} */
const manifest = JSON.parse(readFileSync(join(HERE, "package.json"), "utf8"));
const compiled = manifest[COMPILED_MARK] === true;

function fromLauncher(/** @type {string} */ variable) {
  const value = process.env[variable];
  if (!value) throw new Error(`${HERE} is compiled code; run it through scripts/launch.mjs (npm run <command>).`);
  return value;
}

export const ROOT = compiled ? fromLauncher(ROOT_VARIABLE) : HERE;
/** Where the commands keep what they reuse between runs, relative to the project: never committed. */
export const CACHE_PATH = "node_modules/.cache/api-error-contracts";
export const CACHE_DIR = join(ROOT, CACHE_PATH);

/**
 * The file a thread runs, one of THREADS (`scripts/lint/lint-thread.ts`): the source itself, or
 * its JavaScript in the tree this process runs from.
 * @param {string} source
 * @returns {URL}
 */
export function threadFile(source) {
  if (!compiled) return pathToFileURL(join(ROOT, source));
  return pathToFileURL(join(fromLauncher(TREE_VARIABLE), source.replace(/\.ts$/, ".js")));
}
