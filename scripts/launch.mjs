// Runs one of the project's TypeScript commands as plain JavaScript: `node scripts/launch.mjs
// scripts/generate.ts [args]`. Why: a TypeScript loader hook (tsx) sits in front of every
// import, the tools' own included, and costs about a second per command. The sources are
// transpiled once per content (esbuild, file by file, so relative paths, `import.meta.url` and
// worker files keep their layout) into node_modules/.cache; any edit makes a new tree.
// Plain JavaScript on purpose: it is what runs before anything is compiled.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import module from "node:module";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CACHE_DIR, ROOT } from "./root.js";

/** What a command may import: its own code, the runtime, the generated clients, the bench. */
const SOURCES = ["scripts", "src", "generated", "bench"];
const CACHE = join(CACHE_DIR, "js");
const COMPILED = /\.(ts|js|mjs)$/;
const SKIPPED = /\.d\.ts$|\.test\.ts$/;

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
    .filter((path) => !path.startsWith("bench/.typecheck"))
    .sort();
}

/** One hash over the paths and contents of every source, and the compiler's version. */
async function fingerprint(files) {
  const hash = createHash("sha256");
  const { version } = JSON.parse(await readFile(join(ROOT, "node_modules/esbuild/package.json"), "utf8"));
  hash.update(`esbuild ${version}\0`);
  const contents = await Promise.all(files.map((f) => readFile(join(ROOT, f))));
  for (const [i, file] of files.entries()) hash.update(`${file}\0${contents[i].length}\0`).update(contents[i]);
  return hash.digest("hex").slice(0, 16);
}

/** Transpiles every source into a fresh folder, then renames it into place: a reader never sees half a tree. */
async function compile(files, target) {
  const { build } = await import("esbuild");
  const partial = `${target}.${process.pid}.partial`;
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
  });
  // The tree's own package.json makes its .js files ES modules, and marks where the project is.
  await writeFile(join(partial, "package.json"), JSON.stringify({ type: "module", projectRoot: ROOT }));
  try {
    await rename(partial, target);
  } catch (error) {
    // Another command compiled the same sources at the same time: theirs is as good as ours.
    await rm(partial, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  }
  // Older trees belong to sources that no longer exist.
  for (const entry of await readdir(CACHE)) {
    if (entry !== relative(CACHE, target) && !entry.endsWith(".partial")) {
      await rm(join(CACHE, entry), { recursive: true, force: true });
    }
  }
}

async function compiledTree() {
  const files = await sourceFiles();
  const target = join(CACHE, await fingerprint(files));
  const ready = await stat(join(target, "package.json")).then(
    () => true,
    () => false,
  );
  if (!ready) {
    await mkdir(CACHE, { recursive: true });
    await compile(files, target);
  }
  return target;
}

const [entry, ...args] = process.argv.slice(2);
if (!entry || !/\.(ts|js|mjs)$/.test(entry)) {
  console.error("usage: node scripts/launch.mjs <path/to/command.ts> [arguments]");
  process.exit(2);
}
// Node 22.1 and later can keep V8's compiled code of every module between runs (Node 20 cannot).
module.enableCompileCache?.(join(CACHE_DIR, "v8"));
const tree = await compiledTree();
const compiled = join(tree, relative(ROOT, resolve(ROOT, entry))).replace(/\.ts$/, ".js");
process.argv = [process.argv[0], compiled, ...args];
await import(pathToFileURL(compiled).href);
