// Copies of the real specs (openapi/ and redocly.yaml) in temporary folders, edited per test.
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const made: string[] = [];

/** A checkout-like folder holding a copy of the real specs; `edit` changes files under openapi/<api>/. */
export async function specsCopy(
  edit?: (file: (api: string, path: string) => string) => Promise<void>,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "diff-specs-"));
  made.push(dir);
  await cp(join(ROOT, "openapi"), join(dir, "openapi"), { recursive: true });
  await cp(join(ROOT, "redocly.yaml"), join(dir, "redocly.yaml"));
  await edit?.((api, path) => join(dir, "openapi", api, path));
  return dir;
}

/** Replaces `from` (once) in a file, failing loudly when it is not there, so a fixture cannot silently stop editing. */
export async function replaceIn(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  if (typeof from === "string" ? !text.includes(from) : !from.test(text))
    throw new Error(`${file} does not contain ${String(from)}`);
  await writeFile(file, text.replace(from, to));
}

/** A git repository in a temporary folder whose first commit (tagged `v1`) holds a copy of the real specs. */
export async function specsRepo(): Promise<{ dir: string; git: (...args: string[]) => string }> {
  const dir = await specsCopy();
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "--allow-empty", "-m", "empty");
  git("add", "-A");
  git("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "specs");
  git("tag", "v1");
  return { dir, git };
}

export async function removeCopies(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
