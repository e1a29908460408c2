// Area 6: `npm run diff` of both real specs (HEAD against the working tree) against
// `npm run lint` of the same specs, each as a fresh process the way CI runs them.
import { alternate, runCommand, table, timeMs, type Row } from "./harness.js";

const command =
  (script: string, ...args: string[]) =>
  () =>
    timeMs(() => runCommand(script, args));

export async function diffVsLint(quick: boolean): Promise<string> {
  const rows: Row[] = [
    {
      name: "diff of both specs, HEAD vs working tree (json) vs lint",
      unit: "ms",
      ...(await alternate(quick ? 1 : 5, command("scripts/diff.ts", "--format", "json"), command("scripts/lint.ts"))),
      goal: 1.5,
    },
  ];
  return table("6. Diff, wall time", "npm run lint", rows);
}
