// Area 2: how generate time grows with the size of a spec, per operation, against the
// 500-operation spec measured in the same run (goal: 5,000 within 1.3x of 500 per operation),
// and its peak memory, with the default prerender limit (1,000) and without it.
import { alternate, runCommand, summarize, table, type Row } from "./harness.js";

interface Measure {
  readonly ms: number;
  readonly rssMb: number;
}

async function once(operations: number, codes: number, prerenderLimit?: number): Promise<Measure> {
  const limit = prerenderLimit === undefined ? [] : ["1", String(prerenderLimit)];
  const { stdout } = await runCommand("bench/scale-child.ts", [String(operations), String(codes), ...limit]);
  return JSON.parse(stdout.trim().split("\n").pop()!) as Measure;
}

export async function scale(quick: boolean): Promise<string> {
  const sizes = quick
    ? { small: [10, 6], anchor: [50, 30], large: [100, 60], runs: 1 }
    : { small: [50, 30], anchor: [500, 300], large: [5000, 3000], runs: 1 };
  const peaks = new Map<number, number[]>();
  /** One run at one size, as milliseconds per operation; keeps the run's peak memory by size. */
  const perOp =
    ([ops, codes]: readonly number[]) =>
    async () => {
      const m = await once(ops!, codes!);
      peaks.set(ops!, [...(peaks.get(ops!) ?? []), m.rssMb]);
      return m.ms / ops!;
    };
  const rows: Row[] = [];
  for (const key of ["small", "large"] as const) {
    const [ops, codes] = sizes[key];
    const { ours, anchor } = await alternate(
      // The small size is cheap: a second run steadies it, except in a quick run (under a minute in all).
      key === "small" && !quick ? sizes.runs + 1 : sizes.runs,
      perOp(sizes[key]),
      perOp(sizes.anchor),
    );
    rows.push({
      name: `${ops} operations, ${codes} codes vs ${sizes.anchor[0]}, ${sizes.anchor[1]}`,
      unit: "ms/op",
      ours,
      anchor,
      ...(key === "large" ? { goal: 1.3 } : {}),
      note: `total ${((ours.median * ops!) / 1000).toFixed(1)} s`,
    });
  }
  const [large] = sizes.large;
  rows.push({
    name: `peak memory (resident set of the run's process), ${large} operations vs ${sizes.anchor[0]}`,
    unit: "MB",
    ours: summarize(peaks.get(large!)!),
    anchor: summarize(peaks.get(sizes.anchor[0]!)!),
    goal: 2,
  });
  // The prerender limit's effect: the large size rendered ahead of time as well (once; the slowest run).
  if (!quick) {
    const [ops, codes] = sizes.large;
    const ahead = await once(ops!, codes!, ops);
    rows.push({
      name: `peak memory, ${large} operations rendered ahead (prerender-limit ${large}) vs ${sizes.anchor[0]}`,
      unit: "MB",
      ours: summarize([ahead.rssMb]),
      anchor: summarize(peaks.get(sizes.anchor[0]!)!),
      note: `generate ${(ahead.ms / 1000).toFixed(1)} s`,
    });
  }
  return table("2. Scale: generate time per operation and peak memory", `${sizes.anchor[0]} operations`, rows);
}
