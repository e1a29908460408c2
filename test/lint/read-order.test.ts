// Spectral's resolver, when its file reads completed out of order, built another document: a
// referrer of a schema with nested `$ref`s got them unresolved (a false finding), or it overflowed
// the stack. The lint's resolver reads in order (scripts/lint/spectral.ts). Here every
// `fs.readFile` completes after a random delay (seeded, so a failure replays) and the real specs
// stay clean; orders 3, 4 and 7 each broke the lint when it used Spectral's resolver as it comes.
import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatFinding } from "../../scripts/lint/index.js";
import { loadSpectral } from "../../scripts/lint/spectral.js";
import { readApis } from "../../scripts/contract/index.js";
import { configPath, rulesetCache, rulesetPath } from "./helpers.js";

/** A small linear congruential generator: the same delays on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Delays the callback of every `fs.readFile` by up to 4 ms. */
function shuffleReads(seed: number): void {
  const random = seeded(seed);
  const readFile = fs.readFile;
  vi.spyOn(fs, "readFile").mockImplementation(((...args: unknown[]) => {
    const callback = args.pop() as (...result: unknown[]) => void;
    const delay = Math.floor(random() * 4);
    (readFile as (...a: unknown[]) => void)(...args, (...result: unknown[]) =>
      setTimeout(() => callback(...result), delay),
    );
  }) as typeof fs.readFile);
}

afterEach(() => vi.restoreAllMocks());

describe("the lint, whatever order the resolver's file reads complete in", () => {
  it.each([1, 3, 4, 7])("reports nothing on the real specs (read order %i)", async (seed) => {
    const spectral = await loadSpectral(rulesetPath, { cache: rulesetCache });
    shuffleReads(seed);
    const findings = [];
    for (const api of await readApis(configPath)) findings.push(...(await spectral.lintFile(api.root)));
    expect(findings.map((finding) => formatFinding(finding))).toEqual([]);
  });
});
