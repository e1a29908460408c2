// How `npm run generate` and its watch mode print their progress and what they wrote.
import type { Drift } from "../pipeline/sync.js";

/** One progress line: a label (an API, a step's name) in a column, then the text. */
export function progress(label: string, text: string, ms?: number): string {
  return `${label.padEnd(12)} ${ms === undefined ? text : `${text.padEnd(10)} ${Math.round(ms)} ms`}`;
}

/** One line per file a write changed, added or removed, and one for a write cut short. */
export function describeDrift(drift: Drift): string[] {
  return [
    ...drift.changed.map((p) => `  changed  ${p}`),
    ...drift.missing.map((p) => `  missing  ${p}`),
    ...drift.stale.map((p) => `  stale    ${p}`),
    ...(drift.interrupted
      ? [`  interrupted  ${drift.interrupted}: a write was cut short; \`npm run generate\` finishes it`]
      : []),
  ];
}
