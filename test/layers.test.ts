// The layers of the code flow one way: specs -> contract model -> emitters -> outputs, and the
// runtime in src/ knows nothing of the tools. The import graph of scripts/ and src/ is derived
// from the files themselves (static, dynamic and JSDoc `import(...)` specifiers), and every
// arrow that runs back up fails the test. Tests and benchmarks may import anything.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** Every local import as `from → to`, both relative to the project root. */
async function importGraph(folders: readonly string[]): Promise<{ from: string; to: string }[]> {
  const edges: { from: string; to: string }[] = [];
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries.filter((e) => e.isFile() && /\.(ts|js|mjs)$/.test(e.name))) {
      const file = join(entry.parentPath, entry.name);
      const text = await readFile(file, "utf8");
      for (const [, specifier] of text.matchAll(SPECIFIER)) {
        if (!specifier!.startsWith(".")) continue;
        edges.push({ from: relative(root, file), to: relative(root, resolve(dirname(file), specifier!)) });
      }
    }
  }
  return edges;
}

// Each layer and the folders it must never import from.
const FORBIDDEN: readonly (readonly [layer: string, forbidden: readonly string[]])[] = [
  ["src/", ["scripts/", "generated/", "bin/", "test/", "bench/"]],
  ["scripts/contract/", ["scripts/pipeline/", "scripts/docs/", "scripts/lint/", "scripts/spectral/", "generated/"]],
  ["scripts/docs/", ["scripts/pipeline/", "scripts/lint/", "scripts/spectral/", "generated/"]],
  ["scripts/spectral/", ["scripts/pipeline/", "scripts/docs/", "scripts/lint/", "generated/"]],
  ["scripts/lint/", ["scripts/pipeline/", "scripts/docs/", "generated/"]],
  ["scripts/pipeline/", ["scripts/lint/", "generated/"]],
];

describe("the import graph of scripts/ and src/", async () => {
  const edges = await importGraph(["scripts", "src"]);

  it("is read from the files (the layers below are all there)", () => {
    const arrow = (from: string, to: string) => edges.some((e) => e.from.startsWith(from) && e.to.startsWith(to));
    expect(arrow("scripts/pipeline/", "scripts/contract/")).toBe(true);
    expect(arrow("scripts/pipeline/", "scripts/docs/")).toBe(true);
    expect(arrow("scripts/spectral/", "scripts/contract/")).toBe(true);
    expect(arrow("scripts/docs/", "scripts/contract/")).toBe(true);
    expect(arrow("scripts/contract/", "src/")).toBe(true);
  });

  it.each(FORBIDDEN)("has no import from %s into %j", (layer, forbidden) => {
    const back = edges.filter((e) => e.from.startsWith(layer) && forbidden.some((f) => e.to.startsWith(f)));
    expect(back.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it("keeps Spectral's functions off the module that loads Redocly and the file system", () => {
    const heavy = edges.filter(
      (e) => e.from.startsWith("scripts/spectral/") && /scripts\/contract\/(index|read)\.js$/.test(e.to),
    );
    expect(heavy.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });
});
