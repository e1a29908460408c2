// The command behind `npm run generate`: specs under openapi/ -> everything under generated/,
// then the compiled package under dist/. Every API is linted while its files are produced, and
// nothing is written unless every API lints clean and reads. Files are written as one
// transaction (pipeline/sync.ts), and only if no spec changed while they were produced (else the
// run starts over). When no input and no output changed since the last full run it stops at
// once (`--force` runs anyway). `--check` is the drift gate: it always produces everything,
// writes nothing, and fails when generated/ differs from what the specs produce. `--watch` keeps
// running and regenerates what each edit affects (watch/).
import { relative, resolve } from "node:path";
import { explain, InputProblem, type Io } from "../command.js";
import { OUTPUT_DIR } from "../output.js";
import { rulesetCacheIn } from "../lint/cache.js";
import { countBySeverity, type Finding, formatFinding, sortFindings } from "../lint/findings.js";
import { BUILD, hashInputs, hashTree, isUpToDate, record } from "../pipeline/cache.js";
import { compare, type Drift, write } from "../pipeline/sync.js";
import { assertUnchanged, filesOf, InputsChanged, Pipeline, type RunResult } from "./run.js";
import { describeDrift, progress } from "./report.js";

/** How often a run whose specs changed under it starts over before it gives up. */
const ATTEMPTS = 3;

function parseFlags(argv: readonly string[]) {
  const known = ["--check", "--watch", "--force", "--no-build"];
  const unknown = argv.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) {
    throw new InputProblem(`Unknown argument ${unknown.join(" ")}. Usage: npm run generate -- [${known.join("] [")}]`);
  }
  const check = argv.includes("--check");
  if (check && argv.includes("--watch")) {
    throw new InputProblem("--watch and --check do not go together: --check compares once and writes nothing.");
  }
  return {
    check,
    watch: argv.includes("--watch"),
    force: argv.includes("--force"),
    build: !argv.includes("--no-build"),
  };
}

export async function generate(argv: readonly string[], io: Io): Promise<number> {
  let flags: ReturnType<typeof parseFlags>;
  try {
    flags = parseFlags(argv);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  if (flags.watch) {
    const { watchAndGenerate } = await import("./watch/cli.js");
    return watchAndGenerate(io);
  }
  const outputs = flags.check || !flags.build ? [OUTPUT_DIR] : [OUTPUT_DIR, "dist"];
  if (!flags.check && !flags.force && (await isUpToDate(io.root, outputs))) {
    io.out("nothing to do: no spec, script or output changed since the last run (--force to run anyway)");
    return 0;
  }
  const inputs = await hashInputs(io.root);
  const pipeline = new Pipeline({
    configPath: resolve(io.root, "redocly.yaml"),
    onStep: (api, step, ms) => io.out(progress(api, step, ms)),
    ...(flags.check
      ? {}
      : { lint: { cache: rulesetCacheIn(io.root), onLinted: (api, linter, ms) => io.out(progress(api, linter, ms)) } }),
  });
  try {
    for (let attempt = 1; ; attempt++) {
      const result = await pipeline.run();
      if (!passes(result, io)) return 1;
      if (flags.check) return await check(io, result);
      try {
        const drift = await write(io.root, OUTPUT_DIR, filesOf(result), { beforeWrite: () => assertUnchanged(result) });
        const lines = describeDrift(drift);
        io.out(
          [progress("write", lines.length === 0 ? "nothing changed" : `${lines.length} file(s)`), ...lines].join("\n"),
        );
        break;
      } catch (error) {
        if (!(error instanceof InputsChanged) || attempt === ATTEMPTS) throw error;
        const files = error.files.map((file) => relative(io.root, file)).join(", ");
        io.out(progress("restart", `${files} changed while generating; nothing was written`));
      }
    }
  } finally {
    await pipeline.close();
  }
  if (flags.build && !(await build(io))) return 1;
  await record(io.root, outputs, inputs);
  return 0;
}

/** Prints the lint's findings and any API that did not read; true when every API is fit to write. */
function passes(result: RunResult, io: Io): boolean {
  const findings: Finding[] = sortFindings(result.outcomes.flatMap((o) => o.findings));
  for (const finding of findings) io.out(formatFinding(finding, io.root));
  const errors = countBySeverity(findings).error;
  if (errors > 0) {
    io.err(
      `The specs have ${errors} lint error(s); nothing was generated. Fix them (see \`npm run lint\`) and run again.`,
    );
    return false;
  }
  const failed = result.outcomes.filter((o) => o.error !== undefined);
  for (const outcome of failed) io.err(explain(outcome.error));
  return failed.length === 0;
}

async function check(io: Io, result: RunResult): Promise<number> {
  const files = filesOf(result);
  const drift: Drift = await compare(io.root, OUTPUT_DIR, files);
  const lines = describeDrift(drift);
  if (lines.length === 0) {
    io.out(`${OUTPUT_DIR}/ is in step with the specs (${files.length} files)`);
    return 0;
  }
  io.err(
    [
      `${OUTPUT_DIR}/ differs from what the specs produce:`,
      ...lines,
      "Run `npm run generate` and commit the result.",
    ].join("\n"),
  );
  return 1;
}

/** The package build, in this process (TypeScript is loaded already, by the types step); prints its errors. */
async function build(io: Io): Promise<boolean> {
  const started = performance.now();
  if (await isUpToDate(io.root, BUILD.outputs, BUILD)) {
    io.out(progress("build", "dist/ up to date (nothing it is built from changed)"));
    return true;
  }
  const inputs = await hashTree(io.root, BUILD.inputs);
  const { buildProject } = await import("../pipeline/build.js");
  const built = buildProject(io.root, "tsconfig.build.json");
  if (built.report) io.err(built.report.trimEnd());
  if (!built.ok) {
    io.err("The package build failed; generated/ is written, dist/ may be partly updated. Fix the errors above.");
    return false;
  }
  await record(io.root, BUILD.outputs, inputs, BUILD);
  io.out(progress("build", `dist/ ${Math.round(performance.now() - started)} ms`));
  return true;
}
