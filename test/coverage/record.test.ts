// Recording for consumer coverage: off unless API_ERROR_COVERAGE names a folder, one file per
// process and thread, each distinct record appended once, nothing ever thrown at a test; and, in
// a process of its own (the variable is read as the module loads), every place the test kit and
// the client meet an error records it.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import { beforeAll, describe, expect, it } from "vitest";
import { COVERAGE_VARIABLE, errorRecorder, type RecordingProcess } from "../../src/coverage/record.js";

const root = resolve(import.meta.dirname, "../..");
const node = (id: string): unknown => process.getBuiltinModule(id);
const processWith = (env: Record<string, string>, getBuiltinModule: RecordingProcess["getBuiltinModule"] = node) => ({
  pid: 4242,
  env,
  getBuiltinModule,
});
const lines = (file: string) =>
  readFileSync(file, "utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("errorRecorder", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "coverage-"));
  });

  it.each([
    ["no process (a browser)", undefined],
    ["no variable", processWith({})],
    ["an empty variable", processWith({ [COVERAGE_VARIABLE]: "" })],
  ])("is off, touching no module, with %s", (_, process) => {
    const asked: string[] = [];
    const spy = process && { ...process, getBuiltinModule: (id: string) => asked.push(id) };
    errorRecorder(spy)("a", "GET /x", 404, "gone");
    expect(asked).toEqual([]);
  });

  it("is off where the runtime cannot lend it node:fs (no getBuiltinModule)", () => {
    const into = join(folder, "never");
    errorRecorder({ pid: 1, env: { [COVERAGE_VARIABLE]: into } })("a", "GET /x", 404, "gone");
    expect(existsSync(into)).toBe(false);
  });

  it("appends each distinct record once, as a JSON line, to the file of its process and thread", () => {
    const into = join(folder, "nested", "runs");
    const record = errorRecorder(processWith({ [COVERAGE_VARIABLE]: `${into}/` }));
    record("tasks", "GET /tasks/{id}", 404, "task_not_found");
    record("tasks", "GET /tasks/{id}", 404, "task_not_found");
    record("tasks", "GET /tasks/{id}", 500, undefined);
    record("tasks", "GET /tasks/{id}", 502, { not: "a code" });
    record(undefined, "GET /tasks/{id}", 404, "task_not_found");
    expect(readdirSync(into)).toEqual([`4242-${threadId}.jsonl`]);
    expect(lines(join(into, `4242-${threadId}.jsonl`))).toEqual([
      { api: "tasks", operation: "GET /tasks/{id}", status: 404, code: "task_not_found" },
      { api: "tasks", operation: "GET /tasks/{id}", status: 500, code: null },
      { api: "tasks", operation: "GET /tasks/{id}", status: 502, code: null },
    ]);
  });

  it("never throws: a folder that cannot be made, or a write that fails, records nothing", () => {
    const file = join(folder, "a-file");
    writeFileSync(file, "");
    expect(() =>
      errorRecorder(processWith({ [COVERAGE_VARIABLE]: join(file, "under") }))("a", "GET /x", 404, "x"),
    ).not.toThrow();
    const failing = (id: string) =>
      id === "node:fs"
        ? {
            mkdirSync: () => undefined,
            appendFileSync: () => {
              throw new Error("ENOSPC");
            },
          }
        : node(id);
    const record = errorRecorder(processWith({ [COVERAGE_VARIABLE]: folder }, failing));
    expect(() => record("a", "GET /x", 404, "x")).not.toThrow();
  });
});

describe("the test kit and the client, recording", () => {
  // One process (about half a second): API_ERROR_COVERAGE is read as the module loads.
  it("record each error a builder, a route, a sequence and an MSW handler simulate, and each delivered", async () => {
    if (!existsSync(join(root, "dist/generated/ittybit/testing.js"))) throw new Error("run `npm run generate` first");
    const folder = await mkdtemp(join(tmpdir(), "coverage-"));
    const script = `
      import { setupServer } from "msw/node";
      import { createIttybitClient } from "./dist/generated/ittybit/index.js";
      import { ittybitErrorResponse, mockIttybitFetch } from "./dist/generated/ittybit/testing.js";
      import { ittybitErrorHandler } from "./dist/generated/ittybit/testing-msw.js";
      import { willItTrackErrorResponse } from "./dist/generated/willittrack/testing.js";
      ittybitErrorResponse("GET /automations", 400);
      willItTrackErrorResponse("GET /checks/{slug}", "not_found");
      const custom = new Response(JSON.stringify({ kind: "payment_required", message: "Pay." }), { status: 402 });
      const fetch = mockIttybitFetch({
        "GET /tasks/{id}": ["task_not_found", 503],
        "GET /runs/{id}": custom,
      });
      const client = createIttybitClient({ apiKey: "ittybit_test_key", fetch, retry: false });
      const get = (path, id) => client.GET(path, { params: { path: { id } } });
      const seen = [await get("/tasks/{id}", "t"), await get("/tasks/{id}", "t"), await get("/runs/{id}", "r")];
      const server = setupServer(ittybitErrorHandler("GET /events/{id}", "token_invalid"));
      server.listen({ onUnhandledRequest: "error" });
      const plain = createIttybitClient({ apiKey: "ittybit_test_key", retry: false });
      seen.push(await plain.GET("/events/{id}", { params: { path: { id: "e" } } }));
      server.close();
      console.log(JSON.stringify(seen.map(({ error }) => error.kind)));
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, [COVERAGE_VARIABLE]: folder },
    });
    // What the test sees is what it would see without recording.
    expect(JSON.parse(out)).toEqual(["task_not_found", "undocumented", "payment_required", "token_invalid"]);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d+-0\.jsonl$/);
    const records = lines(join(folder, files[0]!)).map((r) => `${r.api} ${r.operation} ${r.status} ${r.code}`);
    expect(records.sort()).toEqual([
      "ittybit GET /automations 400 undocumented",
      "ittybit GET /events/{id} 401 token_invalid",
      "ittybit GET /runs/{id} 402 payment_required",
      "ittybit GET /tasks/{id} 404 task_not_found",
      "ittybit GET /tasks/{id} 503 undocumented",
      "willittrack GET /checks/{slug} 404 not_found",
    ]);
  });
});
