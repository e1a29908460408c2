import { describe, expect, it } from "vitest";
import { alternate, rotate, summarize, table } from "../../bench/harness.js";

describe("summarize", () => {
  it.each([
    ["odd count", { given: [3, 1, 2], want: { median: 2, min: 1, max: 3 } }],
    ["even count", { given: [4, 1, 3, 2], want: { median: 2.5, min: 1, max: 4 } }],
    ["one value", { given: [7], want: { median: 7, min: 7, max: 7 } }],
  ] as const)("%s", (_name, { given, want }) => {
    expect(summarize(given)).toEqual(want);
  });

  it("refuses no values", () => {
    expect(() => summarize([])).toThrow(/no values/);
  });
});

describe("alternate", () => {
  it("interleaves the contenders, swapping who goes first each round", async () => {
    const order: string[] = [];
    const result = await alternate(
      4,
      async () => {
        order.push("A");
        return 1;
      },
      async () => {
        order.push("B");
        return 2;
      },
    );
    expect(order.join("")).toBe("ABBAABBA");
    expect(result).toEqual({ ours: { median: 1, min: 1, max: 1 }, anchor: { median: 2, min: 2, max: 2 } });
  });
});

describe("rotate", () => {
  it("starts each round one measure later, and keeps each measure's samples apart", async () => {
    const order: string[] = [];
    const measure = (name: string, value: number) => async () => {
      order.push(name);
      return value + order.length;
    };
    const [a, b, c] = await rotate(3, [measure("A", 0), measure("B", 100), measure("C", 200)]);
    expect(order.join(" ")).toBe("A B C B C A C A B");
    expect([a, b, c]).toEqual([
      { median: 6, min: 1, max: 8 },
      { median: 104, min: 102, max: 109 },
      { median: 205, min: 203, max: 207 },
    ]);
  });
});

describe("table", () => {
  const fixed = (value: number) => ({ median: value, min: value, max: value });
  it("prints the ratio and says plainly whether each goal is met", () => {
    const markdown = table("T", "anchor", [
      { name: "fast", unit: "ms", ours: fixed(50), anchor: fixed(100), goal: 0.5 },
      { name: "slow", unit: "kB", ours: fixed(6), anchor: fixed(3), goal: 1.5, limit: 5 },
    ]);
    expect(markdown).toContain("| fast | 50.0 ms (50.0–50.0) | 100 ms (100–100) | 0.50× | ≤ 0.5× met |");
    expect(markdown).toContain(
      "| slow | 6.00 kB (6.00–6.00) | 3.00 kB (3.00–3.00) | 2.00× | ≤ 1.5× **missed**, ≤ 5 kB **missed** |",
    );
  });
});
