// `npm run verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]`: checks
// recorded traffic against the error contracts. Exit 0 when every checked response keeps its
// contract, 1 when one does not, 2 for bad input (a file that is not HAR 1.2, a bad option).
import { once } from "node:events";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { isSpecProblem } from "./contract/index.js";
import { readVerifiedApis } from "./verify/contracts.js";
import { HarProblem, readHar } from "./verify/har.js";
import { jsonText, tableText } from "./verify/format.js";
import { verifyEntries } from "./verify/report.js";
import { ROOT } from "./root.js";

const USAGE = "Usage: npm run verify -- <file.har> [--api <name>] [--server <url>] [--format table|json]";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { api: { type: "string" }, server: { type: "string" }, format: { type: "string", default: "table" } },
  });
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) throw new UsageProblem(`Give exactly one HAR file. ${USAGE}`);
  if (values.format !== "table" && values.format !== "json") {
    throw new UsageProblem(`--format is "table" or "json", not "${values.format}".`);
  }
  if (values.server !== undefined && values.api === undefined) {
    throw new UsageProblem("--server replaces one API's server URL: name the API with --api.");
  }
  const har = await readHar(resolve(file));
  console.error(`read ${file}: ${har.count} entries`);
  const apis = await readVerifiedApis(resolve(ROOT, "redocly.yaml"), values.api);
  console.error(`read the contracts of ${apis.map((a) => a.name).join(", ")}`);
  const serverUrls = new Map(values.server === undefined ? [] : [[values.api!, values.server]]);
  const report = verifyEntries(apis, har, serverUrls);
  await write(values.format === "json" ? jsonText(report) : tableText(report));
  return report.violations.length === 0 ? 0 : 1;
}

/** Writes the pieces in batches of about 64 kB, waiting whenever stdout asks to. */
async function write(pieces: Iterable<string>): Promise<void> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length < 1 << 16) continue;
    if (!process.stdout.write(batch)) await once(process.stdout, "drain");
    batch = "";
  }
  process.stdout.write(batch);
}

class UsageProblem extends Error {}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const badArgs = (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") === true;
    // A spec that cannot be read is bad input too; its message names the file and line.
    const bad = [HarProblem, UsageProblem].some((type) => error instanceof type) || isSpecProblem(error) || badArgs;
    console.error(bad ? (error as Error).message : error);
    process.exitCode = 2;
  },
);
