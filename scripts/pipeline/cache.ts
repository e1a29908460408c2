// Lets a step with nothing to do finish at once: the hashes of every input and of every output
// of its last successful run are kept outside git, and a run whose inputs and outputs still hash
// the same has nothing to do. A regenerate with nothing to do stops at once; a `--force` run that
// changed nothing the package is built from skips the build (as `tsc -b` would, by content
// rather than by time). The drift gate (`--check`) never uses it.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { CACHE_PATH } from "../root.js";

/** What a generate run reads: specs, configs, the pipeline and runtime code, and tool versions. */
export const INPUTS = [
  "openapi",
  "scripts",
  "src",
  "redocly.yaml",
  ".spectral.yaml",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.build.json",
];
export const CACHE_FILE = `${CACHE_PATH}/generate.json`;

/** What the package build reads (tsconfig.build.json's own list, and what is installed), and what it writes. */
export const BUILD = {
  file: `${CACHE_PATH}/build.json`,
  inputs: ["src", "generated", "tsconfig.json", "tsconfig.build.json", "package-lock.json"],
  outputs: ["dist"],
} as const;

interface Record {
  readonly inputs: string;
  readonly outputs: string;
}

async function filesUnder(root: string, entry: string): Promise<string[]> {
  const path = join(root, entry);
  try {
    const entries = await readdir(path, { withFileTypes: true, recursive: true });
    return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") return [entry];
    if (code === "ENOENT") return [];
    throw error;
  }
}

/**
 * One hash over `entries`, whether each holds any file, and the paths and contents of every file
 * under them. The entries count themselves: a record of a run that wrote `generated/` alone must
 * not pass for one that also built a `dist/` that is missing.
 */
export async function hashTree(root: string, entries: readonly string[]): Promise<string> {
  const listed = await Promise.all(entries.map((e) => filesUnder(root, e)));
  const files = listed.flat().sort();
  const hash = createHash("sha256");
  for (const [i, entry] of entries.entries()) hash.update(`${entry}\0${listed[i]!.length === 0 ? "empty" : "files"}\0`);
  const contents = await Promise.all(files.map((f) => readFile(join(root, f))));
  files.forEach((file, i) => {
    hash.update(`${file}\0${contents[i]!.length}\0`).update(contents[i]!);
  });
  return hash.digest("hex");
}

/** The hash of every input a generate run reads, as they are now. */
export const hashInputs = (root: string): Promise<string> => hashTree(root, INPUTS);

/** A step's record: where it is kept and what its inputs are (generate's by default). */
interface Recorded {
  readonly file: string;
  readonly inputs: readonly string[];
}
const GENERATE: Recorded = { file: CACHE_FILE, inputs: INPUTS };

/** True when the inputs and the outputs (`generated/`, `dist/`) are exactly as the last recorded run left them. */
export async function isUpToDate(
  root: string,
  outputDirs: readonly string[],
  step: Recorded = GENERATE,
): Promise<boolean> {
  const recorded = await readFile(join(root, step.file), "utf8").then(
    (t) => JSON.parse(t) as Record,
    () => undefined,
  );
  if (!recorded) return false;
  const [inputs, outputs] = await Promise.all([hashTree(root, step.inputs), hashTree(root, outputDirs)]);
  return inputs === recorded.inputs && outputs === recorded.outputs;
}

/**
 * Records a successful run: `inputs` is the hash of the inputs taken before it read them (an edit
 * made while it ran then never counts as done), and the outputs are hashed now.
 */
export async function record(
  root: string,
  outputDirs: readonly string[],
  inputs?: string,
  step: Recorded = GENERATE,
): Promise<void> {
  const [inputHash, outputs] = await Promise.all([inputs ?? hashTree(root, step.inputs), hashTree(root, outputDirs)]);
  const file = join(root, step.file);
  await mkdir(dirname(file), { recursive: true });
  // Whole or not at all: two runs at once each write their own file, then rename it into place.
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, JSON.stringify({ inputs: inputHash, outputs } satisfies Record));
  await rename(partial, file);
}
