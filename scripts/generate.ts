// `npm run generate`: specs under openapi/ -> everything under generated/, then the compiled
// package under dist/. It first lints the specs (as `npm run lint`) and writes nothing when the
// linters find an error. When no input and no output changed since the last full run it
// stops at once (`--force` runs anyway). `--check` is the drift gate: it always produces
// everything, writes nothing, and fails when generated/ differs from what the specs produce.
// `--watch` keeps running and regenerates what each edit of a spec affects (scripts/watch/).
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { isUpToDate, record } from "./pipeline/cache.js";
import { compare, write, type Drift } from "./pipeline/sync.js";

const root = resolve(import.meta.dirname, "..");
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

/** Lints every API; prints the findings and says whether the specs are fit to generate from. */
async function lintGate(): Promise<boolean> {
  // Loaded only when needed: the linters take about a second to import, a no-op run none.
  const { countBySeverity, formatFinding, lintAll } = await import("./lint/index.js");
  const findings = await lintAll(resolve(root, "redocly.yaml"), {
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

async function main(): Promise<number> {
  if (process.argv.includes("--watch")) {
    if (check) {
      console.error("--watch and --check do not go together: --check compares once and writes nothing.");
      return 2;
    }
    const { watchAndGenerate } = await import("./watch/cli.js");
    return watchAndGenerate(root);
  }
  if (!check && !force && (await isUpToDate(root, outputs))) {
    console.log("nothing to do: no spec, script or output changed since the last run (--force to run anyway)");
    return 0;
  }
  if (!check && !(await lintGate())) return 1;
  const { produce } = await import("./pipeline/run.js");
  const files = await produce({
    configPath: resolve(root, "redocly.yaml"),
    onStep: (api, step, ms) => console.log(`${api.padEnd(12)} ${step.padEnd(10)} ${Math.round(ms)} ms`),
  });
  if (check) {
    const lines = describe(await compare(root, "generated", files));
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
  const lines = describe(await write(root, "generated", files));
  console.log(`write        ${lines.length === 0 ? "nothing changed" : `${lines.length} file(s)`}`);
  for (const line of lines) console.log(line);
  if (build) {
    const started = performance.now();
    const tsc = spawnSync(
      process.execPath,
      [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
      { cwd: root, stdio: "inherit" },
    );
    if (tsc.status !== 0) return 1;
    console.log(`build        dist/ ${Math.round(performance.now() - started)} ms`);
  }
  await record(root, outputs);
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
