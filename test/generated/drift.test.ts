// The drift gate inside `npm test`: every file the specs produce, made in memory, must be
// byte-identical to the committed one under generated/, and nothing else may be there.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { produce } from "../../scripts/generate/run.js";

const root = resolve(import.meta.dirname, "../..");

describe("generated/", () => {
  it("holds exactly what the specs produce, file by file", async () => {
    const produced = await produce({ configPath: resolve(root, "redocly.yaml") });
    expect(produced.length).toBeGreaterThan(0);
    const differing: string[] = [];
    for (const { path, content } of produced) {
      const committed = await readFile(join(root, path)).catch(() => undefined);
      if (committed === undefined) differing.push(`missing  ${path}`);
      else if (!committed.equals(Buffer.from(content))) differing.push(`changed  ${path}`);
    }
    const producedPaths = new Set(produced.map((f) => f.path));
    const entries = await readdir(join(root, "generated"), { withFileTypes: true, recursive: true });
    for (const entry of entries.filter((e) => e.isFile())) {
      const path = relative(root, join(entry.parentPath, entry.name));
      if (!producedPaths.has(path)) differing.push(`stale    ${path}`);
    }
    expect(differing, "generated/ is out of step with the specs: run `npm run generate` and commit it").toEqual([]);
  }, 120_000);
});
