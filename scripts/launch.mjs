// Runs one of the project's TypeScript commands as plain JavaScript: `node scripts/launch.mjs
// scripts/generate.ts [args]`. Why: a TypeScript loader hook (tsx) sits in front of every import
// and costs about a second per command, and loading a command's packages file by file costs more
// than the command's own work. So each command is bundled by esbuild with its packages (but
// typescript, which reads its own files) and the threads it starts into one tree under
// node_modules/.cache, built when first needed and kept while nothing it was made from changes:
// the project files esbuild read (so a spec edit rebuilds nothing), the tsconfig, what is
// installed and this file. A tree holds no path: the project is this file's own folder, handed
// to the command in an environment variable, so a checkout copied or moved with its node_modules
// acts on itself. A command holds a lease on its tree while it runs, and only trees nobody holds
// and nobody used lately are removed. Plain JavaScript on purpose: it is what runs first.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import module from "node:module";
import { hostname } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { CACHE_PATH, COMPILED_MARK, ROOT_VARIABLE, THREADS, TREE_VARIABLE } from "./root.js";

/** This checkout: the folder above this file, wherever it has been copied or moved. */
const ROOT = resolve(import.meta.dirname, "..");
const CACHE = join(ROOT, CACHE_PATH, "bundles");
const LEASES = join(CACHE, "leases");
/** Bump when the layout of a tree changes, so that no older tree is taken for a new one. */
const LAYOUT = "3";
/** What esbuild reads besides the project's files, and what is installed (npm rewrites its hidden lockfile). */
const ALWAYS = [
  "scripts/launch.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "node_modules/.package-lock.json",
  "node_modules/esbuild/package.json",
];
/**
 * Loaded from node_modules as they are: typescript finds its lib files beside its own file;
 * Spectral's packages must be one copy (its ruleset loader checks `instanceof` across them) and
 * resolve each other from their own folders; fsevents is a native module some packages name;
 * esbuild and playwright-core run executables they find relative to their own files.
 */
/** The external CommonJS packages the bundles load with `require` (see requireExternals). */
const REQUIRED = ["typescript", "@stoplight/*"];
const EXTERNAL = [...REQUIRED, "fsevents", "esbuild", "playwright-core"];
/** CommonJS packages inside an ES module bundle `require` Node's own modules, and some read their folder. */
const BANNER =
  'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url); ' +
  "const __filename = import.meta.filename; const __dirname = import.meta.dirname;";
/** A tree nobody holds is kept this long after its last use: a command may be about to take it. */
const IDLE_MS = 10 * 60_000;

/** One hash over the layout and the paths and contents of `files` (a missing file counts too). */
async function keyOf(files) {
  const hash = createHash("sha256").update(`layout ${LAYOUT}\0`);
  const contents = await Promise.all(files.map((f) => readFile(join(ROOT, f)).catch(() => undefined)));
  for (const [i, file] of files.entries()) hash.update(`${file}\0`).update(contents[i] ?? "\0missing\0");
  return hash.digest("hex").slice(0, 16);
}

/**
 * REQUIRED's imports, loaded with the banner's `require` rather than `import`: an `import` makes
 * Node scan each CommonJS package's source for its format and its named exports (TypeScript's
 * compiler is 9 MB of it) on every start. A package name or its subpaths; `*` is one segment.
 */
const REQUIRED_IMPORT = new RegExp(
  `^(${REQUIRED.map((name) => name.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace("*", "[^/]+")).join("|")})(/.*)?$`,
);
const requireExternals = {
  name: "require-externals",
  setup(build) {
    // A dynamic `import()` keeps its `import`: split into a chunk, a CommonJS module's namespace
    // would hold only `default`.
    build.onResolve({ filter: REQUIRED_IMPORT }, ({ path, namespace, kind }) => {
      if (namespace === "required") return { path, external: true };
      return kind === "dynamic-import" ? undefined : { path, namespace: "required" };
    });
    build.onLoad({ filter: /.*/, namespace: "required" }, ({ path }) => ({
      contents: `module.exports = require(${JSON.stringify(path)});`,
      loader: "js",
    }));
  },
};

/** Where the last build of `entry` recorded its key and the files it was made from. */
const pointerOf = (entry) => join(CACHE, `last-${entry.replace(/[^\w]/g, "_")}.json`);

/** Bundles `entry` and the threads; renames the tree into place under the key of what it read. */
async function build(entry) {
  const { build: esbuild } = await import("esbuild").catch(() => {
    console.error("The project's packages are not installed (esbuild is missing): run `npm ci` first.");
    process.exit(2);
  });
  const partial = join(CACHE, `build.${process.pid}.partial`);
  await rm(partial, { recursive: true, force: true });
  const { metafile } = await esbuild({
    entryPoints: [entry, ...THREADS].map((file) => join(ROOT, file)),
    absWorkingDir: ROOT,
    outbase: ROOT,
    outdir: partial,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: EXTERNAL,
    plugins: [requireExternals],
    // A package's ES module build where it has one (one copy of it, and no UMD wrapper to trip over).
    mainFields: ["module", "main"],
    chunkNames: "chunks/[name]-[hash]",
    banner: { js: BANNER },
    tsconfig: join(ROOT, "tsconfig.json"),
    metafile: true,
    logLevel: "error",
  });
  // The tree's own package.json makes its .js files ES modules, and marks them as compiled.
  await writeFile(join(partial, "package.json"), JSON.stringify({ type: "module", [COMPILED_MARK]: true }));
  // Packages are keyed by the lockfiles; the plugin's `required:` modules are not files.
  const read = Object.keys(metafile.inputs).filter(
    (path) => !path.startsWith("required:") && !path.split(/[\\/]/).includes("node_modules"),
  );
  const inputs = [...new Set([...ALWAYS, ...read.map((path) => relative(ROOT, resolve(ROOT, path)))])].sort();
  const key = await keyOf(inputs);
  const target = join(CACHE, key);
  await rename(partial, target).catch(async (error) => {
    // Another command built the same tree at the same time: theirs is as good as ours.
    await rm(partial, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  });
  const pointer = pointerOf(entry);
  await writeFile(`${pointer}.${process.pid}`, JSON.stringify({ key, inputs }));
  await rename(`${pointer}.${process.pid}`, pointer);
  return key;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
};

/** The leases held on a tree by processes that still run on this host; the others are removed. */
async function liveLeases(key) {
  const dir = join(LEASES, key);
  const live = [];
  for (const name of await readdir(dir).catch(() => [])) {
    const at = name.lastIndexOf("-");
    if (name.slice(0, at) === hostname() && alive(Number(name.slice(at + 1)))) live.push(name);
    else await rm(join(dir, name), { force: true });
  }
  // Only an empty folder goes: a lease written meanwhile keeps it.
  if (live.length === 0) await rm(dir).catch(() => {});
  return live;
}

/** Takes a lease on a tree for this process's life (removed on exit; a killed process's is removed later). */
async function lease(key) {
  const file = join(LEASES, key, `${hostname()}-${process.pid}`);
  for (;;) {
    await mkdir(join(LEASES, key), { recursive: true });
    // The folder may go between the two calls, when a collector found it empty.
    const written = await writeFile(file, "").then(
      () => true,
      (error) => {
        if (error.code !== "ENOENT") throw error;
        return false;
      },
    );
    if (written) break;
  }
  process.once("exit", () => rmSync(file, { force: true }));
}

/**
 * Removes trees that no running command holds and nobody used for a while. A tree is first
 * renamed away, then checked again: a command that took a lease meanwhile gets it back.
 */
async function collect(current) {
  for (const entry of await readdir(CACHE)) {
    if (entry === current || entry === "leases" || entry.startsWith("last-")) continue;
    const path = join(CACHE, entry);
    const leftover = /\.(\d+)\.(partial|trash)$/.exec(entry);
    if (leftover) {
      if (!alive(Number(leftover[1]))) await rm(path, { recursive: true, force: true });
      continue;
    }
    const used = await stat(path).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (Date.now() - used < IDLE_MS || (await liveLeases(entry)).length > 0) continue;
    const trash = `${path}.${process.pid}.trash`;
    if (
      !(await rename(path, trash).then(
        () => true,
        () => false,
      ))
    )
      continue;
    if ((await liveLeases(entry)).length > 0) await rename(trash, path).catch(() => {});
    await rm(trash, { recursive: true, force: true });
  }
}

/** The tree of `entry` as its sources are now, leased to this process: the last one built, or a new one. */
async function treeOf(entry) {
  const last = await readFile(pointerOf(entry), "utf8").then(JSON.parse, () => undefined);
  let key = Array.isArray(last?.inputs) ? await keyOf(last.inputs) : undefined;
  const current = key !== undefined && key === last.key;
  if (current) await lease(key);
  if (
    !current ||
    !(await stat(join(CACHE, key, "package.json")).then(
      () => true,
      () => false,
    ))
  ) {
    await mkdir(CACHE, { recursive: true });
    key = await build(entry);
    await lease(key);
    await collect(key);
  }
  // Its last use, which keeps it from being collected for a while.
  const now = new Date();
  await utimes(join(CACHE, key), now, now).catch(() => {});
  return join(CACHE, key);
}

const [given, ...args] = process.argv.slice(2);
if (!given || !/\.(ts|js|mjs)$/.test(given)) {
  console.error("usage: node scripts/launch.mjs <path/to/command.ts> [arguments]");
  process.exit(2);
}
const entry = relative(ROOT, resolve(ROOT, given)).split(sep).join("/");
process.env[ROOT_VARIABLE] = ROOT;
// Node 22.1 and later can keep V8's compiled code of every module between runs (Node 20 cannot).
module.enableCompileCache?.(join(ROOT, CACHE_PATH, "v8"));

/** Imports the command from its tree; a tree collected in the instant between its lease and its load is made again. */
async function run(retry) {
  const tree = await treeOf(entry);
  const compiled = join(tree, entry.replace(/\.ts$/, ".js"));
  process.env[TREE_VARIABLE] = tree;
  process.argv = [process.argv[0], compiled, ...args];
  try {
    await import(pathToFileURL(compiled).href);
  } catch (error) {
    const gone =
      error?.code === "ERR_MODULE_NOT_FOUND" &&
      !(await stat(tree).then(
        () => true,
        () => false,
      ));
    if (!retry || !gone) throw error;
    await run(false);
  }
}
await run(true);
