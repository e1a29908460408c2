// `npm run verify -- --proxy` in-process, between a client and a local upstream with planted
// violations: the proxy's root stands for the upstream's base URL (`<proxy>/checks/a` is
// `<upstream>/v1/checks/a`), every request is forwarded unchanged, success bodies stream as they come,
// each violation printed as it happens with its request id, and on stop the summary, the exit
// code and a HAR that `verify` reads back, with no credential anywhere in what it printed or wrote.
import { once } from "node:events";
import { mkdtemp, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWillItTrackClient } from "../../generated/willittrack/index.js";
import { willItTrackOperationError } from "../../generated/willittrack/server.js";
import { verify } from "../../scripts/verify/cli.js";
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
  const seen: Upstream["seen"] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const server: Server = createServer(async (req, res) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
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
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    release: () => release(),
    close: () => new Promise((done) => server.close(() => done())),
  };
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

  it("on stop prints the summary as JSON, writes a HAR that verify reads the same, and exits 1", async () => {
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
  it("answers 502 and says the upstream could not be reached", async () => {
    let stop: () => void = () => {};
    const io = capture(root, new Promise<void>((resolve) => (stop = resolve)));
    const exited = verify(["--proxy", "http://127.0.0.1:9/v1", "--api", "willittrack"], io);
    await until(() => /^proxy /m.test(io.stderr()));
    const proxyUrl = /^proxy {6}(\S+)/m.exec(io.stderr())![1]!;
    const response = await fetch(`${proxyUrl}/checks/a`);
    expect(response.status).toBe(502);
    expect(await response.text()).toMatch(/^The proxy could not reach http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    expect(io.stderr()).toMatch(/^unreachable {2}GET http:\/\/127\.0\.0\.1:9\/v1\/checks\/a: /m);
    stop();
    expect(await exited).toBe(0);
  });

  it.each([
    [["--proxy", "ftp://x"], /--proxy takes the upstream's http\(s\) URL/],
    [["--proxy", "http://127.0.0.1:9", "a.har"], /--proxy checks live traffic: give no HAR file/],
    [["--proxy", "http://127.0.0.1:9"], /http:\/\/127\.0\.0\.1:9 is no API's server URL: name the API with --api/],
    [["--proxy", "http://127.0.0.1:9", "--api", "willittrack", "--port", "x"], /Not a port: "x"/],
  ])("exits 2 for %j", async (argv, says) => {
    const io = capture(root);
    expect(await verify(argv, io)).toBe(2);
    expect(io.stderr()).toMatch(says);
  });
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((next) => setTimeout(next, 10));
  }
}
