// `npm run verify` over traffic recorded from a loopback server: one recording per rule, checked
// against the real contracts, then the command itself for its exit codes 0, 1 and 2.
import { mkdtemp, open, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ittybitOperationError } from "../../generated/ittybit/server.js";
import { willItTrackError, willItTrackOperationError } from "../../generated/willittrack/server.js";
import { documentedErrors } from "../../src/coverage/documented.js";
import { readVerifiedApis, type VerifiedApi } from "../../scripts/verify/contracts.js";
import { verify as runVerify } from "../../scripts/verify/cli.js";
import { type HarEntry, readHar } from "../../scripts/verify/har.js";
import { Verification, verifyEntries } from "../../scripts/verify/report.js";
import { capture } from "../support/io.js";
import { record, type HarLog, type Recording, type Reply } from "./support/recorder.js";

const root = resolve(import.meta.dirname, "../..");
const WIT = "https://api.willittrack.com/v1";
const atV1 = (origin: string) => `${origin}/v1`;

const notFound = willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId: "req_a" });
const without = (reply: Reply, header: string): Reply => ({
  ...reply,
  headers: Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([n]) => n !== header)),
});
const withBody = (reply: Reply, error: object): Reply => ({
  ...reply,
  body: { error: { ...(reply.body as { error: object }).error, ...error } },
});
const rateLimited = willItTrackOperationError("GET /checks/{slug}", "rate_limited", {
  requestId: "req_a",
  retryAfterSeconds: 45,
});

/** For each rule, a response of the WillItTrack API that breaks only it. */
const breaking: [string, Recording][] = [
  ["status-undeclared", { method: "GET", path: "/checks/abc", reply: { ...notFound, status: 418 } }],
  [
    "code-undeclared",
    {
      method: "GET",
      path: "/checks/abc",
      reply: { ...willItTrackError("too_many_batches", { requestId: "req_a" }), status: 404 },
    },
  ],
  ["code-unknown", { method: "GET", path: "/checks/abc", reply: withBody(notFound, { code: "gone_fishing" }) }],
  [
    "body-not-envelope",
    {
      method: "GET",
      path: "/checks/abc",
      reply: {
        status: 500,
        headers: { "Content-Type": "text/html", "X-Request-Id": "req_a" },
        body: "<html>Bad gateway</html>",
      },
    },
  ],
  ["type-mismatch", { method: "GET", path: "/checks/abc", reply: withBody(notFound, { type: "api_error" }) }],
  ["retry-after-missing", { method: "GET", path: "/checks/abc", reply: without(rateLimited, "Retry-After") }],
  ["request-id-missing", { method: "GET", path: "/checks/abc", reply: without(notFound, "X-Request-Id") }],
  [
    "request-id-mismatch",
    {
      method: "GET",
      path: "/checks/abc",
      reply: { ...notFound, headers: { ...notFound.headers, "X-Request-Id": "req_b" } },
    },
  ],
  ["operation-unknown", { method: "GET", path: "/nope", reply: notFound }],
];
const conforming: Recording = { method: "GET", path: "/checks/abc", reply: notFound };

let apis: VerifiedApi[];
let dir: string;
beforeAll(async () => {
  apis = await readVerifiedApis(resolve(root, "redocly.yaml"));
  dir = await mkdtemp(join(tmpdir(), "verify-"));
});

async function harFile(name: string, har: HarLog | string): Promise<string> {
  const file = join(dir, `${name}.har`);
  await writeFile(file, typeof har === "string" ? har : JSON.stringify(har));
  return file;
}

/** Records, writes and reads back a HAR, then verifies it against the WillItTrack contract at the loopback URL. */
async function verifyRecorded(name: string, recordings: readonly Recording[]) {
  const { har, serverUrl } = await record(atV1, recordings);
  const entries = await readHar(await harFile(name, har));
  return verifyEntries(apis, entries, new Map([["willittrack", serverUrl]]));
}

describe("a recording per rule", () => {
  it.each(breaking)("%s: found in the breaking entry only", async (rule, recording) => {
    const report = await verifyRecorded(rule, [conforming, recording]);
    expect(report.violations.map((v) => [v.entry, v.rule])).toEqual([[1, rule]]);
    expect(report.operations.reduce((n, o) => n + o.conforming, 0)).toBe(1);
  });

  it("finds a 429 without Retry-After on an Ittybit status without codes", async () => {
    const reply = ittybitOperationError("GET /tasks/{id}", 429, { retryAfterSeconds: 5 });
    const { har, serverUrl } = await record(
      (origin) => origin,
      [
        { method: "GET", path: "/tasks/t_1", reply },
        { method: "GET", path: "/tasks/t_1", reply: without(reply, "Retry-After") },
      ],
    );
    const report = verifyEntries(
      apis,
      await readHar(await harFile("ittybit-429", har)),
      new Map([["ittybit", serverUrl]]),
    );
    expect(report.violations.map((v) => [v.entry, v.api, v.operation, v.rule])).toEqual([
      [1, "ittybit", "GET /tasks/{id}", "retry-after-missing"],
    ]);
  });
});

describe("the calls and open statuses the specs add", () => {
  const verifyAt = async (api: string, base: (origin: string) => string, name: string, recordings: Recording[]) => {
    const { har, serverUrl } = await record(base, recordings);
    return verifyEntries(apis, await readHar(await harFile(name, har)), new Map([[api, serverUrl]]));
  };

  it("checks Ittybit's connections and keys: their 404 and a list's 400 admit an undocumented kind", async () => {
    const report = await verifyAt("ittybit", (origin) => origin, "ittybit-connections", [
      {
        method: "GET",
        path: "/connections/con_1",
        reply: ittybitOperationError("GET /connections/{id}", 404, { code: "connection_not_found" }),
      },
      {
        method: "GET",
        path: "/keys?limit=1000",
        reply: ittybitOperationError("GET /keys", 400, { code: "bad_limit" }),
      },
      { method: "DELETE", path: "/keys/key_1", reply: { status: 204 } },
      { method: "PATCH", path: "/connections/con_1", reply: ittybitOperationError("GET /keys", "token_missing") },
      { method: "DELETE", path: "/keys/key_1", reply: { status: 200 } },
    ]);
    expect(report.violations.map((v) => [v.entry, v.operation, v.rule])).toEqual([
      [4, "DELETE /keys/{id}", "status-undeclared"],
    ]);
  });

  it("admits WillItTrack's 401 with a code no page lists (a missing key), and no such code on a 404", async () => {
    const unauthorized = willItTrackOperationError("GET /keys", "invalid_api_key", { requestId: "req_a" });
    const report = await verifyRecorded("willittrack-401", [
      { method: "GET", path: "/keys", reply: withBody(unauthorized, { code: "missing_api_key" }) },
      { method: "GET", path: "/checks/abc", reply: withBody(notFound, { code: "missing_api_key" }) },
    ]);
    expect(report.violations.map((v) => [v.entry, v.rule])).toEqual([[1, "code-unknown"]]);
  });
});

describe("bodies in the HAR", () => {
  it("decodes a base64 body and checks it, saying so", async () => {
    const report = await verifyRecorded("base64", [
      { ...conforming, store: "base64" },
      { method: "GET", path: "/checks/abc", reply: withBody(notFound, { code: "gone_fishing" }), store: "base64" },
    ]);
    expect(report.violations.map((v) => [v.entry, v.rule])).toEqual([[1, "code-unknown"]]);
    expect(report.notes.map((n) => [n.entry, n.note])).toEqual([
      [0, "the body was base64-decoded"],
      [1, "the body was base64-decoded"],
    ]);
  });

  it("skips the body's rules for an absent body, saying so, and still checks the headers", async () => {
    const report = await verifyRecorded("absent", [
      { method: "GET", path: "/checks/abc", reply: withBody(notFound, { code: "gone_fishing" }), store: "absent" },
      { method: "GET", path: "/checks/abc", reply: without(rateLimited, "Retry-After"), store: "absent" },
    ]);
    expect(report.violations.map((v) => [v.entry, v.rule])).toEqual([[1, "retry-after-missing"]]);
    expect(report.notes.map((n) => n.note)).toEqual([
      expect.stringMatching(/^the body \(\d+ bytes\) was not recorded; the body's rules were not checked$/),
      expect.stringMatching(/was not recorded/),
    ]);
  });
});

describe("traffic coverage", () => {
  it("lists per API the documented errors the traffic held, whatever broke, and those it never held", async () => {
    const report = await verifyRecorded("coverage", [
      conforming,
      { method: "GET", path: "/checks/abc", reply: rateLimited },
      { method: "GET", path: "/checks/abc", reply: without(rateLimited, "Retry-After") },
      breaking.find(([rule]) => rule === "status-undeclared")![1],
      breaking.find(([rule]) => rule === "code-undeclared")![1],
      { method: "GET", path: "/checks/abc", reply: { status: 200, body: {} } },
    ]);
    const tables = apis.find((api) => api.name === "willittrack")!.tables;
    const willittrack = report.coverage.find((c) => c.api === "willittrack")!;
    expect(report.coverage.map((c) => c.api)).toEqual(apis.map((api) => api.name));
    expect(willittrack).toMatchObject({ documented: documentedErrors(tables).length, exercised: 2 });
    const checks = willittrack.operations.find((o) => o.operation === "GET /checks/{slug}")!;
    expect(checks.exercised.map((e) => `${e.status} ${e.code}`)).toEqual(["404 not_found", "429 rate_limited"]);
    expect(checks.missing.length).toBeGreaterThan(0);
    expect(report.coverage.find((c) => c.api === "ittybit")).toMatchObject({ exercised: 0, percent: 0 });
  });
});

describe("entries read from a HAR, checked as given", () => {
  const entry = (index: number, url: string, status: number, extra: Partial<HarEntry> = {}): HarEntry => ({
    index,
    method: "GET",
    url,
    requestHeaders: {},
    status,
    headers: {},
    body: undefined,
    ...extra,
  });

  it("takes a URL as the server's only below its path's whole segments: /v10 is not under /v1", () => {
    const report = verifyEntries(apis, [
      entry(0, "https://api.willittrack.com/v10/checks/abc", 404),
      entry(1, "https://api.willittrack.com/v1x", 404),
      entry(2, `${WIT}/nope`, 404),
    ]);
    expect(report.skippedBy).toEqual({ "no known API": 2 });
    expect(report.violations[0]?.message).toBe("willittrack has no operation GET /nope.");
    expect(report.violations.map((v) => [v.entry, v.rule, v.operation])).toEqual([
      [2, "operation-unknown", "GET /nope"],
    ]);
  });

  it("skips a CORS preflight and a URL it cannot read; the server's own URL is the path /", () => {
    const preflight = { method: "OPTIONS", requestHeaders: { "access-control-request-method": "GET" } };
    const report = verifyEntries(apis, [
      entry(0, `${WIT}/checks/abc`, 204, preflight),
      entry(1, `${WIT}/checks/abc`, 204, { method: "OPTIONS" }),
      entry(2, "not a URL", 404),
      entry(3, WIT, 404),
    ]);
    expect(report.skippedBy).toEqual({ "CORS preflight": 1, "URL not readable": 1 });
    expect(report.violations.map((v) => [v.entry, v.operation])).toEqual([
      [1, "OPTIONS /checks/abc"],
      [3, "GET /"],
    ]);
    expect(report.operations.map((o) => [o.operation, o.requests])).toEqual([
      ["GET /", 1],
      ["OPTIONS /checks/abc", 1],
    ]);
    expect(new Verification(apis).add(entry(0, `${WIT}/checks/abc`, 204, preflight))).toEqual([]);
  });

  it("notes a body not recorded from status 400 up, where the body's rules apply, and not below", () => {
    const unrecorded = { bodyNote: "the body was not recorded" };
    const report = verifyEntries(apis, [
      entry(0, `${WIT}/checks/abc`, 399, unrecorded),
      entry(1, `${WIT}/checks/abc`, 400, unrecorded),
      entry(2, `${WIT}/checks/abc`, 404, { ...unrecorded, body: "{}" }),
    ]);
    expect(report.notes.map((n) => [n.entry, n.status, n.note])).toEqual([
      [1, 400, "the body was not recorded; the body's rules were not checked"],
      [2, 404, "the body was not recorded"],
    ]);
  });
});

describe("npm run verify", { timeout: 90_000 }, () => {
  /** The command in-process; test/verify/process.test.ts runs it as a process. */
  const verify = async (...args: string[]) => {
    const io = capture(root);
    const code = await runVerify(args, io);
    return { code, stdout: io.stdout(), stderr: io.stderr() };
  };

  it("exits 0 and prints a table when every response keeps the contract", async () => {
    // Written by hand with the spec's server URL, which a loopback recording cannot have.
    const har: HarLog = { log: { version: "1.2", creator: { name: "hand", version: "1" }, entries: [] } };
    const entry = (status: number, url: string, reply: Reply) => ({
      request: { method: "GET", url, headers: [] },
      response: {
        status,
        headers: Object.entries(reply.headers ?? {}).map(([name, value]) => ({ name, value })),
        content: { size: 0, mimeType: "application/json", text: JSON.stringify(reply.body ?? {}) },
      },
    });
    har.log.entries.push(
      entry(404, `${WIT}/checks/abc`, notFound),
      entry(200, `${WIT}/checks/abc`, { status: 200 }),
      entry(200, "https://example.com/", { status: 200 }),
    );
    const { code, stdout, stderr } = await verify(await harFile("clean", har));
    expect(stderr).toMatch(/read .*clean\.har: 3 entries\nread the contracts of ittybit, willittrack\n/);
    expect(stdout).toMatch(/GET \/checks\/\{slug\}\s+2\s+2\s*\n/);
    expect(stdout).toMatch(/3 entries: 2 checked, 1 skipped \(no known API 1\); no violations\n$/);
    expect(code).toBe(0);
  });

  it("exits 1 and prints every violation as JSON", async () => {
    const { har, serverUrl } = await record(atV1, [conforming, ...breaking.map(([, r]) => r)]);
    const { code, stdout } = await verify(
      await harFile("all-rules", har),
      "--api",
      "willittrack",
      "--server",
      serverUrl,
      "--format",
      "json",
    );
    const report = JSON.parse(stdout) as {
      entries: number;
      checked: number;
      skipped: number;
      violations: { entry: number; api: string; operation: string; status: number; rule: string; message: string }[];
    };
    expect(report).toMatchObject({ entries: breaking.length + 1, checked: breaking.length + 1, skipped: 0 });
    expect(report.violations[0]).toEqual({
      entry: 1,
      api: "willittrack",
      operation: "GET /checks/{slug}",
      status: 418,
      rule: "status-undeclared",
      message: expect.stringContaining("418"),
    });
    const found = new Set(report.violations.map((v) => v.rule));
    expect(found).toEqual(new Set(breaking.map(([rule]) => rule)));
    expect(code).toBe(1);
  });

  it("prints the coverage as JSON too, and exits 1 below --min-coverage", async () => {
    const { har, serverUrl } = await record(atV1, [conforming]);
    const file = await harFile("one-error", har);
    const args = [file, "--api", "willittrack", "--server", serverUrl, "--format", "json"];
    const passing = await verify(...args, "--min-coverage", "0.1");
    const { coverage } = JSON.parse(passing.stdout) as { coverage: { percent: number; apis: { api: string }[] } };
    expect(coverage.apis.map((api) => api.api)).toEqual(["willittrack"]);
    expect(Object.keys(coverage.apis[0]!)).toEqual(["api", "documented", "exercised", "percent", "missing"]);
    expect(passing.code).toBe(0);
    const failing = await verify(...args, "--min-coverage", "50");
    expect(failing.stderr).toContain(`coverage ${coverage.percent}% is below --min-coverage 50%`);
    expect(failing.code).toBe(1);
    const bad = await verify(...args, "--min-coverage", "most");
    expect([bad.code, bad.stderr]).toEqual([2, '--min-coverage takes a percentage from 0 to 100, not "most".\n']);
  });

  it("exits 2 for a file that is not HAR", async () => {
    const { code, stdout, stderr } = await verify(
      await harFile("truncated", '{"log":{"version":"1.2","entries":[{"request"'),
    );
    expect(stderr).toMatch(/truncated\.har is not JSON .*is it truncated\?/);
    expect([code, stdout]).toEqual([2, ""]);
  });

  it("exits 2 for a 200 MB file without reading it", async () => {
    const file = join(dir, "huge.har");
    const handle = await open(file, "w");
    await handle.truncate(200 * 1024 * 1024); // sparse: no 200 MB is written
    await handle.close();
    const { code, stderr } = await verify(file);
    expect(stderr).toMatch(/huge\.har is 200\.0 MB; verify reads HAR files up to 100\.0 MB/);
    expect(code).toBe(2);
  });

  it("exits 2 for an unknown API", async () => {
    const file = await harFile("empty", '{"log":{"version":"1.2","entries":[]}}');
    expect(await verify(file, "--api", "nope")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/redocly\.yaml: No API named "nope" is listed\. Use a name listed under `apis:`\./),
    });
  });
  it.each([
    [[], /^Give exactly one HAR file\.\nUsage: npm run verify -- <file\.har> /],
    [["a.har", "b.har"], /^Give exactly one HAR file\.\nUsage: /],
    [["a.har", "--nope"], /^Unknown option '--nope'.*\nUsage: npm run verify -- <file\.har> /s],
    [["a.har", "--format", "xml"], /^--format is "table" or "json", not "xml"\.\n$/],
    [["a.har", "--server", "http://x"], /^--server replaces one API's server URL: name the API with --api\.\n$/],
    ...["", " ", "-1", "-0.5", "100.5", "101", "1e3", "NaN"].map((value): [string[], RegExp] => [
      ["a.har", `--min-coverage=${value}`],
      new RegExp(`^--min-coverage takes a percentage from 0 to 100, not "${value}"\\.\\n$`),
    ]),
  ])("exits 2 for %j and says what to give", async (argv, says) => {
    const io = capture(root);
    expect(await runVerify(argv as string[], io)).toBe(2);
    expect([io.stderr(), io.stdout()]).toEqual([expect.stringMatching(says), ""]);
  });

  it.each([
    ["0", 0],
    ["100", 1],
  ])("takes --min-coverage %s, and says so only when the coverage is below it", async (percent, code) => {
    const { har, serverUrl } = await record(atV1, [conforming]);
    const file = await harFile(`min-coverage-${percent}`, har);
    const run = await verify(file, "--api", "willittrack", "--server", serverUrl, "--min-coverage", percent);
    expect(run.stderr).toMatch(/^read .*\nread the contracts of willittrack\n/);
    expect(run.stderr.match(/ is below --min-coverage .*\n/g) ?? []).toEqual(
      code === 1 ? [" is below --min-coverage 100%\n"] : [],
    );
    expect(run.code).toBe(code);
  });

  it("writes a long report in batches of about 64 kB, not a string at once nor a write a line", async () => {
    const entry = (i: number) => ({
      request: { method: "GET", url: `${WIT}/nope/${i}`, headers: [] },
      response: { status: 404, headers: [], content: { size: 0, mimeType: "text/plain", text: "" } },
    });
    const entries = Array.from({ length: 2000 }, (_, i) => entry(i));
    const file = await harFile("long", JSON.stringify({ log: { version: "1.2", entries } }));
    const writes: string[] = [];
    const io = { ...capture(root), write: async (piece: string) => void writes.push(piece) };
    expect(await runVerify([file], io)).toBe(1);
    const text = writes.join("");
    expect(
      text.split("\n").filter((line) => line.includes("operation-unknown: willittrack has no operation")),
    ).toHaveLength(2000);
    expect(text).toMatch(/\n2000 entries: 2000 checked, 0 skipped; 2000 violation\(s\) in 2000 response\(s\)\n$/);
    expect(writes.length).toBeGreaterThan(2);
    // Each batch but the last is 64 kB and at most the line that passed it.
    // Each batch but the last holds 64 kB or more: the pieces that reached it, the last one whole.
    for (const batch of writes.slice(0, -1)) expect(batch.length).toBeGreaterThanOrEqual(1 << 16);
  });

  it("lets a failure it did not expect through, for the launcher to print with its stack", async () => {
    const file = await harFile("unwritable", '{"log":{"version":"1.2","entries":[]}}');
    const io = {
      ...capture(root),
      write: async () => {
        throw new Error("standard output is closed");
      },
    };
    await expect(runVerify([file], io)).rejects.toThrow("standard output is closed");
  });
});

describe("readHar", () => {
  const lacks =
    /: log\.entries\[1\] lacks request\.method, request\.url or response\.status, so the file is not HAR 1\.2\.$/;
  const withSecond = (second: unknown) =>
    JSON.stringify({
      log: { version: "1.2", entries: [{ request: { method: "GET", url: "x" }, response: { status: 200 } }, second] },
    });
  it.each([
    ["truncated JSON", '{"log":{"version":"1.2","entries":[{"request"', /is not JSON .*is it truncated\?/],
    [
      "another HAR version",
      '{"log":{"version":"1.1","entries":[]}}',
      /HAR version "1\.1"; verify reads HAR 1\.2 \(export again from a current browser or proxy\)\.$/,
    ],
    ["JSON that is not HAR", '{"entries":[]}', /no log\.entries array, so it is not a HAR file/],
    ["a log that is null", '{"log":null}', /no log\.entries array, so it is not a HAR file/],
    ["an entry without a response", withSecond({ request: { method: "GET", url: "x" } }), lacks],
    ["an entry that is null", withSecond(null), lacks],
    [
      "an entry whose method is a number",
      withSecond({ request: { method: 1, url: "x" }, response: { status: 200 } }),
      lacks,
    ],
    ["an entry without a URL", withSecond({ request: { method: "GET" }, response: { status: 200 } }), lacks],
    [
      "an entry whose status is a string",
      withSecond({ request: { method: "GET", url: "x" }, response: { status: "200" } }),
      lacks,
    ],
  ])("refuses %s", async (name, text, message) => {
    const thrown = await readHar(await harFile(name.replace(/ /g, "-"), text)).catch((error: unknown) => error);
    expect(String(thrown)).toMatch(/^HarProblem: /);
    expect((thrown as Error).message).toMatch(message);
  });

  it("refuses a missing file and one over the size limit, and reads one at the limit", async () => {
    await expect(readHar(join(dir, "missing.har"))).rejects.toThrow(/Cannot read .*missing\.har: ENOENT/);
    const text = '{"log":{"version":"1.2","entries":[]}}';
    const file = await harFile("small", text);
    await expect(readHar(file, text.length - 1)).rejects.toThrow(
      new RegExp(
        String.raw`is 0\.0 MB; verify reads HAR files up to 0\.0 MB\. ` +
          String.raw`Export fewer requests \(filter by the API's host in devtools\) or split the file\.$`,
      ),
    );
    expect((await readHar(file, text.length)).count).toBe(0);
  });

  it.each([
    ["a text", { text: "{}", size: 2 }, "{}", undefined],
    ["an empty text of size 0: an empty body", { text: "", size: 0 }, "", undefined],
    ["an empty text of 12 bytes", { text: "", size: 12 }, undefined, "the body (12 bytes) was not recorded"],
    ["no text, 12 bytes", { size: 12 }, undefined, "the body (12 bytes) was not recorded"],
    ["no text, size unknown (-1)", { size: -1 }, undefined, "the body was not recorded"],
    ["no text, a size that is a string", { size: "12" }, undefined, "the body was not recorded"],
    ["no content", undefined, undefined, "the body was not recorded"],
    ["a base64 text", { text: "e30=", encoding: "base64" }, new Uint8Array([123, 125]), "the body was base64-decoded"],
    [
      "a base64 text that is not base64",
      { text: "e30!", encoding: "base64" },
      undefined,
      "the body is marked base64 but is not base64",
    ],
  ])("reads a response with %s", async (name, content, body, bodyNote) => {
    const entry = { request: { method: "get", url: "x" }, response: { status: 404, content } };
    const text = JSON.stringify({ log: { version: "1.2", entries: [entry] } });
    const [read] = await readHar(await harFile(`content-${name.replace(/\W+/g, "-")}`, text));
    expect(read).toEqual({
      index: 0,
      method: "GET",
      url: "x",
      requestHeaders: {},
      status: 404,
      headers: {},
      body,
      ...(bodyNote === undefined ? {} : { bodyNote }),
    });
  });
});
