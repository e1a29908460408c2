// Area 9: `npm run verify` against JSON.parse of the same file, each in its own process: a HAR of
// both APIs' traffic and one of a million tiny entries (goal: within 3× JSON.parse's time, and
// peak memory within 4× the file's size), and files whose one body of 1 MB once made verify
// slow (goal: under 100 ms each).
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ONE_MB_BODIES, writeOneBodyHar, writeSmallEntriesHar, writeTrafficHar } from "./har.js";
import { alternate, runCommand, type Sample, summarize, table, type Row } from "./harness.js";

type Mode = "verify" | "parse";

interface Measure {
  readonly ms: number;
  readonly mb: number;
}

async function measure(mode: Mode, files: readonly string[]): Promise<Measure[]> {
  const { stdout } = await runCommand("bench/verify-child.ts", [mode, ...files]);
  return JSON.parse(stdout.trim().split("\n").pop()!) as Measure[];
}

/**
 * Runs both sides alternately on `files` (the first sets each process's peak memory): the time
 * of every file, and the memory of the first, as samples per side.
 */
async function compare(files: readonly string[], runs: number) {
  const all: Record<Mode, Measure[][]> = { verify: [], parse: [] };
  const side = (mode: Mode) => async () => {
    const measures = await measure(mode, files);
    all[mode].push(measures);
    return measures[0]!.ms;
  };
  await alternate(runs, side("verify"), side("parse"));
  const of = (file: number, key: keyof Measure) => ({
    ours: summarize(all.verify.map((m) => m[file]![key])),
    anchor: summarize(all.parse.map((m) => m[file]![key])),
  });
  return { time: (file: number) => of(file, "ms"), memory: of(0, "mb") };
}

const mbOf = async (file: string): Promise<number> => (await stat(file)).size / 1024 / 1024;
const speed = (mb: number, { median }: Sample): string => `${((mb * 1000) / median).toFixed(0)} MB/s`;

export async function verifyThroughput(quick: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "bench-verify-"));
  try {
    const runs = quick ? 1 : 3;
    const traffic = join(dir, "traffic.har");
    const count = await writeTrafficHar(traffic, (quick ? 5 : 50) * 1024 * 1024);
    const small = join(dir, "small.har");
    const smallCount = quick ? 100_000 : 1_000_000;
    await writeSmallEntriesHar(small, smallCount);
    const bodies = Object.entries(ONE_MB_BODIES);
    const bodyFiles = bodies.map((_, i) => join(dir, `body-${i}.har`));
    await Promise.all(bodies.map(([, body], i) => writeOneBodyHar(bodyFiles[i]!, body)));

    const rows: Row[] = [];
    const [trafficMb, smallMb] = [await mbOf(traffic), await mbOf(small)];
    const ofTraffic = await compare([traffic, ...bodyFiles], runs);
    const ofSmall = await compare([small], runs);
    for (const [what, mb, of] of [
      [`a ${trafficMb.toFixed(0)} MB HAR of both APIs' traffic (${count} entries)`, trafficMb, ofTraffic],
      [`a ${smallMb.toFixed(0)} MB HAR of ${smallCount} tiny entries`, smallMb, ofSmall],
    ] as const) {
      const time = of.time(0);
      const note = `verify ${speed(mb, time.ours)}, JSON.parse ${speed(mb, time.anchor)}`;
      rows.push({ name: `verify of ${what} vs JSON.parse of it`, unit: "ms", ...time, goal: 3, note });
      rows.push({ name: `peak memory above the start, per MB of ${what}`, unit: "MB/MB", ...of.memory, limit: 4 });
    }
    bodies.forEach(([name], i) => {
      rows.push({ name: `a HAR of one 1 MB body: ${name}`, unit: "ms", ...ofTraffic.time(i + 1), limit: 100 });
    });
    return table("9. Verify: time and memory against JSON.parse of the same file", "JSON.parse", rows);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
