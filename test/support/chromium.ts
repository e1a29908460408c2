// Debian's Chromium for the browser suites, through playwright-core: whether a suite runs, and
// one way to start it. CHROMIUM_PATH points elsewhere (never at a downloaded browser). Without
// Chromium a suite is skipped with one line, unless REQUIRE_BROWSER=1 makes that a failure.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const present = existsSync(CHROMIUM);
const required = process.env.REQUIRE_BROWSER === "1";

/** Whether the suite named `what` runs; when it does not, says so in one line. */
export function browserSuiteRuns(what: string): boolean {
  if (present || required) return true;
  const fix = "Install it with `apt-get install -y chromium` (REQUIRE_BROWSER=1 makes its absence a failure).";
  console.log(`Skipping ${what}: ${CHROMIUM} is missing. ${fix}`);
  return false;
}

/** Starts Chromium headless, with `args` after the switches every suite needs; fails when it is missing. */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  if (!present) throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", ...args],
  });
}
