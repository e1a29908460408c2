import { readFileSync } from "node:fs";
import { resolve } from "node:path";

/** The vendors' error pages, kept beside the repository (../shared/seeds/). */
export const SEEDS_DIR = resolve(import.meta.dirname, "../../../shared/seeds");

function readSeed(file: string): string {
  try {
    return readFileSync(resolve(SEEDS_DIR, file), "utf8");
  } catch (error) {
    throw new Error(`Cannot read the seed page ${file} from ${SEEDS_DIR}: the conformance tests need ../shared/seeds/ beside the repository.`, { cause: error });
  }
}

export interface SeedCode {
  readonly code: string;
  readonly status?: number;
  readonly description: string;
}

/** Ittybit's page: a "KindStatusDescription" table whose cells are run together, `task_not_found404Task does not exist`. */
export function ittybitSeed(): SeedCode[] {
  const lines = readSeed("000_c803ab93599ea58c.txt").split("\n");
  const start = lines.findIndex((l) => l.trim() === "KindStatusDescription");
  if (start < 0) throw new Error("The Ittybit seed has no KindStatusDescription table.");
  const rows: SeedCode[] = [];
  for (const line of lines.slice(start + 1)) {
    const match = /^([a-z][a-z_]*[a-z])(\d{3})(\S.*)$/.exec(line.trim());
    if (!match) break;
    rows.push({ code: match[1]!, status: Number(match[2]), description: match[3]!.trim() });
  }
  return rows;
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
    const cells = line.replace(/^[^|]*\|/, "").replace(/\|\s*$/, "").split("|").map((c) => c.trim());
    if (cells.every((c) => /^-*$/.test(c))) continue;
    rows.push(cells);
  }
  return rows.slice(1); // the header row
}

/** WillItTrack's page: an "Error Types" table (type → statuses) and an "Error Codes" table (code → description). */
export function willItTrackSeed(): { codes: SeedCode[]; types: Map<string, number[]> } {
  const text = readSeed("004_7ce96393d160dda7.txt");
  const types = new Map(markdownRows(text, "Error Types").map(([type, statuses]) => [type!, statuses!.split(",").map((s) => Number(s.trim()))]));
  const codes = markdownRows(text, "Error Codes").map(([code, description]) => ({ code: code!, description: description! }));
  return { codes, types };
}
