// One measured process of the verify area: `verify` reads, checks and formats each HAR as
// `npm run verify` does (contracts read first, untimed), `parse` only reads and JSON.parses
// each. Prints per file `{ "ms", "mb" }` (mb: peak resident set above the start of that step,
// per MB of the file; meaningful for the first file, the largest, which sets the peak).
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { ROOT } from "../scripts/root.js";
import { readVerifiedApis } from "../scripts/verify/contracts.js";
import { tableText } from "../scripts/verify/format.js";
import { readHar } from "../scripts/verify/har.js";
import { verifyEntries } from "../scripts/verify/report.js";

const [mode, ...files] = process.argv.slice(2);
if ((mode !== "verify" && mode !== "parse") || files.length === 0) {
  throw new Error("usage: verify-child.ts verify|parse <file.har>...");
}
const apis = mode === "verify" ? await readVerifiedApis(resolve(ROOT, "redocly.yaml")) : [];

async function step(file: string): Promise<number> {
  if (mode === "parse") return JSON.parse(await readFile(file, "utf8")) === null ? 0 : 1;
  const report = verifyEntries(apis, await readHar(file));
  let written = 0;
  for (const piece of tableText(report)) written += piece.length;
  return written;
}

const results = [];
for (const file of files) {
  const before = process.memoryUsage().rss;
  const started = performance.now();
  await step(file);
  const ms = performance.now() - started;
  const peak = process.resourceUsage().maxRSS * 1024;
  results.push({ ms, mb: Math.max(0, peak - before) / (await stat(file)).size });
}
console.log(JSON.stringify(results));
