// `npm run check`'s second half: Biome formats at 120 columns but leaves long strings and
// comments as they are, so this lists every line of the project's own code past the limit.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const LIMIT = 120;
const OWN_CODE = /^(src|scripts|test|bench)\/.*\.(ts|js|mjs)$|^[^/]+\.(ts|js|mjs)$/;

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" })
  .split("\n")
  .filter((file) => OWN_CODE.test(file) && !file.includes("/fixtures/") && !file.includes("__snapshots__"));
const long = files.flatMap((file) =>
  readFileSync(file, "utf8")
    .split("\n")
    .flatMap((line, i) => (line.length > LIMIT ? [`${file}:${i + 1}: ${line.length} columns`] : [])),
);
for (const line of long) console.log(line);
console.log(`check-lines: ${long.length} line(s) over ${LIMIT} columns in ${files.length} files`);
process.exit(long.length > 0 ? 1 : 0);
