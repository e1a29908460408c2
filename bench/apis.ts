// Area 8: many APIs in one run. One generate over 20 synthetic APIs of 50 operations each,
// against generating each alone (its own process), as wall time of the run and peak memory.
import { alternate, runCommand, table, type Row } from "./harness.js";

interface Measure {
  readonly ms: number;
  readonly rssMb: number;
}

async function once(apis: number, operations: number): Promise<Measure> {
  const codes = Math.round(operations * 0.6);
  const { stdout } = await runCommand("bench/scale-child.ts", [String(operations), String(codes), String(apis)]);
  return JSON.parse(stdout.trim().split("\n").pop()!) as Measure;
}

export async function manyApis(quick: boolean): Promise<string> {
  const { apis, operations, runs } = quick
    ? { apis: 3, operations: 10, runs: 1 }
    : { apis: 20, operations: 50, runs: 3 };
  const peaks = { together: 0, alone: 0 };
  const together = async (): Promise<number> => {
    const m = await once(apis, operations);
    peaks.together = Math.max(peaks.together, m.rssMb);
    return m.ms;
  };
  // The APIs are all of one size, so the sum of generating each alone is `apis` times one
  // API alone; a different one of them each run would measure the same thing.
  const sumAlone = async (): Promise<number> => {
    const m = await once(1, operations);
    peaks.alone = Math.max(peaks.alone, m.rssMb);
    return m.ms * apis;
  };
  const row: Row = {
    name: `${apis} APIs of ${operations} operations in one run vs the sum of generating each alone`,
    unit: "ms",
    ...(await alternate(runs, together, sumAlone)),
    goal: 0.65,
    note:
      `peak memory ${Math.round(peaks.together)} MB in one run, ${Math.round(peaks.alone)} MB for one API alone; ` +
      `the sum alone is ${apis} × one API's run (all ${apis} are the same size)`,
  };
  return table("8. Many APIs in one run", "sum alone", [row]);
}
