// Area 10: the maintainer's loop. `npm test` (the whole suite, as CI and a contributor run it)
// against the naive CLI pipeline of area 1 measured in the same run, as wall time. Full runs
// only: one run of the suite takes minutes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { naive } from "./generate.js";
import { QUIET_ENV, ROOT, rotate, table, timeMs } from "./harness.js";

const exec = promisify(execFile);

/** `npm test` in this checkout, as a contributor runs it; a failing suite fails the bench. */
const suite = () => timeMs(() => exec("npm", ["test", "--silent"], { cwd: ROOT, env: QUIET_ENV, maxBuffer: 1 << 26 }));

export async function suiteTime(quick: boolean): Promise<string> {
  const title = "10. `npm test`, wall time";
  if (quick) return `### ${title}\n\nFull runs only (one run of the suite takes minutes).\n`;
  const [ours, anchor] = await rotate(1, [suite, naive]);
  const row = { name: "`npm test` vs the naive CLI pipeline", unit: "ms", ours: ours!, anchor: anchor!, goal: 20 };
  return table(title, "naive CLIs", [row]);
}
