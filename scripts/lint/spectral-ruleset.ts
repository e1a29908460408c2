// Loading a Spectral ruleset means bundling it with rollup (its YAML, its functions, the files
// they import) and evaluating the bundle: about a second, most of it loading the bundler. The
// bundle is kept on disk with the hash of every local file it was made from and of the
// lockfile (which pins the packages it requires), and reused while they all still hash the same.
// It holds no absolute path: files are named from the ruleset's folder, so a checkout copied or
// moved with its cache still finds (and checks) its own files.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import * as spectralCore from "@stoplight/spectral-core";

import type { RulesetCache } from "./cache.js";

export type { RulesetCache } from "./cache.js";

interface Bundle {
  readonly code: string;
  /** The local files the bundle was made from, relative to the ruleset's folder, each with the hash of its contents. */
  readonly files: Readonly<Record<string, string>>;
}

const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");
const hashFile = (path: string): Promise<string | undefined> => readFile(path).then(sha256, () => undefined);

/** Bundles and loads the ruleset as spectral-cli does, and says which local files went into the bundle. */
async function bundle(rulesetPath: string): Promise<{ ruleset: spectralCore.Ruleset; bundled: Bundle }> {
  // Named imports: the packages are CommonJS, and a loader that honours `__esModule` (a test's)
  // reads `default` differently from Node.
  const [{ bundleAndLoadRuleset }, { builtins }, { commonjs }, { fetch }] = await Promise.all([
    import("@stoplight/spectral-ruleset-bundler/with-loader"),
    import("@stoplight/spectral-ruleset-bundler/plugins/builtins"),
    import("@stoplight/spectral-ruleset-bundler/plugins/commonjs"),
    import("@stoplight/spectral-runtime"),
  ]);
  let captured: { code: string; modules: string[] } | undefined;
  // A rollup plugin that sees the finished bundle; the loader evaluates the same code.
  const capture = {
    name: "capture-bundle",
    generateBundle(_: unknown, output: Record<string, { type: string; code?: string; modules?: object }>) {
      const chunk = Object.values(output).find((o) => o.type === "chunk");
      if (chunk?.code !== undefined) captured = { code: chunk.code, modules: Object.keys(chunk.modules ?? {}) };
    },
  };
  const io = { fs, fetch };
  const plugins = [builtins(), commonjs(), capture as never];
  const ruleset = await bundleAndLoadRuleset(rulesetPath, io, plugins);
  if (!captured) throw new Error(`Spectral produced no bundle for ${rulesetPath}`);
  // Ids that are no file on disk are the loader's own (the YAML's migrated form, helpers):
  // the YAML itself is hashed in their place.
  const local = captured.modules.filter((id) => isAbsolute(id) && fs.existsSync(id));
  const files: Record<string, string> = {};
  const base = dirname(rulesetPath);
  for (const path of [rulesetPath, ...local]) files[relative(base, path)] = (await hashFile(path)) ?? "";
  return { ruleset, bundled: { code: captured.code, files } };
}

/**
 * Spectral's own packages reach a bundle through a registry on `globalThis`, under an instance
 * id drawn at random when the bundle is made; a kept bundle names an id this process never
 * registered. Registering the packages again (a fresh id) and pointing the code at it fixes that.
 */
const BUILTINS = "@stoplight-spectral/builtins";
const REGISTRY_KEY = String.raw`\[Symbol\.for\('@stoplight-spectral\/builtins'\)\]\['(\d+)'\]`;

async function relink(code: string): Promise<string> {
  const ids = new Set([...code.matchAll(new RegExp(REGISTRY_KEY, "g"))].map((m) => m[1]));
  if (ids.size === 0) return code;
  const registry = (): string[] => Object.keys((globalThis as Record<symbol, object>)[Symbol.for(BUILTINS)] ?? {});
  const { builtins } = await import("@stoplight/spectral-ruleset-bundler/plugins/builtins");
  const before = new Set(registry());
  builtins();
  const fresh = registry().find((id) => !before.has(id));
  if (ids.size !== 1 || fresh === undefined) throw new Error("Spectral's built-in module registry changed shape");
  return code.replace(new RegExp(REGISTRY_KEY, "g"), `[Symbol.for('${BUILTINS}')]['${fresh}']`);
}

/** Evaluates a bundle as Spectral's node loader does, packages resolved from the ruleset and from Spectral. */
function evaluate(code: string, rulesetPath: string): spectralCore.Ruleset {
  const require = createRequire(rulesetPath);
  const spectralDir = dirname(createRequire(import.meta.url).resolve("@stoplight/spectral-ruleset-bundler"));
  const paths = [dirname(rulesetPath), spectralDir];
  const module: { exports?: unknown } = {};
  Function("module, require", code)(module, (id: string) => require(require.resolve(id, { paths })));
  if (typeof module.exports !== "object" || module.exports === null) throw new Error("No valid export found");
  return new spectralCore.Ruleset(module.exports as never, { severity: "recommended", source: rulesetPath });
}

/** A kept bundle, or nothing when the file is not one (cut short, edited by hand). */
function parseBundle(text: string): Bundle | undefined {
  try {
    const value = JSON.parse(text) as Partial<Bundle>;
    return typeof value.code === "string" && typeof value.files === "object" && value.files !== null
      ? (value as Bundle)
      : undefined;
  } catch {
    return undefined;
  }
}

async function fresh(bundled: Bundle, rulesetPath: string): Promise<boolean> {
  const hashes = await Promise.all(
    Object.entries(bundled.files).map(
      async ([path, hash]) => hash === (await hashFile(resolve(dirname(rulesetPath), path))),
    ),
  );
  return hashes.every(Boolean);
}

/** The ruleset at `rulesetPath`, from the cache when nothing it was made from changed. */
export async function loadRuleset(rulesetPath: string, cache?: RulesetCache): Promise<spectralCore.Ruleset> {
  if (!cache) return (await bundle(rulesetPath)).ruleset;
  // Keyed by what the ruleset says and the packages installed; its other files are checked on use.
  const [lockHash, rulesetHash] = await Promise.all([hashFile(cache.lockfile), hashFile(rulesetPath)]);
  const file = join(cache.dir, `spectral-${sha256(`${rulesetHash}\0${lockHash}`).slice(0, 16)}.json`);
  const cached = await readFile(file, "utf8").then(parseBundle, () => undefined);
  if (cached && (await fresh(cached, rulesetPath))) return evaluate(await relink(cached.code), rulesetPath);
  const { ruleset, bundled } = await bundle(rulesetPath);
  await mkdir(cache.dir, { recursive: true });
  // Written whole and renamed, so a command running at the same time never reads half of it.
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, JSON.stringify(bundled));
  await rename(partial, file);
  return ruleset;
}
