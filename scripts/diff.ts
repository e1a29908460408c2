// `npm run diff -- [--base <git-ref|folder>] [--head <git-ref|folder>] [--api <name>]
// [--format md|json] [--fail-on breaking|warning|info] [--docs-url <url>]`: what the spec
// changes between two checkouts (default: HEAD and the working tree) do to the consumers of
// each API's error contract, and the version bump they need. One line per side read goes to
// stderr, the report to stdout. Exits 0, 1 when `--fail-on` names a severity that occurs (or a
// worse one), 2 on bad input: a bad ref, a folder without specs, a spec that does not parse.
// Ctrl-C (SIGINT) and SIGTERM stop it where it is, remove its temporary folder and exit 130 / 143.
import { runAsProcess } from "./command.js";
import { runDiff } from "./diff/cli.js";
import { releaseAll } from "./diff/scratch.js";

/** 128 + the signal's number, as a shell reports a process it ended. */
const EXIT_ON_SIGNAL = { SIGINT: 130, SIGTERM: 143 } as const;
// `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and forwarded by npm), and with
// no listener left the second would end it by the default action before the folder is removed.
for (const [signal, code] of Object.entries(EXIT_ON_SIGNAL)) {
  process.on(signal, () => {
    releaseAll();
    process.exit(code);
  });
}

runAsProcess(runDiff);
