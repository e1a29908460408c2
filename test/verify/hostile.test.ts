// `npm run verify` on HARs crafted to hurt it: a body that made the base64 test backtrack, header
// names that are Object.prototype's, a version nested deeper than JSON.stringify goes, and a
// report too large for one call's arguments. Sizes, not times: speed is measured by the bench.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verify } from "../../scripts/verify/cli.js";
import { jsonText, tableText } from "../../scripts/verify/format.js";
import { HarProblem, isBase64, readHar } from "../../scripts/verify/har.js";
import type { Report } from "../../scripts/verify/report.js";
import { capture } from "../support/io.js";

const root = resolve(import.meta.dirname, "../..");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "verify-hostile-"));
});

async function harFile(name: string, har: object | string): Promise<string> {
  const file = join(dir, `${name}.har`);
  await writeFile(file, typeof har === "string" ? har : JSON.stringify(har));
  return file;
}

const har = (entries: unknown[], version: unknown = "1.2") => ({ log: { version, entries } });
const entry = (response: object, request: object = {}) => ({
  request: { method: "GET", url: "https://api.willittrack.com/v1/checks/a", headers: [], ...request },
  response: { status: 404, headers: [], ...response },
});

describe("isBase64", () => {
  it.each([
    ["", true],
    ["QUJD", true],
    ["QUI=", true],
    ["QQ==", true],
    ["QU\r\nJD\n", true],
    ["  QQ==  \n", true],
    ["QQ===", false],
    ["Q=Q=", false],
    ["AZaz09+/", true],
    ["QU\tJD\u000b\f", true],
    ["QU\bJD", false],
    ["QUJD!", false],
    ["QUJD-_", false],
    ["QU\u00a0JD", false],
  ])("%j → %s", (text, expected) => expect(isBase64(text)).toBe(expected));
});

// Skipped under Stryker: 1 MB through a mutated loop takes longer than the test's time limit;
// the isBase64 table above runs per mutant instead.
describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("a body marked base64", () => {
  // The pattern this replaced took 18.8 s for 100 kB of blanks, and would take half an hour for 1 MB.
  it.each([
    ["blanks then a character outside the alphabet", `${" ".repeat(1 << 20)}!`],
    ["line breaks between padding", `${"QQ==\n".repeat(1 << 18)}`],
    ["the alphabet then blanks then one stray character", `${"A".repeat(1 << 19)}${" \t".repeat(1 << 18)}$`],
  ])("of 1 MB (%s) is read, and said not to be base64", async (name, text) => {
    const file = await harFile(name.replace(/\W+/g, "-"), har([entry({ content: { text, encoding: "base64" } })]));
    const [read] = await readHar(file);
    expect(read?.bodyNote).toBe("the body is marked base64 but is not base64");
  });

  it("of 1 MB that is base64 is decoded", async () => {
    const bytes = Buffer.alloc(3 << 18, 7);
    const text = bytes.toString("base64").replace(/.{76}/g, "$&\r\n");
    const [read] = await readHar(await harFile("base64-1mb", har([entry({ content: { text, encoding: "base64" } })])));
    // Compared as buffers: vitest's element-by-element equality of 786,432 bytes took seconds.
    expect(read?.body).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(read!.body!).equals(bytes), "the decoded body differs from the bytes encoded").toBe(true);
  });
});

describe("header names", () => {
  it("are plain data: __proto__, constructor and the like are headers like any other", async () => {
    const names = ["__proto__", "constructor", "Constructor", "toString", "hasOwnProperty", "valueOf", "X-Request-Id"];
    const headers = names.map((name, i) => ({ name, value: `v${i}` }));
    const [read] = await readHar(await harFile("proto-headers", har([entry({ headers }, { headers })])));
    const expected = [
      ["__proto__", "v0"],
      ["constructor", "v1, v2"],
      ["tostring", "v3"],
      ["hasownproperty", "v4"],
      ["valueof", "v5"],
      ["x-request-id", "v6"],
    ];
    expect(Object.entries(read!.headers)).toEqual(expected);
    expect(Object.entries(read!.requestHeaders)).toEqual(expected);
    expect(read!.headers.constructor).toBe("v1, v2");
    expect(Object.hasOwn(read!.headers, "__proto__")).toBe(true);
    // Not a header at all: nothing inherited answers for one.
    expect(Object.keys(read!.headers)).not.toContain("retry-after");
    expect(read!.headers["retry-after" as string]).toBeUndefined();
  });

  it("skip a header whose name or value is not a string, and headers that are not a list", async () => {
    const headers = [
      { name: "X-Number", value: 5 },
      { name: 5, value: "five" },
      { value: "x" },
      { name: "X-Kept", value: "k" },
    ];
    const [read, other] = await readHar(
      await harFile("odd-headers", har([entry({ headers }, { headers }), entry({ headers: { "X-A": "a" } })])),
    );
    expect([read!.headers, read!.requestHeaders]).toEqual([{ "x-kept": "k" }, { "x-kept": "k" }]);
    expect(other!.headers).toEqual({});
  });
});

describe("values verify quotes in a message", () => {
  // As text: JSON.stringify itself overflows the stack on a value this deep, JSON.parse does not.
  const deep = `${"[".repeat(100_000)}"1.2"${"]".repeat(100_000)}`;

  it.each([
    [
      "a version nested 100,000 arrays deep",
      `{"log":{"version":${deep},"entries":[]}}`,
      /is HAR version an array; verify reads HAR 1\.2/,
    ],
    ["a version of 1 MB", har([], "9".repeat(1 << 20)), /is HAR version "9{40}…"; verify reads HAR 1\.2/],
    ["a version that is an object", har([], { __proto__: 1 }), /is HAR version a value of type object;/],
    ["a version of 40 characters", har([], "9".repeat(40)), /is HAR version "9{40}"; verify reads HAR 1\.2/],
    ["a version that is a number", har([], 1.2), /is HAR version 1\.2; verify reads HAR 1\.2/],
    ["a version that is a boolean", har([], true), /is HAR version true; verify reads HAR 1\.2/],
    ["a version that is null", har([], null), /is HAR version null; verify reads HAR 1\.2/],
    ["no version", { log: { entries: [] } }, /is HAR version a value of type undefined;/],
  ])("are described, not serialized: %s", async (name, text, message) => {
    const file = await harFile(name.replace(/\W+/g, "-"), text);
    const thrown = await readHar(file).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HarProblem);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message.length).toBeLessThan(500);
  });

  it("describes an encoding nested deep", async () => {
    const text = JSON.stringify(har([entry({ content: { text: "x", encoding: "ENCODING" } })]));
    const [read] = await readHar(await harFile("deep-encoding", text.replace('"ENCODING"', deep)));
    expect(read?.bodyNote).toBe("the body has encoding an array, which verify does not read");
  });
});

describe("the outputs", () => {
  const report: Report = {
    entries: 3,
    checked: 2,
    skipped: 1,
    skippedBy: { "no known API": 1 },
    violations: [
      { entry: 0, api: "a", operation: "GET /x", status: 404, rule: "code-unknown", message: 'm "q"\n' },
      { entry: 1, api: "a", operation: "GET /x", status: 500, rule: "status-undeclared", message: "n" },
    ],
    notes: [],
    operations: [{ api: "a", operation: "GET /x", requests: 2, conforming: 0, byRule: { "code-unknown": 1 } }],
    coverage: [
      {
        api: "a",
        documented: 2,
        exercised: 1,
        percent: 50,
        operations: [
          {
            operation: "GET /x",
            exercised: [{ operation: "GET /x", status: 404, code: "gone" }],
            missing: [{ operation: "GET /x", status: 500, code: null }],
          },
        ],
      },
    ],
  };

  it("JSON: the text JSON.stringify makes, piece by piece", () => {
    const { entries, checked, skipped, violations, notes } = report;
    const missing = [{ operation: "GET /x", status: 500, code: null }];
    const coverage = { percent: 50, apis: [{ api: "a", documented: 2, exercised: 1, percent: 50, missing }] };
    const whole = `${JSON.stringify({ entries, checked, skipped, violations, notes, coverage }, null, 2)}\n`;
    expect([...jsonText(report)].join("")).toBe(whole);
    const empty = { ...report, violations: [], notes: [{ ...report.violations[0]!, note: "n" }], coverage: [] };
    const none = { percent: 100, apis: [] };
    const emptyWhole = JSON.stringify(
      { entries, checked, skipped, violations: [], notes: empty.notes, coverage: none },
      null,
      2,
    );
    expect([...jsonText(empty)].join("")).toBe(`${emptyWhole}\n`);
  });

  it("table: each API's operations under its name, its widest setting the column; notes, and no empty section", () => {
    const finding = { api: "b", operation: "GET /b", status: 404 };
    const quiet: Report = {
      entries: 6,
      checked: 3,
      skipped: 3,
      skippedBy: { "CORS preflight": 1, "no known API": 2 },
      violations: [],
      notes: [{ entry: 4, ...finding, note: "the body was base64-decoded" }],
      operations: [
        { api: "a", operation: "GET /a", requests: 1, conforming: 1, byRule: {} },
        { api: "b", operation: "GET /b", requests: 1, conforming: 1, byRule: {} },
        {
          api: "b",
          operation: "DELETE /b/{a-long-id}",
          requests: 1,
          conforming: 0,
          byRule: { "code-unknown": 1, "status-undeclared": 2 },
        },
      ],
      coverage: [],
    };
    expect([...tableText(quiet)].join("")).toBe(
      [
        "a",
        "  operation  requests  conforming  violations",
        "  GET /a            1           1",
        "",
        "b",
        "  operation              requests  conforming  violations",
        "  GET /b                        1           1",
        "  DELETE /b/{a-long-id}         1           0  code-unknown 1, status-undeclared 2",
        "",
        "not checked",
        "  #4 b GET /b 404: the body was base64-decoded",
        "",
        "6 entries: 3 checked, 3 skipped (CORS preflight 1, no known API 2); no violations",
        "",
      ].join("\n"),
    );
    const none = { ...quiet, skipped: 0, skippedBy: {}, notes: [], operations: [] };
    expect([...tableText(none)].join("")).toBe("6 entries: 3 checked, 0 skipped; no violations\n");
  });

  it("table: a row per operation, a line per violation, and the summary", () => {
    expect([...tableText(report)].join("")).toBe(
      [
        "a",
        "  operation  requests  conforming  violations",
        "  GET /x            2           0  code-unknown 1",
        "",
        "violations",
        '  #0 a GET /x 404  code-unknown: m "q"\n',
        "  #1 a GET /x 500  status-undeclared: n",
        "",
        "coverage",
        "  a: 1 of 2 documented errors exercised (50%)",
        "    GET /x",
        "      exercised  404 gone",
        "      missing    500 (no code)",
        "",
        "  total: 1 of 2 documented errors exercised (50%)",
        "",
        "3 entries: 2 checked, 1 skipped (no known API 1); 2 violation(s) in 2 response(s)",
        "",
      ].join("\n"),
    );
  });
});

// Skipped under Stryker: a minute per mutant on a shared machine, for a stack overflow (a spread of
// 200,000 arguments) that no mutant can bring back; every other test here runs per mutant.
describe.skipIf(process.env.STRYKER_MUTATOR_WORKER)("npm run verify on 200,000 violating entries", () => {
  it("prints the whole table and exits 1 (a 23 MB HAR overflowed the stack)", async () => {
    const entries = Array.from({ length: 200_000 }, (_, i) => ({
      request: { method: "GET", url: `https://api.willittrack.com/v1/nope/${i % 7}` },
      response: { status: 404, headers: [{ name: "Content-Type", value: "text/html" }] },
    }));
    const file = await harFile("200k", har(entries));
    const io = capture(root);
    const run = { code: await verify([file], io), stdout: io.stdout(), stderr: io.stderr() };
    expect(run.stderr).not.toMatch(/RangeError|\n\s+at /);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.includes("operation-unknown: willittrack has no operation"))).toHaveLength(
      200_000,
    );
    expect(lines.at(-1)).toBe("200000 entries: 200000 checked, 0 skipped; 200000 violation(s) in 200000 response(s)");
    expect(run.code).toBe(1);
  }, 120_000);
});
