// The vendors' error pages, read at test time. They live outside the repository (../shared/seeds/
// beside it, or SEEDS_DIR), so a plain clone has none: the suites that need them skip, unless
// REQUIRE_SEEDS=1 makes their absence a failure (as in CI).
import { existsSync, readFileSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { resolve } from "node:path";

export const SEEDS_DIR = resolve(process.env.SEEDS_DIR ?? resolve(import.meta.dirname, "../../../shared/seeds"));
const ITTYBIT_PAGE = "000_c803ab93599ea58c.txt";
const WILLITTRACK_PAGE = "004_7ce96393d160dda7.txt";

/**
 * Whether the pages are there. When they are not, prints the one line that says why the suite
 * is skipped, or throws when REQUIRE_SEEDS=1.
 */
export function seedsAvailable(suite: string): boolean {
  return outsideFilesAvailable(suite, "the vendors' error pages", SEEDS_DIR, "SEEDS_DIR", [
    ITTYBIT_PAGE,
    WILLITTRACK_PAGE,
  ]);
}

/**
 * Whether `files` are all in `dir`, which lives outside the repository (`variable` points
 * elsewhere). When they are not, prints the one line that says why `suite` is skipped, or
 * throws when REQUIRE_SEEDS=1.
 */
export function outsideFilesAvailable(
  suite: string,
  what: string,
  dir: string,
  variable: string,
  files: readonly string[],
): boolean {
  if (files.every((file) => existsSync(resolve(dir, file)))) return true;
  if (process.env.REQUIRE_SEEDS === "1") {
    throw new Error(`REQUIRE_SEEDS=1 but ${what} are not in ${dir}: put them there or set ${variable}.`);
  }
  console.log(
    `Skipping ${suite}: ${what} are not in ${dir} (set ${variable}; REQUIRE_SEEDS=1 makes their absence a failure).`,
  );
  return false;
}

function readSeed(file: string): string {
  return readFileSync(resolve(SEEDS_DIR, file), "utf8");
}

/** One code as its page documents it: `status` and `type` only when the page states them for this code. */
export interface SeedCode {
  readonly code: string;
  readonly description: string;
  readonly status?: number;
  readonly type?: string;
}

/** An example error body the page shows. */
export type SeedExample = Readonly<Record<string, unknown>>;

/**
 * Ittybit's page: a "KindStatusDescription" table whose cells are run together,
 * `task_not_found404Task does not exist`.
 */
export function ittybitSeed(): { codes: SeedCode[]; example: SeedExample } {
  const text = readSeed(ITTYBIT_PAGE);
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === "KindStatusDescription");
  if (start < 0) throw new Error("The Ittybit seed has no KindStatusDescription table.");
  const codes: SeedCode[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^([a-z][a-z_]*[a-z])(\d{3})(\S.*)$/.exec(line.trim());
    if (!match) break;
    codes.push({ code: match[1]!, status: Number(match[2]), description: match[3]!.trim() });
  }
  return { codes, example: firstJsonAfter(text, "Error format") };
}

export interface SeedErrorType {
  readonly statuses: readonly number[];
  readonly description: string;
}

/**
 * WillItTrack's page: an envelope example, an "Error Types" table (type → statuses) and an
 * "Error Codes" table (code → description). It gives no status or type per code; a code's
 * status or type counts as documented only where the page ties them together:
 * - the envelope example shows the code with its type;
 * - the code's description uses a status's reason phrase ("Too many requests": 429);
 * - a documented status that exactly one type lists gives the type, and a documented type
 *   with a single status gives the status.
 * Words a code shares with a type's description tie nothing: `insufficient_credits` reads like
 * usage_limit_error's "insufficient credits", but the page never says the code has that type.
 */
export function willItTrackSeed(): {
  codes: SeedCode[];
  types: Map<string, SeedErrorType>;
  example: SeedExample;
  /** Each envelope field's description, from the "Error Envelope" table. */
  fields: Map<string, string>;
} {
  const text = readSeed(WILLITTRACK_PAGE);
  const types = new Map(
    markdownRows(text, "Error Types").map(([type, statuses, description]) => [
      type!,
      { statuses: statuses!.split(",").map((s) => Number(s.trim())), description: description! },
    ]),
  );
  const example = firstJsonAfter(text, "Error response");
  const exampleError = (example.error ?? {}) as { code?: unknown; type?: unknown };
  const single = <T>(list: readonly T[]): T | undefined => (list.length === 1 ? list[0] : undefined);
  const allStatuses = [...new Set([...types.values()].flatMap((t) => t.statuses))];
  const codes = markdownRows(text, "Error Codes").map(([code, description]): SeedCode => {
    let type = exampleError.code === code && typeof exampleError.type === "string" ? exampleError.type : undefined;
    let status = single(allStatuses.filter((s) => description!.toLowerCase().includes(STATUS_CODES[s]!.toLowerCase())));
    if (status !== undefined)
      type ??= single([...types].filter(([, t]) => t.statuses.includes(status!)).map(([name]) => name));
    if (type !== undefined) status ??= single(types.get(type)?.statuses ?? []);
    return {
      code: code!,
      description: description!,
      ...(status === undefined ? {} : { status }),
      ...(type === undefined ? {} : { type }),
    };
  });
  // A field's type may hold a `|` (`string | null`): the description is the last cell.
  const fields = new Map(markdownRows(text, "Error Envelope").map((cells) => [cells[0]!, cells.at(-1)!]));
  return { codes, types, example, fields };
}

function markdownRows(text: string, heading: string): string[][] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`The WillItTrack seed has no "${heading}" section.`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.includes("|")) {
      if (rows.length > 0) break;
      continue;
    }
    const cells = line
      .replace(/^[^|]*\|/, "")
      .replace(/\|\s*$/, "")
      .split("|")
      .map((c) => c.trim());
    if (cells.every((c) => /^-*$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1); // the header row
}

/** The first balanced `{…}` after a heading, parsed: the page's example body. */
function firstJsonAfter(text: string, heading: string): SeedExample {
  const start = text.indexOf("{", text.indexOf(heading));
  if (text.indexOf(heading) < 0 || start < 0) throw new Error(`The seed has no example body after "${heading}".`);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return JSON.parse(text.slice(start, i + 1)) as SeedExample;
  }
  throw new Error(`The example body after "${heading}" is not closed.`);
}
