// Area 11: what a command costs to start, as a whole process: `verify` of a one-entry HAR and
// `diff` of the working tree against itself, run as their npm scripts run them (the launcher's
// bundle), against the same command run from its TypeScript sources through tsx's loader hook.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { alternate, QUIET_ENV, ROOT, runCommand, table, timeMs, type Row } from "./harness.js";

const exec = promisify(execFile);
const tsx = join(ROOT, "node_modules/tsx/dist/cli.mjs");

/** A command's process from its sources through tsx, as `npx tsx scripts/<command>.ts` runs it. */
const fromSources = (script: string, args: readonly string[]) =>
  exec(process.execPath, [tsx, script, ...args], { cwd: ROOT, env: QUIET_ENV, maxBuffer: 1 << 24 }).catch(
    (error: { code?: number }) => {
      if (typeof error.code !== "number") throw error; // an exit code of its own is fine: verify's 1
    },
  );
const launched = (script: string, args: readonly string[]) =>
  runCommand(script, args).catch((error: { code?: number }) => {
    if (typeof error.code !== "number") throw error;
  });

export async function startup(quick: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-startup-"));
  try {
    const har = join(dir, "one.har");
    const entry = {
      request: { method: "GET", url: "https://api.willittrack.com/v1/checks/abc", headers: [] },
      response: { status: 404, headers: [], content: { size: 0, mimeType: "application/json", text: "{}" } },
    };
    await writeFile(
      har,
      JSON.stringify({ log: { version: "1.2", creator: { name: "b", version: "1" }, entries: [entry] } }),
    );
    const runs = quick ? 1 : 5;
    const commands: [string, string, string[]][] = [
      ["verify of a one-entry HAR", "scripts/verify.ts", [har]],
      ["diff of the working tree against itself", "scripts/diff.ts", ["--base", ROOT, "--format", "json"]],
    ];
    const rows: Row[] = [];
    for (const [name, script, args] of commands) {
      // Once each first: the bundle built and the disk warm, as for any later run.
      await Promise.all([launched(script, args), fromSources(script, args)]);
      const measured = await alternate(
        runs,
        () => timeMs(() => launched(script, args)),
        () => timeMs(() => fromSources(script, args)),
      );
      rows.push({ name: `${name}, as a whole process`, unit: "ms", ...measured, goal: 1 });
    }
    return table("11. Command start-up: the launcher's bundle vs the sources through tsx", "tsx", rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
