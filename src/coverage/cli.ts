/// <reference types="node" />
/**
 * The package's command, `api-error-contracts coverage <folder> [--api <name>] [--format
 * table|json] [--min <percent>]`: which documented errors the records of a test run exercise, per
 * API and operation. Exit 0, 1 when the total is below `--min`, 2 for bad input.
 */
import { parseArgs } from "node:util";
import { type ApiCoverage, type DocumentingTables, ErrorCoverage, reaches, totalPercent } from "./documented.js";
import { coverageJson, coverageTable } from "./format.js";
import { readRecords, RecordProblem } from "./records.js";

/** Where the command prints: each call is one or more lines, without the last newline. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = "Usage: api-error-contracts coverage <folder> [--api <name>] [--format table|json] [--min <percent>]";

class UsageProblem extends Error {}

interface CoverageOptions {
  readonly folder: string;
  readonly apis: readonly string[];
  readonly format: "table" | "json";
  readonly min: number | undefined;
}

const parse = (argv: readonly string[]) =>
  parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { api: { type: "string" }, format: { type: "string", default: "table" }, min: { type: "string" } },
  });

function parseOptions(argv: readonly string[], known: readonly string[]): CoverageOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageProblem(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, folder, ...rest] = positionals;
  if (command !== "coverage" || folder === undefined || rest.length > 0) throw new UsageProblem(USAGE);
  const { api, format, min } = values;
  if (api !== undefined && !known.includes(api)) {
    throw new UsageProblem(`Unknown API "${api}": --api takes one of ${known.join(", ")}.`);
  }
  if (format !== "table" && format !== "json")
    throw new UsageProblem(`--format is "table" or "json", not "${format}".`);
  const percent = min === undefined ? undefined : Number(min);
  if (percent !== undefined && !(min!.trim() !== "" && percent >= 0 && percent <= 100)) {
    throw new UsageProblem(`--min takes a percentage from 0 to 100, not "${min}".`);
  }
  return { folder, apis: api === undefined ? known : [api], format, min: percent };
}

/** The coverage of `apis` by the records in `folder`, and how many records no API of them documents. */
export function coverageOf(
  tables: { readonly [api: string]: DocumentingTables },
  apis: readonly string[],
  folder: string,
): { coverage: ApiCoverage[]; undocumented: number } {
  const tallies = new Map(apis.map((api) => [api, new ErrorCoverage(api, tables[api]!)]));
  let undocumented = 0;
  for (const { api, operation, status, code } of readRecords(folder)) {
    const tally = tallies.get(api);
    if (tally && !tally.add(operation, status, code)) undocumented++;
  }
  return { coverage: [...tallies.values()].map((tally) => tally.coverage()), undocumented };
}

/** Runs the command over the APIs of `tables`; returns the exit code. */
export function coverageCommand(
  argv: readonly string[],
  io: CommandIo,
  tables: { readonly [api: string]: DocumentingTables },
): number {
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    io.out(USAGE);
    return 0;
  }
  try {
    const options = parseOptions(argv, Object.keys(tables));
    const { coverage, undocumented } = coverageOf(tables, options.apis, options.folder);
    io.out(options.format === "json" ? JSON.stringify(coverageJson(coverage), null, 2) : coverageTable(coverage));
    if (undocumented > 0) io.err(`${undocumented} recorded error(s) are not documented by their operation`);
    if (options.min !== undefined && !reaches(coverage, options.min)) {
      io.err(`coverage ${totalPercent(coverage)}% is below --min ${options.min}%`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UsageProblem || error instanceof RecordProblem)) throw error;
    io.err(error.message);
    return 2;
  }
}
