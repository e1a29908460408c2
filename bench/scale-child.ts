// One generate run over a synthetic project (`apis` APIs of one size, 1 by default; a prerender
// limit if given), in its own process so its peak memory is its own. Prints `{ "ms": <wall time of produce()>, "rssMb":
// <peak resident set> }`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { produce } from "../scripts/generate/run.js";
import { writeSyntheticProject } from "./synthetic.js";

const [operations, codes, apis = 1, prerenderLimit] = process.argv.slice(2).map(Number);
if (!operations || !codes) throw new Error("usage: scale-child.ts <operations> <codes> [apis] [prerender limit]");
const root = await mkdtemp(join(tmpdir(), "synthetic-"));
try {
  const configPath = await writeSyntheticProject(root, { operations, codes }, apis, prerenderLimit);
  const started = performance.now();
  await produce({ configPath });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, rssMb: process.resourceUsage().maxRSS / 1024 }));
} finally {
  await rm(root, { recursive: true, force: true });
}
