// Renders one API's Redoc page with `redocly build-docs`, in this process (on docs-worker.ts's
// thread). @redocly/cli has no public JavaScript API; its command handler is used the way its own
// lib/index.js uses it (redocly-internals.ts), which saves a Node start-up and a 15 MB module load
// per page.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenApiDocument } from "../contract/index.js";
import { runBuildDocs } from "./docs-worker.js";

export interface BuildDocsOptions {
  /** The page's `<title>`. */
  readonly title: string;
  /** Redoc's options (`--openapi.*` on the command line). */
  readonly redocOptions?: Record<string, unknown>;
}

/**
 * The HTML page `redocly build-docs` makes from a bundled document, as the CLI writes it
 * without `--inlineBundle` (Redoc's script referenced from its CDN; offline.ts changes that).
 */
export async function buildDocs(
  document: OpenApiDocument,
  { title, redocOptions = {} }: BuildDocsOptions,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "build-docs-"));
  try {
    const input = join(dir, "openapi.json");
    const output = join(dir, "docs.html");
    // An explicit config with nothing in it, so that the project's redocly.yaml (found from the
    // working folder otherwise) cannot apply its decorators to the bundled document again.
    const configPath = join(dir, "redocly.yaml");
    await Promise.all([writeFile(input, JSON.stringify(document)), writeFile(configPath, "telemetry: off\n")]);
    await runBuildDocs(
      { api: input, o: output, title, openapi: redocOptions, templateOptions: {}, inlineBundle: false },
      configPath,
    );
    return await readFile(output, "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
