// A throwaway copy of the repository for running its commands as a user would: the sources,
// specs and generated files copied into a temporary folder, and a node_modules of links to the
// installed packages (a real folder, so a command's cache stays in the copy). The commands'
// compiled code and the lint's bundled ruleset come along from this checkout's cache, as a
// copied checkout's would (they hold no path), so a command in the copy starts warm. The
// command tests and the watch benchmark use it.
import {
  copyFile,
  cp,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { ROOT } from "../scripts/root.js";

/**
 * What the scripts read (bench/ too: the launcher compiles it), and the last build with its
 * incremental state, so that a build in the copy redoes only what changed there. Tests stay out.
 */
const COPIED = [
  "openapi",
  "scripts",
  "src",
  "generated",
  "bench",
  "dist",
  "package.json",
  "package-lock.json",
  "redocly.yaml",
  ".spectral.yaml",
  "tsconfig.json",
  "tsconfig.build.json",
];

export interface Project {
  readonly root: string;
  /** An absolute path inside the copy. */
  at(file: string): string;
  /** Replaces the first occurrence of `from` in a file of the copy, failing loudly when it is not there. */
  replace(file: string, from: string, to: string): Promise<void>;
  remove(): Promise<void>;
  /** A copy of it with everything in it, its node_modules and their cache too, as a user copies a checkout. */
  copy(): Promise<Project>;
  /** Moves it to a new folder, as a user renames a checkout; the project at the new place. */
  move(): Promise<Project>;
}

export async function copyProject(): Promise<Project> {
  const root = await mkdtemp(join(tmpdir(), "commands-"));
  for (const entry of COPIED) {
    await cp(join(ROOT, entry), join(root, entry), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error; // no dist/ before the first build
    });
  }
  await mkdir(join(root, "node_modules"));
  for (const entry of await readdir(MODULES)) {
    if (entry !== ".cache") await symlink(join(MODULES, entry), join(root, "node_modules", entry));
  }
  await copyCache(join(MODULES, CACHE_NAME), join(root, "node_modules", CACHE_NAME));
  await rebaseBuildState(root);
  return projectAt(root);
}

const MODULES = join(ROOT, "node_modules");
/** The build's incremental state, which names every file it read relative to itself. */
const BUILD_STATE = "dist/.tsbuildinfo";

/**
 * Points the build state's installed files where the copy's links lead. TypeScript follows the
 * links, so the copy's build reads them there; left as they were, every path would differ and the
 * first build in the copy would redo everything, where a copied checkout with its own node_modules
 * (the same relative paths) builds only what changed.
 */
async function rebaseBuildState(root: string): Promise<void> {
  const file = join(root, BUILD_STATE);
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return; // no build yet
  const state = JSON.parse(text) as { fileNames: string[] };
  const modules = relative(dirname(file), MODULES);
  state.fileNames = state.fileNames.map((name) => {
    const at = name.indexOf("node_modules/");
    return at < 0 ? name : `${modules}/${name.slice(at + "node_modules/".length)}`;
  });
  await writeFile(file, JSON.stringify(state));
}

const CACHE_NAME = ".cache/api-error-contracts";

/**
 * The lint's bundled rulesets, and each command's last bundle with the record that names it: not
 * older bundles, nor the leases, nor the record of the last generate. A bundle's files never
 * change once it is in place (the launcher renames a finished one in, and removes it whole), so
 * they are hard-linked where the file system allows: a checkout's cache holds tens of megabytes.
 */
async function copyCache(from: string, to: string): Promise<void> {
  const list = (dir: string) => readdir(dir).catch((): string[] => []);
  for (const ruleset of (await list(from)).filter((entry) => entry.startsWith("spectral-"))) {
    await cp(join(from, ruleset), join(to, ruleset));
  }
  const pointers = (await list(join(from, "bundles"))).filter((entry) => /^last-.*\.json$/.test(entry));
  const keys = new Set<string>();
  for (const pointer of pointers) {
    const { key } = JSON.parse(await readFile(join(from, "bundles", pointer), "utf8")) as { key: string };
    if (!/^[0-9a-f]{16}$/.test(key)) continue;
    keys.add(key);
    await cp(join(from, "bundles", pointer), join(to, "bundles", pointer));
  }
  for (const key of keys) await linkTree(join(from, "bundles", key), join(to, "bundles", key));
}

/** Hard-links every file under `from` to the same place under `to`; copies where links fail. */
async function linkTree(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true, recursive: true }).catch(() => undefined);
  if (!entries) return; // collected since its record was written
  for (const entry of entries.filter((e) => e.isFile())) {
    const source = join(entry.parentPath, entry.name);
    const target = join(to, relative(from, source));
    await mkdir(dirname(target), { recursive: true });
    await link(source, target).catch(() => copyFile(source, target));
  }
}

function projectAt(root: string): Project {
  const at = (file: string): string => join(root, file);
  const newFolder = () => mkdtemp(join(tmpdir(), "commands-"));
  return {
    root,
    at,
    async replace(file, from, to) {
      const text = await readFile(at(file), "utf8");
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      await writeFile(at(file), text.replace(from, to));
    },
    remove: () => rm(root, { recursive: true, force: true }),
    async copy() {
      const to = await newFolder();
      await cp(root, to, { recursive: true, verbatimSymlinks: true });
      await rebaseBuildState(to);
      return projectAt(to);
    },
    async move() {
      const to = join(await newFolder(), "moved");
      await rename(root, to);
      await rebaseBuildState(to);
      return projectAt(to);
    },
  };
}
