// Measures two contenders in alternating runs (A B A B ...) so drift on a shared, noisy
// machine hits both, and reports medians with the ratio ours / anchor.

import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../scripts/root.js";

export { ROOT };

/** The tools' telemetry and update checks off, as in CI. */
export const QUIET_ENV = {
  ...process.env,
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  NO_UPDATE_NOTIFIER: "1",
};

const exec = promisify(execFile);

/** Runs one of the project's commands the way its npm script does (scripts/launch.mjs), in `cwd`. */
export function runCommand(script: string, args: readonly string[] = [], cwd = ROOT) {
  const launcher = join(ROOT, "scripts/launch.mjs");
  return exec(process.execPath, [launcher, script, ...args], { cwd, env: QUIET_ENV, maxBuffer: 1 << 24 });
}

export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface Row {
  readonly name: string;
  readonly unit: string;
  readonly ours: Sample;
  readonly anchor: Sample;
  /** The goal as a ratio ours / anchor, when there is one. */
  readonly goal?: number;
  /** The goal as an upper limit on our median, in `unit`, when there is one. */
  readonly limit?: number;
  readonly note?: string;
}

export function summarize(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error("summarize: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Runs `ours` and `anchor` alternately `runs` times each; each call returns one measurement. */
export async function alternate(
  runs: number,
  ours: () => Promise<number>,
  anchor: () => Promise<number>,
): Promise<{ ours: Sample; anchor: Sample }> {
  const [a, b] = await rotate(runs, [ours, anchor]);
  return { ours: a!, anchor: b! };
}

/**
 * Runs each measure `runs` times, round by round, each round starting one measure later (A B C,
 * B C A, …), so that none always runs on a warm or cold machine; one sample per measure.
 */
export async function rotate(runs: number, measures: readonly (() => Promise<number>)[]): Promise<Sample[]> {
  const values = measures.map((): number[] => []);
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < measures.length; k++) {
      const i = (round + k) % measures.length;
      values[i]!.push(await measures[i]!());
    }
  }
  return values.map(summarize);
}

/** Wall time of one async call, in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const fmt = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const sample = (s: Sample, unit: string): string => `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)})`;

export function ratio(row: Row): number {
  return row.ours.median / row.anchor.median;
}

/** One Markdown table: our figure, the anchor's, the ratio and whether the goal is met. */
export function table(title: string, anchorName: string, rows: readonly Row[]): string {
  const lines = [
    `### ${title}`,
    "",
    `| case | ours: median (min–max) | ${anchorName}: median (min–max) | ratio | goal |`,
    "|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const r = ratio(row);
    const goals = [
      ...(row.goal === undefined ? [] : [`≤ ${row.goal}× ${r <= row.goal ? "met" : "**missed**"}`]),
      ...(row.limit === undefined
        ? []
        : [`≤ ${row.limit} ${row.unit} ${row.ours.median <= row.limit ? "met" : "**missed**"}`]),
    ];
    const goal = goals.length === 0 ? "–" : goals.join(", ");
    lines.push(
      `| ${row.name} | ${sample(row.ours, row.unit)} | ${sample(row.anchor, row.unit)} | ${r.toFixed(2)}× | ${goal} |`,
    );
  }
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.name}: ${r.note}`);
  return [...lines, ...(notes.length > 0 ? ["", ...notes] : []), ""].join("\n");
}
