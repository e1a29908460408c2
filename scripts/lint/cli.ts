// The command behind `npm run lint [-- other/redocly.yaml]`: Spectral (.spectral.yaml) and
// Redocly over every API in redocly.yaml. Prints one progress line per API and linter, then each
// finding as `file:line:col  severity  rule  message`; exits 1 when any finding is an error
// (warnings are printed but do not fail).
import { resolve } from "node:path";
import type { Io } from "../command.js";
import { countBySeverity, describeCounts, formatFinding, lintAll, rulesetCacheIn } from "./index.js";

export async function lint(argv: readonly string[], io: Io): Promise<number> {
  const started = performance.now();
  const configPath = resolve(io.root, argv[0] ?? "redocly.yaml");
  const findings = await lintAll(configPath, {
    rulesetPath: resolve(io.root, ".spectral.yaml"),
    cache: rulesetCacheIn(io.root),
    onProgress: (api, linter, ms, found) =>
      io.out(
        `${api.padEnd(12)} ${linter.padEnd(9)} ${String(Math.round(ms)).padStart(5)} ms  ${describeCounts(found)}`,
      ),
  });
  for (const finding of findings) io.out(formatFinding(finding, io.root));
  io.out(`lint: ${describeCounts(findings)} (${Math.round(performance.now() - started)} ms)`);
  return countBySeverity(findings).error > 0 ? 1 : 0;
}
