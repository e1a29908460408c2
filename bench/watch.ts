// Area 7: `npm run generate -- --watch`. On a throwaway copy of the project, the watcher is
// started once; then, alternately, one error description of one API is edited and timed until
// the watcher reports the files written, against a full generate (`--force --no-build`) on the
// same copy, the run an edit costs without the watcher. Goal: 0.15x.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { alternate, QUIET_ENV, table, timeMs } from "./harness.js";
import { copyProject } from "./project-copy.js";

const exec = promisify(execFile);

const ERROR_FILE = "openapi/ittybit/components/schemas/errors/task_not_found.yaml";
const DESCRIPTION = "description: Task does not exist";
const env = { ...QUIET_ENV, FORCE_COLOR: "0" };

/** The output of a process, and a way to wait for a line printed after some point. */
class Output {
  private text = "";
  private readonly waiting = new Set<() => void>();

  constructor(child: ChildProcess) {
    const add = (chunk: Buffer): void => {
      this.text += chunk.toString();
      for (const check of this.waiting) check();
    };
    child.stdout?.on("data", add);
    child.stderr?.on("data", add);
    child.once("close", (code) => {
      this.text += `\n[the watcher exited with code ${code}]`;
      for (const check of this.waiting) check();
    });
  }

  get length(): number {
    return this.text.length;
  }

  /** Resolves when the output after `offset` matches `pattern`; rejects if the watcher exits or reports a failure. */
  after(offset: number, pattern: RegExp, timeoutMs = 120_000): Promise<void> {
    return new Promise((done, fail) => {
      const timer = setTimeout(() => settle(new Error(`No ${pattern} within ${timeoutMs} ms`)), timeoutMs);
      const settle = (error?: Error): void => {
        clearTimeout(timer);
        this.waiting.delete(check);
        if (error) fail(error);
        else done();
      };
      const check = (): void => {
        const text = this.text.slice(offset);
        if (/^failed |\[the watcher exited/m.test(text)) settle(new Error(`The watcher failed:\n${text}`));
        else if (pattern.test(text)) settle();
      };
      this.waiting.add(check);
      check();
    });
  }
}

export async function watchEdit(quick: boolean): Promise<string> {
  const project = await copyProject();
  const copy = project.root;
  // What `npm run generate -- --watch` runs, without npm in between.
  const launcher = join(copy, "scripts/launch.mjs");
  const watcher = spawn(process.execPath, [launcher, "scripts/generate.ts", "--watch"], { cwd: copy, env });
  const output = new Output(watcher);
  try {
    await output.after(0, /^watching /m, 300_000);
    const file = join(copy, ERROR_FILE);
    const original = await readFile(file, "utf8");
    if (!original.includes(DESCRIPTION)) throw new Error(`${ERROR_FILE} no longer has "${DESCRIPTION}"`);
    let edits = 0;
    /** One edit (a new description each time, so every edit changes the generated files), until written. */
    const edit = (): Promise<number> =>
      timeMs(async () => {
        const offset = output.length;
        await writeFile(file, original.replace(DESCRIPTION, `${DESCRIPTION} (edit ${++edits})`));
        await output.after(offset, /^write {8}\d+ file\(s\)/m);
      });
    const full = (): Promise<number> =>
      timeMs(() =>
        exec(process.execPath, [launcher, "scripts/generate.ts", "--force", "--no-build"], { cwd: copy, env }),
      );
    const row = {
      name: "edit one error description → files written, vs a full generate (--force --no-build)",
      unit: "ms",
      ...(await alternate(quick ? 1 : 2, edit, full)),
      goal: 0.15,
      note: "the watcher re-reads, lints and re-emits the edited API only, its Redoc page rendered during the lint",
    };
    return table("7. Watch: one edit, wall time", "full generate", [row]);
  } finally {
    watcher.kill("SIGTERM");
    await new Promise((done) => (watcher.exitCode === null ? watcher.once("close", done) : done(undefined)));
    await project.remove();
  }
}
