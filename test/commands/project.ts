// Running the repository's npm scripts as a user would, on a throwaway copy of it
// (bench/project-copy.ts).
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { Readable } from "node:stream";

export const repoRoot = resolve(import.meta.dirname, "../..");
export { copyProject, type Project } from "../../bench/project-copy.js";

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const quiet = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
  FORCE_COLOR: "0",
};

type Piped = ChildProcessByStdio<null, Readable, Readable>;

/** `npm run <script> -- <args>` in its own process group, so that it can be stopped whole. */
function spawnScript(cwd: string, script: string, args: readonly string[]): Piped {
  const options = { cwd, env: quiet, stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"], detached: true };
  return spawn("npm", ["run", "--silent", script, "--", ...args], options);
}

/**
 * Runs `npm run <script> -- <args>` in `cwd` to its end, in its own process group; a command
 * still running after `timeoutMs` is killed with everything it started, and the call fails.
 */
export function npmRun(
  cwd: string,
  script: string,
  args: readonly string[] = [],
  timeoutMs = 100_000,
): Promise<Finished> {
  return new Promise((done, fail) => {
    const child = spawnScript(cwd, script, args);
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      const command = `npm run ${script} ${args.join(" ")}`;
      fail(new Error(`${command} did not end within ${timeoutMs} ms; output:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", fail);
    child.once("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

export interface Started {
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /**
   * Resolves with the first match of `pattern` in the output (from `offset` on, the length of the
   * output when a step began); rejects when the command ends first.
   */
  waitFor(pattern: RegExp, timeoutMs?: number, offset?: number): Promise<RegExpExecArray>;
  /** Stops the command and every process it started (its own process group), and waits for its end. */
  stop(): Promise<number | null>;
  /** Sends a signal to the command and every process it started, at once. */
  kill(signal: NodeJS.Signals): void;
  readonly exited: Promise<number | null>;
}

/** Starts a long-running `npm run <script>` in its own process group. */
export function npmStart(cwd: string, script: string, args: readonly string[] = []): Started {
  const child = spawnScript(cwd, script, args);
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((done) =>
    child.once("close", (code) => {
      for (const listener of listeners) listener();
      done(code);
    }),
  );
  const ended = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 60_000, offset = 0) {
      return new Promise((found, fail) => {
        const message = (): string => `No ${pattern} within ${timeoutMs} ms; output:\n${output}`;
        const timeout = (): void => settle(() => fail(new Error(message())));
        const timer = setTimeout(timeout, timeoutMs);
        const settle = (then: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        const check = (): void => {
          const match = pattern.exec(output.slice(offset));
          if (match) settle(() => found(match));
          else if (ended()) {
            const message = `The command ended (code ${child.exitCode}) before printing ${pattern}; output:\n${output}`;
            settle(() => fail(new Error(message)));
          }
        };
        listeners.add(check);
        check();
      });
    },
    kill(signal) {
      if (!ended()) process.kill(-child.pid!, signal);
    },
    async stop() {
      if (!ended()) process.kill(-child.pid!, "SIGTERM");
      return exited;
    },
  };
}

/** One hash per file under `dir` of the copy, by path, to tell whether a command wrote there. */
export async function snapshotTree(root: string, dir: string): Promise<Map<string, string>> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true });
  const hashes = new Map<string, string>();
  for (const entry of entries.filter((e) => e.isFile())) {
    const path = join(entry.parentPath, entry.name);
    const hash = createHash("sha256")
      .update(await readFile(path))
      .digest("hex");
    hashes.set(relative(root, path), hash);
  }
  return hashes;
}
