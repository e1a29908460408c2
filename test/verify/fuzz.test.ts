// Any file given to `npm run verify` (random and malformed HARs: missing fields, wrong types,
// `__proto__` and `constructor` keys and header names, deep nesting, huge headers, invalid
// base64, bodies of every MIME type, a million small entries) ends as documented: a report and
// exit 0 or 1, or a HarProblem (exit 2) with a message. An oracle written apart from the reader
// says which, and what each entry's headers are. The seeds are fixed and in the test titles.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { readVerifiedApis, type VerifiedApi } from "../../scripts/verify/contracts.js";
import { verify as runVerify } from "../../scripts/verify/cli.js";
import { jsonText, tableText } from "../../scripts/verify/format.js";
import { HarProblem, readHar, type HarEntry } from "../../scripts/verify/har.js";
import { verifyEntries } from "../../scripts/verify/report.js";
import { capture } from "../support/io.js";

const root = resolve(import.meta.dirname, "../..");
const SEEDS = { inProcess: 2_105_021, command: 77 };
const WIT = "https://api.willittrack.com/v1";
const ITTYBIT = "https://api.ittybit.com";

let apis: VerifiedApi[];
let dir: string;
let files = 0;
beforeAll(async () => {
  apis = await readVerifiedApis(resolve(root, "redocly.yaml"));
  dir = await mkdtemp(join(tmpdir(), "verify-fuzz-"));
});

async function harFile(text: string): Promise<string> {
  const file = join(dir, `${files++}.har`);
  await writeFile(file, text);
  return file;
}

// ---- The oracle: what verify must make of a file, from its text alone. ----

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (v: unknown, key: string): unknown => (isRecord(v) && Object.hasOwn(v, key) ? v[key] : undefined);

/** "bad" (exit 2), or per entry the headers it must have, lower-cased names, repeats joined. */
function expected(text: string): "bad" | { requestHeaders: [string, string][]; headers: [string, string][] }[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "bad";
  }
  const log = own(json, "log");
  const entries = own(log, "entries");
  if (!Array.isArray(entries) || own(log, "version") !== "1.2") return "bad";
  const result = [];
  for (const entry of entries) {
    const [request, response] = [own(entry, "request"), own(entry, "response")];
    const fine = typeof own(request, "method") === "string" && typeof own(request, "url") === "string";
    if (!fine || typeof own(response, "status") !== "number") return "bad";
    result.push({ requestHeaders: headersOf(own(request, "headers")), headers: headersOf(own(response, "headers")) });
  }
  return result;
}

function headersOf(list: unknown): [string, string][] {
  const map = new Map<string, string>();
  for (const header of Array.isArray(list) ? list : []) {
    const [name, value] = [own(header, "name"), own(header, "value")];
    if (typeof name !== "string" || typeof value !== "string") continue;
    const key = name.toLowerCase();
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
  }
  return [...map];
}

// ---- The inputs. ----

const DEEP = "@@deep@@";
const special = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty");
const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), special, fc.constant(DEEP));
/** A record of the given fields, some left out, with keys of Object.prototype's beside them as own data. */
const loose = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) =>
  fc
    .tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(special, junk, { maxKeys: 2 }))
    .map(([record, extra]) => ({ ...extra, ...record }));
/** A huge string, now and then: the files stay small enough for hundreds of runs. */
const huge = <T>(usual: fc.Arbitrary<T>, size: number, rarity: number) =>
  fc.oneof({ arbitrary: usual, weight: rarity }, { arbitrary: fc.constant("h".repeat(size)), weight: 1 });

const headerName = huge(
  fc.oneof(
    special,
    fc.constantFrom("Retry-After", "X-Request-Id", "Content-Type", "Access-Control-Request-Method", "RETRY-AFTER"),
    fc.string(),
    fc.integer(),
  ),
  1 << 16,
  300,
);
const headerValue = huge(
  fc.oneof(
    fc.string(),
    fc.constantFrom("0", "45", "Wed, 21 Oct 2015 07:28:00 GMT", "application/json", "req_a", "POST"),
    fc.integer(),
    fc.constant(null),
  ),
  1 << 16,
  300,
);
const header = fc.oneof({ arbitrary: loose({ name: headerName, value: headerValue }), weight: 5 }, junk);
const headers = fc.oneof({ arbitrary: fc.array(header, { maxLength: 6 }), weight: 5 }, junk);

/** Top-level types and the shapes APIs send, then anything. */
const MIME_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/problem+json",
  "application/vnd.api+json",
  "application/xml",
  "application/octet-stream",
  "application/x-www-form-urlencoded",
  "application/pdf",
  "application/javascript",
  "text/html",
  "text/plain; charset=utf-8",
  "text/csv",
  "text/event-stream",
  "image/png",
  "image/svg+xml",
  "audio/mpeg",
  "video/mp4",
  "font/woff2",
  "multipart/form-data; boundary=x",
  "message/http",
  "model/gltf+json",
  "x-unknown",
  "",
];
const mimeType = fc.oneof(fc.constantFrom(...MIME_TYPES), fc.string());
const envelope = fc.oneof(
  fc.record({ kind: fc.constantFrom("task_not_found", "nope"), message: fc.string() }),
  fc.record({
    error: fc.record({
      code: fc.constantFrom("not_found", "rate_limited", "gone"),
      type: fc.constantFrom("invalid_request_error", "api_error"),
      message: fc.string(),
      request_id: fc.oneof(fc.constant("req_a"), fc.constant(null)),
    }),
  }),
);
const base64 = fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("base64"));
const bodyText = huge(
  fc.oneof(
    envelope.map((e) => JSON.stringify(e)),
    fc.string(),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    base64,
    fc.tuple(base64, fc.constantFrom("!", "=A", "-_", "\u00a0", " ".repeat(5000))).map(([b, bad]) => b + bad),
  ),
  1 << 20,
  60,
);
const content = fc.oneof(
  {
    arbitrary: loose({
      text: bodyText,
      encoding: fc.oneof(fc.constant("base64"), fc.string(), fc.integer(), fc.constant(null)),
      size: fc.oneof(fc.integer(), fc.string()),
      mimeType,
    }),
    weight: 5,
  },
  junk,
);

const path = fc.oneof(fc.constantFrom("/checks/abc", "/checks/batch", "/tasks/t_1", "/nope", "/", ""), fc.webPath());
const url = fc.oneof(
  path.map((p) => WIT + p),
  path.map((p) => ITTYBIT + p),
  fc.webUrl(),
  fc.string(),
);
const method = fc.oneof(fc.constantFrom("GET", "POST", "OPTIONS", "DELETE", "get"), fc.string());
const status = fc.oneof(
  fc.constantFrom(0, 200, 204, 400, 401, 404, 418, 429, 500, 503),
  fc.integer({ min: -1, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
/** With every field verify requires, of the right type; anything can be wrong around them. */
const entry = fc
  .tuple(
    loose({ headers }),
    loose({ headers, content }),
    fc.record({ method, url }),
    status,
    fc.dictionary(special, junk, { maxKeys: 2 }),
  )
  .map(([request, response, required, s, extra]) => ({
    ...extra,
    request: { ...request, ...required },
    response: { ...response, status: s },
  }));
const har = fc
  .tuple(fc.dictionary(special, junk, { maxKeys: 2 }), loose({ creator: junk }), fc.array(entry, { maxLength: 8 }))
  .map(([extra, log, entries]) => ({ ...extra, log: { ...log, version: "1.2", entries } }));
/** A HAR with one thing wrong: a field left out or of another type, anywhere verify looks. */
const broken = fc.oneof(
  junk,
  loose({ log: junk }),
  loose({ log: loose({ version: junk, entries: fc.array(entry, { maxLength: 2 }) }) }),
  loose({ log: loose({ version: fc.constant("1.2"), entries: junk }) }),
  fc.tuple(har, loose({ request: junk, response: junk }), fc.nat()).map(([doc, wrong, at]) => {
    const entries = [...doc.log.entries];
    entries.splice(at % (entries.length + 1), 0, wrong as (typeof entries)[number]);
    return { ...doc, log: { ...doc.log, entries } };
  }),
);
const document = fc.oneof({ arbitrary: har, weight: 6 }, { arbitrary: broken, weight: 2 });

const WHOLE = Array<"whole">(8).fill("whole");
/** The file's text: the document as JSON (a placeholder nested deep), cut short, or with garbage after it. */
const fileText = fc
  .tuple(document, fc.integer({ min: 1000, max: 20_000 }), fc.nat(), fc.constantFrom(...WHOLE, "cut", "junk"))
  .map(([doc, depth, at, how]) => {
    const text = JSON.stringify(doc).replaceAll(`"${DEEP}"`, `${"[".repeat(depth)}1${"]".repeat(depth)}`);
    if (how === "cut") return text.slice(0, at % (text.length + 1));
    return how === "junk" ? `${text}}` : text;
  });

// ---- The properties. ----

/** What verify makes of a file: its report's exit code and output, or the HarProblem's message. */
async function verifyText(text: string): Promise<{ code: 0 | 1; entries: HarEntry[] } | { code: 2; message: string }> {
  const file = await harFile(text);
  let entries: HarEntry[];
  try {
    entries = [...(await readHar(file))];
  } catch (error) {
    expect(error).toBeInstanceOf(HarProblem);
    expect((error as Error).message).toContain(file);
    return { code: 2, message: (error as Error).message };
  }
  const report = verifyEntries(apis, entries);
  const json = JSON.parse([...jsonText(report)].join("")) as { entries: number; violations: unknown[] };
  expect(json.entries).toBe(entries.length);
  expect(json.violations).toHaveLength(report.violations.length);
  expect([...tableText(report)].join("")).toMatch(new RegExp(`^${entries.length} entries: .*\n$`, "m"));
  return { code: report.violations.length === 0 ? 0 : 1, entries };
}

describe("any file", () => {
  const title = `ends in a report or a HarProblem as the oracle says, headers as plain data (seed ${SEEDS.inProcess})`;
  it(title, async () => {
    await fc.assert(
      fc.asyncProperty(fileText, async (text) => {
        const want = expected(text);
        const got = await verifyText(text);
        if (want === "bad") return void expect(got.code).toBe(2);
        if (got.code === 2) throw new Error(`A HAR the oracle reads was refused: ${got.message}`);
        // Sorted: an object lists integer-like keys ("4") first, whatever the order they came in.
        const sorted = (list: [string, string][]) => list.sort(([a], [b]) => (a < b ? -1 : 1));
        const read = (of: "requestHeaders" | "headers") => got.entries.map((e) => sorted(Object.entries(e[of])));
        expect(read("requestHeaders")).toEqual(want.map((w) => sorted(w.requestHeaders)));
        expect(read("headers")).toEqual(want.map((w) => sorted(w.headers)));
      }),
      // Reported unshrunk: shrinking values of a megabyte takes longer than the test may.
      { numRuns: 400, seed: SEEDS.inProcess, endOnFailure: true },
    );
  }, 120_000);

  it("of a million small entries (66 MB) is read, checked and reported", async () => {
    const small = '{"request":{"method":"GET","url":"u"},"response":{"status":0}}';
    const checked = `{"request":{"method":"GET","url":"${WIT}/checks/a"},"response":{"status":418}}`;
    const entries = Array.from({ length: 1_000_000 }, (_, i) => (i % 10 === 0 ? checked : small));
    const file = await harFile(`{"log":{"version":"1.2","entries":[${entries.join(",")}]}}`);
    const report = verifyEntries(apis, await readHar(file));
    expect(report).toMatchObject({ entries: 1_000_000, checked: 100_000, skippedBy: { "no response": 900_000 } });
    let last = "";
    for (const piece of tableText(report)) last = piece;
    const summary = "1000000 entries: 100000 checked, 900000 skipped (no response 900000); 100000 violation(s)";
    expect(last).toBe(`${summary} in 100000 response(s)\n`);
  }, 120_000);
});

describe("npm run verify on fuzzed files", () => {
  /** The command in-process: what it prints and its exit code; an error it did not expect fails the test. */
  const verify = async (file: string) => {
    const io = capture(root);
    const code = await runVerify([file], io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };
  const samples = fc.sample(fileText, { numRuns: 8, seed: SEEDS.command });

  it("has samples of each outcome", () => {
    expect(new Set(samples.map((text) => expected(text) === "bad"))).toEqual(new Set([true, false]));
  });

  it.each(samples.map((text, i) => [i, text] as const))(
    `exits as documented, with a message for exit 2 (sample %i, seed ${SEEDS.command})`,
    async (_, text) => {
      const want = expected(text);
      const file = await harFile(text);
      const run = await verify(file);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      if (want === "bad") {
        expect(run.code).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr.trimEnd().split("\n").at(-1)).toContain(file);
      } else {
        expect([0, 1]).toContain(run.code);
        expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ entries: \d+ checked, \d+ skipped/);
        expect(run.code === 1).toBe(/; \d+ violation\(s\) in/.test(run.stdout));
      }
    },
    60_000,
  );
});
