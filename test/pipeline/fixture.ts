import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const TINY = resolve(import.meta.dirname, "fixtures/tiny");

/** A fresh copy of the tiny fixture project in a temporary folder, optionally edited. */
export async function tinyProject(
  edit?: (path: (file: string) => string) => Promise<void>,
): Promise<{ root: string; configPath: string }> {
  const root = await mkdtemp(join(tmpdir(), "tiny-"));
  await cp(TINY, root, { recursive: true });
  const inApi = (file: string) => join(root, "openapi/tiny", file);
  await edit?.(inApi);
  return { root, configPath: join(root, "redocly.yaml") };
}

/** Replaces the first occurrence of `from` in a file, failing loudly when it is not there. */
export async function replaceIn(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  await writeFile(file, text.replace(from, to));
}
