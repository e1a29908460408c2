// Area 6: `npm run diff` of both real specs (HEAD against the working tree) against
// `npm run lint` of the same specs, each as a fresh process the way CI runs them.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { alternate, table, timeMs, type Row } from "./harness.js";

const exec = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const tsx =
  (script: string, ...args: string[]) =>
  () =>
    timeMs(() => exec(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), script, ...args], { cwd: root }));

export async function diffVsLint(quick: boolean): Promise<string> {
  const rows: Row[] = [
    {
      name: "diff of both specs, HEAD vs working tree (json) vs lint",
      unit: "ms",
      ...(await alternate(quick ? 1 : 5, tsx("scripts/diff.ts", "--format", "json"), tsx("scripts/lint.ts"))),
      goal: 1.5,
    },
  ];
  return table("6. Diff, wall time", "npm run lint", rows);
}
