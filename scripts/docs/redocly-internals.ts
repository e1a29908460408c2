// The one place that depends on @redocly/cli's internals. The CLI has no JavaScript API: its
// package exports nothing and bundles its dependencies (Redoc among them) into lib/chunks/, and its
// maintainers point programmatic users at the command line (Redocly/redocly-cli#1726). A process
// per page costs a Node start and a 15 MB load each, so the `build-docs` handler and `loadConfig`
// are imported from the chunks the CLI's own entry, lib/index.js, imports them from. A release
// that moves them fails here, with a message that says so.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);

/** The installed @redocly/cli: its folder and version. */
export const REDOCLY_CLI = {
  dir: dirname(require.resolve("@redocly/cli/package.json")),
  version: (require("@redocly/cli/package.json") as { version: string }).version,
} as const;

/** Where @redocly/cli keeps the Redoc bundle it inlines with `--inlineBundle`, under its folder. */
export const INSTALLED_REDOC_BUNDLE = "lib/chunks/redoc.standalone.js";

/** The `build-docs` command's handler, as lib/index.js calls it. */
export type BuildDocsHandler = (args: {
  readonly argv: Record<string, unknown>;
  readonly config: unknown;
  readonly collectSpecData: () => void;
}) => Promise<unknown>;

/** `loadConfig` from the CLI's own copy of openapi-core (importing @redocly/openapi-core itself costs 0.7 s more). */
export type LoadConfig = (options: { readonly configPath: string }) => Promise<unknown>;

/** Where lib/index.js imports both from: chunks relative to lib/, and the name `loadConfig` is exported under. */
export interface BuildDocsChunks {
  readonly build: string;
  readonly loadConfig: { readonly chunk: string; readonly exported: string };
}

/**
 * Finds both in the source of lib/index.js, the way it imports them:
 * `{handlerBuildCommand:x}=await import("./chunks/<hash>.js")`, and `await <loadConfig>({configPath: …})`
 * with `<loadConfig>` imported from a chunk. Undefined when it does not read so any more.
 */
export function findBuildDocsChunks(index: string): BuildDocsChunks | undefined {
  const build = /\{handlerBuildCommand:[\w$]+\}=await import\("(\.\/chunks\/[\w-]+\.js)"\)/.exec(index)?.[1];
  const local = /await ([\w$]+)\(\{configPath:/.exec(index)?.[1];
  const loadConfig = local === undefined ? undefined : importedFrom(index, local);
  return build === undefined || loadConfig === undefined ? undefined : { build, loadConfig };
}

/** The chunk a static import of lib/index.js takes `localName` from, and the name it is exported under there. */
function importedFrom(index: string, localName: string): BuildDocsChunks["loadConfig"] | undefined {
  for (const [, names = "", chunk = ""] of index.matchAll(/import\{([^}]*)\}from"(\.\/chunks\/[\w-]+\.js)"/g)) {
    for (const specifier of names.split(",")) {
      const [exported = "", local = exported] = specifier.split(" as ");
      if (local === localName) return { chunk, exported };
    }
  }
  return undefined;
}

/** What a render says when the CLI at `version` does not keep them where this file looks. */
export function movedMessage(version: string): string {
  return (
    `@redocly/cli ${version}: handlerBuildCommand or loadConfig is no longer where ` +
    "scripts/docs/redocly-internals.ts looks for them; pin the version that works or update that file"
  );
}

/** Imports the `build-docs` handler and `loadConfig` from the CLI installed at `cli.dir`. */
export async function loadBuildDocs(cli: { readonly dir: string; readonly version: string } = REDOCLY_CLI): Promise<{
  build: BuildDocsHandler;
  loadConfig: LoadConfig;
}> {
  const lib = pathToFileURL(join(cli.dir, "lib/"));
  const chunks = findBuildDocsChunks(await readFile(join(cli.dir, "lib/index.js"), "utf8"));
  const load = async (chunk: string): Promise<Record<string, unknown>> => await import(new URL(chunk, lib).href);
  const build = chunks && (await load(chunks.build)).handlerBuildCommand;
  const loadConfig = chunks && (await load(chunks.loadConfig.chunk))[chunks.loadConfig.exported];
  if (typeof build !== "function" || typeof loadConfig !== "function") throw new Error(movedMessage(cli.version));
  return { build: build as BuildDocsHandler, loadConfig: loadConfig as LoadConfig };
}

/** Redoc's standalone bundle as the CLI ships it, and where it came from. */
export async function installedRedocBundle(): Promise<{ source: string; origin: string }> {
  const source = await readFile(join(REDOCLY_CLI.dir, INSTALLED_REDOC_BUNDLE), "utf8");
  return { source, origin: `@redocly/cli ${REDOCLY_CLI.version} (${INSTALLED_REDOC_BUNDLE})` };
}
