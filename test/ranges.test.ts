// A spec whose operations declare status ranges (`4XX`, `5XX`) and `default` beside exact
// statuses, end to end: the lint accepts it, the model reads the ranges, the generated tables
// carry them, the generated client classifies real responses over HTTP on loopback (an exact
// status wins over its range, a range over `default`), and the docs render them.
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readContracts } from "../scripts/contract/index.js";
import { errorPagePath } from "../src/docs-anchor.js";
import { lintAll } from "../scripts/lint/index.js";
import type { OutputFile } from "../scripts/output.js";
import { produce } from "../scripts/generate/run.js";

const root = resolve(import.meta.dirname, "..");
const configPath = resolve(import.meta.dirname, "fixtures/ranges/redocly.yaml");

let files: OutputFile[];
let dir: string;
let server: Server;
let baseUrl: string;

const text = (path: string): string => String(files.find((f) => f.path === path)?.content ?? "");

beforeAll(async () => {
  files = await produce({ configPath });
  // The generated client imports the runtime as ../../src/client; a link gives it the project's.
  dir = await mkdtemp(join(tmpdir(), "ranges-"));
  for (const file of files) {
    await mkdir(dirname(join(dir, file.path)), { recursive: true });
    await writeFile(join(dir, file.path), file.content);
  }
  await symlink(join(root, "src"), join(dir, "src"));
  // A request with `x-answer: <status>-<code>` gets that status and an envelope with that code.
  server = createServer((request, response) => {
    const [status, code] = String(request.headers["x-answer"]).split("-");
    response
      .writeHead(Number(status), { "content-type": "application/json" })
      .end(JSON.stringify({ code, message: "m" }));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a spec with status ranges", () => {
  it("passes the lint with no error", async () => {
    const findings = await lintAll(configPath, { rulesetPath: resolve(root, ".spectral.yaml") });
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("reads each range and default as a status of its own, with its codes and headers", async () => {
    const [contract] = await readContracts(configPath);
    const errors = (key: string) => contract!.operations.find((o) => o.key === key)?.errors;
    expect(errors("GET /things/{id}")).toEqual([
      { status: "404", codes: ["thing_missing"], open: false, headers: [] },
      {
        status: "4XX",
        codes: ["bad_input"],
        open: false,
        headers: [{ name: "Retry-After", required: false, example: "3" }],
      },
      { status: "default", codes: [], open: true, headers: [] },
    ]);
    expect(errors("GET /things")?.map((e) => e.status)).toEqual(["4XX", "5XX"]);
  });

  it("writes the ranges, headers and inferred marks into the one operation table and the catalog", () => {
    const module = text("generated/ranges/errors.ts");
    expect(module).toMatch(/"4XX": \{\s*codes: \["bad_input"\],/);
    expect(module).toContain('"Retry-After": { required: false, example: "3" }');
    expect(module).toContain('inferred: "The fixture\'s docs give no status for this code; 503 is assumed."');
    const json = JSON.parse(text("generated/ranges/errors.json")) as { errors: { code: string; inferred?: string }[] };
    expect(json.errors.find((e) => e.code === "unavailable")?.inferred).toMatch(/503 is assumed/);
    expect(json.errors.find((e) => e.code === "thing_missing")).not.toHaveProperty("inferred");
    expect(text("generated/ranges/client.ts")).toContain("operations: rangesOperationErrors,");
  });

  it.each([
    // operation, status-code, reason
    ["/things/{id}", "404-thing_missing", "known"],
    ["/things/{id}", "404-bad_input", "unknown_code"], // the exact 404 wins over 4XX
    ["/things/{id}", "401-bad_input", "known"], // 4XX covers 401
    ["/things/{id}", "429-bad_input", "known"],
    ["/things/{id}", "503-unavailable", "unknown_code"], // default: the open envelope
    ["/things/{id}", "302-x", "unknown_code"],
    ["/things", "503-unavailable", "known"], // 5XX
    ["/things", "500-unavailable", "known"],
    ["/things", "404-bad_input", "known"],
  ])("GET %s answered %s is %s", async (path, answer, reason) => {
    const { createRangesClient } = (await import(pathToFileURL(join(dir, "generated/ranges/index.ts")).href)) as {
      createRangesClient: (options: object) => {
        GET: (path: string, init?: object) => Promise<{ error?: Record<string, unknown> }>;
      };
    };
    const client = createRangesClient({ baseUrl, retry: false, headers: { "x-answer": answer } });
    const { error } = await client.GET(path, { params: { path: { id: "1" } } });
    const [status, code] = answer.split("-");
    expect(error).toMatchObject({ reason, status: Number(status), code });
  });

  it("renders the ranges in the docs and gives each code its page, inferred marked", () => {
    const page = text("generated/docs/ranges.html");
    expect(page).toContain("4XX (any other 4xx status)");
    expect(page).toContain("default (any other status)");
    const unavailable = text(`generated/docs/${errorPagePath("ranges", "unavailable")}`);
    expect(unavailable).toContain(
      "<strong>Inferred:</strong> The fixture&#39;s docs give no status for this code; 503 is assumed.",
    );
    expect(unavailable).not.toMatch(/<script/i);
    expect(text(`generated/docs/${errorPagePath("ranges", "thing_missing")}`)).not.toContain("Inferred");
  });
});
