// `npm run generate`: specs under openapi/ -> everything under generated/, then the compiled
// package under dist/. It first lints the specs (as `npm run lint`) and writes nothing when the
// linters find an error. When no input and no output changed since the last full run it
// stops at once (`--force` runs anyway). `--check` is the drift gate: it always produces
// everything, writes nothing, and fails when generated/ differs from what the specs produce.
// `--watch` keeps running and regenerates what each edit of a spec affects (scripts/watch/).
import { resolve } from "node:path";
import { isUpToDate, record } from "./pipeline/cache.js";
import type { OutputFile } from "./output.js";
import { compare, write, type Drift } from "./pipeline/sync.js";
import { ROOT } from "./root.js";

const check = process.argv.includes("--check");
const build = !check && !process.argv.includes("--no-build");
const force = process.argv.includes("--force");
const outputs = build ? ["generated", "dist"] : ["generated"];

function describe(drift: Drift): string[] {
  return [
    ...drift.changed.map((p) => `  changed  ${p}`),
    ...drift.missing.map((p) => `  missing  ${p}`),
    ...drift.stale.map((p) => `  stale    ${p}`),
  ];
}

/**
 * Lints every API on a worker thread; prints the findings and says whether the specs are fit to
 * generate from. The linters take about a second to load, which a no-op run never pays.
 */
async function lintGate(): Promise<boolean> {
  const { countBySeverity, formatFinding, rulesetCacheIn } = await import("./lint/index.js");
  const { lintAllInWorker } = await import("./lint/worker.js");
  const findings = await lintAllInWorker(resolve(ROOT, "redocly.yaml"), {
    cache: rulesetCacheIn(ROOT),
    onProgress: (api, linter, ms) => console.log(`${api.padEnd(12)} ${linter.padEnd(10)} ${Math.round(ms)} ms`),
  });
  for (const finding of findings) console.log(formatFinding(finding));
  const errors = countBySeverity(findings).error;
  if (errors > 0)
    console.error(
      `The specs have ${errors} lint error(s); nothing was generated. Fix them (see \`npm run lint\`) and run again.`,
    );
  return errors === 0;
}

/** Everything the specs produce, in memory; nothing is written here. */
async function produceAll(): Promise<OutputFile[]> {
  const { produce } = await import("./pipeline/run.js");
  return produce({
    configPath: resolve(ROOT, "redocly.yaml"),
    onStep: (api, step, ms) => console.log(`${api.padEnd(12)} ${step.padEnd(10)} ${Math.round(ms)} ms`),
  });
}

async function main(): Promise<number> {
  if (process.argv.includes("--watch")) {
    if (check) {
      console.error("--watch and --check do not go together: --check compares once and writes nothing.");
      return 2;
    }
    const { watchAndGenerate } = await import("./watch/cli.js");
    return watchAndGenerate(ROOT);
  }
  if (!check && !force && (await isUpToDate(ROOT, outputs))) {
    console.log("nothing to do: no spec, script or output changed since the last run (--force to run anyway)");
    return 0;
  }
  // The lint (on a worker thread) and the in-memory run overlap; files are written only when
  // the lint passed. A lint error is what the user sees even when the run failed on it too.
  const [linted, produced] = await Promise.allSettled([check ? true : lintGate(), produceAll()]);
  if (linted.status === "rejected") throw linted.reason;
  if (!linted.value) return 1;
  if (produced.status === "rejected") throw produced.reason;
  const files = produced.value;
  if (check) {
    const lines = describe(await compare(ROOT, "generated", files));
    if (lines.length === 0) {
      console.log(`generated/ is in step with the specs (${files.length} files)`);
      return 0;
    }
    console.error(
      [
        "generated/ differs from what the specs produce:",
        ...lines,
        "Run `npm run generate` and commit the result.",
      ].join("\n"),
    );
    return 1;
  }
  const lines = describe(await write(ROOT, "generated", files));
  console.log(`write        ${lines.length === 0 ? "nothing changed" : `${lines.length} file(s)`}`);
  for (const line of lines) console.log(line);
  if (build) {
    const started = performance.now();
    const { buildProject } = await import("./pipeline/build.js");
    const built = buildProject(ROOT, "tsconfig.build.json");
    if (built.report) console.error(built.report.trimEnd());
    if (!built.ok) {
      console.error(
        "The package build failed; generated/ is written, dist/ may be partly updated. Fix the errors above.",
      );
      return 1;
    }
    console.log(`build        dist/ ${Math.round(performance.now() - started)} ms`);
  }
  await record(ROOT, outputs);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof Error && (error.name === "SpecProblem" || error.name === "SpecProblems");
    console.error(known ? error.message : error);
    process.exit(1);
  },
);
