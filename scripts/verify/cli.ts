// The command behind `npm run verify -- <file.har> [--api <name>] [--server <url>]
// [--format table|json]`: checks recorded traffic against the error contracts. Exit 0 when
// every checked response keeps its contract, 1 when one does not, 2 for bad input (a file that
// is not HAR 1.2, a bad option, a spec that cannot be read).
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Io, InputProblem } from "../command.js";
import { SpecProblem, SpecProblems } from "../contract/index.js";
import { readVerifiedApis } from "./contracts.js";
import { jsonText, tableText } from "./format.js";
import { HarProblem, readHar } from "./har.js";
import { verifyEntries } from "./report.js";

const USAGE = "Usage: npm run verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]";

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { api: { type: "string" }, server: { type: "string" }, format: { type: "string", default: "table" } },
  });

function parseOptions(argv: readonly string[]) {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InputProblem(`${(error as Error).message} ${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new InputProblem(`Give exactly one HAR file. ${USAGE}`);
  if (values.format !== "table" && values.format !== "json") {
    throw new InputProblem(`--format is "table" or "json", not "${values.format}".`);
  }
  if (values.server !== undefined && values.api === undefined) {
    throw new InputProblem("--server replaces one API's server URL: name the API with --api.");
  }
  return { file, api: values.api, server: values.server, format: values.format };
}

export async function verify(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    // A spec that cannot be read is bad input too; its message names the file and line.
    const bad = [HarProblem, InputProblem, SpecProblem, SpecProblems].some((type) => error instanceof type);
    if (!bad) throw error;
    io.err((error as Error).message);
    return 2;
  }
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const options = parseOptions(argv);
  const har = await readHar(resolve(options.file));
  io.err(`read ${options.file}: ${har.count} entries`);
  const apis = await readVerifiedApis(resolve(io.root, "redocly.yaml"), options.api);
  io.err(`read the contracts of ${apis.map((a) => a.name).join(", ")}`);
  const serverUrls = new Map(options.server === undefined ? [] : [[options.api!, options.server]]);
  const report = verifyEntries(apis, har, serverUrls);
  await writeInBatches(io, options.format === "json" ? jsonText(report) : tableText(report));
  return report.violations.length === 0 ? 0 : 1;
}

/** Writes the pieces in batches of about 64 kB, waiting whenever the reader asks to. */
async function writeInBatches(io: Io, pieces: Iterable<string>): Promise<void> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < 1 << 16) continue;
    await io.write(batch);
    batch = "";
  }
  await io.write(batch);
}
