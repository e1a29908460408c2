// `npm run generate`: specs under openapi/ -> everything under generated/, then the compiled
// package under dist/. `--check` is the drift gate: it writes nothing and fails when
// generated/ differs from what the specs produce.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { produce } from "./pipeline/run.js";
import { compare, write, type Drift } from "./pipeline/sync.js";

const root = resolve(import.meta.dirname, "..");
const check = process.argv.includes("--check");
const build = !check && !process.argv.includes("--no-build");

function describe(drift: Drift): string[] {
  return [
    ...drift.changed.map((p) => `  changed  ${p}`),
    ...drift.missing.map((p) => `  missing  ${p}`),
    ...drift.stale.map((p) => `  stale    ${p}`),
  ];
}

async function main(): Promise<number> {
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
    console.error(["generated/ differs from what the specs produce:", ...lines, "Run `npm run generate` and commit the result."].join("\n"));
    return 1;
  }
  const lines = describe(await write(root, "generated", files));
  console.log(`write        ${lines.length === 0 ? "nothing changed" : `${lines.length} file(s)`}`);
  for (const line of lines) console.log(line);
  if (build) {
    const started = performance.now();
    const tsc = spawnSync(process.execPath, [resolve(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
    if (tsc.status !== 0) return 1;
    console.log(`build        dist/ ${Math.round(performance.now() - started)} ms`);
  }
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
