// How `npm run generate` (and its watch mode) prints a step's progress and what a write changed
// (scripts/generate/report.ts): the exact lines, since users and tests read them by column.
import { describe, expect, it } from "vitest";
import { describeDrift, progress } from "../../scripts/generate/report.js";

describe("progress", () => {
  it.each([
    // A label in a 12-column field, then the text alone when no time is given.
    ["write", "nothing changed", undefined, "write        nothing changed"],
    ["a-label-longer-than-twelve", "text", undefined, "a-label-longer-than-twelve text"],
    // With a time: the text in a 10-column field, then the time rounded to whole milliseconds.
    ["ittybit", "types", 12.4, "ittybit      types      12 ms"],
    ["ittybit", "types", 12.5, "ittybit      types      13 ms"],
    ["ittybit", "spectral-lint", 0, "ittybit      spectral-lint 0 ms"],
  ])("progress(%j, %j, %j) is %j", (label, text, ms, line) => {
    expect(progress(label, text, ms)).toBe(line);
  });
});

describe("describeDrift", () => {
  it("prints nothing when a write changed nothing", () => {
    expect(describeDrift({ changed: [], missing: [], stale: [] })).toEqual([]);
  });

  it("lists changed, then missing, then stale files, each kind in its order, then a write cut short", () => {
    const drift = {
      changed: ["generated/b.ts", "generated/a.ts"],
      missing: ["generated/new.ts"],
      stale: ["generated/old.ts", "generated/older.ts"],
      interrupted: "generated/.write-lock",
    };
    expect(describeDrift(drift)).toEqual([
      "  changed  generated/b.ts",
      "  changed  generated/a.ts",
      "  missing  generated/new.ts",
      "  stale    generated/old.ts",
      "  stale    generated/older.ts",
      "  interrupted  generated/.write-lock: a write was cut short; `npm run generate` finishes it",
    ]);
  });
});
