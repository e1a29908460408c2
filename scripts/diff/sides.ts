// One side of a diff: a folder (a checkout's root, holding redocly.yaml and openapi/) or a git
// ref, whose redocly.yaml and openapi/ are extracted into a temporary folder and read the same.
import { access, rm, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { isSpecProblem, type SpecProblem } from "../contract/problem.js";
import type { Contract } from "./contract.js";
import { readContracts } from "./read-contracts.js";
import { run, withTempFolder } from "./scratch.js";

/** Bad input (a ref that does not exist, a folder without specs, a spec that does not parse): exit 2. */
export class DiffInputError extends Error {
  override readonly name = "DiffInputError";
}

export interface Side {
  /** As given: `HEAD`, `v0.1.0`, `../other-checkout`, or `working tree`. */
  readonly label: string;
  readonly contracts: Contract[];
}

/** What was read from where, for the caller's one line per step. */
export type OnRead = (label: string, detail: string, ms: number) => void;

const CONFIG = "redocly.yaml";
const SPECS = "openapi";
/** The name of the temporary folder a ref is extracted into starts with this. */
export const TEMP_PREFIX = "contract-diff-";
/** The mode git gives a symbolic link in a tree. */
const SYMLINK = "120000";

/**
 * Reads one side. `spec` is a folder when one exists at that path, else a git ref of the
 * repository at `repo`; `undefined` is the working tree, `repo` itself.
 */
export async function readSide(
  spec: string | undefined,
  repo: string,
  only: string | undefined,
  onRead: OnRead = () => {},
): Promise<Side> {
  const started = performance.now();
  const label = spec ?? "working tree";
  const folder = spec === undefined ? repo : resolve(repo, spec);
  if (await isFolder(folder)) {
    const contracts = await readFolder(folder, label, only);
    onRead(label, `folder ${folder}`, performance.now() - started);
    return { label, contracts };
  }
  const commit = await resolveRef(repo, spec!);
  const contracts = await withTempFolder(TEMP_PREFIX, async (temp) => {
    await extract(repo, commit, temp, spec!);
    // A ref is someone else's work (a pull request): its specs are read from what it holds, and nothing else.
    return readFolder(temp, label, only, true);
  });
  onRead(label, `commit ${commit.slice(0, 12)}`, performance.now() - started);
  return { label, contracts };
}

async function readFolder(
  folder: string,
  label: string,
  only: string | undefined,
  confined = false,
): Promise<Contract[]> {
  const configPath = join(folder, CONFIG);
  if (!(await exists(configPath))) {
    const fix = `Give a checkout's root (the folder with ${CONFIG} and ${SPECS}/) or a git ref.`;
    throw new DiffInputError(`${label}: ${folder} has no ${CONFIG}. ${fix}`);
  }
  try {
    return await readContracts(configPath, { only, confined });
  } catch (error) {
    if (!isSpecProblem(error)) throw error;
    const problems = "problems" in error ? error.problems : [error];
    throw new DiffInputError(problems.map((p) => where(label, folder, p)).join("\n"));
  }
}

/** `HEAD: openapi/ittybit/paths/tasks.yaml:12: <problem> <fix>`, with the path inside the side. */
function where(label: string, folder: string, problem: SpecProblem): string {
  const line = problem.line === undefined ? "" : `:${problem.line}`;
  return `${label}: ${relative(folder, problem.file)}${line}: ${problem.problem} ${problem.fix}`;
}

async function resolveRef(repo: string, ref: string): Promise<string> {
  try {
    const { stdout } = await run("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], repo);
    return stdout.trim();
  } catch {
    const problem = `"${ref}" is neither a folder nor a commit, branch or tag of the git repository at ${repo}.`;
    throw new DiffInputError(`${problem} Check the name (\`git tag\`, \`git branch -a\`).`);
  }
}

/** Writes the ref's redocly.yaml and openapi/ into `into`; a symbolic link among them is refused. */
async function extract(repo: string, commit: string, into: string, ref: string): Promise<void> {
  const { stdout } = await run("git", ["ls-tree", "--name-only", commit, CONFIG, SPECS], repo);
  const present = stdout.split("\n").filter(Boolean);
  if (!present.includes(CONFIG)) {
    throw new DiffInputError(`${ref}: the commit has no ${CONFIG}, so it has no specs to compare. Pick a later ref.`);
  }
  const tree = await run("git", ["ls-tree", "-r", "-z", commit, ...present], repo);
  for (const line of tree.stdout.split("\0")) {
    const [mode, path] = [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf("\t") + 1)];
    if (mode !== SYMLINK) continue;
    const fix = "Commit the file itself: a ref's specs are read only from the files it holds.";
    throw new DiffInputError(`${ref}: ${path} is a symbolic link. ${fix}`);
  }
  const archive = join(into, ".archive.tar");
  await run("git", ["archive", "--format=tar", "-o", archive, commit, ...present], repo);
  await run("tar", ["-xf", archive, "-C", into], repo);
  await rm(archive);
}

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
