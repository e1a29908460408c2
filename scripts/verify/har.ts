// Reads a HAR 1.2 file (what browser devtools and recording proxies export) into the few facts
// verify needs per entry. Anything that is not HAR is a HarProblem with what to do about it.
import { readFile, stat } from "node:fs/promises";

/** The largest file read: JSON.parse needs several times the file's size in memory. */
export const MAX_HAR_BYTES = 100 * 1024 * 1024;

export class HarProblem extends Error {
  override readonly name = "HarProblem";
}

export interface HarEntry {
  /** The entry's index in `log.entries`. */
  readonly index: number;
  readonly method: string;
  readonly url: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  /** 0 when the entry has no response (blocked, failed or cancelled). */
  readonly status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  /** The text, or the bytes of a base64 body; undefined when the body was not recorded. */
  readonly body: string | Uint8Array | undefined;
  /** Why the body is undefined, or how it was read: said per entry rather than guessed. */
  readonly bodyNote?: string;
}

/**
 * A HAR file, checked whole, whose entries are read in order as they are iterated: only the
 * parsed tree is held at once, not a second copy of a million entries beside it (that copy cost
 * more memory than the tree, and most of the run in garbage collection).
 */
export interface Har extends Iterable<HarEntry> {
  /** The length of `log.entries`. */
  readonly count: number;
}

export async function readHar(file: string, maxBytes = MAX_HAR_BYTES): Promise<Har> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new HarProblem(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  if (size > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const fix = "Export fewer requests (filter by the API's host in devtools) or split the file.";
    throw new HarProblem(`${file} is ${mb(size)}; verify reads HAR files up to ${mb(maxBytes)}. ${fix}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new HarProblem(`${file} is not JSON (${(error as Error).message}); a HAR file is JSON: is it truncated?`);
  }
  const log = field(json, "log");
  const version = field(log, "version");
  const entries = field(log, "entries");
  if (!Array.isArray(entries)) throw new HarProblem(`${file} has no log.entries array, so it is not a HAR file.`);
  if (version !== "1.2") {
    const fix = "export again from a current browser or proxy";
    throw new HarProblem(`${file} is HAR version ${describe(version)}; verify reads HAR 1.2 (${fix}).`);
  }
  // Every entry is checked before any is read: a file that is not HAR gets no report at all.
  for (let index = 0; index < entries.length; index++) {
    if (required(entries[index]) === undefined) {
      const fields = "request.method, request.url or response.status";
      throw new HarProblem(`${file}: log.entries[${index}] lacks ${fields}, so the file is not HAR 1.2.`);
    }
  }
  return {
    count: entries.length,
    *[Symbol.iterator]() {
      for (let index = 0; index < entries.length; index++) yield readEntry(entries[index], index);
    },
  };
}

/** The fields every entry must have, or undefined when one is missing or of another type. */
function required(entry: unknown): { method: string; url: string; status: number } | undefined {
  const [request, response] = [field(entry, "request"), field(entry, "response")];
  const [method, url, status] = [field(request, "method"), field(request, "url"), field(response, "status")];
  const fine = typeof method === "string" && typeof url === "string" && typeof status === "number";
  return fine ? { method, url, status } : undefined;
}

function readEntry(entry: unknown, index: number): HarEntry {
  const { method, url, status } = required(entry)!;
  const [request, response] = [field(entry, "request"), field(entry, "response")];
  return {
    index,
    method: method.toUpperCase(),
    url,
    requestHeaders: headerRecord(field(request, "headers")),
    status,
    headers: headerRecord(field(response, "headers")),
    ...readBody(field(response, "content")),
  };
}

function readBody(content: unknown): { body: string | Uint8Array | undefined; bodyNote?: string } {
  const text = field(content, "text");
  const encoding = field(content, "encoding");
  const size = field(content, "size");
  const sized = typeof size === "number" && size > 0;
  if (typeof text !== "string" || (text === "" && sized)) {
    return { body: undefined, bodyNote: `the body${sized ? ` (${size} bytes)` : ""} was not recorded` };
  }
  if (encoding === undefined) return { body: text };
  if (encoding !== "base64") {
    const bodyNote = `the body has encoding ${describe(encoding)}, which verify does not read`;
    return { body: undefined, bodyNote };
  }
  if (!isBase64(text)) return { body: undefined, bodyNote: "the body is marked base64 but is not base64" };
  return { body: new Uint8Array(Buffer.from(text, "base64")), bodyNote: "the body was base64-decoded" };
}

function headerRecord(headers: unknown): Record<string, string> {
  // No prototype: a header named `__proto__` or `constructor` is a header like any other.
  const record: Record<string, string> = Object.create(null);
  for (const header of Array.isArray(headers) ? headers : []) {
    const [name, value] = [field(header, "name"), field(header, "value")];
    if (typeof name !== "string" || typeof value !== "string") continue;
    const key = name.toLowerCase();
    record[key] = record[key] === undefined ? value : `${record[key]}, ${value}`;
  }
  return record;
}

/** A-Z, a-z, 0-9, `+` and `/`, by character code. */
const inAlphabet = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
/** Space, tab, line feed, vertical tab, form feed, carriage return. */
const isBlank = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/**
 * Whether `text` is base64: its alphabet, with blanks anywhere and at most two `=` at the end.
 * One pass over the text: the pattern this replaces backtracked, quadratic in a body of blanks.
 */
export function isBase64(text: string): boolean {
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) continue;
    if (c === 61) padding++;
    else if (padding > 0 || !inAlphabet(c)) return false;
    if (padding > 2) return false;
  }
  return true;
}

/** A value from the file, for a message: a string quoted and cut short, anything else by its type. */
function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === null ? "null" : Array.isArray(value) ? "an array" : `a value of type ${typeof value}`;
}

function field(value: unknown, key: string): unknown {
  const isRecord = typeof value === "object" && value !== null && !Array.isArray(value);
  return isRecord ? (value as Record<string, unknown>)[key] : undefined;
}
