// `npm run lint [-- other/redocly.yaml]`: Spectral (.spectral.yaml) and Redocly over every API
// in redocly.yaml. Prints one progress line per API and linter, then each finding as
// `file:line:col  severity  rule  message`; exits 1 when any finding is an error (warnings are
// printed but do not fail).
import { resolve } from "node:path";
import { isSpecProblem } from "./contract/problem.js";
import { countBySeverity, describeCounts, formatFinding, lintAll, rulesetCacheIn } from "./lint/index.js";
import { ROOT } from "./root.js";

process.env.REDOCLY_TELEMETRY = "off";

async function main(): Promise<number> {
  const started = performance.now();
  const configPath = resolve(process.argv[2] ?? resolve(ROOT, "redocly.yaml"));
  const findings = await lintAll(configPath, {
    rulesetPath: resolve(ROOT, ".spectral.yaml"),
    cache: rulesetCacheIn(ROOT),
    onProgress: (api, linter, ms, found) =>
      console.log(
        `${api.padEnd(12)} ${linter.padEnd(9)} ${String(Math.round(ms)).padStart(5)} ms  ${describeCounts(found)}`,
      ),
  });
  for (const finding of findings) console.log(formatFinding(finding));
  console.log(`lint: ${describeCounts(findings)} (${Math.round(performance.now() - started)} ms)`);
  return countBySeverity(findings).error > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(isSpecProblem(error) ? error.message : error);
    process.exit(1);
  },
);
