// `npm run diff -- [--base <git-ref|folder>] [--head <git-ref|folder>] [--api <name>]
// [--format md|json] [--fail-on breaking|warning|info] [--docs-url <url>]`: what the spec changes
// between two checkouts do to the consumers of each API's error contract, and the version
// bump they need. One line per side read goes to stderr, the report to stdout. Exits 0, 1 when
// `--fail-on` names a severity that occurs (or a worse one), 2 on bad input.
import { parseArgs } from "node:util";
import { diffContracts } from "./diff/compare.js";
import { toJson, toMarkdown, type Report } from "./diff/format.js";
import { semverOf, SEVERITIES, type Severity } from "./diff/kinds.js";
import { docsLinks } from "./diff/links.js";
import { DiffInputError, readSide } from "./diff/sides.js";

const USAGE = "Usage: npm run diff -- [--base <git-ref|folder>] [--head <git-ref|folder>] [--api <name>] [--format md|json] [--fail-on breaking|warning|info] [--docs-url <url>]";

interface Options {
  readonly base: string;
  readonly head: string | undefined;
  readonly api: string | undefined;
  readonly format: "md" | "json";
  readonly failOn: Severity | undefined;
  readonly docsUrl: string;
}

function parseOptions(args: string[]): Options {
  const { values } = parseArgs({
    args,
    options: {
      base: { type: "string", default: "HEAD" },
      head: { type: "string" },
      api: { type: "string" },
      format: { type: "string", default: process.stdout.isTTY ? "md" : "json" },
      "fail-on": { type: "string" },
      "docs-url": { type: "string", default: "generated/docs/" },
    },
  });
  const { format, "fail-on": failOn } = values;
  if (format !== "md" && format !== "json") throw new DiffInputError(`--format must be md or json, not "${format}".`);
  if (failOn !== undefined && !(SEVERITIES as readonly string[]).includes(failOn)) throw new DiffInputError(`--fail-on must be one of ${SEVERITIES.join(", ")}, not "${failOn}".`);
  return { base: values.base, head: values.head, api: values.api, format, failOn: failOn as Severity | undefined, docsUrl: values["docs-url"] };
}

async function main(args: string[]): Promise<number> {
  const options = parseOptions(args);
  const repo = process.cwd();
  const onRead = (label: string, detail: string, ms: number) => console.error(`read ${label.padEnd(14)} ${detail} ${Math.round(ms)} ms`);
  const base = await readSide(options.base, repo, options.api, onRead);
  const head = await readSide(options.head, repo, options.api, onRead);
  if (options.api !== undefined && base.contracts.length === 0 && head.contracts.length === 0) {
    throw new DiffInputError(`No API named "${options.api}" in ${base.label} or ${head.label}. Use a name under \`apis:\` in redocly.yaml.`);
  }
  const changes = diffContracts(base.contracts, head.contracts);
  const report: Report = { base: base.label, head: head.label, semver: semverOf(changes), changes };
  process.stdout.write(options.format === "json" ? toJson(report) : toMarkdown(report, docsLinks(head.contracts, options.docsUrl)));
  const failing = options.failOn === undefined ? [] : SEVERITIES.slice(0, SEVERITIES.indexOf(options.failOn) + 1);
  const found = changes.filter((c) => failing.includes(c.severity)).length;
  console.error(`diff: ${changes.length} change(s), semver ${report.semver}${options.failOn ? `; ${found} at --fail-on ${options.failOn} or worse` : ""}`);
  return found > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const badArgs = error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS");
    if (error instanceof DiffInputError || badArgs) console.error(`${(error as Error).message}${badArgs ? `\n${USAGE}` : ""}`);
    else console.error(error);
    process.exit(2);
  },
);
