// `api-error-contracts coverage`, in-process over `coverageCommand(argv, io, tables)`: the
// report in both formats, the threshold, and bad input (exit 2 with what to fix, a malformed
// record with its file and line); the record format fuzzed.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { coverageCommand } from "../../src/coverage/cli.js";
import type { DocumentingTables } from "../../src/coverage/documented.js";
import { parseRecord } from "../../src/coverage/records.js";
import { capture } from "../support/io.js";

const tables: Record<string, DocumentingTables> = {
  tasks: {
    operations: {
      "GET /tasks/{id}": { "404": { codes: ["task_not_found"], open: false }, "503": { codes: [], open: true } },
      "POST /tasks": { "400": { codes: ["bad_request", "url_required"], open: false } },
    },
  },
  keys: { operations: { "GET /keys": { "401": { codes: ["unauthorized"], open: false } } } },
};

const USAGE_LINE =
  "Usage: api-error-contracts coverage <folder> [--api <name>] [--format table|json] [--min <percent>]";

const line = (api: string, operation: string, status: number, code: string | null) =>
  `${JSON.stringify({ api, operation, status, code })}\n`;

let folder: string;
let empty: string;

beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), "coverage-cli-"));
  folder = join(base, "records");
  empty = join(base, "empty");
  await mkdir(folder);
  await mkdir(empty);
  // Two workers' files, one record in both, one error no operation documents, a file of another kind.
  await writeFile(join(folder, "10-1.jsonl"), line("tasks", "GET /tasks/{id}", 404, "task_not_found"));
  await writeFile(
    join(folder, "11-0.jsonl"),
    line("tasks", "GET /tasks/{id}", 404, "task_not_found") +
      line("tasks", "GET /tasks/{id}", 503, "undocumented") +
      line("tasks", "POST /tasks", 409, null) +
      line("keys", "GET /keys", 401, "unauthorized"),
  );
  await writeFile(join(folder, "notes.txt"), "not a record file");
});

const run = (...argv: string[]) => {
  const io = capture("/");
  const code = coverageCommand(argv, io, tables);
  return { code, out: io.stdout(), err: io.stderr() };
};

describe("api-error-contracts coverage", () => {
  it("prints per API and operation what was exercised and what never was, and the total", () => {
    const { code, out, err } = run("coverage", folder);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        "tasks: 2 of 4 documented errors exercised (50%)",
        "  GET /tasks/{id}",
        "    exercised  404 task_not_found, 503 (no code)",
        "  POST /tasks",
        "    missing    400 bad_request, 400 url_required",
        "",
        "keys: 1 of 1 documented errors exercised (100%)",
        "  GET /keys",
        "    exercised  401 unauthorized",
        "",
        "total: 3 of 5 documented errors exercised (60%)",
        "",
      ].join("\n"),
    );
    expect(err).toBe("1 recorded error(s) are not documented by their operation\n");
  });

  it("prints JSON with exactly the total and, per API, the counts and the errors never exercised", () => {
    const { code, out } = run("coverage", folder, "--format", "json", "--api", "tasks");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      percent: 50,
      apis: [
        {
          api: "tasks",
          documented: 4,
          exercised: 2,
          percent: 50,
          missing: [
            { operation: "POST /tasks", status: 400, code: "bad_request" },
            { operation: "POST /tasks", status: 400, code: "url_required" },
          ],
        },
      ],
    });
  });

  it.each([
    [["--min", "60"], 0, ""],
    [["--min", "0"], 0, ""],
    [["--min", "60.1"], 1, "coverage 60% is below --min 60.1%\n"],
    [["--min", "100", "--api", "keys"], 0, ""],
    [["--min", "80", "--api", "tasks"], 1, "coverage 50% is below --min 80%\n"],
  ])("%j exits %i", (args, expected, message) => {
    const { code, err } = run("coverage", folder, ...args);
    expect(code).toBe(expected);
    expect(err.replace(/^1 recorded error.*\n/, "")).toBe(message);
  });

  it("prints its usage when asked", () => {
    expect(run("--help")).toEqual({ code: 0, out: `${USAGE_LINE}\n`, err: "" });
  });

  it("reports nothing exercised from a folder without records", () => {
    const { code, out } = run("coverage", empty, "--format", "json", "--min", "1");
    expect(code).toBe(1);
    expect(JSON.parse(out).percent).toBe(0);
  });

  it.each([
    [[], /^Usage: api-error-contracts coverage <folder>/],
    [["report", "x"], /^Usage:/],
    [["coverage"], /^Usage:/],
    [["coverage", "a", "b"], /^Usage:/],
    [["coverage", "x", "--color"], /Unknown option '--color'/],
    [["coverage", "x", "--api", "nope"], /^Unknown API "nope": --api takes one of tasks, keys\./],
    [["coverage", "x", "--format", "csv"], /^--format is "table" or "json", not "csv"\./],
    [["coverage", "x", "--min", "abc"], /^--min takes a percentage from 0 to 100, not "abc"\./],
    [["coverage", "x", "--min", "101"], /not "101"/],
    [["coverage", "x", "--min=-1"], /not "-1"/],
    [["coverage", "x", "--min", " "], /not " "/],
    [["coverage", "/no/such/folder"], /^No folder "\/no\/such\/folder": give the folder that API_ERROR_COVERAGE named/],
  ])("refuses %j (exit 2)", (argv, message) => {
    const { code, out, err } = run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(message);
  });

  it("refuses a file given as the folder, and a malformed record with its file and line", async () => {
    expect(run("coverage", join(folder, "10-1.jsonl")).err).toMatch(/^No folder ".*10-1\.jsonl"/);
    const bad = await mkdtemp(join(tmpdir(), "coverage-bad-"));
    await writeFile(join(bad, "1-0.jsonl"), `${line("tasks", "POST /tasks", 400, "bad_request")}\n{"api":"tasks"\n`);
    const { code, out, err } = run("coverage", bad);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toBe(
      `${join(bad, "1-0.jsonl")}:3: not a JSON line (a record is {"api", "operation", "status", "code"})\n`,
    );
  });
});

describe("parseRecord", () => {
  it.each([
    [
      '{"api":"a","operation":"GET /x","status":404,"code":"gone"}',
      { api: "a", operation: "GET /x", status: 404, code: "gone" },
    ],
    [
      '{"api":"a","operation":"GET /x","status":500,"code":null,"extra":1}',
      { api: "a", operation: "GET /x", status: 500, code: null },
    ],
    ["[]", "not a JSON object"],
    ["null", "not a JSON object"],
    ['{"api":"","operation":"GET /x","status":404,"code":null}', '"api" is not a name'],
    ['{"api":"a","operation":"/x","status":404,"code":null}', '"operation" is not "METHOD /path"'],
    [
      '{"api":"a","operation":"GET /x","status":"404","code":null}',
      '"status" is not an HTTP status (an integer 100-599)',
    ],
    [
      '{"api":"a","operation":"GET /x","status":404.5,"code":null}',
      '"status" is not an HTTP status (an integer 100-599)',
    ],
    [
      '{"api":"a","operation":"GET /x","status":600,"code":null}',
      '"status" is not an HTTP status (an integer 100-599)',
    ],
    ['{"api":"a","operation":"GET /x","status":404}', '"code" is neither a string nor null'],
  ])("%s", (text, expected) => {
    expect(parseRecord(text)).toEqual(expected);
  });

  it("takes any line without throwing, and reads back every record it accepts as written", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const parsed = parseRecord(text);
        if (typeof parsed !== "string") expect(parseRecord(JSON.stringify(parsed))).toEqual(parsed);
      }),
      { numRuns: 500 },
    );
    const record = fc.record({
      api: fc.string({ minLength: 1 }),
      operation: fc.stringMatching(/^[A-Z]+ \/\S*$/),
      status: fc.integer({ min: 100, max: 599 }),
      code: fc.option(fc.string(), { nil: null }),
    });
    fc.assert(
      fc.property(record, (r) => void expect(parseRecord(JSON.stringify(r))).toEqual(r)),
      { numRuns: 200 },
    );
  });
});
