// Runs one of the project's TypeScript commands as plain JavaScript: `node scripts/launch.mjs
// scripts/generate.ts [args]`. Why: a TypeScript loader hook (tsx) sits in front of every
// import, the tools' own included, and costs about a second per command. The sources are
// transpiled (esbuild, file by file, so relative paths, `import.meta.url` and worker files keep
// their layout) into a tree under node_modules/.cache, keyed by everything that changes the
// output: the sources, the compiler's version, the tsconfig files and this file. A tree holds no
// path: the project is this file's own folder, handed to the command in an environment variable,
// so a checkout copied or moved with its node_modules acts on itself. A command holds a lease on
// its tree while it runs, and only trees nobody holds and nobody used lately are removed.
// Plain JavaScript on purpose: it is what runs before anything is compiled.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import module from "node:module";
import { hostname } from "node:os";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CACHE_PATH, COMPILED_MARK, ROOT_VARIABLE } from "./root.js";

/** This checkout: the folder above this file, wherever it has been copied or moved. */
const ROOT = resolve(import.meta.dirname, "..");
const CACHE = join(ROOT, CACHE_PATH, "js");
const LEASES = join(CACHE, "leases");
/** Bump when the layout of a tree changes, so that no older tree is taken for a new one. */
const LAYOUT = "2";
/** What a command may import: its own code, the runtime, the generated clients, the bench. */
const SOURCES = ["scripts", "src", "generated", "bench"];
/** Generated folders that hold no code a command imports (the docs site's 2 MB script among them). */
const SKIPPED_DIRS = ["generated/docs", "bench/.typecheck"];
const COMPILED = /\.(ts|js|mjs)$/;
const SKIPPED = /\.d\.ts$|\.test\.ts$/;
/** Files esbuild reads besides the sources: they change what it emits. */
const COMPILER_INPUTS = ["tsconfig.json", "tsconfig.build.json", "node_modules/esbuild/package.json"];
/** A tree nobody holds is kept this long after its last use: a command may be about to take it. */
const IDLE_MS = 10 * 60_000;

async function sourceFiles() {
  const lists = await Promise.all(
    SOURCES.map((dir) =>
      readdir(join(ROOT, dir), { recursive: true, withFileTypes: true }).catch((error) => {
        if (error.code === "ENOENT") return [];
        throw error;
      }),
    ),
  );
  return lists
    .flat()
    .filter((e) => e.isFile() && COMPILED.test(e.name) && !SKIPPED.test(e.name))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)))
    .filter((path) => !SKIPPED_DIRS.some((dir) => path.startsWith(`${dir}/`)))
    .sort();
}

/** One hash over everything that changes the compiled tree: paths and contents of the sources and compiler inputs. */
async function fingerprint(files) {
  const hash = createHash("sha256").update(`layout ${LAYOUT}\0`);
  const inputs = [...COMPILER_INPUTS, ...files];
  const contents = await Promise.all(inputs.map((f) => readFile(join(ROOT, f)).catch(() => Buffer.alloc(0))));
  for (const [i, file] of inputs.entries()) hash.update(`${file}\0${contents[i].length}\0`).update(contents[i]);
  return hash.digest("hex").slice(0, 16);
}

/** Transpiles every source into a fresh folder, then renames it into place: a reader never sees half a tree. */
async function compile(files, target) {
  const { build } = await import("esbuild").catch(() => {
    console.error("The project's packages are not installed (esbuild is missing): run `npm ci` first.");
    process.exit(2);
  });
  const partial = `${target}.${process.pid}.partial`;
  await rm(partial, { recursive: true, force: true });
  await build({
    entryPoints: files.map((f) => join(ROOT, f)),
    outbase: ROOT,
    outdir: partial,
    outExtension: { ".js": ".js" },
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    logLevel: "error",
    tsconfig: join(ROOT, "tsconfig.json"),
  });
  // The tree's own package.json makes its .js files ES modules, and marks them as compiled.
  await writeFile(join(partial, "package.json"), JSON.stringify({ type: "module", [COMPILED_MARK]: true }));
  try {
    await rename(partial, target);
  } catch (error) {
    // Another command compiled the same sources at the same time: theirs is as good as ours.
    await rm(partial, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  }
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
  const names = await readdir(dir).catch(() => []);
  const live = [];
  for (const name of names) {
    const [host, pid] = [name.slice(0, name.lastIndexOf("-")), Number(name.slice(name.lastIndexOf("-") + 1))];
    if (host === hostname() && alive(pid)) live.push(name);
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
    if (entry === current || entry === "leases") continue;
    const path = join(CACHE, entry);
    const partial = /\.(\d+)\.(partial|trash)$/.exec(entry);
    if (partial) {
      if (!alive(Number(partial[1]))) await rm(path, { recursive: true, force: true });
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

/** The compiled tree of the sources as they are now, leased to this process. */
async function compiledTree() {
  const files = await sourceFiles();
  const key = await fingerprint(files);
  const target = join(CACHE, key);
  await lease(key);
  const ready = await stat(join(target, "package.json")).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await mkdir(CACHE, { recursive: true });
    await compile(files, target);
    await collect(key);
  }
  // Its last use, which keeps it from being collected for a while.
  const now = new Date();
  await utimes(target, now, now).catch(() => {});
  return target;
}

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/\.(ts|js|mjs)$/.test(entry)) {
  console.error("usage: node scripts/launch.mjs <path/to/command.ts> [arguments]");
  process.exit(2);
}
process.env[ROOT_VARIABLE] = ROOT;
// Node 22.1 and later can keep V8's compiled code of every module between runs (Node 20 cannot).
module.enableCompileCache?.(join(ROOT, CACHE_PATH, "v8"));
const commandPath = relative(ROOT, resolve(ROOT, entry)).replace(/\.ts$/, ".js");
/** Imports the command from its tree; a tree collected in the instant between its lease and its load is made again. */
async function run(retry) {
  const tree = await compiledTree();
  process.argv = [process.argv[0], join(tree, commandPath), ...args];
  try {
    await import(pathToFileURL(join(tree, commandPath)).href);
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
