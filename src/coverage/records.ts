/// <reference types="node" />
/**
 * Reads the record files a test run wrote (src/coverage/record.ts) from their folder. Node only:
 * the package's command reads them, never the runtime. A file is read whole, then split into
 * lines: time linear in its size, and a line that is not a record is reported with its file and
 * line number.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ErrorRecord } from "./record.js";

/** The folder or a line in it cannot be read as records; the message says which and why. */
export class RecordProblem extends Error {
  override readonly name = "RecordProblem";
}

/** The record files of `folder` (`*.jsonl`), by name. */
export function recordFiles(folder: string): string[] {
  let isFolder: boolean;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    isFolder = false;
  }
  if (!isFolder) {
    throw new RecordProblem(
      `No folder "${folder}": give the folder that API_ERROR_COVERAGE named while the tests ran.`,
    );
  }
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".jsonl"))
    .map((entry) => entry.name)
    .sort();
}

/** Every record of every file in `folder`, in file order. */
export function readRecords(folder: string): ErrorRecord[] {
  const records: ErrorRecord[] = [];
  for (const name of recordFiles(folder)) {
    const lines = readFileSync(join(folder, name), "utf8").split("\n");
    for (const [index, line] of lines.entries()) {
      if (line.trim() === "") continue;
      const record = parseRecord(line);
      if (typeof record === "string") throw new RecordProblem(`${join(folder, name)}:${index + 1}: ${record}`);
      records.push(record);
    }
  }
  return records;
}

/** One line as a record, or what is wrong with it. */
export function parseRecord(line: string): ErrorRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not a JSON line (a record is {"api", "operation", "status", "code"})';
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const { api, operation, status, code } = value as Record<string, unknown>;
  if (typeof api !== "string" || api === "") return '"api" is not a name';
  if (typeof operation !== "string" || !/^[A-Z]+ \/\S*$/.test(operation)) {
    return '"operation" is not "METHOD /path"';
  }
  if (typeof status !== "number" || !Number.isInteger(status) || status < 100 || status > 599) {
    return '"status" is not an HTTP status (an integer 100-599)';
  }
  if (typeof code !== "string" && code !== null) return '"code" is neither a string nor null';
  return { api, operation, status, code };
}
