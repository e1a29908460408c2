// `npm run diff -- [--base <git-ref|folder>] [--head <git-ref|folder>] [--api <name>]
// [--format md|json] [--fail-on breaking|warning|info] [--docs-url <url>]`: what the spec
// changes between two checkouts (default: HEAD and the working tree) do to the consumers of
// each API's error contract, and the version bump they need. One line per side read goes to
// stderr, the report to stdout. Exits 0, 1 when `--fail-on` names a severity that occurs (or a
// worse one), 2 on bad input: a bad ref, a folder without specs, a spec that does not parse.
import { runDiff } from "./diff/cli.js";

runDiff(process.argv.slice(2), {
  cwd: process.cwd(),
  isTTY: process.stdout.isTTY === true,
  out: (text) => process.stdout.write(text),
  err: (line) => console.error(line),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
