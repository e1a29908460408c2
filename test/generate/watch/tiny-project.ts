// The tiny project for the watch mode's in-process tests: two APIs (`tiny` and `other`, a copy)
// and a two-rule Spectral ruleset, so that a test can make a lint error by titling an API
// "Broken" (and a warning by titling it "Draft"). Each test gets a fresh copy at the same path:
// the lint thread is kept per project path, so the tests of a file share one (loading the
// linters takes seconds) instead of one each.
import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tinyProject } from "../../pipeline/fixture.js";

const RULESET = `rules:
  title-not-broken:
    description: The title is not Broken.
    given: $.info.title
    severity: error
    then:
      function: pattern
      functionOptions:
        notMatch: Broken
  title-not-draft:
    description: The title is not a Draft.
    given: $.info.title
    severity: warn
    then:
      function: pattern
      functionOptions:
        notMatch: Draft
`;

export interface TinyWatchProject {
  readonly root: string;
  readonly at: (file: string) => string;
}

/** A fresh copy at `<tmpdir>/<name>-<pid>` (whatever was there is removed first). */
export async function tinyWatchProject(name: string): Promise<TinyWatchProject> {
  const root = join(tmpdir(), `${name}-${process.pid}`);
  await rm(root, { recursive: true, force: true });
  const { root: fresh, configPath } = await tinyProject();
  await writeFile(join(fresh, ".spectral.yaml"), RULESET);
  await cp(join(fresh, "openapi/tiny"), join(fresh, "openapi/other"), { recursive: true });
  await writeFile(configPath, `${await readFile(configPath, "utf8")}  other:\n    root: openapi/other/openapi.yaml\n`);
  await rename(fresh, root);
  return { root, at: (file) => join(root, file) };
}

/** Removes the copy (for an afterAll). */
export const removeTinyWatchProject = (name: string): Promise<void> =>
  rm(join(tmpdir(), `${name}-${process.pid}`), { recursive: true, force: true });
