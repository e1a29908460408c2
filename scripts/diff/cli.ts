// The command behind `npm run diff` (scripts/diff.ts), with its output streams passed in so
// tests can run it in-process. Returns the exit code: 0, 1 when `--fail-on` names a severity
// that occurs (or a worse one), 2 on bad input.
import { parseArgs } from "node:util";
import type { Io } from "../command.js";
import { diffContracts } from "./compare.js";
import { toJson, toMarkdown, type Report } from "./format.js";
import { semverOf, SEVERITIES, type Severity } from "./kinds.js";
import { docsLinks } from "./links.js";
import { DiffInputError, readSide } from "./sides.js";

export const USAGE =
  "Usage: npm run diff -- [--base <git-ref|folder>] [--head <git-ref|folder>] [--api <name>] [--format md|json]" +
  " [--fail-on breaking|warning|info] [--docs-url <url>]";

interface Options {
  readonly base: string;
  readonly head: string | undefined;
  readonly api: string | undefined;
  readonly format: "md" | "json";
  readonly failOn: Severity | undefined;
  readonly docsUrl: string;
}

/** The command line's flags, as `parseArgs` reads them. */
function parseFlags(args: readonly string[], isTTY: boolean) {
  return parseArgs({
    args: [...args],
    options: {
      base: { type: "string", default: "HEAD" },
      head: { type: "string" },
      api: { type: "string" },
      format: { type: "string", default: isTTY ? "md" : "json" },
      "fail-on": { type: "string" },
      "docs-url": { type: "string", default: "generated/docs/" },
    },
  }).values;
}

function parseOptions(args: readonly string[], isTTY: boolean): Options {
  let values: ReturnType<typeof parseFlags>;
  try {
    values = parseFlags(args, isTTY);
  } catch (error) {
    throw new DiffInputError(`${(error as Error).message}\n${USAGE}`);
  }
  const { format, "fail-on": failOn } = values;
  if (format !== "md" && format !== "json") throw new DiffInputError(`--format must be md or json, not "${format}".`);
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) {
    throw new DiffInputError(`--fail-on must be one of ${SEVERITIES.join(", ")}, not "${failOn}".`);
  }
  const { base, head, api, "docs-url": docsUrl } = values;
  return { base, head, api, format, failOn: failOn as Severity | undefined, docsUrl };
}

export async function runDiff(args: readonly string[], io: Io): Promise<number> {
  try {
    return await diff(parseOptions(args, io.isTTY), io);
  } catch (error) {
    if (!(error instanceof DiffInputError)) throw error;
    io.err(error.message);
    return 2;
  }
}

async function diff(options: Options, io: Io): Promise<number> {
  const onRead = (label: string, detail: string, ms: number) => {
    io.err(`read ${label.padEnd(14)} ${detail} ${Math.round(ms)} ms`);
  };
  const base = await readSide(options.base, io.root, options.api, onRead);
  const head = await readSide(options.head, io.root, options.api, onRead);
  if (options.api !== undefined && base.contracts.length === 0 && head.contracts.length === 0) {
    const problem = `No API named "${options.api}" in ${base.label} or ${head.label}.`;
    throw new DiffInputError(`${problem} Use a name under \`apis:\` in redocly.yaml.`);
  }
  const changes = diffContracts(base.contracts, head.contracts);
  const report: Report = { base: base.label, head: head.label, semver: semverOf(changes), changes };
  await io.write(
    options.format === "json" ? toJson(report) : toMarkdown(report, docsLinks(head.contracts, options.docsUrl)),
  );
  const failing = options.failOn === undefined ? [] : SEVERITIES.slice(0, SEVERITIES.indexOf(options.failOn) + 1);
  const found = changes.filter((c) => failing.includes(c.severity)).length;
  const failed = options.failOn ? `; ${found} at --fail-on ${options.failOn} or worse` : "";
  io.err(`diff: ${changes.length} change(s), semver ${report.semver}${failed}`);
  return found > 0 ? 1 : 0;
}
