// `npm run verify -- --proxy` in-process, between a client and a local upstream with planted
// violations: the proxy's root stands for the upstream's base URL (`<proxy>/checks/a` is
// `<upstream>/v1/checks/a`), every request is forwarded unchanged, success bodies stream as they come,
// each violation printed as it happens with its request id, and on stop the summary, the exit
// code and a HAR that `verify` reads back, with no credential anywhere in what it printed or wrote.
import { once } from "node:events";
import { mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createNetServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { willItTrackOperationError } from "../../generated/willittrack/server.js";
import { verify } from "../../scripts/verify/cli.js";
import { MAX_CHECKED_BODY } from "../../scripts/verify/proxy.js";
import { capture } from "../support/io.js";

const root = resolve(import.meta.dirname, "../..");
const SECRET = "wit_live_4f9c2a7e1b8d6035";

interface Upstream {
  readonly url: string;
  readonly seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  /** Lets the streamed success body finish. */
  release(): void;
  close(): Promise<void>;
}

const send = (res: ServerResponse, e: { status: number; headers: Record<string, string>; body: unknown }) =>
  res.writeHead(e.status, { ...e.headers, "Content-Type": "application/json" }).end(JSON.stringify(e.body));

async function upstream(): Promise<Upstream> {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = await upstreamWith(async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/v1/checks/slow") {
      // The head and a first part now, the rest only once the test says so: a proxy that holds
      // success bodies would deliver nothing until then.
      res.writeHead(200, { "Content-Type": "application/json", "X-Request-Id": "req_slow" });
      res.write('{"data":{"slug":"slow","links":[');
      await released;
      return void res.end('"a"]}}');
    }
    if (path === "/v1/checks/missing") {
      return send(res, willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId: "req_missing" }));
    }
    if (path === "/v1/checks/teapot")
      return res.writeHead(418, { "X-Request-Id": "req_teapot" }).end("short and stout");
    if (path === "/v1/checks/zipped") {
      const e = willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId: "req_zipped" });
      const body = gzipSync(JSON.stringify({ error: { ...e.body.error, code: "gone_fishing" } }));
      res.writeHead(404, { ...e.headers, "Content-Type": "application/json", "Content-Encoding": "gzip" });
      return void res.end(body);
    }
    if (path === "/v1/keys") {
      // A server that echoes the key it was sent in its error message.
      const key = String(req.headers.authorization ?? "").replace(/^Bearer /, "");
      const e = willItTrackOperationError("GET /keys", "invalid_api_key", { requestId: "req_keys" });
      return send(res, { ...e, body: { error: { ...e.body.error, message: `Key ${key} is not valid.` } } });
    }
    res.writeHead(404).end();
  });
  return { ...server, release: () => release() };
}

describe("npm run verify -- --proxy", () => {
  let up: Upstream;
  let harFile: string;
  let io: ReturnType<typeof capture>;
  let stop: () => void = () => {};
  let exited: Promise<number>;
  let proxyUrl: string;

  beforeAll(async () => {
    up = await upstream();
    harFile = join(await mkdtemp(join(tmpdir(), "proxy-")), "session.har");
    io = capture(root, new Promise<void>((resolve) => (stop = resolve)));
    const argv = ["--proxy", `${up.url}/v1`, "--api", "willittrack", "--har", harFile, "--format", "json"];
    exited = verify(argv, io);
    while (!/^proxy {6}(http:\/\/127\.0\.0\.1:\d+)/m.test(io.stderr())) {
      await new Promise((next) => setTimeout(next, 10));
    }
    proxyUrl = /^proxy {6}(http:\/\/127\.0\.0\.1:\d+)/m.exec(io.stderr())![1]!;
  });
  afterAll(async () => {
    up.release();
    stop();
    await exited;
    await up.close();
  });

  it("forwards method, path, query, headers and body unchanged", async () => {
    const response = await fetch(`${proxyUrl}/checks/missing?verbose=1`, {
      method: "POST",
      headers: { "X-Custom": "kept", "Content-Type": "application/json" },
      body: '{"url":"https://example.com/"}',
    });
    expect(response.status).toBe(404);
    const forwarded = up.seen.at(-1)!;
    expect(forwarded).toMatchObject({
      method: "POST",
      url: "/v1/checks/missing?verbose=1",
      body: '{"url":"https://example.com/"}',
    });
    expect(forwarded.headers["x-custom"]).toBe("kept");
    expect(forwarded.headers.host).toBe(new URL(up.url).host);
  });

  it("streams a success body through as it comes, without waiting for its end", async () => {
    const response = await fetch(`${proxyUrl}/checks/slow`);
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('{"data":{"slug":"slow","links":[');
    up.release();
    let rest = "";
    for (let part = await reader.read(); !part.done; part = await reader.read())
      rest += new TextDecoder().decode(part.value);
    expect(rest).toBe('"a"]}}');
  });

  it("prints each violation as it happens, with the request id", async () => {
    const before = io.stdout().length;
    const response = await fetch(`${proxyUrl}/checks/teapot`);
    expect(await response.text()).toBe("short and stout");
    await until(() => io.stdout().length > before);
    expect(io.stdout().slice(before)).toMatch(
      /^violation {2}GET \/checks\/\{slug\} 418 \(req_teapot\) {2}status-undeclared: /m,
    );
    const zipped = await fetch(`${proxyUrl}/checks/zipped`);
    expect((await zipped.json()) as object).toMatchObject({ error: { code: "gone_fishing" } });
    await until(() => /\(req_zipped\) {2}code-unknown: .*"gone_fishing"/.test(io.stdout()));
  });

  it("checks what the typed client meets through it, and keeps the key out of everything", async () => {
    const client = createWillItTrackClient({ baseUrl: proxyUrl, apiKey: SECRET, retry: false });
    const { error } = await client.GET("/keys");
    expect(error).toMatchObject({ reason: "known", code: "invalid_api_key", requestId: "req_keys" });
    const { error: missing } = await client.GET("/checks/{slug}", { params: { path: { slug: "missing" } } });
    expect(missing).toMatchObject({ reason: "known", code: "not_found" });
    expect(up.seen.at(-1)!.headers.authorization).toBe(`Bearer ${SECRET}`);
  });

  it("on stop prints the summary as JSON, writes a HAR that verify reads the same, and exits 1", async (ctx) => {
    // Its summary is of the six requests the tests above sent: run without them (a name filter,
    // as Stryker's per-test runs use), it has other traffic to sum up, and its failure would count
    // a mutant killed whatever the mutant did. In a whole run it never skips.
    const tests = ctx.task.suite!.tasks;
    ctx.skip(
      tests.slice(0, tests.indexOf(ctx.task)).some((test) => test.mode !== "run"),
      "run without the tests above",
    );
    up.release();
    stop();
    expect(await exited).toBe(1);
    const report = JSON.parse(io.stdout().slice(io.stdout().indexOf("{\n"))) as {
      entries: number;
      violations: { rule: string; status: number }[];
      coverage: { apis: { api: string; exercised: number; missing: { operation: string; code: string | null }[] }[] };
    };
    expect(report.entries).toBe(6);
    // The summary's coverage: what the client met through the proxy is no longer missing.
    const [coverage, ...others] = report.coverage.apis;
    expect([coverage!.api, others]).toEqual(["willittrack", []]);
    expect(coverage!.exercised).toBeGreaterThanOrEqual(2);
    const missing = coverage!.missing.map((m) => `${m.operation} ${m.code}`);
    expect(missing).not.toContain("GET /keys invalid_api_key");
    expect(missing).not.toContain("GET /checks/{slug} not_found");
    expect(missing).toContain("GET /keys rate_limited");
    // The POST to a path with no such operation, the teapot's status and text body, the zipped unknown code.
    const rules = ["body-not-envelope", "code-unknown", "operation-unknown", "status-undeclared"];
    expect([...new Set(report.violations.map((v) => v.rule))].sort()).toEqual(rules);
    expect(io.stderr()).toMatch(/^wrote .*session\.har: 6 entries$/m);

    const again = capture(root);
    const server = ["--api", "willittrack", "--server", `${up.url}/v1`, "--format", "json"];
    expect(await verify([harFile, ...server], again)).toBe(1);
    const reread = JSON.parse(again.stdout()) as typeof report;
    expect([...new Set(reread.violations.map((v) => v.rule))].sort()).toEqual(rules);
    expect(reread.coverage).toEqual(report.coverage);

    const har = await readFile(harFile, "utf8");
    for (const text of [har, io.text()]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET.toUpperCase());
      expect(text).not.toContain(Buffer.from(SECRET).toString("base64").slice(4, 16));
    }
    expect(har).toMatch(/"name":"authorization","value":"\[redacted\]"/i);
    expect(har).toContain("Key [redacted] is not valid.");
  });
});

describe("npm run verify -- --proxy, upstream gone", () => {
  it.each(["GET", "POST"])("answers a %s 502 and says the upstream could not be reached", async (method) => {
    let stop: () => void = () => {};
    const io = capture(root, new Promise<void>((resolve) => (stop = resolve)));
    const exited = verify(["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack"], io);
    await until(() => /^proxy /m.test(io.stderr()));
    const proxyUrl = /^proxy {6}(\S+)/m.exec(io.stderr())![1]!;
    const response = await fetch(`${proxyUrl}/checks/a`, { method });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toMatch(/^The proxy could not reach http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    expect(io.stderr()).toMatch(new RegExp(`^unreachable {2}${method} http://127\\.0\\.0\\.1:9/v1/checks/a: `, "m"));
    stop();
    expect(await exited).toBe(0);
  });

  it.each([
    [["--proxy", "ftp://x"], /--proxy takes the upstream's http\(s\) URL/],
    [["--proxy", "api.willittrack.com/v1"], /--proxy takes the upstream's http\(s\) URL, .*not "api\.willittrack/],
    [["--proxy", "http://127.0.0.1:9", "a.har"], /--proxy checks live traffic: give no HAR file/],
    [["--proxy", "http://127.0.0.1:9", "--server", "http://x"], /--proxy checks live traffic: .*no --server/],
    [["--proxy", "http://127.0.0.1:9"], /http:\/\/127\.0\.0\.1:9 is no API's server URL: name the API with --api/],
    // The server URL's origin and path both: another scheme or version is another server.
    [["--proxy", "http://api.willittrack.com/v1"], /is no API's server URL: .*\(one of ittybit, willittrack\)\.$/m],
    [["--proxy", "https://api.willittrack.com/v2"], /https:\/\/api\.willittrack\.com is no API's server URL/],
    [
      ["--proxy", "http://127.0.0.1:9", "--api", "willittrack", "--har", "/no-such-folder/session.har"],
      /^Cannot write --har \/no-such-folder\/session\.har \(ENOENT\)\. Name a file in a folder that exists\.$/m,
    ],
    // A file where a folder should be.
    [
      ["--proxy", "http://127.0.0.1:9", "--api", "willittrack", "--har", `${root}/package.json/session.har`],
      /^Cannot write --har \S+\/package\.json\/session\.har \(ENOTDIR\)\. Name a file in a folder that exists\.$/m,
    ],
    // A name longer than the file system takes.
    [
      ["--proxy", "http://127.0.0.1:9", "--api", "willittrack", "--har", `${tmpdir()}/${"x".repeat(300)}.har`],
      /^Cannot write --har \S+\/x{300}\.har \(ENAMETOOLONG\)\. Name a file in a folder that exists\.$/m,
    ],
    ...["x", "1x", "x1", "65536"].map((port): [string[], RegExp] => [
      ["--proxy", "http://127.0.0.1:9", "--api", "willittrack", "--port", port],
      new RegExp(`^Not a port: "${port}"\\. Use --port <0-65535>\\.$`, "m"),
    ]),
  ])("exits 2 for %j", async (argv, says) => {
    const io = capture(root);
    expect(await verify(argv, io)).toBe(2);
    expect(io.stderr()).toMatch(says);
  });

  it("exits 2 for a --har that names a folder, before the session starts, and writes nothing", async () => {
    // It used to run the whole session, then fail on stop (the rename) with a stack, and print no summary.
    const parent = await mkdtemp(join(tmpdir(), "proxy-folder-"));
    const folder = join(parent, "out");
    await mkdir(folder);
    const io = capture(root, Promise.resolve());
    const argv = ["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack", "--har", folder];
    expect(await verify(argv, io).catch((error: Error) => error)).toBe(2);
    expect(io.stderr()).toBe(`Cannot write --har ${folder} (EISDIR). Name a file in a folder that exists.\n`);
    expect(await readdir(parent)).toEqual(["out"]);
  });
});

// Each test below runs a session of its own, from start to stop: the describe above builds on
// its tests (its summary is of their traffic), which a run of one test alone cannot check.
describe("npm run verify -- --proxy, a session per test", () => {
  const missing = willItTrackOperationError("GET /checks/{slug}", "not_found", { requestId: "req_missing" });
  const badPost = willItTrackOperationError("POST /checks", "missing_parameter", { requestId: "req_post" });

  it("sums up on stop: an entry per exchange in order, errors checked with headers, preflights skipped", async () => {
    const up = await upstreamWith((req, res) => {
      if (req.method === "OPTIONS") return void res.writeHead(204, { "Access-Control-Allow-Origin": "*" }).end();
      if (req.url === "/v1/checks/ok") return void res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
      if (req.url === "/v1/checks/missing") return send(res, missing);
      if (req.url === "/v1/checks") return send(res, badPost);
      res.writeHead(418).end("short and stout");
    });
    const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack"], async (at) => {
      await (await fetch(`${at}/checks/ok`)).text();
      await (await fetch(`${at}/checks/missing`)).text();
      await (await fetch(`${at}/checks`, { method: "POST", body: "{}" })).text();
      const preflight = { "Access-Control-Request-Method": "GET", Origin: "https://app.example.com" };
      await (await fetch(`${at}/checks/missing`, { method: "OPTIONS", headers: preflight })).text();
      await (await fetch(`${at}/checks/teapot`)).text();
    });
    await up.close();
    // The teapot's status is undeclared, and its body is no envelope: each said as it happens, with no request id.
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^violation {2}GET \/checks\/\{slug\} 418 \(no request id\) {2}status-undeclared: /),
      expect.stringMatching(/^violation {2}GET \/checks\/\{slug\} 418 \(no request id\) {2}body-not-envelope: /),
    ]);
    expect(lines.slice(2, 6)).toEqual([
      "willittrack",
      "  operation           requests  conforming  violations",
      "  GET /checks/{slug}         3           2  status-undeclared 1, body-not-envelope 1",
      "  POST /checks               1           1",
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}#4 willittrack GET \/checks\/\{slug\} 418 {2}status-undeclared: /),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}willittrack: 2 of \d+ documented errors exercised/));
    expect(lines).not.toContain("not checked");
    expect(lines.at(-2)).toBe("5 entries: 4 checked, 1 skipped (CORS preflight 1); 2 violation(s) in 1 response(s)");
    expect(run.stderr).not.toMatch(/^wrote /m);
    expect(run.code).toBe(1);
  });

  it("exits 0 when every error kept its contract", async () => {
    const up = await upstreamWith((_, res) => send(res, missing));
    const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack"], async (at) => {
      await (await fetch(`${at}/checks/missing`)).text();
    });
    await up.close();
    expect(run.stdout).toMatch(/^1 entries: 1 checked, 0 skipped; no violations$/m);
    expect(run.code).toBe(0);
  });

  // From 400 up: GET /checks/{slug} declares no 400, which adds status-undeclared, set aside here.
  it.each([404, 400])(
    "passes an error body over 1 MB through whole, unchecked, saying so; one of 1 MB exactly is checked (%i)",
    async (status) => {
      // Unknown codes both: a body the proxy checked shows as a violation.
      const sized = (size: number, code: string) => {
        const text = JSON.stringify({ error: { ...missing.body.error, code, message: "" } });
        return text.replace('"message":""', `"message":"${"m".repeat(size - text.length)}"`);
      };
      const bodies: Record<string, string> = {
        "/v1/checks/exact": sized(MAX_CHECKED_BODY, "gone_exact"),
        "/v1/checks/over": sized(MAX_CHECKED_BODY + 1, "gone_over"),
      };
      const up = await upstreamWith((req, res) =>
        res.writeHead(status, { ...missing.headers, "Content-Type": "application/json" }).end(bodies[req.url ?? ""]),
      );
      const received: number[] = [];
      const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack", "--format", "json"], async (at) => {
        for (const path of ["exact", "over"])
          received.push((await (await fetch(`${at}/checks/${path}`)).text()).length);
      });
      await up.close();
      expect(received).toEqual([MAX_CHECKED_BODY, MAX_CHECKED_BODY + 1]);
      const checked = run.report.violations.filter((v) => v.rule !== "status-undeclared");
      expect(checked.map((v) => [v.entry, v.rule, v.message.includes("gone_exact")])).toEqual([
        [0, "code-unknown", true],
      ]);
      const note = `the body (${MAX_CHECKED_BODY + 1} bytes) was larger than the proxy checks`;
      expect(run.report.notes.map((n) => [n.entry, n.note])).toEqual([
        [1, `${note}; the body's rules were not checked`],
      ]);
    },
  );

  const gone = JSON.stringify({ error: { ...missing.body.error, code: "gone_fishing" } });
  it.each([
    ["gzip", gzipSync(gone), "code-unknown"],
    ["GZip", gzipSync(gone), "code-unknown"],
    ["deflate", deflateSync(gone), "code-unknown"],
    ["br", brotliCompressSync(gone), "code-unknown"],
    ["identity", Buffer.from(gone), "code-unknown"],
    // Not gzip at all: read as it came, which is no envelope.
    ["gzip", Buffer.from("plain text"), "body-not-envelope"],
  ])("reads an error body with Content-Encoding %s as the client does (%#)", async (encoding, body, rule) => {
    const up = await upstreamWith((_, res) =>
      res
        .writeHead(404, { ...missing.headers, "Content-Type": "application/json", "Content-Encoding": encoding })
        .end(body),
    );
    const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack", "--format", "json"], async (at) => {
      await (await fetch(`${at}/checks/a`)).arrayBuffer().catch(() => {});
    });
    await up.close();
    expect(run.report.violations.map((v) => v.rule)).toEqual([rule]);
  });

  it("reads a header sent twice as verify reads it from the HAR: the values joined with a comma", async () => {
    // The first id alone would match the body's, the last alone too: only the two joined do not.
    const up = await upstreamWith((_, res) =>
      res
        .writeHead(404, [
          "Content-Type",
          "application/json",
          "X-Request-Id",
          "req_missing",
          "X-Request-Id",
          "req_missing",
        ])
        .end(JSON.stringify(missing.body)),
    );
    const file = join(await mkdtemp(join(tmpdir(), "proxy-twice-")), "session.har");
    const argv = ["--proxy", `${up.url}/v1`, "--api", "willittrack", "--format", "json"];
    const run = await session([...argv, "--har", file], async (at) => {
      await (await fetch(`${at}/checks/missing`)).text();
    });
    await up.close();
    const again = capture(root);
    expect(await verify([file, "--api", "willittrack", "--server", `${up.url}/v1`, "--format", "json"], again)).toBe(1);
    const reread = JSON.parse(again.stdout()) as Summary;
    expect(run.report.violations).toEqual(reread.violations);
    expect(run.report.violations.map((v) => [v.rule, v.message.includes("req_missing, req_missing")])).toEqual([
      ["request-id-mismatch", true],
    ]);
  });

  it("keeps hop-by-hop headers on their hop, and passes every other header both ways", async () => {
    const up = await upstreamWith((_, res) =>
      res.writeHead(200, { "Proxy-Authenticate": 'Basic realm="hop"', "X-Served": "yes" }).end("{}"),
    );
    const headers = { "Proxy-Authorization": "Basic aG9wOmhvcA==", TE: "trailers", "X-Kept": "yes" };
    let got: IncomingMessage["headers"] = {};
    await session(["--proxy", `${up.url}/v1`, "--api", "willittrack"], async (at) => {
      got = await new Promise((resolve, reject) =>
        httpRequest(`${at}/checks/a`, { headers }, (res) => res.resume().on("end", () => resolve(res.headers)))
          .on("error", reject)
          .end(),
      );
    });
    await up.close();
    const sent = up.seen[0]!.headers;
    expect([sent["x-kept"], sent["proxy-authorization"], sent.te]).toEqual(["yes", undefined, undefined]);
    expect([got["x-served"], got["proxy-authenticate"]]).toEqual(["yes", undefined]);
  });

  it.each(["/v1", "/v1/", "/v1//"])("forwards below the upstream's base path %s", async (base) => {
    const up = await upstreamWith((_, res) => send(res, missing));
    await session(["--proxy", `${up.url}${base}`, "--api", "willittrack"], async (at) => {
      await (await fetch(`${at}/checks/missing?x=1`)).text();
    });
    await up.close();
    expect(up.seen.map((r) => r.url)).toEqual(["/v1/checks/missing?x=1"]);
  });

  it.each(["/v1/", "/v1//"])("finds the API by its server URL when --api is not given (as %s)", async (base) => {
    const run = await session(["--proxy", `https://api.willittrack.com${base}`], async () => {});
    expect(run.stderr).toMatch(
      new RegExp(
        `^proxy {6}http://127\\.0\\.0\\.1:\\d+ -> https://api\\.willittrack\\.com${base} \\(willittrack\\);`,
        "m",
      ),
    );
    expect(run.code).toBe(0);
  });

  it("speaks TLS to an https upstream: a plain HTTP server there gets nothing it can read", async () => {
    const up = await upstreamWith((_, res) => send(res, missing));
    let status = 0;
    const run = await session(
      ["--proxy", `${up.url.replace("http:", "https:")}/v1`, "--api", "willittrack"],
      async (at) => {
        status = (await fetch(`${at}/checks/missing`)).status;
      },
    );
    await up.close();
    expect([status, up.seen]).toEqual([502, []]);
    expect(run.stderr).toMatch(/^unreachable {2}GET https:\/\/127\.0\.0\.1:\d+\/v1\/checks\/missing: /m);
  });

  it("listens on the --port given, on loopback only, and on no port once stopped", async () => {
    const port = await freePort();
    const run = await session(
      ["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack", "--port", String(port)],
      async (at) => {
        expect(at).toBe(`http://127.0.0.1:${port}`);
        expect(await connects("127.0.0.1", port)).toBe(true);
        expect(await connects("::1", port)).toBe(false);
      },
    );
    expect(run.code).toBe(0);
    expect(await connects("127.0.0.1", port)).toBe(false);
  });

  it("takes --port 65535, the highest port", async () => {
    const io = capture(root, Promise.resolve());
    const code = await verify(["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack", "--port", "65535"], io);
    // Listened there, or found it taken: either way read as a port.
    expect(io.stderr()).toMatch(/^(proxy {6}http:\/\/127\.0\.0\.1:65535 |Port 65535 is in use\.)/m);
    expect(code).toBe(io.stderr().includes("in use") ? 2 : 0);
  });

  it.each([true, false])(
    "exits 2 for a --port that is taken, says so, and leaves no HAR behind (--har: %s)",
    async (har) => {
      const taken = createNetServer().listen(0, "127.0.0.1");
      await once(taken, "listening");
      const { port } = taken.address() as AddressInfo;
      const folder = await mkdtemp(join(tmpdir(), "proxy-taken-"));
      const io = capture(root);
      const argv = ["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack", "--port", String(port)];
      const code = await verify([...argv, ...(har ? ["--har", join(folder, "session.har")] : [])], io);
      taken.close();
      expect(io.stderr()).toBe(
        `Port ${port} is in use. Stop what listens there, or pick another port: --port <n> (0 for any free one).\n`,
      );
      expect(code).toBe(2);
      expect(await readdir(folder)).toEqual([]);
    },
  );

  it("stops though a client holds a connection open without sending a request", async () => {
    let port = 0;
    const silent = new Socket();
    const run = await session(["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack"], async (at) => {
      port = Number(new URL(at).port);
      silent.connect(port, "127.0.0.1");
      await once(silent, "connect");
    });
    expect(run.code).toBe(0);
    expect(await connects("127.0.0.1", port)).toBe(false);
    silent.destroy();
  });

  it("breaks off the client's response when the upstream breaks off its own, and still stops", async () => {
    const up = await upstreamWith((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"data":');
      setTimeout(() => req.socket.destroy(), 50);
    });
    let read: string | Error = "";
    const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack"], async (at) => {
      const response = await fetch(`${at}/checks/a`);
      read = await response.text().catch((error: Error) => error);
    });
    await up.close();
    expect(read).toBeInstanceOf(Error);
    expect(run.code).toBe(0);
  });

  it("writes with --har each exchange: status text, content type, sizes, time, and an error's body alone", async () => {
    const up = await upstreamWith((req, res) => {
      const key = String(req.headers.authorization).replace(/^Bearer /, "");
      if (req.url === "/v1/checks/ok") {
        // A success that echoes the key in a header: the HAR keeps the response's headers.
        return void res.writeHead(200, { "Content-Type": "application/json", "X-Echo": key }).end('{"data":{}}');
      }
      if (req.url === "/v1/checks/bare") return void res.writeHead(204).end();
      res.writeHead(418, "I'm a teapot", { "Content-Type": "text/plain" }).end("short and stout");
    });
    const file = join(await mkdtemp(join(tmpdir(), "proxy-har-")), "session.har");
    const began = performance.now();
    const argv = ["--proxy", `${up.url}/v1`, "--api", "willittrack", "--har", file];
    const run = await session(argv, async (at) => {
      const headers = { Authorization: `Bearer ${SECRET}` };
      for (const path of ["ok", "bare", "teapot"]) await (await fetch(`${at}/checks/${path}`, { headers })).text();
    });
    const elapsed = performance.now() - began;
    await up.close();
    expect(run.stderr).toMatch(new RegExp(`^wrote ${file.replaceAll(/[.\\/]/g, "\\$&")}: 3 entries$`, "m"));
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(SECRET);
    const { entries } = (JSON.parse(text) as { log: { entries: HarEntryJson[] } }).log;
    expect(entries.map((e) => [e.request.url, e.response.status, e.response.statusText])).toEqual([
      [`${up.url}/v1/checks/ok`, 200, "OK"],
      [`${up.url}/v1/checks/bare`, 204, "No Content"],
      [`${up.url}/v1/checks/teapot`, 418, "I'm a teapot"],
    ]);
    // HAR 1.2's mimeType is a string: empty for a response that gave no Content-Type.
    expect(entries.map((e) => e.response.content)).toEqual([
      { size: 11, mimeType: "application/json", comment: "not recorded: only error bodies are kept" },
      { size: 0, mimeType: "", comment: "not recorded: only error bodies are kept" },
      { size: 15, mimeType: "text/plain", text: "short and stout" },
    ]);
    expect(entries[0]!.response.headers).toContainEqual({ name: "X-Echo", value: "[redacted]" });
    expect(entries[0]!.request.headers).toContainEqual({ name: "Authorization", value: "[redacted]" });
    for (const entry of entries) {
      expect(entry.time).toBeGreaterThanOrEqual(0);
      expect(entry.time).toBeLessThanOrEqual(elapsed);
    }
  });

  it.each([400, 404])("keeps the key out of a violation at status %i that quotes it", async (status) => {
    const up = await upstreamWith((req, res) => {
      const key = String(req.headers.authorization).replace(/^Bearer /, "");
      const error = willItTrackOperationError("GET /keys", "invalid_api_key", { requestId: "req_keys" });
      res.writeHead(status, { ...error.headers, "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { ...error.body.error, code: `bad_${key}` } }));
    });
    const run = await session(["--proxy", `${up.url}/v1`, "--api", "willittrack"], async (at) => {
      await (await fetch(`${at}/keys`, { headers: { Authorization: `Bearer ${SECRET}` } })).text();
    });
    await up.close();
    expect(run.stdout).toMatch(/^violation {2}GET \/keys .*bad_\[redacted\]/m);
    expect(run.text).not.toContain(SECRET);
  });
});

interface HarEntryJson {
  time: number;
  request: { url: string; headers: { name: string; value: string }[] };
  response: { status: number; statusText: string; headers: { name: string; value: string }[]; content: object };
}

/** What `--format json` prints on stop. */
interface Summary {
  violations: { entry: number; rule: string; message: string }[];
  notes: { entry: number; note: string }[];
}

/** A loopback upstream answering with `handle`; what it was sent, in order. */
async function upstreamWith(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Upstream["seen"] = [];
  const server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
    handle(req, res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/**
 * `npm run verify -- --proxy …` from start to stop: `traffic` runs against the proxy's URL, then
 * the proxy is stopped; what it printed, its summary (with `--format json`) and its exit code.
 */
async function session(argv: readonly string[], traffic: (proxyUrl: string) => Promise<void>) {
  let stop: () => void = () => {};
  const io = capture(root, new Promise<void>((resolve) => (stop = resolve)));
  const exited = verify(argv, io);
  let ended = false;
  exited.then(
    () => (ended = true),
    () => (ended = true),
  );
  const started = /^proxy {6}(http:\/\/127\.0\.0\.1:\d+)/m;
  while (!started.test(io.stderr())) {
    if (ended) throw new Error(`verify ended before its proxy started:\n${io.stderr()}`);
    await new Promise((next) => setTimeout(next, 10));
  }
  try {
    await traffic(started.exec(io.stderr())![1]!);
  } finally {
    stop();
  }
  const code = await exited;
  const stdout = io.stdout();
  const json = stdout.indexOf("{\n");
  const report = (json < 0 ? undefined : JSON.parse(stdout.slice(json))) as Summary;
  return { code, stdout, stderr: io.stderr(), text: io.text(), report };
}

async function freePort(): Promise<number> {
  const server = createNetServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, host);
  });
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((next) => setTimeout(next, 10));
  }
}
