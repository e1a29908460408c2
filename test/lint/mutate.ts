// Broken copies of the real specs: an API folder copied to a temp dir with one file edited
// through the `yaml` package, so comments, order and every other file stay as they are.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseDocument, type Document } from "yaml";
import { projectRoot } from "./helpers.js";

export type Api = "ittybit" | "willittrack";

/** A YAML edit of one file of an API folder, relative to that folder. */
export interface FileEdit {
  readonly file: string;
  readonly edit: (doc: Document) => void;
}

/** Copies `openapi/<api>` to a fresh temp dir, applies the edits and returns the new root document. */
export async function mutatedCopy(
  api: Api,
  edits: readonly FileEdit[],
  under: string,
): Promise<{ dir: string; root: string }> {
  const dir = await mkdtemp(join(under, `${api}-`));
  await cp(resolve(projectRoot, "openapi", api), dir, { recursive: true });
  for (const { file, edit } of edits) await editYaml(join(dir, file), edit);
  return { dir, root: join(dir, "openapi.yaml") };
}

async function editYaml(path: string, edit: (doc: Document) => void): Promise<void> {
  const doc = parseDocument(await readFile(path, "utf8"));
  edit(doc);
  await writeFile(path, doc.toString({ lineWidth: 0 }));
}

/** A temp dir for one suite's copies, removed by the returned cleanup. */
export async function tempRoot(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), "lint-mutations-"));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

/** Sets a value, creating YAML nodes so the file is written in block style like its neighbours. */
export const set = (path: readonly (string | number)[], value: unknown) => (doc: Document) =>
  doc.setIn(path, doc.createNode(value));
export const remove = (path: readonly (string | number)[]) => (doc: Document) => void doc.deleteIn(path);
export const append = (path: readonly (string | number)[], value: unknown) => (doc: Document) =>
  doc.addIn(path, doc.createNode(value));
/** Several edits of one file, applied in order. */
export const all =
  (...edits: ((doc: Document) => void)[]) =>
  (doc: Document): void => {
    for (const edit of edits) edit(doc);
  };
