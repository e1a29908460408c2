import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../src/client/retry-after.js";

const NOW = Date.UTC(2025, 11, 1, 12, 0, 0);

describe("parseRetryAfter", () => {
  it.each([
    ["1", 1000],
    ["0", 0],
    [" 30 ", 30_000],
    ["1.5", 1500],
    ["1.25", 1250],
    ["0.125", 125],
    ["Mon, 01 Dec 2025 12:00:45 GMT", 45_000],
    ["Monday, 01-Dec-25 12:01:00 GMT", 60_000],
    ["Mon, 01 Dec 2025 11:00:00 GMT", 0], // a date in the past: retry now
  ])("%j is %d ms", (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([[null], [undefined], [""], ["   "], ["-1"], ["1e3"], ["soon"], ["12:00"], ["0x10"]])(
    "%j is unreadable",
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );
});
