// `npm run bench`: every area measured against its anchor in the same run, as Markdown
// tables; the full run also writes bench/RESULTS.md. `--quick` is a few-second smoke run.
import { availableParallelism } from "node:os";
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { manyApis } from "./apis.js";
import { proxyLatency } from "./proxy.js";
import { clientOverhead } from "./client.js";
import { diffVsLint } from "./diff.js";
import { generate } from "./generate.js";
import { scale } from "./scale.js";
import { ROOT } from "./harness.js";
import { bundleSize } from "./size.js";
import { startup } from "./startup.js";
import { suiteTime } from "./suite.js";
import { typeCheckCost } from "./typecheck.js";
import { verifyThroughput } from "./verify.js";
import { watchEdit } from "./watch.js";

const quick = process.argv.includes("--quick");
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");

const AREAS: [string, () => Promise<string>][] = [
  ["generate", () => generate(quick)],
  ["scale", () => scale(quick)],
  ["client", () => clientOverhead(quick)],
  ["size", () => bundleSize()],
  ["typecheck", () => typeCheckCost(quick)],
  ["diff", () => diffVsLint(quick)],
  ["watch", () => watchEdit(quick)],
  ["apis", () => manyApis(quick)],
  ["verify", () => verifyThroughput(quick)],
  ["startup", () => startup(quick)],
  ["proxy", () => proxyLatency(quick)],
  ["suite", () => suiteTime(quick)],
];

const tables: string[] = [];
for (const [name, area] of AREAS) {
  if (only && !only.includes(name)) continue;
  const started = performance.now();
  const markdown = await area();
  console.log(markdown);
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  tables.push(markdown);
}

if (!quick && !only) {
  // The tables go between the markers; the explanations written around them are kept.
  const path = resolve(ROOT, "bench/RESULTS.md");
  const previous = await readFile(path, "utf8").catch(
    () => "# Benchmark results\n\n<!-- results -->\n<!-- /results -->\n",
  );
  const header =
    `${new Date().toISOString().slice(0, 10)}, ${availableParallelism()} cores, Node ${process.version}. ` +
    "Medians of alternating runs (min–max); ratio = ours / anchor.";
  const body = `<!-- results -->\n${header}\n\n${tables.join("\n")}<!-- /results -->`;
  await writeFile(path, previous.replace(/<!-- results -->[\s\S]*<!-- \/results -->/, body));
}
